/**
 * The one shape every source is brought into before anything is decided: tables of rows of cells
 * (merged cells already spread over the columns and rows they cover) and the prose around them.
 * The .docx, .xlsx and text readers only produce this; src/import decides what it means.
 */
import type { Text } from "../i18n";
import { cleanCellText } from "./clean";

export interface SourceCell {
  /** The cell's text, cleaned (clean.ts): NFC, one line per paragraph. */
  text: string;
  /** Where the cell is, for messages: "bảng 2, dòng 5, cột 3" / "table 2, row 5, column 3", or "Sheet1!C5". */
  where: Text;
  /** A cell covered by a merge (not its top-left one): it repeats the merged text. */
  merged?: boolean;
}

export interface SourceRow {
  cells: SourceCell[];
  where: Text;
}

export interface SourceTable {
  /** "bảng 2" / "table 2", "trang Sheet1" / "sheet Sheet1". */
  name: Text;
  rows: SourceRow[];
}

export type SourceKind = "docx" | "xlsx" | "text";

export interface ImportSource {
  /** The file name as the user knows it (for every message). */
  file: string;
  kind: SourceKind;
  tables: SourceTable[];
  /** The document's paragraphs outside tables, in order: title, number, term are read from them. */
  prose: string[];
}

/** A file that cannot be imported at all; the message names the file. */
export class ImportError extends Error {
  constructor(readonly text: Text) {
    super(`${text.vi}\n${text.en}`);
    this.name = "ImportError";
  }
}

/** A table from a plain grid of texts (a pasted range, a sheet), cleaned; merges are given as grid boxes (0-based). */
export function tableFromGrid(
  name: Text,
  grid: readonly (readonly string[])[],
  whereOf: (row: number, col: number) => Text,
  merges: readonly { top: number; left: number; bottom: number; right: number }[] = [],
): SourceTable {
  const width = Math.max(0, ...grid.map((r) => r.length));
  const texts = grid.map((r) => Array.from({ length: width }, (_, c) => cleanCellText(r[c] ?? "")));
  const covered = new Set<string>();
  for (const m of merges) {
    const origin = texts[m.top]?.[m.left] ?? "";
    for (let r = m.top; r <= m.bottom && r < texts.length; r++)
      for (let c = m.left; c <= m.right && c < width; c++) {
        if (r === m.top && c === m.left) continue;
        texts[r]![c] = origin;
        covered.add(`${r}:${c}`);
      }
  }
  return {
    name,
    rows: texts.map((r, ri) => ({
      where: whereOf(ri, -1),
      cells: r.map((text, ci) => ({
        text,
        where: whereOf(ri, ci),
        ...(covered.has(`${ri}:${ci}`) ? { merged: true } : {}),
      })),
    })),
  };
}
