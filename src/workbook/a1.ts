/** A1 addressing helpers shared by builders and renderers. Rows and columns are 1-based. */

export function columnLetter(column: number): string {
  let n = column;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function address(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

export function rangeAddress(r1: number, c1: number, r2: number, c2: number): string {
  return r1 === r2 && c1 === c2 ? address(r1, c1) : `${address(r1, c1)}:${address(r2, c2)}`;
}

export interface CellPos {
  row: number;
  column: number;
}

/** "$B$5" or "b5" → {row: 5, column: 2}; null when it is not a cell address. */
export function parseAddress(ref: string): CellPos | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m || !m[1] || !m[2]) return null;
  return { row: Number(m[2]), column: columnNumber(m[1]) };
}

export interface RangePos {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "A1:C3" or "B2" → corners; null when malformed. */
export function parseRange(ref: string): RangePos | null {
  const [a, b] = ref.split(":");
  const start = a ? parseAddress(a) : null;
  const end = b === undefined ? start : parseAddress(b);
  if (!start || !end) return null;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

/** Sheet name quoted for a formula reference when needed. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
