/**
 * Unit conversions for the Office.js renderer. Office.js takes column widths, row heights and
 * margins in points; the model gives widths in characters of the default font and margins in mm.
 */
import { columnWidthPixels, type FontSpec, POINTS_PER_PIXEL } from "../workbook/metrics";

export { maxDigitWidthPx } from "../workbook/metrics";

/** 1 inch = 72 points = 25.4 mm. */
export function mmToPoints(mm: number): number {
  return round2((mm * 72) / 25.4);
}

/**
 * Column width in characters (as Excel shows it) → points for `range.format.columnWidth`: the
 * shared pixel width (src/workbook/metrics.ts, the same the .xlsx writer stores) × 0.75.
 * Times New Roman 13: 10 chars → 97 px → 72.75 pt.
 */
export function columnWidthPoints(chars: number, font: FontSpec): number {
  return round2(columnWidthPixels(chars, font) * POINTS_PER_PIXEL);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
