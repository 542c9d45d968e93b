import { trackingFileName } from "../../../jobs/tracking";
import { evaluate } from "../../../consolidate";
import type { ConsolidationResult } from "../../../consolidate/types";
import type { Text } from "../../../i18n";
import { consolidatedBook } from "../../../workbook/consolidated";
import { isoToSerial } from "../../../dates";
import { TRACKING_AS_OF_CELL, TRACKING_SHEET, TRACKING_SOON_DAYS_CELL } from "../../../workbook/tracking";
import { ServiceError } from "../errors";
import type { ConsolidationLocations, ExcelWriteReport, HighlightOutcome, HighlightRequest } from "../types";
import {
  consolidationDownloads,
  locateConsolidated,
  thePlan,
  trackingSpec,
  writeConsolidated,
  xlsxDownload,
} from "./shared";

const NO_TRACKING_SHEET: Text = {
  vi: `Sổ đang mở chưa có trang "${TRACKING_SHEET}". Hãy tạo sổ theo dõi ở trang "Sổ theo dõi" trước.`,
  en: `The open workbook has no "${TRACKING_SHEET}" sheet. Create the tracking workbook on the "Tracking workbook" page first.`,
};

function isNotFound(e: unknown): boolean {
  return e !== null && typeof e === "object" && (e as { code?: unknown }).code === "ItemNotFound";
}

/**
 * Recolours for a new report date. Excel mode: the tracking sheet's report date (C2) and "due soon"
 * days (F2) are set, and its formulas and conditional formats do the rest (one round trip); a
 * consolidation kept in memory is re-classified for the date and its sheets re-written. Browser
 * mode: the workbooks are produced again for that date.
 */
export async function refreshHighlight(req: HighlightRequest): Promise<HighlightOutcome> {
  const plan = thePlan();
  const previous: ConsolidationResult | null = req.consolidation ?? null;
  const consolidation = previous
    ? evaluate(previous.forms, { plan, asOf: req.asOf, period: previous.period, soonDays: req.soonDays })
    : null;
  const book = consolidation ? consolidatedBook(plan, consolidation) : null;
  const spec = book?.spec ?? null;
  const locations: ConsolidationLocations | null =
    book && consolidation ? locateConsolidated(book, consolidation) : null;
  const warnings: Text[] = [];
  const excel = req.excel;

  if (!excel) {
    const downloads = [
      xlsxDownload(
        trackingSpec(plan, { asOf: req.asOf, today: req.today, soonDays: req.soonDays }),
        trackingFileName(plan),
      ),
      ...(consolidation ? consolidationDownloads(plan, consolidation) : []),
    ];
    return { trackingUpdated: false, consolidation, locations, excel: null, downloads, warnings };
  }

  return excel.run(async (context) => {
    let syncs = 0;
    let trackingUpdated = false;
    const sheet = context.workbook.worksheets.getItem(TRACKING_SHEET);
    const asOfCell = sheet.getRange(TRACKING_AS_OF_CELL);
    // Today stays live (=TODAY()); another date is fixed, as the official chose it.
    if (req.asOf === req.today) asOfCell.formulas = [["=TODAY()"]];
    else asOfCell.values = [[isoToSerial(req.asOf)]];
    sheet.getRange(TRACKING_SOON_DAYS_CELL).values = [[req.soonDays]];
    try {
      await context.sync();
      syncs++;
      trackingUpdated = true;
    } catch (e) {
      syncs++;
      const text = isNotFound(e)
        ? NO_TRACKING_SHEET
        : {
            vi: `Không cập nhật được trang "${TRACKING_SHEET}" (${e instanceof Error ? e.message : String(e)}).`,
            en: `Could not update the "${TRACKING_SHEET}" sheet (${e instanceof Error ? e.message : String(e)}).`,
          };
      if (!consolidation) throw new ServiceError(text, e);
      warnings.push(text);
    }

    let report: ExcelWriteReport | null = null;
    if (consolidation && spec) {
      const written = await writeConsolidated(context, excel, spec, consolidation);
      syncs += written.syncs;
      report = { ...written, sheets: [...(trackingUpdated ? [TRACKING_SHEET] : []), ...written.sheets], syncs };
    }
    const downloads = consolidation && !report ? consolidationDownloads(plan, consolidation) : [];
    return {
      trackingUpdated,
      consolidation,
      locations,
      excel: report ?? { sheets: trackingUpdated ? [TRACKING_SHEET] : [], syncs, warnings: [] },
      downloads,
      warnings,
    };
  });
}
