/**
 * Shared formulas: Excel stores the text once (on the anchor cell) and the other cells only point to
 * it. To give every cell its own formula text we move the relative A1 references by the offset, as
 * Excel does. Nothing is ever evaluated. Whole-row/column references (A:A, 1:1) are left as they are.
 */
import { columnLetter } from "../../workbook/a1";

function isIdentChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f ||
    c === 0x2e ||
    c > 0x7f
  );
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) & 0xdf) - 64);
  return n;
}

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const c = formula.charCodeAt(i);
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      // String literal or quoted sheet name; the quote doubles inside.
      let j = i + 1;
      while (j < n) {
        if (formula.charCodeAt(j) === c) {
          if (formula.charCodeAt(j + 1) === c) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
    } else if (c === 0x5b /* [ */) {
      // Structured or external reference: copy up to the matching bracket.
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        const d = formula.charCodeAt(j);
        if (d === 0x5b) depth++;
        else if (d === 0x5d && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
    } else if (c === 0x24 /* $ */ || isLetter(c)) {
      const prev = i > 0 ? formula.charCodeAt(i - 1) : 0;
      let j = i;
      const colAbs = formula.charCodeAt(j) === 0x24;
      if (colAbs) j++;
      const ls = j;
      while (j < n && isLetter(formula.charCodeAt(j))) j++;
      const letters = formula.slice(ls, j);
      const rowAbs = formula.charCodeAt(j) === 0x24;
      if (rowAbs) j++;
      const ds = j;
      while (j < n && isDigit(formula.charCodeAt(j))) j++;
      const digits = formula.slice(ds, j);
      const next = j < n ? formula.charCodeAt(j) : 0;
      const isRef =
        !isIdentChar(prev) &&
        letters.length >= 1 &&
        letters.length <= 3 &&
        digits.length >= 1 &&
        digits.length <= 7 &&
        !isIdentChar(next) &&
        next !== 0x28 /* ( */ &&
        next !== 0x21; /* ! — a sheet named like a cell */
      if (!isRef) {
        // Copy the whole identifier so that its tail is never mistaken for a reference.
        let k = i + 1;
        while (k < n && (isIdentChar(formula.charCodeAt(k)) || formula.charCodeAt(k) === 0x24)) k++;
        out += formula.slice(i, k);
        i = k;
        continue;
      }
      let col = colNumber(letters);
      let row = Number(digits);
      if (!colAbs) col += dCol;
      if (!rowAbs) row += dRow;
      if (col < 1 || col > 16384 || row < 1 || row > 1048576) out += "#REF!";
      else out += `${colAbs ? "$" : ""}${columnLetter(col)}${rowAbs ? "$" : ""}${row}`;
      i = j;
    } else {
      out += formula[i];
      i++;
    }
  }
  return out;
}
