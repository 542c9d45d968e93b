/**
 * Print setup alone, on sheets that already exist (the task pane's "In ấn" page). Uses the
 * renderer's own `printOps`, so a sheet gets exactly what a full render would give it.
 */
import type { Text } from "../i18n";
import type { PrintSetup, Sheet, WorkbookSpec } from "../workbook/model";
import { Notes, printOps, type RunTargets } from "./plan";
import { missingFeatures, missingFeaturesSummary, officeIsSetSupported } from "./requirements";

export interface PrintTarget {
  /** The worksheet proxy (e.g. `worksheets.getItem(name)` or `getActiveWorksheet()`). */
  sheet: Excel.Worksheet;
  print: PrintSetup;
}

/** A bare sheet description carrying only a print setup: what printOps reads. */
function printOnlySheet(print: PrintSetup): Sheet {
  return {
    name: "print",
    visibility: "visible",
    columns: [],
    rows: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
    tables: [],
    print,
    showGridLines: true,
  };
}

/**
 * Queues the print setup of every target; nothing is synced here, so a caller can put several
 * sheets (or other work) into one round trip. Returns the warning when this Excel lacks
 * ExcelApi 1.9 — then nothing is queued.
 */
export function queuePrintSetup(
  workbook: Excel.Workbook,
  targets: readonly PrintTarget[],
  isSetSupported: (set: string, version: string) => boolean = officeIsSetSupported(),
): { queued: number; missing: Text | null } {
  const missing = missingFeatures(isSetSupported).filter((m) => m.feature === "print" || m.feature === "core");
  if (missing.length > 0) return { queued: 0, missing: missingFeaturesSummary(missing) };
  const sheets = targets.map((t) => printOnlySheet(t.print));
  const spec: WorkbookSpec = {
    properties: { title: "", subject: "", creator: "" },
    customProperties: {},
    defaultFont: { name: "Times New Roman", size: 13 },
    styles: {},
    sheets,
    definedNames: [],
    activeSheet: 0,
  };
  const notes = new Notes(() => true);
  const input = {
    spec,
    tempSheetNames: sheets.map((s) => s.name),
    tempTableNames: new Map<string, string>(),
    supported: () => true,
    chunkBytes: 0,
  };
  const run: RunTargets = { workbook, sheets: targets.map((t) => t.sheet), tables: new Map() };
  let queued = 0;
  sheets.forEach((sheet, index) => {
    for (const op of printOps({ input, notes, sheet, index, sheetRefs: new Map() })) {
      op.run(run);
      queued++;
    }
  });
  return { queued, missing: null };
}
