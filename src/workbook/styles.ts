import type { Style } from "./model";

/** Fonts and sizes officials can adjust (Times New Roman: title 14 bold, table 13). */
export interface Typography {
  fontName: string;
  titleSize: number;
  tableSize: number;
}

export const DEFAULT_TYPOGRAPHY: Typography = { fontName: "Times New Roman", titleSize: 14, tableSize: 13 };

/**
 * The report form is a wide, twelve-column data-entry table: at 13 pt it prints at half size on
 * A4 landscape; at 11 pt (title 13) it prints at about 8–9 pt, still readable once signed and filed.
 */
export const FORM_TYPOGRAPHY: Typography = { fontName: "Times New Roman", titleSize: 13, tableSize: 11 };

/** Colours of deadline highlighting, also used by the legend. Soft fills that still print in grey. */
export const STATUS_COLORS = {
  overdue: { fill: "F8CBAD", font: "9C0006" },
  dueSoon: { fill: "FFE699", font: "7F6000" },
  done: { fill: "C6EFCE", font: "006100" },
  doneLate: { fill: "E2EFDA", font: "375623" },
  ongoing: { fill: "DDEBF7", font: "1F4E78" },
} as const;

/** Input cells are tinted so units see at a glance where to type. */
export const INPUT_FILL = "FFF9E5";
export const HEADER_FILL = "D9E1F2";

export const DATE_FORMAT = "dd/mm/yyyy";

/** The named styles every builder uses; the key is what Cell.style refers to. */
export function standardStyles(t: Typography): Record<string, Style> {
  const base = { name: t.fontName, size: t.tableSize };
  const cell: Style = {
    font: base,
    border: "thin",
    alignment: { vertical: "top", wrap: true, horizontal: "left" },
  };
  const input: Style = { ...cell, fill: INPUT_FILL, locked: false };
  const legend: Style = {
    font: base,
    border: "thin",
    alignment: { horizontal: "center", vertical: "center", wrap: true },
  };
  return {
    title: {
      font: { ...base, size: t.titleSize, bold: true },
      alignment: { horizontal: "center", vertical: "center", wrap: true },
    },
    subtitle: { font: { ...base, bold: true }, alignment: { horizontal: "center", vertical: "center", wrap: true } },
    note: { font: { ...base, italic: true }, alignment: { horizontal: "center", vertical: "center", wrap: true } },
    text: { font: base, alignment: { vertical: "center", wrap: false } },
    textWrap: { font: base, alignment: { vertical: "top", wrap: true } },
    label: { font: { ...base, bold: true }, alignment: { vertical: "center" } },
    /** Codes such as "00004" stay text, never numbers that lose their zeros. */
    code: { font: { ...base, bold: true }, numberFormat: "@", alignment: { vertical: "center", horizontal: "left" } },
    dateLabel: {
      font: { ...base, bold: true },
      numberFormat: DATE_FORMAT,
      alignment: { vertical: "center", horizontal: "left" },
    },
    instructions: {
      font: { ...base, size: Math.round(t.tableSize * 0.85), italic: true },
      alignment: { vertical: "top", wrap: true },
    },
    header: {
      font: { ...base, bold: true },
      border: "thin",
      fill: HEADER_FILL,
      alignment: { horizontal: "center", vertical: "center", wrap: true },
    },
    headerPlain: {
      font: { ...base, bold: true },
      border: "thin",
      alignment: { horizontal: "center", vertical: "center", wrap: true },
    },
    cell,
    cellCenter: { ...cell, alignment: { vertical: "top", wrap: true, horizontal: "center" } },
    cellBold: { ...cell, font: { ...base, bold: true } },
    cellBoldCenter: {
      ...cell,
      font: { ...base, bold: true },
      alignment: { vertical: "top", wrap: true, horizontal: "center" },
    },
    /** Codes and ids the office types: text, so "00004" keeps its zeros. */
    codeCell: { ...cell, numberFormat: "@" },
    idCell: { ...cell, numberFormat: "@", font: { ...base, color: "595959" } },
    cellDate: { ...cell, numberFormat: DATE_FORMAT, alignment: { vertical: "top", horizontal: "center" } },
    cellNumber: { ...cell, alignment: { vertical: "top", horizontal: "center" } },
    cellPercent: { ...cell, numberFormat: "0", alignment: { vertical: "top", horizontal: "center" } },
    input,
    inputCenter: { ...input, alignment: { vertical: "top", wrap: true, horizontal: "center" } },
    inputDate: { ...input, numberFormat: DATE_FORMAT, alignment: { vertical: "top", horizontal: "center" } },
    inputNumber: { ...input, numberFormat: "0", alignment: { vertical: "top", horizontal: "center" } },
    inputLine: { font: base, fill: INPUT_FILL, locked: false, border: "dotted", alignment: { vertical: "center" } },
    inputLineDate: {
      font: base,
      fill: INPUT_FILL,
      locked: false,
      border: "dotted",
      numberFormat: DATE_FORMAT,
      alignment: { vertical: "center", horizontal: "left" },
    },
    asOf: {
      font: { ...base, bold: true },
      fill: INPUT_FILL,
      locked: false,
      border: "thin",
      numberFormat: DATE_FORMAT,
      alignment: { horizontal: "center", vertical: "center" },
    },
    asOfNumber: {
      font: { ...base, bold: true },
      fill: INPUT_FILL,
      locked: false,
      border: "thin",
      numberFormat: "0",
      alignment: { horizontal: "center", vertical: "center" },
    },
    hiddenData: { font: { ...base, size: 9, color: "808080" }, numberFormat: DATE_FORMAT },
    // Legend cells wrap (a one-column legend on the tracking sheet) and overdue is bold, as its rows are.
    legendOverdue: { ...legend, font: { ...base, bold: true }, fill: STATUS_COLORS.overdue.fill },
    legendDueSoon: { ...legend, fill: STATUS_COLORS.dueSoon.fill },
    legendDone: { ...legend, fill: STATUS_COLORS.done.fill },
    legendDoneLate: { ...legend, fill: STATUS_COLORS.doneLate.fill },
    legendOngoing: { ...legend, fill: STATUS_COLORS.ongoing.fill },
    meta: { font: { name: t.fontName, size: 10 } },
  };
}

