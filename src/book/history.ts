/**
 * Reads "Lịch sử" back from a book, tolerant of the office's hand edits: deleted rows are simply
 * absent, moved columns are found by their header, a period typed wrongly is kept as typed and
 * named (never dropped, never counted in a trend). Whatever the book holds that a rewrite could not
 * keep (no header, columns the office added) makes the history "not intact": the book is then not
 * written back, so nothing the office typed is lost.
 */
import { isIsoDate, serialToIso } from "../dates";
import { countEn } from "../i18n";
import { stripForbidden } from "../xlsx/write/xml";
import { reportPeriod } from "../schedule";
import { tidySpaces, toneKey } from "../text/vietnamese";
import { address, columnLetter } from "../workbook/a1";
import { HISTORY_COLUMNS, HISTORY_SHEET, type HistoryKey, type HistoryRow } from "../workbook/history";
import type { ReadCell, ReadWorkbook } from "../xlsx/read";
import type { IndexedHistory } from "./history-index";
import { BookProblems, type BookProblem } from "./problems";

export interface HistoryRead {
  rows: HistoryRow[];
  problems: BookProblem[];
  /** False: the sheet holds something a rewritten book would lose; do not write the book back. */
  intact: boolean;
  /** The sheet exists in the book (a book made before the history has none: an empty history). */
  present: boolean;
  /**
   * The book's history index vouches for the sheet (src/book/history-index.ts): `rows` are then read
   * only when first asked for, and recording a period reads just the periods it needs.
   */
  indexed?: IndexedHistory;
}

const DATE_KEYS = new Set<HistoryKey>(["completedOn", "receivedOn", "asOf"]);
const NUMBER_KEYS = new Set<HistoryKey>(["task", "progress"]);

const isoOfSerial = new Map<number, string>();
function dateOf(serial: number): string {
  let iso = isoOfSerial.get(serial);
  if (iso === undefined) {
    iso = serialToIso(serial);
    if (isoOfSerial.size < 100_000) isoOfSerial.set(serial, iso);
  }
  return iso;
}

type Value = string | number | null;
const KEYS = HISTORY_COLUMNS.map((c) => c.key);
const SLOT = Object.fromEntries(KEYS.map((k, i) => [k, i])) as Record<HistoryKey, number>;
const IS_DATE = KEYS.map((k) => DATE_KEYS.has(k));
const IS_NUMBER = KEYS.map((k) => NUMBER_KEYS.has(k));

/** A row from its values by column slot: one object shape for half a million rows. Text fields are "" when empty. */
function rowOf(v: readonly Value[]): HistoryRow {
  const text = (k: HistoryKey) => (v[SLOT[k]] ?? "") as string;
  const other = (k: HistoryKey) => (v[SLOT[k]] ?? null) as string | null;
  return {
    period: text("period"),
    unitCode: text("unitCode"),
    unitName: text("unitName"),
    taskId: text("taskId"),
    task: v[SLOT.task] ?? null,
    status: text("status"),
    deadlineClass: text("deadlineClass"),
    completedOn: other("completedOn"),
    progress: v[SLOT.progress] ?? null,
    result: other("result"),
    documents: other("documents"),
    difficulties: other("difficulties"),
    proposals: other("proposals"),
    file: other("file"),
    receivedOn: other("receivedOn"),
    asOf: other("asOf"),
    source: text("source"),
  };
}

/**
 * A row's reported values (status, completion date, progress, result) as they read back from a book
 * this program wrote: text tidied as HistoryReader.text does, ISO dates kept, empty text gone. Lets
 * a recording compare a unit's values with its last report without reading that report back.
 */
/** Text as it reads back, by text as written: the same labels and results come again and again. */
const readBackText = new Map<string, string>();

export function asReadBack(
  r: Pick<HistoryRow, "status" | "completedOn" | "progress" | "result">,
): Pick<HistoryRow, "status" | "completedOn" | "progress" | "result"> {
  const text = (v: string) => {
    let t = readBackText.get(v);
    if (t === undefined) {
      t = tidySpaces(stripForbidden(v));
      if (readBackText.size > 200_000) readBackText.clear();
      readBackText.set(v, t);
    }
    return t;
  };
  const optional = (v: string | null) => (v === null ? null : text(v) || null);
  let progress = r.progress;
  if (typeof progress === "string") {
    const t = text(progress);
    progress = t === "" ? null : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
  }
  return {
    status: text(r.status),
    completedOn: r.completedOn !== null && isIsoDate(r.completedOn) ? r.completedOn : optional(r.completedOn),
    progress,
    result: optional(r.result),
  };
}

