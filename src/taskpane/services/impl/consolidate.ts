import { isoTime, type Source } from "../../../jobs/inputs";
import { runConsolidation } from "../../../jobs/consolidate";
import { reportPeriod } from "../../../schedule/periods";
import { consolidatedBook } from "../../../workbook/consolidated";
import { ServiceError } from "../errors";
import type { ConsolidateOutcome, ConsolidateRequest, SourceFile } from "../types";
import { browserReader } from "./reader";
import { consolidationDownloads, locateConsolidated, thePlan, writeConsolidated } from "./shared";

/** A picked or dropped File as a source: read with File.arrayBuffer, so nothing is uploaded. */
function fileSource(file: SourceFile): Source {
  const lastModified = isoTime(file.lastModified);
  return {
    name: file.name,
    ...(lastModified ? { lastModified } : {}),
    read: async () => new Uint8Array(await file.arrayBuffer()),
  };
}

/**
 * The pane's consolidation: src/jobs reads, checks and merges (the same run as the command line's),
 * reporting each picked file's fate as it goes; this adds only what a page needs — a pause now
 * and then for the progress to paint — and where the result goes (the open workbook or downloads).
 */
export async function consolidateFiles(req: ConsolidateRequest): Promise<ConsolidateOutcome> {
  const plan = thePlan();
  let period;
  if (req.period) {
    period = reportPeriod(req.period);
    if (!period) {
      throw new ServiceError({
        vi: `Kỳ báo cáo "${req.period}" không hợp lệ.`,
        en: `Report period "${req.period}" is not valid.`,
      });
    }
  }
  if (req.files.length === 0) {
    throw new ServiceError({
      vi: "Chưa chọn tệp báo cáo nào.",
      en: "No report file has been picked.",
    });
  }
  let last = Date.now();
  const reader = browserReader(plan, req.files.length);
  let run;
  try {
    run = await runConsolidation({
      plan,
      sources: req.files.map(fileSource),
      asOf: req.asOf,
      ...(period ? { period } : {}),
      ...(req.soonDays !== undefined ? { soonDays: req.soonDays } : {}),
      reader,
      ...(req.onFile ? { onSource: req.onFile } : {}),
      ...(req.onProgress ? { onProgress: (done: number, total: number) => req.onProgress!(done, total) } : {}),
      // Let the page paint progress now and then, not after every file (3,000 files stay fast).
      breathe: async () => {
        if (Date.now() - last > 40) {
          last = Date.now();
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      },
    });
  } finally {
    await reader.close();
  }
  const { result } = run;

  const book = consolidatedBook(plan, result);
  const { spec } = book;
  const locations = locateConsolidated(book, result);
  const skipped = run.skipped;
  const excel = req.excel;
  if (!excel) return { result, locations, skipped, excel: null, downloads: consolidationDownloads(plan, result) };
  const report = await excel.run((context) => writeConsolidated(context, excel, spec, result));
  return { result, locations, skipped, excel: report, downloads: [] };
}
