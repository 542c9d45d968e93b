/**
 * Units named inside a longer text: a letterhead ("ĐẢNG ỦY XÃ KENG ĐU", "UBND PHƯỜNG VINH HƯNG")
 * or a file name ("bao-cao-xa-keng-du.xls", "SNV_6thang.ods"). Whole words only, the longest name
 * wins over a name it contains ("Xã Nghi Lộc Đông" over "Xã Nghi Lộc"), and more than one unit
 * means none: a guess is never made.
 */
import type { Plan, Unit } from "../../plan/types";
import { foldKey, toneKey } from "../../text/vietnamese";
import { META_SHEET } from "../../workbook/identity";
import type { ReadWorkbook } from "../../xlsx/read";

interface NameKeys {
  unit: Unit;
  tone: string[];
  fold: string[];
}

const cache = new WeakMap<Plan, NameKeys[]>();

function keysOf(plan: Plan): NameKeys[] {
  let keys = cache.get(plan);
  if (!keys) {
    keys = plan.units
      .filter((u) => plan.assignments.has(u.code))
      .map((unit) => {
        const names = [unit.name, ...(unit.aliases ?? [])];
        return { unit, tone: names.map((n) => toneKey(n)), fold: names.map((n) => foldKey(n)) };
      });
    cache.set(plan, keys);
  }
  return keys;
}

/** Word-bounded containment on space-separated keys. */
function containsPhrase(haystack: string, needle: string): boolean {
  return needle !== "" && ` ${haystack} `.includes(` ${needle} `);
}

function single(found: { unit: Unit; length: number }[]): Unit | null {
  // Drop a name contained in a longer match ("Xã Nghi Lộc" inside "Xã Nghi Lộc Đông").
  const units = [...new Set(found.map((f) => f.unit))];
  if (units.length <= 1) return units[0] ?? null;
  const longest = Math.max(...found.map((f) => f.length));
  const top = [...new Set(found.filter((f) => f.length === longest).map((f) => f.unit))];
  return top.length === 1 ? top[0]! : null;
}

/** The one unit a heading names, tones respected (a letterhead is typed in Vietnamese); else null. */
export function unitNamedInHeading(plan: Plan, text: string): Unit | null {
  const t = toneKey(text.replace(/[,;:()]/g, " "));
  const found: { unit: Unit; length: number }[] = [];
  for (const k of keysOf(plan))
    for (const name of k.tone) if (containsPhrase(t, name)) found.push({ unit: k.unit, length: name.length });
  return single(found);
}

/**
 * The one unit a file name names: its code as a word ("SNV", "16822"), else its name without
 * diacritics (file names are often typed without them, with "-" or "_" for spaces); else null.
 */
export function unitNamedInFileName(plan: Plan, path: string): Unit | null {
  // Only the file itself: "thu-zalo.zip › Xa Keng Du/bao cao.xls" names the folder's unit too.
  const base = path
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .split(/[›]/)
    .pop()!
    .replace(/\\/g, "/");
  const words = base.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
  const keys = keysOf(plan);
  const byCode = keys.filter((k) => words.some((w) => w.toUpperCase() === k.unit.code.toUpperCase()));
  if (byCode.length === 1) return byCode[0]!.unit;
  if (byCode.length > 1) return null;
  const text = foldKey(words.join(" "));
  const found: { unit: Unit; length: number }[] = [];
  for (const k of keys)
    for (const name of k.fold) if (containsPhrase(text, name)) found.push({ unit: k.unit, length: name.length });
  return single(found);
}

/** Cells looked at for a unit's name in a file that is not a form (its first ones: a heading is on top). */
const CONTENT_CELLS = 500;

/** The one unit the text cells of a workbook name (the identity sheet aside); else null. */
export function unitNamedInContent(plan: Plan, wb: ReadWorkbook): Unit | null {
  const found = new Set<Unit>();
  for (const sheet of wb.sheets) {
    if (sheet.name.toLowerCase() === META_SHEET) continue;
    for (const c of sheet.cells.slice(0, CONTENT_CELLS)) {
      if (c.kind !== "string") continue;
      const u = unitNamedInHeading(plan, c.value as string);
      if (u) found.add(u);
    }
  }
  return found.size === 1 ? [...found][0]! : null;
}
