/** styles.xml → for each cellXfs index: number format code, date-ness, and whether the cell is locked. */
import { parseXml, xmlBool } from "./xml";

export interface CellStyle {
  numFmt?: string;
  isDate: boolean;
  locked: boolean;
}

/** Built-in number formats (ECMA-376 §18.8.30) that have a fixed code. */
const BUILTIN_CODES: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Built-in ids that are dates or times (27–36 and 50–58 are East Asian locale dates with no fixed code). */
export function isBuiltinDateId(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * A custom code is a date/time format when d, m, y, h or s appears outside quoted text, [brackets]
 * (colours, locales, conditions), backslash escapes and the _x / *x spacing directives.
 * Elapsed-time brackets [h] [m] [s] count as time.
 */
export function isDateFormatCode(code: string): boolean {
  if (code === "" || code.toLowerCase() === "general") return false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i] as string;
    if (c === '"') {
      const end = code.indexOf('"', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (c === "\\" || c === "_" || c === "*") {
      i++;
    } else if (c === "[") {
      const end = code.indexOf("]", i + 1);
      if (end < 0) return false;
      const inner = code.slice(i + 1, end).toLowerCase();
      if (/^(h+|m+|s+)$/.test(inner)) return true;
      i = end;
    } else {
      const l = c.toLowerCase();
      if (l === "d" || l === "m" || l === "y" || l === "h" || l === "s") return true;
    }
  }
  return false;
}

/** styleSheet children the reader has no use for (only numFmts and cellXfs matter): passed over unparsed. */
const IGNORED = new Set([
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
]);

export class Styles {
  private readonly fmtCodes = new Map<number, string>();
  private readonly xfNumFmt: number[] = [];
  private readonly xfLocked: boolean[] = [];
  private readonly cache: (CellStyle | undefined)[] = [];

  static parse(xml: string, part: string): Styles {
    const st = new Styles();
    let inCellXfs = false;
    let inNumFmts = false;
    let xf = -1;
    let depth = 0;
    parseXml(xml, part, {
      open(name, a) {
        // close() follows every open(), self-closing or skipped, so the depth stays balanced.
        depth++;
        if (depth === 2 && IGNORED.has(name)) return true;
        if (name === "numFmts") inNumFmts = true;
        else if (name === "numFmt" && inNumFmts) {
          const id = Number(a.numFmtId);
          if (Number.isInteger(id) && a.formatCode !== undefined) st.fmtCodes.set(id, a.formatCode);
        } else if (name === "cellXfs") inCellXfs = true;
        else if (name === "xf" && inCellXfs) {
          xf = st.xfNumFmt.length;
          const id = Number(a.numFmtId ?? "0");
          st.xfNumFmt.push(Number.isInteger(id) ? id : 0);
          st.xfLocked.push(true);
        } else if (name === "protection" && inCellXfs && xf >= 0) {
          st.xfLocked[xf] = xmlBool(a.locked, true);
        }
      },
      close(name) {
        depth--;
        if (name === "numFmts") inNumFmts = false;
        else if (name === "cellXfs") inCellXfs = false;
        else if (name === "xf") xf = -1;
      },
    });
    return st;
  }

  /** Style of cellXfs index `s` (absent s → 0). Unknown indexes fall back to Excel's defaults. */
  get(s: number): CellStyle {
    const hit = this.cache[s];
    if (hit) return hit;
    const id = this.xfNumFmt[s] ?? 0;
    const code = this.fmtCodes.get(id) ?? BUILTIN_CODES[id];
    const style: CellStyle = {
      isDate: isBuiltinDateId(id) || (code !== undefined && isDateFormatCode(code)),
      locked: this.xfLocked[s] ?? true,
    };
    if (code !== undefined && code !== "General") style.numFmt = code;
    this.cache[s] = style;
    return style;
  }
}

export const DEFAULT_STYLE: CellStyle = Object.freeze({ isDate: false, locked: true });
