/**
 * Unit conversions for the Office.js renderer. Office.js takes column widths, row heights and
 * margins in points; the model gives widths in characters of the default font and margins in mm.
 */

/** 1 inch = 72 points = 25.4 mm. */
export function mmToPoints(mm: number): number {
  return round2((mm * 72) / 25.4);
}

/**
 * Width of the digit "0" as a fraction of the em, per font family (from the fonts' advance widths).
 * Excel measures column widths in multiples of the maximum digit width (MDW) of the Normal font.
 */
const DIGIT_EM: Record<string, number> = {
  "times new roman": 0.5,
  calibri: 0.507,
  arial: 0.556,
  "liberation serif": 0.5,
  "liberation sans": 0.556,
  tahoma: 0.546,
  verdana: 0.636,
  cambria: 0.556,
  "segoe ui": 0.559,
};
const DEFAULT_DIGIT_EM = 0.55;

/** Maximum digit width in pixels at 96 dpi, as Excel rounds it (Calibri 11 → 7 px, Arial 10 → 7 px). */
export function maxDigitWidthPx(font: { name: string; size: number }): number {
  const em = DIGIT_EM[font.name.trim().toLowerCase()] ?? DEFAULT_DIGIT_EM;
  return Math.max(1, Math.round(((font.size * 96) / 72) * em));
}

/**
 * Column width in characters (as Excel shows it) → points for `range.format.columnWidth`.
 * Excel's rule (ECMA-376 §18.3.1.13): pixels = chars × MDW + padding, where the padding is the
 * cell margin on both sides plus the grid line: 2 × ceil(MDW / 4) + 1 px (5 px for Calibri 11).
 * Points = pixels × 0.75 (96 dpi). With Times New Roman 13 (MDW 9 px): 10 chars → 97 px → 72.75 pt.
 * The factor depends on the spec's default font, not on the open workbook's Normal style, so a
 * sheet has the same physical widths whether it comes from the .xlsx file or from the add-in.
 */
export function columnWidthPoints(chars: number, font: { name: string; size: number }): number {
  const mdw = maxDigitWidthPx(font);
  const padding = 2 * Math.ceil(mdw / 4) + 1;
  const px = Math.round(chars * mdw) + padding;
  return round2(px * 0.75);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
