/**
 * Which sheet is the form and where its table starts: the header row is found by its texts (TT,
 * Nội dung công việc, Tình trạng…), and each column by its header, never by position.
 */
import { foldKey, keyMayFit, toneKey } from "../../text/vietnamese";
import { address } from "../../workbook/a1";
import { FORM_COLUMNS, FORM_SHEET, type FormColumnKey } from "../../workbook/form-layout";
import { META_SHEET } from "../../workbook/identity";
import type { ReadCell, ReadSheet, ReadWorkbook } from "../../xlsx/read";
import { M } from "../messages";
import { cellText, isBlank } from "../values";
import type { ProblemList } from "./problems";

/** Rows of a sheet: row number → its cells, for lookups by (row, column). */
export class Grid {
  private readonly rows = new Map<number, Map<number, ReadCell>>();
  /** Cells read as part of the form; whatever is left is listed as outside it. */
  readonly consumed = new Set<string>();

  constructor(readonly sheet: ReadSheet) {
    for (const c of sheet.cells) {
      let r = this.rows.get(c.row);
      if (!r) this.rows.set(c.row, (r = new Map()));
      r.set(c.col, c);
    }
  }

  at(row: number, col: number): ReadCell | undefined {
    return this.rows.get(row)?.get(col);
  }

  private readonly filledRows = new Map<number, ReadCell[]>();

  /** Non-blank cells of a row, left to right (computed once per row: the header search and the row loop both ask). */
  rowCells(row: number): ReadCell[] {
    let cells = this.filledRows.get(row);
    if (!cells) {
      const r = this.rows.get(row);
      cells = r ? [...r.values()].filter(filled).sort((a, b) => a.col - b.col) : [];
      this.filledRows.set(row, cells);
    }
    return cells;
  }

  rowNumbers(): number[] {
    return [...this.rows.keys()].sort((a, b) => a - b);
  }

  use(c: ReadCell | undefined): void {
    if (c) this.consumed.add(c.ref);
  }
}

/** A cell counts when it holds a value other than white space, or a formula. */
export function filled(c: ReadCell | undefined): c is ReadCell {
  return c !== undefined && (!isBlank(c) || c.formula !== undefined);
}

/** The hidden identity sheet: read for identity only, never listed as the unit's data. */
export function metaSheetOf(wb: ReadWorkbook): ReadSheet | undefined {
  return wb.sheets.find((s) => s.name.toLowerCase() === META_SHEET);
}

/** The header keys a column is recognised by (with and without its parenthesised part). */
const HEADER_KEYS: { key: FormColumnKey; keys: string[] }[] = FORM_COLUMNS.map((c) => ({
  key: c.key,
  keys: [
    foldKey(c.header),
    foldKey(c.header.replace(/\s*\([^)]*\)\s*/g, " ")),
    ...(c.formerHeaders ?? []).map(foldKey),
    ...(c.key === "number" ? ["stt", "so tt", "so thu tu"] : []),
  ],
}));

/** Header key → column, the first column naming a key winning (as a search in column order would). */
const COLUMN_BY_HEADER_KEY = new Map<string, FormColumnKey>();
for (const h of HEADER_KEYS)
  for (const k of h.keys) if (!COLUMN_BY_HEADER_KEY.has(k)) COLUMN_BY_HEADER_KEY.set(k, h.key);

/** No header key is longer (a trailing ":" or "." is allowed for): a task's text is never keyed. */
const HEADER_KEY_MAX = Math.max(...[...COLUMN_BY_HEADER_KEY.keys()].map((k) => k.length)) + 1;

function headerKeyOf(text: string): FormColumnKey | null {
  if (!keyMayFit(text, HEADER_KEY_MAX)) return null;
  const k = foldKey(text);
  const last = k.charCodeAt(k.length - 1);
  return COLUMN_BY_HEADER_KEY.get(last === 0x3a || last === 0x2e ? k.slice(0, -1) : k) ?? null;
}

export interface Header {
  row: number;
  columns: Map<FormColumnKey, number>;
}

