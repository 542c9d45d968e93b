/**
 * Five years in one book, from the pane: a consolidation recorded into the book (the picked file,
 * downloaded again; or the open workbook's "Lịch sử", "Xu hướng" and "Theo dõi"), the recorded
 * periods' figures for the trends page, and the review pack. The recording itself is src/jobs
 * (recordInBook, recordPeriod, bookWorkbook, reviewWorkbook), as for the command line.
 */
import { readHistory, type HistoryRead } from "../../../book/history";
import { formatBookProblem } from "../../../book/problems";
import { readTrackingEntries } from "../../../book/tracking-entries";
import { planTag } from "../../../jobs/files";
import { bookWorkbook, loadBookForHistory, recordInBook, recordPeriod, reviewWorkbook } from "../../../jobs/history";
import { renderToExcel } from "../../../excel";
import type { Text } from "../../../i18n";
import type { IsoDate, Plan } from "../../../plan/types";
import { reportPeriod } from "../../../schedule/periods";
import { toneKey } from "../../../text/vietnamese";
import { HISTORY_SHEET } from "../../../workbook/history";
import type { WorkbookSpec } from "../../../workbook/model";
import { renderXlsx } from "../../../xlsx/write";
import { TRACKING_SHEET, type TrackingEntry } from "../../../workbook/tracking";
import { periodTrends, TRENDS_SHEET } from "../../../workbook/trends";
import { ServiceError } from "../errors";
import type {
  ExcelTarget,
  PeriodFigures,
  RecordOutcome,
  RecordRequest,
  ReviewOutcome,
  ReviewRequest,
  TrendsOutcome,
} from "../types";
import { XLSX_MIME } from "../types";
import { sheetFromValues, workbookFromSheets } from "./book";
import { pickedBookFile, planIsFromOpenWorkbook, setBookFile, thePlan } from "./shared";

/** The sheets a recording rewrites in the open workbook; the plan sheets stay as the office has them. */
export const RECORDED_SHEETS = [TRACKING_SHEET, TRENDS_SHEET, HISTORY_SHEET] as const;

/** The review pack's sheets in the open workbook: beside the book's own "Xu hướng" and "Lịch sử", never over them. */
export const REVIEW_SHEETS = { trends: "Sơ kết - Xu hướng", history: "Sơ kết - Lịch sử" } as const;
const REVIEW_TABLE = "SoKetLichSu";

const NO_BOOK: Text = {
  vi: "Đang dùng kế hoạch có sẵn nên không có sổ theo dõi để ghi lịch sử. Hãy chọn tệp sổ theo dõi (.xlsx) của văn phòng: kỳ này được ghi vào sổ đó và sổ đã cập nhật được tải về.",
  en: "The built-in plan is in use, so there is no tracking book to record into. Choose the office's tracking book file (.xlsx): this period is recorded into it and the updated book is downloaded.",
};

const NOT_OPEN_BOOK: Text = {
  vi: 'Sổ đang mở chưa được đọc làm sổ theo dõi. Hãy bấm "Đọc kế hoạch từ sổ đang mở" (hoặc tạo sổ theo dõi) trước, rồi ghi vào sổ.',
  en: 'The open workbook has not been read as the tracking book. Click "Read the plan from the open workbook" (or create the tracking workbook) first, then record.',
};

type Values = (string | number | boolean)[][];

export function problemTexts(history: HistoryRead | undefined): Text[] {
  return (history?.problems ?? []).map(formatBookProblem);
}

/** Refusals come with the history's own problems (the cells that keep the book from being written). */
export function refusal(refused: Text, problems: readonly Text[]): ServiceError {
  if (problems.length === 0) return new ServiceError(refused);
  return new ServiceError({
    vi: [refused.vi, ...problems.map((p) => `• ${p.vi}`)].join("\n"),
    en: [refused.en, ...problems.map((p) => `• ${p.en}`)].join("\n"),
  });
}