/** Lower-case advance widths of Times New Roman (and Liberation Serif, its metric twin), in ems. */
const LOWER_EM: Record<string, number> = {
  a: 0.444,
  b: 0.5,
  c: 0.444,
  d: 0.5,
  e: 0.444,
  f: 0.333,
  g: 0.5,
  h: 0.5,
  i: 0.278,
  j: 0.278,
  k: 0.5,
  l: 0.278,
  m: 0.778,
  n: 0.5,
  o: 0.5,
  p: 0.5,
  q: 0.5,
  r: 0.333,
  s: 0.389,
  t: 0.278,
  u: 0.5,
  v: 0.5,
  w: 0.722,
  x: 0.5,
  y: 0.5,
  z: 0.444,
  đ: 0.5,
};

/**
 * Advance width of a character in Times New Roman, in ems: lower case as the font has it, other
 * classes rounded up. Vietnamese tone marks sit above or below their letter and add no width; the
 * horn of ơ and ư sticks out to the right, so those count wider. Digits are 0.5 em, which is what
 * column widths count in.
 */
function charEmUncached(ch: string): number {
  if (/[ơưƠƯ]/.test(ch.normalize("NFC").charAt(0))) return 0.75;
  const base = ch.normalize("NFD").charAt(0);
  const lower = LOWER_EM[base];
  if (lower !== undefined) return lower;
  if (base === " ") return 0.25;
  if (/[.,;:'!|()[\]]/.test(base)) return 0.34;
  if (/[I\-/]/.test(base)) return 0.34;
  if (/[0-9]/.test(base)) return 0.5;
  if (/[MW%@]/.test(base)) return 0.95;
  if (/[A-ZĐ]/.test(base)) return 0.73;
  return 0.6;
}

// Rows are sized for every cell of large consolidations: the width of a code unit is worked out once.
const BMP_EM = new Float64Array(0x10000);

/** Width in ems × `scale` of `text` from `start` to `end` (code units), astral characters whole. */
function spanEm(text: string, start: number, end: number, scale: number): number {
  let w = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const wide = code <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      w += charEmUncached(text.slice(i, wide ? i + 2 : i + 1)) * scale;
      if (wide) i++;
      continue;
    }
    const known = BMP_EM[code]!;
    w += (known !== 0 ? known : (BMP_EM[code] = charEmUncached(text.charAt(i)))) * scale;
  }
  return w;
}

