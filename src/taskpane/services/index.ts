/**
 * What the pages call. This module is the dynamic-import boundary: everything heavy (workbook
 * descriptions, the .xlsx writer and reader, the consolidation, the Office.js renderer) is reached
 * only through `import()` here, so webpack puts it in chunks loaded on the first click and the
 * pane starts with React + Fluent UI alone. Only types and tiny helpers are imported statically.
 */
import type { ConsolidationResult } from "../../consolidate/types";
import type { Lang } from "../../i18n";
import type { BookOutcome } from "./book-types";
import type { ImportOutcome } from "./import-types";
import type {
  ConsolidateOutcome,
  ConsolidateRequest,
  Download,
  ExcelTarget,
  FormsOutcome,
  FormsRequest,
  HighlightOutcome,
  HighlightRequest,
  PrintOutcome,
  PrintRequest,
  RecordOutcome,
  RecordRequest,
  ReviewOutcome,
  ReviewRequest,
  SheetLocation,
  TrendsOutcome,
  TrackingOutcome,
  TrackingRequest,
} from "./types";

export type * from "./types";
export type { BookOutcome } from "./book-types";
export type { ImportOutcome } from "./import-types";
export { JSON_MIME, XLSX_MIME, ZIP_MIME } from "./types";
export { download } from "./download";
export { errorText, ServiceError } from "./errors";
export { officeExcelTarget } from "./excel-target";

/** Sổ theo dõi: into the open workbook, or as So-theo-doi-NQ08.xlsx. */
export async function createTracking(req: TrackingRequest): Promise<TrackingOutcome> {
  const m = await import(/* webpackChunkName: "svc-tracking" */ "./impl/tracking");
  return m.createTracking(req);
}

/** Mẫu báo cáo: every unit's form for a period, as one .zip. */
export async function createForms(req: FormsRequest): Promise<FormsOutcome> {
  const m = await import(/* webpackChunkName: "svc-forms" */ "./impl/forms");
  return m.createForms(req);
}

/** Tổng hợp: read, check and merge the returned forms; write or download the result. */
export async function consolidateFiles(req: ConsolidateRequest): Promise<ConsolidateOutcome> {
  const m = await import(/* webpackChunkName: "svc-consolidate" */ "./impl/consolidate");
  return m.consolidateFiles(req);
}

/** The consolidated workbook and JSON summary of a result (Excel mode's "download too" button). */
export async function consolidationDownloads(result: ConsolidationResult): Promise<Download[]> {
  const m = await import(/* webpackChunkName: "svc-consolidate" */ "./impl/shared");
  return m.consolidationDownloads(m.thePlan(), result);
}

/** The draft results report (.docx) of a result, in the pane's language. */
export async function consolidationReport(result: ConsolidationResult, lang: Lang): Promise<Download> {
  const m = await import(/* webpackChunkName: "svc-report" */ "./impl/report");
  return m.reportDownload(result, lang);
}

/** Tô màu hạn: recolour for a report date. */
export async function refreshHighlight(req: HighlightRequest): Promise<HighlightOutcome> {
  const m = await import(/* webpackChunkName: "svc-highlight" */ "./impl/highlight");
  return m.refreshHighlight(req);
}

/** In ấn: official print setup on the chosen sheets. */
export async function applyPrint(req: PrintRequest): Promise<PrintOutcome> {
  const m = await import(/* webpackChunkName: "svc-print" */ "./impl/print");
  return m.applyPrint(req);
}

/** Kế hoạch từ sổ: a picked book file, held in memory; its plan is used when it has no errors. */
export async function loadBookFile(bytes: Uint8Array, name: string): Promise<BookOutcome> {
  const m = await import(/* webpackChunkName: "svc-book" */ "./impl/book");
  return m.loadBookFile(bytes, name);
}

/** Kế hoạch từ sổ đang mở (Excel mode); says so when the workbook has no book sheets. */
export async function readWorkbookPlan(excel: ExcelTarget): Promise<BookOutcome> {
  const m = await import(/* webpackChunkName: "svc-book" */ "./impl/book");
  return m.readWorkbookPlan(excel);
}

/** Back to the built-in plan. */
export async function useBuiltinPlan(): Promise<void> {
  const m = await import(/* webpackChunkName: "svc-book" */ "./impl/book");
  m.useBuiltinPlan();
}

/** Nhập phụ lục: a picked .docx / .xlsx / text file → the book (a download, or sheets in the open workbook). */
export async function importAppendixFile(bytes: Uint8Array, name: string, excel?: ExcelTarget): Promise<ImportOutcome> {
  const m = await import(/* webpackChunkName: "svc-import" */ "./impl/import");
  return m.importFile(bytes, name, excel);
}

/** Nhập phụ lục from the selected range of the open workbook (Excel mode). */
export async function importSelectedRange(excel: ExcelTarget): Promise<ImportOutcome> {
  const m = await import(/* webpackChunkName: "svc-import" */ "./impl/import");
  return m.importSelection(excel);
}

/** Shows a consolidated row in Excel: activates its sheet and selects it (one round trip). */
export async function selectInExcel(excel: ExcelTarget, location: SheetLocation): Promise<void> {
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(location.sheet);
    sheet.activate();
    sheet.getRange(location.address).select();
    await context.sync();
  });
}

/** Ghi vào sổ: the latest consolidation recorded into the book (download, or the open workbook). */
export async function recordConsolidation(req: RecordRequest): Promise<RecordOutcome> {
  const m = await import(/* webpackChunkName: "svc-history" */ "./impl/history");
  return m.recordConsolidation(req);
}

/** Xu hướng: the recorded periods' figures from the book in use. */
export async function historyTrends(excel?: ExcelTarget): Promise<TrendsOutcome> {
  const m = await import(/* webpackChunkName: "svc-history" */ "./impl/history");
  return m.historyTrends(excel);
}

/** Tải gói sơ kết: the review pack up to a date (download, or sheets in the open workbook). */
export async function reviewPack(req: ReviewRequest): Promise<ReviewOutcome> {
  const m = await import(/* webpackChunkName: "svc-history" */ "./impl/history");
  return m.reviewPack(req);
}