/**
 * The open workbook's "Lịch sử" and "Theo dõi", each as its used range's values, in ONE round trip
 * (plus one for the sheet list): the history's size changes the response, never the syncs.
 */
async function readOpenBook(
  context: Excel.RequestContext,
  plan: Plan,
): Promise<{ history: HistoryRead; entries: ReadonlyMap<string, TrackingEntry> | undefined; syncs: number }> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const find = (name: string) => sheets.items.find((s) => toneKey(s.name.normalize("NFC")) === toneKey(name));
  const wanted = [HISTORY_SHEET, TRACKING_SHEET].map((name) => {
    const sheet = find(name);
    if (!sheet) return null;
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("values,rowIndex,columnIndex");
    return { name, used };
  });
  if (wanted.every((w) => w === null))
    return { history: { rows: [], problems: [], intact: true, present: false }, entries: undefined, syncs: 1 };
  await context.sync();
  const read = wanted.map((w) =>
    !w || w.used.isNullObject
      ? null
      : sheetFromValues(w.name, w.used.values as Values, w.used.rowIndex, w.used.columnIndex, []),
  );
  const [history, tracking] = read;
  return {
    history: history
      ? readHistory(workbookFromSheets([history]))
      : { rows: [], problems: [], intact: true, present: wanted[0] !== null },
    entries: tracking ? readTrackingEntries(workbookFromSheets([tracking]), plan) : undefined,
    syncs: 2,
  };
}

/** Only the named sheets of a spec, the first of `active` shown when written. */
function onlySheets(spec: WorkbookSpec, names: readonly string[], active: string): WorkbookSpec {
  const sheets = spec.sheets.filter((s) => names.includes(s.name));
  return {
    ...spec,
    sheets,
    activeSheet: Math.max(
      0,
      sheets.findIndex((s) => s.name === active),
    ),
  };
}

/** "Ghi vào sổ": the latest consolidation recorded into the book in use. */
export async function recordConsolidation(req: RecordRequest): Promise<RecordOutcome> {
  const plan = thePlan();
  const options = {
    asOf: req.result.asOf,
    today: req.today,
    ...(req.soonDays !== undefined ? { soonDays: req.soonDays } : {}),
  };
  const excel = req.excel;
  if (!excel) {
    const file = pickedBookFile();
    if (!file) return { kind: "no-book", text: NO_BOOK };
    const read = loadBookForHistory(file.bytes);
    const update = recordInBook(read, req.result, options);
    const problems = problemTexts(read.history);
    if ("refused" in update) throw refusal(update.refused, problems);
    // The downloaded book is the book from now on: a later period or the trends page build on it.
    setBookFile({ name: file.name, bytes: update.bytes });
    return {
      kind: "download",
      download: { name: file.name, bytes: update.bytes, mime: XLSX_MIME },
      rows: update.rows,
      notes: update.notes,
      problems,
    };
  }
  if (!planIsFromOpenWorkbook()) throw new ServiceError(NOT_OPEN_BOOK);
  // Refused before any round trip: nothing of the open workbook is needed to say so.
  if (req.result.planId !== plan.id)
    throw new ServiceError({
      vi: `Kết quả tổng hợp thuộc kế hoạch khác (${req.result.planId}): không ghi vào sổ.`,
      en: `The consolidation belongs to another plan (${req.result.planId}): not recorded in the book.`,
    });
  return excel.run(async (context) => {
    const open = await readOpenBook(context, plan);
    const problems = problemTexts(open.history);
    if (!open.history.intact)
      throw refusal(
        {
          vi: `Trang "${HISTORY_SHEET}" của sổ đang mở có nội dung không giữ được khi ghi lại: sổ không bị thay đổi.`,
          en: `The open workbook's "${HISTORY_SHEET}" sheet holds what a rewrite could not keep: the workbook was not changed.`,
        },
        problems,
      );
    const recorded = recordPeriod(open.history.rows, plan, req.result);
    if ("refused" in recorded) throw refusal(recorded.refused, problems);
    const spec = bookWorkbook(plan, {
      ...options,
      ...(open.entries ? { entries: open.entries } : {}),
      history: recorded.rows,
    });
    const report = await renderToExcel(context, onlySheets(spec, RECORDED_SHEETS, TRENDS_SHEET), {
      ownedSheets: [...RECORDED_SHEETS],
      ...(req.onProgress ? { onProgress: req.onProgress } : {}),
    });
    return {
      kind: "excel",
      report: { ...report, syncs: report.syncs + open.syncs },
      rows: recorded.rows.length,
      notes: recorded.notes,
      problems,
    };
  });
}

