/**
 * Rewrites sheet and table references inside a formula. The renderer writes new sheets under
 * temporary names while the previous sheets still exist; a formula such as `='Theo dõi'!A1` written
 * then would point at the OLD sheet and turn into #REF! when that sheet is deleted. So formulas are
 * written against the temporary names, and Excel itself updates them when the temporary sheets
 * (and tables) are renamed into place.
 */

/** Keys compare like Excel compares sheet/table names: case-insensitive, NFC. */
export function nameKey(name: string): string {
  return name.normalize("NFC").toUpperCase();
}

/** Always quoted: temporary names may look like cell addresses or contain "~". */
function quoted(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

const IDENT_START = /[A-Za-z_\\\u00C0-\uFFFF]/;
const IDENT_PART = /[A-Za-z0-9_.\u00C0-\uFFFF]/;

/**
 * `sheets` and `tables` map nameKey(original) → replacement name. String literals are left alone.
 * Returns whether a structured (table) reference was seen, because such formulas can only be
 * written after the tables exist.
 */
export function rewriteRefs(
  formula: string,
  sheets: ReadonlyMap<string, string>,
  tables: ReadonlyMap<string, string>,
): { formula: string; usesTables: boolean } {
  let out = "";
  let usesTables = false;
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i] as string;
    if (ch === '"') {
      // String literal; "" is an escaped quote.
      let j = i + 1;
      while (j < n) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let name = "";
      while (j < n) {
        if (formula[j] === "'") {
          if (formula[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += formula[j];
        j++;
      }
      const replacement = formula[j + 1] === "!" ? sheets.get(nameKey(name)) : undefined;
      out += replacement !== undefined ? quoted(replacement) : formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      usesTables = true;
      out += ch;
      i++;
      continue;
    }
    if (IDENT_START.test(ch) && (i === 0 || !IDENT_PART.test(formula[i - 1] as string))) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(formula[j] as string)) j++;
      const ident = formula.slice(i, j);
      const next = formula[j];
      const key = nameKey(ident);
      if (next === "!" && sheets.has(key)) out += quoted(sheets.get(key) as string);
      else if (next === "[" && tables.has(key)) out += tables.get(key) as string;
      else out += ident;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return { formula: out, usesTables };
}