/** The header row: the row (within the first 60) naming the most form columns, TT among them. */
function findHeader(grid: Grid): Header | null {
  let best: Header | null = null;
  for (const row of grid.rowNumbers()) {
    if (row > 60) break;
    const columns = new Map<FormColumnKey, number>();
    for (const c of grid.rowCells(row)) {
      if (c.kind !== "string") continue;
      const key = headerKeyOf(c.value as string);
      if (key && !columns.has(key)) columns.set(key, c.col);
    }
    if (columns.has("number") && columns.size >= 3 && (!best || columns.size > best.columns.size))
      best = { row, columns };
  }
  return best;
}

/** The sheet the unit filled in, with its header row. */
export interface FormSheet {
  grid: Grid;
  header: Header;
  name: string;
  /** Other sheets of the file that are the form too, holding entries (a copied sheet filled in): not merged. */
  copies?: string[];
  /** Other form sheets with no entries (the original left blank while a copy was filled in). */
  blankCopies?: string[];
}

const INPUT_COLUMN_KEYS = FORM_COLUMNS.filter((c) => c.input).map((c) => c.key);

/** Filled input cells on task-numbered rows below the header: what a unit typed into a form sheet. */
function entryCount(grid: Grid, header: Header): number {
  const tt = header.columns.get("number");
  const cols = INPUT_COLUMN_KEYS.map((k) => header.columns.get(k)).filter((c): c is number => c !== undefined);
  let n = 0;
  for (const row of grid.rowNumbers()) {
    if (row <= header.row || tt === undefined) continue;
    const t = grid.at(row, tt);
    const numbered = t !== undefined && /^\s*\d{1,3}\s*\.?\s*$/.test(cellText(t));
    if (numbered) for (const c of cols) if (filled(grid.at(row, c))) n++;
  }
  return n;
}

/** The form sheet: the one named "Báo cáo" if it has a header row, else the first sheet that has one. */
export function findFormSheet(wb: ReadWorkbook, meta: ReadSheet | undefined): FormSheet | null {
  const candidates = wb.sheets.filter((s) => s !== meta);
  candidates.sort(
    (a, b) => Number(toneKey(b.name) === toneKey(FORM_SHEET)) - Number(toneKey(a.name) === toneKey(FORM_SHEET)),
  );
  const found: FormSheet[] = [];
  for (const sheet of candidates) {
    const grid = new Grid(sheet);
    const header = findHeader(grid);
    if (header) found.push({ grid, header, name: sheet.name });
  }
  if (found.length <= 1) return found[0] ?? null;
  // A copied sheet: the one with the most entries wins (ties keep the order above); other copies
  // holding entries are named so the user is warned, and their cells are listed, never merged.
  const counts = found.map((f) => entryCount(f.grid, f.header));
  let best = 0;
  counts.forEach((n, i) => {
    if (n > counts[best]!) best = i;
  });
  const chosen = found[best]!;
  const copies = found.filter((f, i) => i !== best && counts[i]! > 0).map((f) => f.name);
  if (copies.length > 0) chosen.copies = copies;
  const blank = found.filter((f, i) => i !== best && counts[i] === 0).map((f) => f.name);
  if (blank.length > 0) chosen.blankCopies = blank;
  return chosen;
}

/** The cell of a row in a column found by its header; undefined when the form lacks that column. */
export function cellAt(form: FormSheet, row: number, key: FormColumnKey): ReadCell | undefined {
  const c = form.header.columns.get(key);
  return c === undefined ? undefined : form.grid.at(row, c);
}

/** Columns moved or missing: noted, since every column is read by its header anyway. */
export function checkColumns(form: FormSheet, problems: ProblemList): void {
  const { grid: g, header: h, name: sheet } = form;
  const col = h.columns;
  for (const key of col.keys()) g.use(g.at(h.row, col.get(key)!));
  if ([...col.entries()].some(([key, c]) => FORM_COLUMNS.findIndex((f) => f.key === key) + 1 !== c))
    problems.add("info", "columns-moved", M.columnsMoved(), { sheet, cell: address(h.row, 1) });
  for (const f of FORM_COLUMNS) {
    if (col.has(f.key) || f.key === "assessment" || f.key === "repeat") continue;
    problems.add(f.input ? "warning" : "info", "column-missing", M.columnMissing(f.header), {
      sheet,
      cell: address(h.row, 1),
    });
  }
}