/** The period a history row belongs to, or null when its cell does not name one. */
export function historyPeriod(row: HistoryRow): string | null {
  return reportPeriod(row.period)?.id ?? null;
}

export function readHistory(wb: ReadWorkbook): HistoryRead {
  const sheet = wb.sheets.find((s) => isHistorySheet(s.name));
  if (!sheet) return { rows: [], problems: [], intact: true, present: false };
  const reader = new HistoryReader();
  for (const c of sheet.cells) reader.add(c);
  return reader.finish() ?? { rows: [], problems: [], intact: true, present: false };
}

export function isHistorySheet(name: string): boolean {
  return toneKey(name) === toneKey(HISTORY_SHEET);
}

const headerKeys = new Map(HISTORY_COLUMNS.map((c) => [toneKey(c.header), c.key] as const));

/**
 * Reads "Lịch sử" one cell at a time (the reader's cellSink): a history of half a million rows never
 * exists as millions of cell objects. `finish` gives null when the cells came out of row order (a
 * file written by some other program): the caller then reads the sheet whole and sorted.
 */
export class HistoryReader {
  private readonly problems = new BookProblems();
  private headerRow = 0;
  private readonly columns = new Map<number, HistoryKey>();
  private readonly extra = new Map<number, string>();
  /** Cells of the row being looked at while no header row has been found (rows 1–20). */
  private pending: ReadCell[] = [];
  private any = false;
  private beyond = false;
  private disordered = false;
  private lastRow = 0;
  private lastCol = 0;
  private readonly rows: HistoryRow[] = [];
  private readonly badPeriods = new Map<string, { cell: string; count: number }>();
  /** Column → slot of its field (HISTORY_COLUMNS order); none for a column outside the table. */
  private readonly slots: number[] = [];
  /** The row being read, by slot; null until one of its cells holds something. */
  private current: Value[] | null = null;
  private currentRow = 0;
  private periodCol = 0;
  private extraCells = 0;
  private firstExtra = "";
  private readonly texts = new Map<string, string>();

  readonly add = (c: ReadCell): void => {
    this.any = true;
    if (c.row < this.lastRow || (c.row === this.lastRow && c.col <= this.lastCol)) this.disordered = true;
    this.lastRow = c.row;
    this.lastCol = c.col;
    if (this.headerRow === 0) {
      if (this.beyond) return;
      if (this.pending.length > 0 && this.pending[0]!.row !== c.row) this.tryHeader();
      if (this.headerRow === 0) {
        if (c.row > 20) this.beyond = true;
        else this.pending.push(c);
        return;
      }
    }
    this.data(c);
  };

  /** The pending row is the header when it names (at least) the period and unit code columns. */
  private tryHeader(): void {
    const rowCells = this.pending;
    this.pending = [];
    const keys = new Set(rowCells.map((x) => headerKeys.get(toneKey(this.text(x)))));
    if (!keys.has("period") || !keys.has("unitCode")) return;
    this.headerRow = rowCells[0]!.row;
    for (const x of rowCells) {
      const key = headerKeys.get(toneKey(this.text(x)));
      if (key && ![...this.columns.values()].includes(key)) this.columns.set(x.col, key);
      else if (this.text(x) !== "") this.extra.set(x.col, this.text(x));
    }
    this.periodCol = [...this.columns].find(([, k]) => k === "period")![0];
    for (const [col, key] of this.columns) this.slots[col] = SLOT[key];
  }

  /** Text of a cell, tidied once per distinct string (the same few labels fill most cells). */
  private text(c: ReadCell): string {
    if (c.kind !== "string") return String(c.value);
    const raw = c.value as string;
    let t = this.texts.get(raw);
    if (t === undefined) {
      t = tidySpaces(raw);
      if (this.texts.size < 200_000) this.texts.set(raw, t);
    }
    return t;
  }

  /** A cell's value for the field in `slot`: numbers stay numbers only in the number columns (a code typed as 00123 stays its text). */
  private value(slot: number, c: ReadCell): Value {
    if (IS_DATE[slot] && c.kind === "number" && (c.value as number) > 0 && (c.value as number) < 2958466)
      return dateOf(c.value as number);
    if (IS_NUMBER[slot] && c.kind === "number") return c.value as number;
    const t = this.text(c);
    if (t === "") return null;
    // A number typed where text belongs (a code, a TT) stays as the office sees it.
    return IS_NUMBER[slot] && /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
  }

