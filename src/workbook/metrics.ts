/**
 * How wide a column of the description is on screen. Both renderers take their widths from here
 * (the .xlsx writer as the file's width value, the Office.js writer in points), so a column has the
 * same physical width whichever way the workbook was made. Pure: no Office or library types.
 *
 * Excel measures widths in multiples of the maximum digit width (MDW) of the Normal font, plus a
 * cell padding (ECMA-376 §18.3.1.13). The factor depends on the spec's default font, not on the open
 * workbook's Normal style.
 */

export interface FontSpec {
  name: string;
  size: number;
}

/**
 * Width of the digit "0" as a fraction of the em, per font family (from the fonts' advance widths),
 * keyed by lower-case family name.
 */
export const DIGIT_EM: Readonly<Record<string, number>> = {
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
/** For a family not in the table: a typical sans-serif digit (errs wide, so text is not cut off). */
export const DEFAULT_DIGIT_EM = 0.55;

/** Maximum digit width in pixels at 96 dpi, as Excel rounds it (Calibri 11 → 7 px, Times New Roman 13 → 9 px). */
export function maxDigitWidthPx(font: FontSpec): number {
  const em = DIGIT_EM[font.name.trim().toLowerCase()] ?? DEFAULT_DIGIT_EM;
  return Math.max(1, Math.round(((font.size * 96) / 72) * em));
}

/**
 * Cell padding in pixels: the margin on both sides plus the grid line, 2 × ceil(MDW / 4) + 1
 * (5 px for Calibri 11 as in ECMA-376's example; it grows with the font: 7 px for Times New Roman 13).
 */
export function cellPaddingPx(mdw: number): number {
  return 2 * Math.ceil(mdw / 4) + 1;
}

/**
 * Column width in characters (as Excel shows it) → pixels at 96 dpi: chars × MDW + padding.
 * Times New Roman 13 (MDW 9): 10 chars → 97 px.
 */
export function columnWidthPixels(chars: number, font: FontSpec): number {
  const mdw = maxDigitWidthPx(font);
  return Math.round(chars * mdw) + cellPaddingPx(mdw);
}

/** Points per pixel at 96 dpi. */
export const POINTS_PER_PIXEL = 0.75;
