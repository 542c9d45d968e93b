import { bookWorkbook, loadBookForHistory } from "../../../jobs/history";
import { trackingFileName } from "../../../jobs/tracking";
import { renderToExcel } from "../../../excel";
import { APPENDIX_SHEET } from "../../../workbook/appendix";
import { HISTORY_SHEET } from "../../../workbook/history";
import { TRACKING_SHEET, type TrackingEntry } from "../../../workbook/tracking";
import type { TrackingOutcome, TrackingRequest } from "../types";
import { PLAN_SHEETS } from "../../../workbook/book-layout";
import { ServiceError } from "../errors";
import { readOpenTrackingEntries } from "./book";
import { problemTexts, refusal } from "./history";
import {
  bookTrackingEntries,
  pickedBookFile,
  planIsFromOpenWorkbook,
  thePlan,
  trackingSpec,
  typography,
  xlsxDownload,
} from "./shared";

const PLAN_SHEETS_SET = new Set<string>(PLAN_SHEETS);

/** The tracking workbook: written into the open workbook (Excel mode) or as a download. */
export async function createTracking(req: TrackingRequest): Promise<TrackingOutcome> {
  const spec = (entries: ReadonlyMap<string, TrackingEntry> | undefined) =>
    trackingSpec(thePlan(), {
      asOf: req.asOf,
      today: req.today,
      soonDays: req.soonDays,
      typography: typography(req.titleSize, req.tableSize),
      entries,
    });
  const excel = req.excel;
  if (!excel)
    return {
      kind: "download",
      download: xlsxDownload(pickedBookSpec(req) ?? spec(bookTrackingEntries()), trackingFileName(thePlan())),
    };

  let checks = 0;
  const report = await excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    checks++;
    // The office's plan sheets are replaced by the plan in use: never when that plan was not read
    // from them, or their edits would be lost without a word.
    if (!planIsFromOpenWorkbook()) {
      const found = sheets.items.map((s) => s.name.normalize("NFC")).filter((n) => PLAN_SHEETS_SET.has(n));
      if (found.length > 0)
        throw new ServiceError({
          vi: `Sổ đang mở đã có trang kế hoạch (${found.join(", ")}). Để không ghi đè kế hoạch văn phòng đã sửa, hãy bấm "Đọc kế hoạch từ sổ đang mở" trước, rồi tạo lại sổ theo dõi.`,
          en: `The open workbook already has plan sheets (${found.join(", ")}). So as not to overwrite the office's edited plan, click "Read the plan from the open workbook" first, then create the tracking workbook again.`,
        });
    }
    // What the office typed on "Theo dõi" is carried into the rebuilt sheet, so a rebuild never
    // wipes a status or a completion date.
    const entries = await readOpenTrackingEntries(context, sheets, thePlan());
    if (entries) checks++;
    return renderToExcel(context, spec(entries), {
      ownedSheets: [APPENDIX_SHEET, TRACKING_SHEET],
      ...(req.onProgress ? { onProgress: req.onProgress } : {}),
    });
  });
  return { kind: "excel", report: { ...report, syncs: report.syncs + checks } };
}

/**
 * Browser page with a picked book: the book as it is now (periods recorded since it was picked
 * included) rebuilt whole — "Theo dõi" with the office's entries, "Xu hướng" and "Lịch sử" kept —
 * so the download can replace the book without losing a period. Null without a picked book.
 */
function pickedBookSpec(req: TrackingRequest) {
  const file = pickedBookFile();
  if (!file) return null;
  const read = loadBookForHistory(file.bytes);
  const history = read.history;
  if (!history?.present) return null;
  if (!history.intact)
    throw refusal(
      {
        vi: `Trang "${HISTORY_SHEET}" của sổ ${file.name} có nội dung không giữ được khi tạo lại sổ: chưa tạo sổ mới.`,
        en: `The "${HISTORY_SHEET}" sheet of ${file.name} holds what rebuilding the book could not keep: no new book was made.`,
      },
      problemTexts(history),
    );
  return bookWorkbook(thePlan(), {
    asOf: req.asOf,
    today: req.today,
    soonDays: req.soonDays,
    typography: typography(req.titleSize, req.tableSize),
    ...(read.tracking ? { entries: read.tracking } : {}),
    history: history.rows,
  });
}
