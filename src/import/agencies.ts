/**
 * Agencies named in a lead or partner cell: split ("/", ";", ",", " và ") without breaking a name
 * ("Sở Khoa học và Công nghệ", "Ban xây dựng Đảng các Đảng ủy xã, phường") or a collective ("các
 * sở, ban, ngành"), then matched to units by name, short name or alias, tone- and diacritic-blind,
 * with the abbreviations offices write (UBND, HĐND, MTTQ, KH&CN…).
 */
import { foldKey } from "../text/vietnamese";

/** Words that start an agency's name: a part starting with one (capitalised) is a new agency. */
const AGENCY_HEADS =
  /^(?:sở|ban|bộ|ủy ban|uỷ ban|ubnd|hđnd|ubmttq|mttq|ubkt|trường|trung tâm|đảng ủy|đảng uỷ|đảng đoàn|ban cán sự|hội|tỉnh đoàn|thành đoàn|đoàn|công an|bộ chỉ huy|văn phòng|vp|liên đoàn|báo|đài|cục|chi cục|kho bạc|ngân hàng|tòa án|toà án|viện|thanh tra|học viện|đại học|tổng cục|tổng công ty|công ty|quỹ|bảo hiểm|hội đồng|thường trực|cơ quan|các|chính phủ|quốc hội|tỉnh ủy|tỉnh uỷ|thành ủy|huyện ủy|lực lượng|bch|btv)(?=$|[\s,.;:)])/iu;

function startsAgency(part: string): boolean {
  const t = part.trim();
  if (!t) return false;
  // Capitalised head ("Ban …", "UBND …") or a collective ("các sở, ban, ngành").
  return (/^\p{Lu}/u.test(t) && AGENCY_HEADS.test(t)) || /^các\s/iu.test(t);
}

/** A collective: stands for many bodies and is never one unit ("các sở, ban, ngành liên quan"). */
export function isCollective(name: string): boolean {
  const k = foldKey(name);
  return /(?:^| )cac /.test(k) || /(?:^| )lien quan(?:$| )/.test(k);
}

/** Splits a cell into agencies; a part that does not start like an agency stays with the one before. */
export function splitAgencies(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n/))
    for (const chunk of line.replace(/^\s*[-•+*]\s*/, "").split(/[/;]/)) {
      const pieces = chunk.split(/(,\s*|\s+và\s+)/u);
      let current = pieces[0] ?? "";
      let inCollective = /^\s*các\s/iu.test(current);
      for (let i = 1; i < pieces.length; i += 2) {
        const sep = pieces[i]!;
        const next = pieces[i + 1] ?? "";
        // Inside a collective only another collective or a capitalised agency starts anew.
        const starts = startsAgency(next) && !(inCollective && !/^\p{Lu}/u.test(next.trim()));
        if (starts) {
          out.push(current);
          current = next;
          inCollective = /^\s*các\s/iu.test(next);
        } else current += sep + next;
      }
      out.push(current);
    }
  return out
    .map((p) =>
      p
        .trim()
        .replace(/[.,;]+$/, "")
        .trim(),
    )
    .filter((p) => p !== "");
}

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
