import { trackingFileName } from "../../../jobs/tracking";
import { missingFeatures, missingFeaturesSummary, renderToExcel } from "../../../excel";
import type { Text } from "../../../i18n";
import { APPENDIX_SHEET } from "../../../workbook/appendix";
import { TRACKING_SHEET } from "../../../workbook/tracking";
import type { TrackingOutcome, TrackingRequest } from "../types";
import { thePlan, trackingSpec, typography, xlsxDownload } from "./shared";

/**
 * The tracking workbook: written into the open workbook (Excel mode) or as a download. When this
 * Excel lacks features the workbook uses, nothing is written unless the official insists
 * (`force`); the .xlsx download, which has everything, is offered instead.
 */
export async function createTracking(req: TrackingRequest): Promise<TrackingOutcome> {
  const spec = trackingSpec(thePlan(), {
    asOf: req.asOf,
    today: req.today,
    soonDays: req.soonDays,
    typography: typography(req.titleSize, req.tableSize),
  });
  const excel = req.excel;
  if (!excel) return { kind: "download", download: xlsxDownload(spec, trackingFileName(thePlan())) };

  const isSetSupported = (set: string, version: string) => excel.isSetSupported(set, version);
  const missing = missingFeatures(isSetSupported);
  const core = missing.some((m) => m.feature === "core");
  if (missing.length > 0 && (core || !req.force)) {
    return {
      kind: "missing-features",
      summary: missingFeaturesSummary(missing) as Text,
      features: missing.map((m) => m.text),
      canForce: !core,
      download: xlsxDownload(spec, trackingFileName(thePlan())),
    };
  }
  const report = await excel.run((context) =>
    renderToExcel(context, spec, {
      ownedSheets: [APPENDIX_SHEET, TRACKING_SHEET],
      isSetSupported,
      ...(req.onProgress ? { onProgress: req.onProgress } : {}),
    }),
  );
  return { kind: "excel", report };
}
