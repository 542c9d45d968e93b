/**
 * Print setup alone, on sheets that already exist (the task pane's "In ấn" page). Uses the
 * renderer's own `printOps`, so a sheet gets exactly what a full render would give it.
 */
import type { PrintSetup, Sheet, WorkbookSpec } from "../workbook/model";
import { Notes, printOps, type RunTargets } from "./plan";

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
 * sheets (or other work) into one round trip. `fitChecks` are the loaded page layouts of the
 * targets that ask for fit-to-width: after the sync, `fitToWidthHeld` tells whether Excel kept it
 * (it may not: OfficeDev/office-js#1860).
 */
export function queuePrintSetup(
  workbook: Excel.Workbook,
  targets: readonly PrintTarget[],
): { queued: number; fitChecks: Excel.PageLayout[] } {
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
  const notes = new Notes();
  const input = {
    spec,
    tempSheetNames: sheets.map((s) => s.name),
    tempTableNames: new Map<string, string>(),
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
  // Queued after the settings, so the read shows what Excel made of them in the same round trip.
  const fitChecks = targets.filter((t) => t.print.fitToWidth).map((t) => t.sheet.pageLayout.load("zoom"));
  return { queued, fitChecks };
}

/** After the sync: false when Excel dropped "fit to 1 page wide" on any checked sheet. */
export function fitToWidthHeld(fitChecks: readonly Excel.PageLayout[]): boolean {
  return fitChecks.every((pl) => pl.zoom?.horizontalFitToPages === 1);
}
