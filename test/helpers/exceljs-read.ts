/** ExcelJS as a reference reader in tests: its cell values reduced to the reader's plain shape. */
import ExcelJS from "exceljs";

export interface PlainCell {
  kind: "string" | "number" | "boolean" | "error";
  value: string | number | boolean;
  formula?: string;
}

const MS_PER_DAY = 86400000;
/** Serial of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25569;

function plain(v: unknown): PlainCell | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "string") return { kind: "string", value: v };
  if (typeof v === "boolean") return { kind: "boolean", value: v };
  if (v instanceof Date) return { kind: "number", value: v.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL };
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return { kind: "string", value: (o.richText as { text: string }[]).map((r) => r.text).join("") };
    }
    if (typeof o.error === "string") return { kind: "error", value: o.error };
    if (typeof o.hyperlink === "string") return { kind: "string", value: String(o.text ?? "") };
  }
  return undefined;
}

/** sheet name → ref → plain cell, for every cell ExcelJS reports a value for (merge slaves excluded). */
export async function readWithExcelJs(bytes: Uint8Array): Promise<Map<string, Map<string, PlainCell>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out = new Map<string, Map<string, PlainCell>>();
  wb.eachSheet((ws) => {
    const cells = new Map<string, PlainCell>();
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const v = cell.value as unknown;
        const isFormula = typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v);
        const p = plain(isFormula ? (v as { result?: unknown }).result : v);
        if (!p) return;
        if (isFormula) p.formula = cell.formula;
        cells.set(cell.address, p);
      });
    });
    out.set(ws.name, cells);
  });
  return out;
}
