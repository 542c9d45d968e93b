/**
 * Reads "Lịch sử" back from a book, tolerant of the office's hand edits: deleted rows are simply
 * absent, moved columns are found by their header, a period typed wrongly is kept as typed and
 * named (never dropped, never counted in a trend). Whatever the book holds that a rewrite could not
 * keep (no header, columns the office added) makes the history "not intact": the book is then not
 * written back, so nothing the office typed is lost.
 */
import { serialToIso } from "../dates";
import { reportPeriod } from "../schedule";
import { tidySpaces, toneKey } from "../text/vietnamese";
import { address, columnLetter } from "../workbook/a1";
import { HISTORY_COLUMNS, HISTORY_SHEET, type HistoryKey, type HistoryRow } from "../workbook/history";
import type { ReadCell, ReadWorkbook } from "../xlsx/read";
import { BookProblems, type BookProblem } from "./problems";

export interface HistoryRead {
  rows: HistoryRow[];
  problems: BookProblem[];
  /** False: the sheet holds something a rewritten book would lose; do not write the book back. */
  intact: boolean;
  /** The sheet exists in the book (a book made before the history has none: an empty history). */
  present: boolean;
}

const DATE_KEYS = new Set<HistoryKey>(["completedOn", "receivedOn", "asOf"]);
const NUMBER_KEYS = new Set<HistoryKey>(["task", "progress"]);

function textOf(c: ReadCell): string {
  return c.kind === "string" ? tidySpaces(String(c.value)) : c.kind === "boolean" ? String(c.value) : String(c.value);
}

const isoOfSerial = new Map<number, string>();
function dateOf(serial: number): string {
  let iso = isoOfSerial.get(serial);
  if (iso === undefined) {
    iso = serialToIso(serial);
    if (isoOfSerial.size < 100_000) isoOfSerial.set(serial, iso);
  }
  return iso;
}

