/**
 * Agencies named in a lead or partner cell (split by src/plan/leads), matched to units by name,
 * short name or alias, tone- and diacritic-blind, with the abbreviations offices write (UBND, HĐND,
 * MTTQ, KH&CN…).
 */
import { foldKey } from "../text/vietnamese";

/** A collective: stands for many bodies and is never one unit ("các sở, ban, ngành liên quan"). */
export function isCollective(name: string): boolean {
  const k = foldKey(name);
  return /(?:^| )cac /.test(k) || /(?:^| )lien quan(?:$| )/.test(k);
}

// The splitter is shared with the book reader and the built-in plan: one rule for a lead cell.
export { splitAgencies } from "../plan/leads";

/** Abbreviations on the folded key, whole words only. */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bubmttq\b/g, "uy ban mat tran to quoc"],
  [/\bmttq\b/g, "mat tran to quoc"],
  [/\bubnd\b/g, "uy ban nhan dan"],
  [/\bhdnd\b/g, "hoi dong nhan dan"],
  [/\bubkt\b/g, "uy ban kiem tra"],
  [/\bkh&cn\b|\bkhcn\b/g, "khoa hoc va cong nghe"],
  [/\bkh&dt\b|\bkhdt\b/g, "ke hoach va dau tu"],
  [/\bgd&dt\b|\bgddt\b/g, "giao duc va dao tao"],
  [/\bnn&ptnt\b|\bnnptnt\b/g, "nong nghiep va phat trien nong thon"],
  [/\btn&mt\b|\btnmt\b/g, "tai nguyen va moi truong"],
  [/\btt&tt\b|\btttt\b/g, "thong tin va truyen thong"],
  [/\bvh,tt&dl\b|\bvhtt&dl\b|\bvhttdl\b/g, "van hoa, the thao va du lich"],
  [/\bld-tb&xh\b|\bldtbxh\b/g, "lao dong-thuong binh va xa hoi"],
  [/\bct-xh\b/g, "chinh tri-xa hoi"],
  [/\bbch\b/g, "ban chap hanh"],
  [/\bbtv\b/g, "ban thuong vu"],
  [/\bvptu\b/g, "van phong tinh uy"],
  [/\btw\b/g, "trung uong"],
];

/** The key agencies are matched on: folded, abbreviations spelled out, "Việt Nam" after MTTQ dropped. */
export function agencyKey(name: string): string {
  let k = foldKey(name);
  for (const [re, full] of ABBREVIATIONS) k = k.replace(re, full);
  return k
    .replace(/&/g, " va ")
    .replace(/mat tran to quoc viet nam/g, "mat tran to quoc")
    .replace(/\s+/g, " ")
    .trim();
}

/** Every-commune bodies by wording: a lead at xã/phường level stands for each commune unit. */
export function isCommuneLevel(name: string): boolean {
  const k = agencyKey(name);
  return /\bxa,phuong\b|\bxa, phuong\b|\bcap xa\b|\bcac xa\b|\bxa, phuong, dac khu\b/.test(k);
}

export interface NameIndex<T> {
  find(name: string): T | undefined;
}

/** An index of names → values; a name with a trailing "tỉnh" also finds the bare name and back. */
export function nameIndex<T>(entries: Iterable<[string, T]>): NameIndex<T> {
  const map = new Map<string, T>();
  for (const [name, value] of entries) {
    const k = agencyKey(name);
    if (k && !map.has(k)) map.set(k, value);
  }
  return {
    find(name) {
      const k = agencyKey(name);
      return map.get(k) ?? map.get(k.replace(/ tinh$/, "")) ?? map.get(`${k} tinh`);
    },
  };
}
