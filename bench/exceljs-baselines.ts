/**
 * Baselines for `npm run bench`: the straightforward ExcelJS way of doing what our own code does,
 * run on the same inputs in the same process. Bench-only (ExcelJS is a devDependency).
 */
import ExcelJS from "exceljs";
import { isoToSerial } from "../src/dates";
import { FORM_COLUMNS, FORM_HEADER_ROW, FORM_SHEET } from "../src/workbook/form-layout";
import type { CellValue, WorkbookSpec } from "../src/workbook/model";

const argb = (rgb: string) => `FF${rgb}`;

function cellValue(v: CellValue): ExcelJS.CellValue {
  if (v === null || typeof v !== "object") return v;
  if ("date" in v) return isoToSerial(v.date);
  return { formula: v.formula, result: v.result ?? undefined } as ExcelJS.CellFormulaValue;
}

/** Writes a description with ExcelJS: values, styles, merges, widths, validations, protection, print. */
export async function writeWithExcelJS(spec: WorkbookSpec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of spec.sheets) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.visibility });
    sheet.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = c.width;
      ws.getColumn(i + 1).hidden = c.hidden ?? false;
    });
    sheet.rows.forEach((row, r) => {
      const xr = ws.getRow(r + 1);
      if (row.height) xr.height = row.height;
      row.cells.forEach((c, col) => {
        if (!c) return;
        const cell = xr.getCell(col + 1);
        cell.value = cellValue(c.value);
        const st = c.style ? spec.styles[c.style] : undefined;
        if (!st) return;
        if (st.font) cell.font = { ...st.font, color: st.font.color ? { argb: argb(st.font.color) } : undefined };
        if (st.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(st.fill) } };
        if (st.border) {
          const side = { style: st.border } as ExcelJS.Border;
          cell.border = { top: side, bottom: side, left: side, right: side };
        }
        if (st.alignment)
          cell.alignment = {
            horizontal: st.alignment.horizontal,
            vertical: st.alignment.vertical === "center" ? "middle" : st.alignment.vertical,
            wrapText: st.alignment.wrap,
          };
        if (st.numberFormat) cell.numFmt = st.numberFormat;
        if (st.locked === false) cell.protection = { locked: false };
      });
    });
    for (const m of sheet.merges) ws.mergeCells(m);
    for (const v of sheet.validations) {
      const bound = (b: typeof v.min) => (b === undefined ? undefined : typeof b === "number" ? b : new Date(b.date));
      const dv: ExcelJS.DataValidation = {
        type: v.type,
        allowBlank: v.allowBlank,
        operator: v.operator,
        formulae:
          v.type === "list"
            ? [`"${(v.list ?? []).join(",")}"`]
            : [bound(v.min) ?? bound(v.max), bound(v.max)].filter((x) => x !== undefined),
        showErrorMessage: true,
        errorTitle: v.error.title,
        error: v.error.message,
        showInputMessage: !!v.prompt,
        promptTitle: v.prompt?.title,
        prompt: v.prompt?.message,
      } as ExcelJS.DataValidation;
      // ExcelJS's typings omit the sheet-level collection its docs describe.
      (
        ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(v.range, dv);
    }
    if (sheet.print) {
      const mm = (x: number) => x / 25.4;
      ws.pageSetup = {
        paperSize: 9,
        orientation: sheet.print.orientation,
        fitToPage: sheet.print.fitToWidth,
        fitToWidth: 1,
        fitToHeight: 0,
        margins: {
          top: mm(sheet.print.marginsMm.top),
          bottom: mm(sheet.print.marginsMm.bottom),
          left: mm(sheet.print.marginsMm.left),
          right: mm(sheet.print.marginsMm.right),
          header: mm(sheet.print.marginsMm.header),
          footer: mm(sheet.print.marginsMm.footer),
        },
      } as Partial<ExcelJS.PageSetup>;
    }
    if (sheet.protection) {
      // ExcelJS hashes passwords with SHA-512 and 100,000 spins: the cost our legacy hash avoids.
      await ws.protect(sheet.protection.password ?? "", {
        formatColumns: sheet.protection.allow.formatColumns,
        formatRows: sheet.protection.allow.formatRows,
      });
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface BaselineRecord {
  task: number;
  values: Record<string, unknown>;
}

/** The straightforward ExcelJS reader of a returned form: load, find the sheet, read the rows. */
export async function readFormWithExcelJS(bytes: Uint8Array): Promise<BaselineRecord[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(FORM_SHEET) ?? wb.worksheets[0];
  if (!ws) return [];
  const records: BaselineRecord[] = [];
  const inputs = FORM_COLUMNS.map((c, i) => ({ ...c, index: i + 1 })).filter((c) => c.input);
  ws.eachRow((row, n) => {
    if (n <= FORM_HEADER_ROW) return;
    const tt = row.getCell(1).value;
    if (typeof tt !== "number") return;
    const values: Record<string, unknown> = {};
    for (const c of inputs) values[c.key] = row.getCell(c.index).value;
    records.push({ task: tt, values });
  });
  return records;
}
