/** Range parsing with the checks Excel applies (grid limits), shared by the part writers. */
import { parseRange, rangeAddress, type RangePos } from "../../workbook/a1";
import { WorkbookSpecError } from "./errors";

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/** A single A1 range inside Excel's grid, or a WorkbookSpecError naming `where`. */
export function checkedRange(ref: string, where: string): RangePos {
  const r = /^\s*\$?[A-Za-z]{1,3}\$?\d{1,7}(:\$?[A-Za-z]{1,3}\$?\d{1,7})?\s*$/.test(ref) ? parseRange(ref) : null;
  if (!r) throw new WorkbookSpecError(`${where}: "${ref}" is not an A1 range`);
  if (r.top < 1 || r.bottom > MAX_ROWS || r.left < 1 || r.right > MAX_COLUMNS) {
    throw new WorkbookSpecError(
      `${where}: "${ref}" lies outside Excel's grid (${MAX_ROWS} rows × ${MAX_COLUMNS} columns)`,
    );
  }
  return r;
}

/** Canonical "A1:B2" (or "A1") text without "$". */
export function rangeText(r: RangePos): string {
  return rangeAddress(r.top, r.left, r.bottom, r.right);
}

/** Absolute "$A$1:$B$2" for defined names. */
export function absoluteRange(r: RangePos): string {
  const a = rangeText({ top: r.top, left: r.left, bottom: r.top, right: r.left }).replace(/([A-Z]+)(\d+)/, "$$$1$$$2");
  if (r.top === r.bottom && r.left === r.right) return a;
  const b = rangeText({ top: r.bottom, left: r.right, bottom: r.bottom, right: r.right }).replace(
    /([A-Z]+)(\d+)/,
    "$$$1$$$2",
  );
  return `${a}:${b}`;
}

export function overlaps(a: RangePos, b: RangePos): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}