/** White space as JavaScript regular expressions have it (\s): the characters a run of which separates two words. */
function isSpace(code: number): boolean {
  return code <= 0x20
    ? code === 0x20 || (code >= 0x09 && code <= 0x0d)
    : code === 0xa0 ||
        code === 0x1680 ||
        (code >= 0x2000 && code <= 0x200a) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x3000 ||
        code === 0xfeff;
}

/**
 * Lines a paragraph takes in a column `width` digits wide, wrapped at spaces as spreadsheets do;
 * a run of white space counts as one space (scanned, not rewritten: rows are sized by the thousand).
 */
function wrappedLines(paragraph: string, width: number, bold: boolean): number {
  // One digit goes to cell padding; bold runs up to ~10 % wider; 3 % more for hinting at print scale.
  const room = Math.max(1, width - 1) * 0.5;
  const scale = (bold ? 1.1 : 1) * 1.03;
  let lines = 1;
  let used = 0;
  const n = paragraph.length;
  for (let start = 0; ;) {
    while (start < n && isSpace(paragraph.charCodeAt(start))) start++;
    if (start >= n) break;
    let end = start + 1;
    while (end < n && !isSpace(paragraph.charCodeAt(end))) end++;
    const w = spanEm(paragraph, start, end, scale);
    start = end;
    const space = used === 0 ? 0 : 0.25 * scale;
    if (used + space + w <= room) {
      used += space + w;
      continue;
    }
    if (used > 0) lines++;
    // A word longer than the column breaks across lines.
    const extra = Math.max(0, Math.ceil(w / room) - 1);
    lines += extra;
    used = w - extra * room;
  }
  return lines;
}

/**
 * Row height (points) that shows every line of wrapped text. Excel does not grow rows for wrapped
 * text on open, so builders set heights. Lines: measured on LibreOffice's PDF (Liberation Serif, the
 * metric twin of Times New Roman) a 58-digit column holds ~70 characters of Vietnamese prose; the
 * estimate wraps word by word with rounded-up character widths. Height per line: Excel gives a
 * wrapped row N times its one-line height, 1.31 × the size for Times New Roman (15.75 pt at 12 pt),
 * where LibreOffice needs only 1.108 × — the row is sized for Excel, or its last lines would be cut
 * there, and LibreOffice prints it with some air.
 * `widths` are column widths in characters; `texts` the cell texts of the row (same order).
 */
export function wrappedRowHeight(texts: (string | null)[], widths: number[], fontSize: number, bold = false): number {
  let lines = 1;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    const width = widths[i];
    if (text && width) lines = Math.max(lines, textLines(text, width, bold));
  }
  return Math.ceil(lines * fontSize * 1.31 + 4);
}

/** Lines by column width (and boldness), then text: units' names and statuses repeat on thousands of rows. */
let linesCache = new Map<number, Map<string, number>>();
let linesCached = 0;

function textLines(text: string, width: number, bold: boolean): number {
  const key = bold ? -width : width;
  let byText = linesCache.get(key);
  const known = byText?.get(text);
  if (known !== undefined) return known;
  let n = 0;
  for (const paragraph of text.split("\n")) n += wrappedLines(paragraph, width, bold);
  if (linesCached >= 100_000) {
    linesCache = new Map();
    linesCached = 0;
    byText = undefined;
  }
  if (!byText) linesCache.set(key, (byText = new Map()));
  byText.set(text, n);
  linesCached++;
  return n;
}

/** Height for a merged title line: bold capitals run ~1.5 digit widths a character. */
export function titleRowHeight(text: string, totalWidth: number, fontSize: number, tableSize: number): number {
  const lines = Math.max(1, Math.ceil((text.length * 1.5 * (fontSize / tableSize)) / Math.max(1, totalWidth - 2)));
  return Math.ceil(lines * fontSize * 1.35 + 6);
}
