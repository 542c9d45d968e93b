/**
 * Rules both renderers apply when the description leaves a detail to "the renderer": stated once
 * here so the .xlsx writer and the Office.js writer cannot decide them differently. Pure.
 */
import type { CellValue } from "./model";
import { DATE_FORMAT } from "./styles";

/** A date is a serial number to Excel: without a format of its own it would show as 46387. */
export const DEFAULT_DATE_FORMAT = DATE_FORMAT;

/** The number format a cell is rendered with: its style's, else DEFAULT_DATE_FORMAT for a date, else none. */
export function cellNumberFormat(value: CellValue, own: string | undefined): string | undefined {
  if (own === undefined && value !== null && typeof value === "object" && "date" in value) return DEFAULT_DATE_FORMAT;
  return own;
}
