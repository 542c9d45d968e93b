/**
 * "Lịch sử": every recorded period's results in one flat table, one row per period × unit × task,
 * so the office can filter it or build a PivotTable on it. The book keeps it beside the plan sheets;
 * src/book/history.ts reads it back, src/jobs/history.ts records a consolidation into it.
 *
 * Status and class are kept as the labels the sheet shows (not keys), and a cell the office retyped
 * is kept as typed: a row read back and written again is the same row, whatever was done to it.
 */
import { isIsoDate } from "../dates";
import type { CellValue, Sheet, Style } from "./model";
import { columnLetter } from "./a1";
import { SheetBuilder } from "./sheet-builder";
import { DATE_FORMAT, type Typography, wrappedRowHeight } from "./styles";

export const HISTORY_SHEET = "Lịch sử";
export const HISTORY_TABLE = "LichSuBaoCao";

/** One recorded (period, unit, task). Dates are ISO when they are dates; anything else typed stays text. */
export interface HistoryRow {
  /** "2026-H1" (a period id), or whatever was typed in its place. */
  period: string;
  unitCode: string;
  unitName: string;
  taskId: string;
  /** Numbers; text only where the office typed text there (kept as typed). */
  task: number | string | null;
  /** The status label ("Hoàn thành"…), empty when the unit gave none. */
  status: string;
  /** The class label ("Hoàn thành đúng hạn"…) on the consolidation's report date. */
  deadlineClass: string;
  completedOn: string | null;
  progress: number | string | null;
  result: string | null;
  documents: string | null;
  difficulties: string | null;
  proposals: string | null;
  /** The returned file the row came from; null for a unit that returned nothing. */
  file: string | null;
  /** When the file was saved or received (its save time's date). */
  receivedOn: string | null;
  /** The report date the class was judged on. */
  asOf: string | null;
  /**
   * "Chuyển từ kỳ trước" when the unit's form came back with the values prefilled from its last
   * period unchanged; empty when newly reported.
   */
  source: string;
}

export type HistoryKey = keyof HistoryRow;

/** The columns, in order; the reader finds them by header text, so the office may move them. */
export const HISTORY_COLUMNS: readonly { key: HistoryKey; header: string; width: number }[] = [
  { key: "period", header: "Kỳ báo cáo", width: 10 },
  { key: "unitCode", header: "Mã đơn vị", width: 11 },
  { key: "unitName", header: "Tên đơn vị", width: 30 },
  { key: "taskId", header: "Mã nhiệm vụ", width: 10 },
  { key: "task", header: "TT nhiệm vụ", width: 8 },
  { key: "status", header: "Tình trạng", width: 15 },
  { key: "deadlineClass", header: "Phân loại", width: 22 },
  { key: "completedOn", header: "Ngày hoàn thành", width: 12 },
  { key: "progress", header: "Tiến độ (%)", width: 8 },
  { key: "result", header: "Kết quả", width: 30 },
  { key: "documents", header: "Văn bản", width: 24 },
  { key: "difficulties", header: "Khó khăn, vướng mắc", width: 24 },
  { key: "proposals", header: "Đề xuất, kiến nghị", width: 24 },
  { key: "file", header: "Tệp nguồn", width: 24 },
  { key: "receivedOn", header: "Ngày nhận", width: 12 },
  { key: "asOf", header: "Tính đến ngày", width: 12 },
  { key: "source", header: "Nguồn số liệu", width: 16 },
];

/** The header row: the table starts at A1 so a PivotTable or a filter takes it as it is. */
export const HISTORY_HEADER_ROW = 1;

/** What "source" says for a row carried over unchanged from the previous period. */
export const CARRIED_OVER = "Chuyển từ kỳ trước";

const DATE_KEYS = new Set<HistoryKey>(["completedOn", "receivedOn", "asOf"]);
const NUMBER_KEYS = new Set<HistoryKey>(["task", "progress"]);

/** Plain cells (no borders, no wrapping): half a million rows stay light to write, open and scroll; and the trends' rates. */
export function historyStyles(t: Typography): Record<string, Style> {
  const font = { name: t.fontName, size: t.tableSize };
  return {
    historyText: { font, numberFormat: "@", alignment: { vertical: "top" } },
    historyNumber: { font, alignment: { vertical: "top", horizontal: "center" } },
    historyDate: { font, numberFormat: DATE_FORMAT, alignment: { vertical: "top", horizontal: "center" } },
    /** "Xu hướng": rates and shares. */
    trendsPercent: {
      font,
      border: "thin",
      numberFormat: "0.0%",
      alignment: { vertical: "top", horizontal: "center" },
    },
  };
}

type HistoryCell = { value: CellValue; style: string };

/**
 * Cells by value, one object per distinct value and kind: the same period, labels, dates and unit
 * names fill most of half a million rows, and the renderers only read cells.
 */
class CellCache {
  private readonly text = new Map<string, HistoryCell>();
  private readonly numbers = new Map<number, HistoryCell>();
  private readonly dates = new Map<string, HistoryCell>();

  of(key: HistoryKey, value: HistoryRow[HistoryKey]): HistoryCell | null {
    if (value === null || value === "") return null;
    if (DATE_KEYS.has(key) && typeof value === "string") {
      const known = this.dates.get(value);
      if (known) return known;
      if (isIsoDate(value)) return cached(this.dates, value, () => ({ value: { date: value }, style: "historyDate" }));
    }
    if (NUMBER_KEYS.has(key) && typeof value === "number")
      return cached(this.numbers, value, () => ({ value, style: "historyNumber" }));
    const text = String(value);
    return cached(this.text, text, () => ({ value: text, style: "historyText" }));
  }
}

function cached<K>(map: Map<K, HistoryCell>, key: K, make: () => HistoryCell): HistoryCell {
  let cell = map.get(key);
  if (cell === undefined) map.set(key, (cell = make()));
  return cell;
}

/**
 * The "Lịch sử" sheet. Rows are written in the order given (the recorder sorts them by period,
 * unit, task); an empty history still has its header and table, so the office sees where it goes.
 * `kept` empty rows come first, standing for rows an earlier book holds and the renderer copies.
 */
export function historySheet(rows: readonly HistoryRow[], typography: Typography, kept = 0): Sheet {
  const s = new SheetBuilder(
    HISTORY_SHEET,
    HISTORY_COLUMNS.map((c) => ({ width: c.width })),
  );
  const h = HISTORY_HEADER_ROW;
  const headers = HISTORY_COLUMNS.map((c) => c.header);
  s.line(h, 1, headers, "header");
  s.height(
    h,
    wrappedRowHeight(
      headers,
      HISTORY_COLUMNS.map((c) => c.width),
      typography.tableSize,
    ),
  );
  const built = s.build();
  // Rows pushed directly: the builder's per-cell bookkeeping is too slow for half a million rows.
  const cells = new CellCache();
  const keys = HISTORY_COLUMNS.map((c) => c.key);
  // Rows the book already holds as they are (src/jobs/history.ts renderBook copies them): placeholders.
  const placeholder = { cells: [] };
  for (let i = 0; i < kept; i++) built.rows.push(placeholder);
  for (const r of rows) built.rows.push({ cells: keys.map((k) => cells.of(k, r[k])) });
  const last = h + Math.max(kept + rows.length, 1);
  built.tables.push({
    name: HISTORY_TABLE,
    range: `A${h}:${columnLetter(HISTORY_COLUMNS.length)}${last}`,
    style: "TableStyleLight9",
    showRowStripes: true,
  });
  built.freeze = { rows: h, columns: 0 };
  built.tabColor = "A9D08E";
  return built;
}