  private flush(): void {
    const values = this.current;
    if (!values) return;
    const current = rowOf(values);
    this.rows.push(current);
    if (!historyPeriod(current)) {
      const seen = this.badPeriods.get(current.period);
      if (seen) seen.count++;
      else this.badPeriods.set(current.period, { cell: address(this.currentRow, this.periodCol), count: 1 });
    }
    this.current = null;
  }

  private data(c: ReadCell): void {
    if (c.row <= this.headerRow) return;
    if (c.row !== this.currentRow) {
      this.flush();
      this.currentRow = c.row;
    }
    const slot = this.slots[c.col];
    if (slot === undefined) {
      if (this.text(c) !== "") {
        this.extraCells++;
        this.firstExtra ||= c.ref;
      }
      return;
    }
    const v = this.value(slot, c);
    if (v === null) return;
    (this.current ??= new Array<Value>(KEYS.length).fill(null))[slot] = v;
  }

  /** The history read; null when the cells were not in row order (read the sheet whole instead). */
  finish(): HistoryRead | null {
    if (this.disordered) return null;
    if (this.headerRow === 0 && this.pending.length > 0) this.tryHeader();
    const problems = this.problems;
    if (!this.headerRow) {
      if (this.any)
        problems.error("history-header", HISTORY_SHEET, "", {
          vi: `Trang "${HISTORY_SHEET}" không có dòng tiêu đề (Kỳ báo cáo, Mã đơn vị…): lịch sử không đọc được và sổ sẽ không được ghi lại. Hãy khôi phục dòng tiêu đề (xem một sổ mới tạo).`,
          en: `The "${HISTORY_SHEET}" sheet has no header row (Kỳ báo cáo, Mã đơn vị…): the history cannot be read and the book will not be written back. Restore the header row (see a newly made book).`,
        });
      return { rows: [], problems: problems.items, intact: !this.any, present: true };
    }
    const found = [...this.columns.values()];
    for (const m of HISTORY_COLUMNS.filter((c) => !found.includes(c.key)))
      problems.warning("history-column", HISTORY_SHEET, address(this.headerRow, 1), {
        vi: `Trang "${HISTORY_SHEET}" thiếu cột "${m.header}": các dòng được đọc không có cột này.`,
        en: `The "${HISTORY_SHEET}" sheet lacks the "${m.header}" column: rows are read without it.`,
      });
    this.flush();
    for (const [typed, { cell, count }] of this.badPeriods)
      problems.warning("history-period", HISTORY_SHEET, cell, {
        vi: `Kỳ báo cáo "${typed}" không hợp lệ (${count} dòng, dòng đầu ở ô ${cell}): các dòng này được giữ nguyên nhưng không tính vào xu hướng. Hãy sửa thành dạng 2026-H1, 2026-H2 hoặc 2026.`,
        en: `Report period "${typed}" is not valid (${countEn(count, "row")}, first at ${cell}): these rows are kept as they are but not counted in the trends. Correct it to 2026-H1, 2026-H2 or 2026.`,
      });
    if (this.extraCells > 0) {
      const names = [...this.extra.values()].map((n) => `"${n}"`).join(", ");
      const firstExtra = this.firstExtra;
      problems.error("history-column", HISTORY_SHEET, firstExtra, {
        vi: `Trang "${HISTORY_SHEET}" có ${this.extraCells} ô ngoài các cột của bảng lịch sử${names ? ` (cột ${names})` : ""}, từ ô ${firstExtra}: ghi lại sổ sẽ làm mất chúng, nên sổ không được ghi lại. Hãy chuyển các ô đó sang trang khác.`,
        en: `The "${HISTORY_SHEET}" sheet has ${countEn(this.extraCells, "cell")} outside the history table's columns${names ? ` (columns ${names})` : ""}, from ${firstExtra}: rewriting the book would lose them, so it is not written back. Move them to another sheet.`,
      });
    }
    return { rows: this.rows, problems: problems.items, intact: this.extraCells === 0, present: true };
  }
}

/** Column letter of a history field in a newly written book (for messages and tests). */
export function historyColumnLetter(key: HistoryKey): string {
  return columnLetter(HISTORY_COLUMNS.findIndex((c) => c.key === key) + 1);
}
