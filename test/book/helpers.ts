/** Books for tests: the template's bytes, and edits made with ExcelJS (an independent writer, as Excel would). */
import ExcelJS from "exceljs";
import { trackingXlsx } from "../../src/jobs/tracking";
import { builtinPlan } from "../../src/plan";
import type { Plan } from "../../src/plan/types";

export function bookBytes(plan: Plan = builtinPlan()): Uint8Array {
  return trackingXlsx(plan, { asOf: "2026-07-01", today: "2026-07-01" });
}

/** Opens the book in ExcelJS, lets `edit` change it, saves it as ExcelJS would. */
export async function editBook(
  bytes: Uint8Array,
  edit: (wb: ExcelJS.Workbook) => void | Promise<void>,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  await edit(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The row of a unit on a sheet whose column A holds unit codes. */
export function rowOfCode(ws: ExcelJS.Worksheet, code: string): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (String(row.getCell(1).value) === code) found = n;
  });
  if (!found) throw new Error(`no row for ${code} on ${ws.name}`);
  return found;
}
