/**
 * "Nhập phụ lục" in the pane: a picked file (.docx, .xlsx, text) or, in Excel, the selected range →
 * the plan (src/jobs/import) → the book as a download, or its sheets built in the open workbook.
 * The imported plan becomes the pane's plan for forms and consolidation.
 */
import { todayIso } from "../../../dates";
import { renderToExcel } from "../../../excel";
import type { Text } from "../../../i18n";
import { tableFromGrid, type ImportSource } from "../../../import";
import { importAppendix, importBookName, importBookSpec, importSource, type ImportResult } from "../../../jobs/import";
import { builtinPlan } from "../../../plan";
import { reportLines } from "../../../import";
import { address, parseRange } from "../../../workbook/a1";
import { PLAN_SHEETS } from "../../../workbook/book-layout";
import { APPENDIX_SHEET } from "../../../workbook/appendix";
import { ServiceError } from "../errors";
import type { ImportOutcome } from "../import-types";
import type { ExcelTarget } from "../types";
import { setPlan, thePlan, xlsxDownload } from "./shared";

/** The book in use (a read book) is the base; with the built-in plan, its unit registry. */
function base() {
  const plan = thePlan();
  return plan === builtinPlan() ? null : plan;
}

function lines(result: ImportResult): Text[] {
  return reportLines(result.report).map((l) => ({
    vi: l.where.vi ? `[${l.where.vi}] ${l.text.vi}` : l.text.vi,
    en: l.where.en ? `[${l.where.en}] ${l.text.en}` : l.text.en,
  }));
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const text = (e as { text?: Text }).text;
    throw text ? new ServiceError(text) : e;
  }
}

async function write(result: ImportResult, file: string, excel?: ExcelTarget): Promise<ImportOutcome> {
  const spec = importBookSpec(result, { asOf: todayIso(), today: todayIso() });
  if (!excel) {
    setPlan(result.plan);
    return {
      tasks: result.plan.tasks.length,
      lines: lines(result),
      download: xlsxDownload(spec, importBookName(file)),
      excel: null,
    };
  }
  const report = await excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    // A book already in this workbook holds the office's edits: an import never replaces it.
    const found = sheets.items
      .map((s) => s.name.normalize("NFC"))
      .filter((n) => [APPENDIX_SHEET, ...PLAN_SHEETS].includes(n));
    if (found.length > 0)
      throw new ServiceError({
        vi: `Sổ đang mở đã có trang kế hoạch (${found.join(", ")}). Để không ghi đè kế hoạch đang theo dõi, hãy nhập phụ lục vào một sổ mới (Tệp › Mới).`,
        en: `The open workbook already has plan sheets (${found.join(", ")}). So as not to overwrite the plan being tracked, import the appendix into a new workbook (File › New).`,
      });
    return renderToExcel(context, spec, {});
  });
  setPlan(result.plan, true);
  return { tasks: result.plan.tasks.length, lines: lines(result), download: null, excel: report };
}

/** A picked file: imported in memory (nothing is sent anywhere). */
export async function importFile(bytes: Uint8Array, name: string, excel?: ExcelTarget): Promise<ImportOutcome> {
  const result = wrap(() => importAppendix(bytes, name, { book: base() }));
  return write(result, name, excel);
}

/**
 * Excel mode: the selected range (texts as shown, merged areas where ExcelApi 1.13 has them) as the
 * appendix table. Only the cells in use are read, so whole columns selected cost no more than the table.
 */
export async function importSelection(excel: ExcelTarget): Promise<ImportOutcome> {
  const selection = await excel.run(async (context): Promise<Selection | { empty: string }> => {
    const selected = context.workbook.getSelectedRange();
    selected.load("address");
    const range = selected.getUsedRangeOrNullObject(true);
    range.load("text,rowIndex,columnIndex,address");
    const merged = excel.isSetSupported("ExcelApi", "1.13") ? range.getMergedAreasOrNullObject() : null;
    merged?.load("areas/items/address");
    await context.sync();
    if (range.isNullObject) return { empty: selected.address };
    const merges =
      merged && !merged.isNullObject
        ? merged.areas.items.map((a) => a.address.replace(/^.*!/, "").replace(/\$/g, ""))
        : [];
    return {
      text: range.text,
      top: range.rowIndex,
      left: range.columnIndex,
      sheet: range.address.replace(/!.*$/, "").replace(/'/g, ""),
      merges,
    };
  });
  if ("empty" in selection) throw new ServiceError(notATable(selection.empty, false));
  if (selection.text.length === 1 && selection.text[0]?.length === 1)
    throw new ServiceError(notATable(`${selection.sheet}!${address(selection.top + 1, selection.left + 1)}`, true));
  const source = selectionSource(selection);
  const result = wrap(() => importSource(source, base()));
  return write(result, selection.sheet, excel);
}

/** An empty selection or a single cell: what to select instead. */
function notATable(where: string, oneCell: boolean): Text {
  const at = where.replace(/'/g, "");
  return {
    vi:
      (oneCell ? `Vùng đang chọn chỉ có một ô có nội dung (${at}).` : `Vùng đang chọn (${at}) không có nội dung.`) +
      ` Hãy chọn cả bảng phụ lục — dòng tiêu đề (TT, Nội dung công việc, Cơ quan chủ trì, Thời gian) và các dòng nhiệm vụ — rồi bấm lại "Nhập từ vùng đang chọn".`,
    en:
      (oneCell ? `The selected range has one filled cell only (${at}).` : `The selected range (${at}) is empty.`) +
      ` Select the whole appendix table — the header row (TT, task, lead, timing) and the task rows — then click "Import the selected range" again.`,
  };
}

/** What Office.js gives for the selected range: texts as shown, 0-based origin, merged areas as A1. */
interface Selection {
  text: string[][];
  top: number;
  left: number;
  sheet: string;
  merges: string[];
}

/** The selected range → the source. */
export function selectionSource(selection: Selection): ImportSource {
  const boxes = selection.merges
    .map((m) => parseRange(m))
    .filter((m) => m !== null)
    // A merged area can start above or left of the cells in use that were read: clipped to them.
    .map((m) => ({
      top: Math.max(0, m.top - 1 - selection.top),
      left: Math.max(0, m.left - 1 - selection.left),
      bottom: m.bottom - 1 - selection.top,
      right: m.right - 1 - selection.left,
    }));
  const name = `${selection.sheet}!${address(selection.top + 1, selection.left + 1)}`;
  const table = tableFromGrid(
    { vi: `vùng chọn ${name}`, en: `selection ${name}` },
    selection.text,
    (r, c) => {
      const at = c < 0 ? String(selection.top + r + 1) : address(selection.top + r + 1, selection.left + c + 1);
      return c < 0 ? { vi: `dòng ${at}`, en: `row ${at}` } : { vi: `ô ${at}`, en: `cell ${at}` };
    },
    boxes,
  );
  return { file: name, kind: "xlsx", tables: [table], prose: [] };
}
