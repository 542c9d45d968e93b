import { evaluate } from "../../../consolidate";
import { fitToWidthDropped, fitToWidthHeld, mmToPoints, queuePrintSetup, type PrintTarget } from "../../../excel";
import type { Text } from "../../../i18n";
import { APPENDIX_HEADER_ROW, APPENDIX_SHEET } from "../../../workbook/appendix";
import { CONSOLIDATED_SHEETS, consolidatedWorkbook } from "../../../workbook/consolidated";
import type { PrintSetup } from "../../../workbook/model";
import { OFFICIAL_MARGINS_MM, officialPrint } from "../../../workbook/print";
import { TRACKING_HEADER_ROW, TRACKING_SHEET } from "../../../workbook/tracking";
import { ServiceError } from "../errors";
import type { PrintChoice, PrintOutcome, PrintRequest } from "../types";
import { thePlan } from "./shared";

export const ACTIVE_SHEET_LABEL = "(active)";

/** Sheet name and table header row of each known sheet (the rows repeated on every printed page). */
function knownSheets(): Record<Exclude<PrintChoice, "active">, { name: string; headerRow: number | null }> {
  const plan = thePlan();
  // The consolidated layout does not depend on the data: an empty consolidation shows where headers are.
  const empty = evaluate([], { plan, asOf: "2026-01-01" });
  const spec = consolidatedWorkbook(plan, empty);
  const header = (name: string) => spec.sheets.find((s) => s.name === name)?.print?.repeatRows?.first ?? null;
  return {
    appendix: { name: APPENDIX_SHEET, headerRow: APPENDIX_HEADER_ROW },
    tracking: { name: TRACKING_SHEET, headerRow: TRACKING_HEADER_ROW },
    summary: { name: CONSOLIDATED_SHEETS.summary, headerRow: header(CONSOLIDATED_SHEETS.summary) },
    byTask: { name: CONSOLIDATED_SHEETS.byTask, headerRow: header(CONSOLIDATED_SHEETS.byTask) },
    byUnit: { name: CONSOLIDATED_SHEETS.byUnit, headerRow: header(CONSOLIDATED_SHEETS.byUnit) },
    missing: { name: CONSOLIDATED_SHEETS.missing, headerRow: header(CONSOLIDATED_SHEETS.missing) },
    problems: { name: CONSOLIDATED_SHEETS.problems, headerRow: header(CONSOLIDATED_SHEETS.problems) },
  };
}

function setupFor(headerRow: number | null, orientation: PrintRequest["orientation"]): PrintSetup {
  const base = officialPrint(headerRow ? { headerRows: { first: headerRow, last: headerRow } } : {});
  return { ...base, orientation };
}

/**
 * Official print setup (36-HD/VPTW: A4, margins 20/20/30/15 mm, header row repeated, page numbers)
 * on the chosen sheets of the open workbook: one round trip to see which exist, one to apply.
 */
export async function applyPrint(req: PrintRequest): Promise<PrintOutcome> {
  if (req.sheets.length === 0) {
    throw new ServiceError({ vi: "Chưa chọn trang tính nào.", en: "No sheet has been chosen." });
  }
  const excel = req.excel;
  const known = knownSheets();
  return excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    await context.sync();
    const present = new Set(worksheets.items.map((w) => w.name.toUpperCase()));
    const targets: PrintTarget[] = [];
    const applied: string[] = [];
    const absent: string[] = [];
    for (const choice of new Set(req.sheets)) {
      if (choice === "active") {
        targets.push({ sheet: worksheets.getActiveWorksheet(), print: setupFor(null, req.orientation) });
        applied.push(ACTIVE_SHEET_LABEL);
        continue;
      }
      const k = known[choice];
      if (!present.has(k.name.toUpperCase())) {
        absent.push(k.name);
        continue;
      }
      targets.push({ sheet: worksheets.getItem(k.name), print: setupFor(k.headerRow, req.orientation) });
      applied.push(k.name);
    }
    let syncs = 1;
    const warnings: Text[] = [];
    if (targets.length > 0) {
      const { fitChecks } = queuePrintSetup(context.workbook, targets);
      await context.sync();
      syncs++;
      // The sheets' own column widths are not known here, so no scale can stand in: say what to do.
      if (!fitToWidthHeld(fitChecks)) warnings.push(fitToWidthDropped([]));
    }
    const m = OFFICIAL_MARGINS_MM;
    return {
      applied,
      absent,
      syncs,
      warnings,
      marginsPt: {
        top: mmToPoints(m.top),
        bottom: mmToPoints(m.bottom),
        left: mmToPoints(m.left),
        right: mmToPoints(m.right),
      },
    };
  });
}