/** The history of the book in use: the picked file's, or the open workbook's (one round trip). */
async function bookHistory(excel: ExcelTarget | undefined): Promise<{ history: HistoryRead; source: Text } | null> {
  if (!excel) {
    const file = pickedBookFile();
    if (!file) return null;
    const read = loadBookForHistory(file.bytes);
    if (!read.history)
      throw refusal({ vi: `Không đọc được sổ ${file.name}.`, en: `Cannot read the book ${file.name}.` }, []);
    return { history: read.history, source: { vi: `tệp ${file.name}`, en: `file ${file.name}` } };
  }
  if (!planIsFromOpenWorkbook()) return null;
  const open = await excel.run((context) => readOpenBook(context, thePlan()));
  return { history: open.history, source: { vi: "sổ đang mở", en: "the open workbook" } };
}

/** The recorded periods' figures, for the trends page's chart. */
export async function historyTrends(excel?: ExcelTarget): Promise<TrendsOutcome> {
  const found = await bookHistory(excel);
  if (!found) return { kind: "no-book", text: excel ? NOT_OPEN_BOOK : NO_BOOK };
  const periods: PeriodFigures[] = periodTrends(found.history.rows).map((t) => ({
    ...t,
    label: reportPeriod(t.period)?.label ?? { vi: t.period, en: t.period },
  }));
  return {
    kind: "trends",
    source: found.source,
    periods,
    rows: found.history.rows.length,
    problems: problemTexts(found.history),
  };
}

/** "So-ket-NQ08-den-31-12-2027.xlsx". */
export function reviewFileName(plan: Plan, until: IsoDate): string {
  const [y, m, d] = until.split("-");
  return `So-ket-${planTag(plan)}-den-${d}-${m}-${y}.xlsx`;
}

/** "Tải gói sơ kết": the review pack (the CLI's `review`), downloaded or written beside the book's sheets. */
export async function reviewPack(req: ReviewRequest): Promise<ReviewOutcome> {
  const plan = thePlan();
  const found = await bookHistory(req.excel);
  if (!found) throw new ServiceError(req.excel ? NOT_OPEN_BOOK : NO_BOOK);
  const review = reviewWorkbook(plan, found.history.rows, req.until);
  if ("refused" in review) throw new ServiceError(review.refused);
  const excel = req.excel;
  if (!excel) {
    return {
      kind: "download",
      download: { name: reviewFileName(plan, req.until), bytes: renderXlsx(review.spec), mime: XLSX_MIME },
      periods: review.periods,
    };
  }
  const [trends, history] = review.spec.sheets;
  const sheets = [
    { ...trends!, name: REVIEW_SHEETS.trends },
    { ...history!, name: REVIEW_SHEETS.history, tables: history!.tables.map((t) => ({ ...t, name: REVIEW_TABLE })) },
  ];
  const report = await excel.run((context) =>
    renderToExcel(
      context,
      { ...review.spec, sheets, activeSheet: 0 },
      {
        ownedSheets: sheets.map((s) => s.name),
        documentProperties: false,
        ...(req.onProgress ? { onProgress: req.onProgress } : {}),
      },
    ),
  );
  return { kind: "excel", report, periods: review.periods };
}