function valueOf(key: HistoryKey, c: ReadCell): string | number | null {
  if (DATE_KEYS.has(key) && c.kind === "number" && (c.value as number) > 0 && (c.value as number) < 2958466)
    return dateOf(c.value as number);
  if (NUMBER_KEYS.has(key) && c.kind === "number") return c.value as number;
  const t = textOf(c);
  if (t === "") return null;
  // A number typed where text belongs (a code, a TT) stays as the office sees it.
  return NUMBER_KEYS.has(key) && /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** Fields that are text even when empty (the others are null when the cell is empty). */
const TEXT_FIELDS = new Set<HistoryKey>([
  "period",
  "unitCode",
  "unitName",
  "taskId",
  "status",
  "deadlineClass",
  "source",
]);

function emptyRow(): HistoryRow {
  return Object.fromEntries(
    HISTORY_COLUMNS.map((c) => [c.key, TEXT_FIELDS.has(c.key) ? "" : null]),
  ) as unknown as HistoryRow;
}

/** The period a history row belongs to, or null when its cell does not name one. */
export function historyPeriod(row: HistoryRow): string | null {
  return reportPeriod(row.period)?.id ?? null;
}

export function readHistory(wb: ReadWorkbook): HistoryRead {
  const problems = new BookProblems();
  const sheet = wb.sheets.find((s) => toneKey(s.name) === toneKey(HISTORY_SHEET));
  if (!sheet) return { rows: [], problems: [], intact: true, present: false };
  const headerKeys = new Map(HISTORY_COLUMNS.map((c) => [toneKey(c.header), c.key] as const));
  // The header row: the first of the first 20 rows holding the period and unit code headers.
  let headerRow = 0;
  const columns = new Map<number, HistoryKey>();
  const extra = new Map<number, string>();
  for (const c of sheet.cells) {
    if (c.row > 20) break;
    if (headerRow && c.row !== headerRow) break;
    const k = headerKeys.get(toneKey(textOf(c)));
    if (k && !headerRow) {
      const rowCells = sheet.cells.filter((x) => x.row === c.row);
      const keys = new Set(rowCells.map((x) => headerKeys.get(toneKey(textOf(x)))));
      if (!keys.has("period") || !keys.has("unitCode")) continue;
      headerRow = c.row;
      for (const x of rowCells) {
        const key = headerKeys.get(toneKey(textOf(x)));
        if (key && ![...columns.values()].includes(key)) columns.set(x.col, key);
        else if (textOf(x) !== "") extra.set(x.col, textOf(x));
      }
    }
  }
  if (!headerRow) {
    const any = sheet.cells.length > 0;
    if (any)
      problems.error("history-header", HISTORY_SHEET, "", {
        vi: `Trang "${HISTORY_SHEET}" không có dòng tiêu đề (Kỳ báo cáo, Mã đơn vị…): lịch sử không đọc được và sổ sẽ không được ghi lại. Hãy khôi phục dòng tiêu đề (xem một sổ mới tạo).`,
        en: `The "${HISTORY_SHEET}" sheet has no header row (Kỳ báo cáo, Mã đơn vị…): the history cannot be read and the book will not be written back. Restore the header row (see a newly made book).`,
      });
    return { rows: [], problems: problems.items, intact: !any, present: true };
  }
  const missing = HISTORY_COLUMNS.filter((c) => ![...columns.values()].includes(c.key));
  for (const m of missing)
    problems.warning("history-column", HISTORY_SHEET, address(headerRow, 1), {
      vi: `Trang "${HISTORY_SHEET}" thiếu cột "${m.header}": các dòng được đọc không có cột này.`,
      en: `The "${HISTORY_SHEET}" sheet lacks the "${m.header}" column: rows are read without it.`,
    });

  const rows: HistoryRow[] = [];
  const badPeriods = new Map<string, { cell: string; count: number }>();
  let current: HistoryRow | null = null;
  let currentRow = 0;
  let extraCells = 0;
  let firstExtra = "";
  const flush = () => {
    if (!current) return;
    rows.push(current);
    if (!historyPeriod(current)) {
      const seen = badPeriods.get(current.period);
      if (seen) seen.count++;
      else badPeriods.set(current.period, { cell: address(currentRow, periodCol), count: 1 });
    }
    current = null;
  };
  const periodCol = [...columns].find(([, k]) => k === "period")![0];
  for (const c of sheet.cells) {
    if (c.row <= headerRow) continue;
    if (c.row !== currentRow) {
      flush();
      currentRow = c.row;
    }
    const key = columns.get(c.col);
    if (!key) {
      if (textOf(c) !== "") {
        extraCells++;
        firstExtra ||= c.ref;
      }
      continue;
    }
    const v = valueOf(key, c);
    if (v === null) continue;
    current ??= emptyRow();
    // Numbers stay numbers only in the number columns; a code typed as 00123 stays its text.
    (current as unknown as Record<string, unknown>)[key] = NUMBER_KEYS.has(key) ? v : String(v);
  }
  flush();
  for (const [typed, { cell, count }] of badPeriods)
    problems.warning("history-period", HISTORY_SHEET, cell, {
      vi: `Kỳ báo cáo "${typed}" không hợp lệ (${count} dòng, dòng đầu ở ô ${cell}): các dòng này được giữ nguyên nhưng không tính vào xu hướng. Hãy sửa thành dạng 2026-H1, 2026-H2 hoặc 2026.`,
      en: `Report period "${typed}" is not valid (${count} row${count === 1 ? "" : "s"}, first at ${cell}): these rows are kept as they are but not counted in the trends. Correct it to 2026-H1, 2026-H2 or 2026.`,
    });
  if (extraCells > 0) {
    const names = [...extra.values()].map((n) => `"${n}"`).join(", ");
    problems.error("history-column", HISTORY_SHEET, firstExtra, {
      vi: `Trang "${HISTORY_SHEET}" có ${extraCells} ô ngoài các cột của bảng lịch sử${names ? ` (cột ${names})` : ""}, từ ô ${firstExtra}: ghi lại sổ sẽ làm mất chúng, nên sổ không được ghi lại. Hãy chuyển các ô đó sang trang khác.`,
      en: `The "${HISTORY_SHEET}" sheet has ${extraCells} cell${extraCells === 1 ? "" : "s"} outside the history table's columns${names ? ` (columns ${names})` : ""}, from ${firstExtra}: rewriting the book would lose them, so it is not written back. Move them to another sheet.`,
    });
  }
  return { rows, problems: problems.items, intact: extraCells === 0, present: true };
}

/** Column letter of a history field in a newly written book (for messages and tests). */
export function historyColumnLetter(key: HistoryKey): string {
  return columnLetter(HISTORY_COLUMNS.findIndex((c) => c.key === key) + 1);
}
