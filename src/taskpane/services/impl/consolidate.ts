import { evaluate, readForm, UnitIndex } from "../../../consolidate";
import type { FormRecord, InputFile } from "../../../consolidate/types";
import { reportPeriod } from "../../../schedule/periods";
import { consolidatedWorkbook } from "../../../workbook/consolidated";
import { DEFAULT_LIMITS } from "../../../xlsx/read";
import { ZipArchive } from "../../../xlsx/read/zip";
import { ServiceError } from "../errors";
import type { ConsolidateOutcome, ConsolidateRequest, FileProgress, SourceFile } from "../types";
import { cannotWrite, consolidationDownloads, locateConsolidated, thePlan, writeConsolidated } from "./shared";

/** Forms inside a .zip (e.g. the forms package, filled and zipped back); folders and Mac metadata skipped. */
function formsInZip(name: string, bytes: Uint8Array): InputFile[] | null {
  try {
    const zip = new ZipArchive(bytes, { ...DEFAULT_LIMITS });
    const out: InputFile[] = [];
    for (const entry of zip.entries) {
      const inner = entry.name.replace(/\\/g, "/");
      if (inner.endsWith("/") || /(^|\/)(__MACOSX|\.)/.test(inner) || !/\.(xlsx|xlsm)$/i.test(inner)) continue;
      let inflated: Uint8Array;
      try {
        inflated = zip.read(entry);
      } catch {
        // One damaged entry is reported as an unreadable form; the others still count.
        inflated = new Uint8Array(0);
      }
      out.push({ name: `${name}/${inner}`, bytes: inflated });
    }
    return out.length > 0 ? out : null;
  } catch {
    // Not a readable zip: handed on as it is, so the consolidation reports it like any bad file.
    return null;
  }
}

function isoTime(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return undefined;
  try {
    return new Date(ms).toISOString();
  } catch {
    return undefined;
  }
}

async function readSource(file: SourceFile): Promise<InputFile[]> {
  const lastModified = isoTime(file.lastModified);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    // Unreadable (moved, locked): an empty file, which the consolidation reports as unreadable.
    bytes = new Uint8Array(0);
  }
  const inner = /\.zip$/i.test(file.name) ? formsInZip(file.name, bytes) : null;
  const files = inner ?? [{ name: file.name, bytes }];
  return files.map((f) => (lastModified ? { ...f, lastModified } : f));
}

/**
 * Reads the picked files one by one (File.arrayBuffer: nothing is uploaded), checks each form as it
 * arrives — so a file's bytes are dropped as soon as it is read — then consolidates. This is
 * `consolidate()`'s own path (readForm per file, then evaluate), opened up for per-file progress.
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
  const units = new UnitIndex(plan);
  const records: FormRecord[] = [];
  const perSource: FormRecord[][] = [];
  let last = Date.now();
  const breathe = async () => {
    // Let the page paint progress now and then, not after every file (3,000 files stay fast).
    if (Date.now() - last > 40) {
      last = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  for (const [index, file] of req.files.entries()) {
    req.onFile?.(index, { state: "reading" });
    const inputs = await readSource(file);
    req.onFile?.(index, { state: "checking", forms: inputs.length });
    const mine = inputs.map((input) => readForm(plan, input, units));
    records.push(...mine);
    perSource.push(mine);
    const errors = mine.reduce((n, r) => n + r.problems.filter((p) => p.severity === "error").length, 0);
    req.onFile?.(index, { state: mine.some((r) => r.usable) ? "checking" : "failed", forms: mine.length, errors });
    req.onProgress?.(index + 1, req.files.length);
    await breathe();
  }

  const result = evaluate(records, {
    plan,
    asOf: req.asOf,
    ...(period ? { period } : {}),
    ...(req.soonDays !== undefined ? { soonDays: req.soonDays } : {}),
  });

  // Final state per picked file, from the consolidation's verdict on its forms.
  const verdict = new Map(result.files.map((f) => [`${f.name}\u0000${f.hash}`, f] as const));
  perSource.forEach((mine, index) => {
    const reports = mine.map((r) => verdict.get(`${r.name}\u0000${r.hash}`));
    const outcome = reports.some((r) => r?.outcome === "accepted")
      ? "accepted"
      : reports.some((r) => r?.outcome === "superseded")
        ? "superseded"
        : "rejected";
    const errors = reports.reduce((n, r) => n + (r?.problems.error ?? 0), 0);
    const progress: FileProgress = {
      state: outcome === "rejected" ? "failed" : "done",
      outcome,
      forms: mine.length,
      errors,
    };
    req.onFile?.(index, progress);
  });

  const spec = consolidatedWorkbook(plan, result);
  const locations = locateConsolidated(spec, result);
  const excel = req.excel;
  if (!excel) return { result, locations, excel: null, downloads: consolidationDownloads(plan, result) };
  const blocked = cannotWrite(excel);
  if (blocked)
    return { result, locations, excel: null, downloads: consolidationDownloads(plan, result), notice: blocked };
  const report = await excel.run((context) => writeConsolidated(context, excel, spec, result));
  return { result, locations, excel: report, downloads: [] };
}
