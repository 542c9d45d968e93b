/**
 * The plan from the office's book, for the pane and the browser page: a picked book file (held in
 * the page's memory only, never sent anywhere) or, inside Excel, the open workbook's book sheets.
 * Once read without errors, every later action of the pane (tracking book, forms, consolidation)
 * uses that plan; otherwise the built-in plan stays in use.
 */
import { hasErrors, readBookWorkbook, type BookRead } from "../../../book";
import { formatBookProblem } from "../../../book/problems";
import type { Text } from "../../../i18n";
import type { Plan } from "../../../plan/types";
import { address } from "../../../workbook/a1";
import { APPENDIX_SHEET } from "../../../workbook/appendix";
import { readTrackingEntries } from "../../../book/tracking-entries";
import { ASSIGN_SHEET, INFO_SHEET, UNITS_SHEET } from "../../../workbook/book-layout";
import { TRACKING_SHEET, type TrackingEntry } from "../../../workbook/tracking";
import { readXlsx, XlsxReadError, type ReadCell, type ReadSheet, type ReadWorkbook } from "../../../xlsx/read";
import type { BookOutcome, BookSummary } from "../book-types";
import type { ExcelTarget } from "../types";
import { setBookFile, setPlan } from "./shared";

const BOOK_SHEETS = [APPENDIX_SHEET, UNITS_SHEET, ASSIGN_SHEET, INFO_SHEET];

function outcome(read: BookRead, source: Text, openWorkbook = false, wb?: ReadWorkbook): BookOutcome {
  const usable = read.plan !== null && !hasErrors(read.problems);
  // A picked file's "Theo dõi" entries are kept now; the open workbook's are read when rebuilding.
  if (usable) setPlan(read.plan, openWorkbook, wb && read.plan ? readTrackingEntries(wb, read.plan) : undefined);
  return {
    kind: "book",
    source,
    used: usable,
    summary: read.plan ? summary(read.plan) : null,
    problems: read.problems.map((p) => ({
      severity: p.severity,
      sheet: p.sheet,
      cell: p.cell,
      text: formatBookProblem(p),
    })),
  };
}

function summary(plan: Plan): BookSummary {
  return {
    tasks: plan.tasks.length,
    units: plan.units.filter((u) => u.active !== false).length,
    reporting: [...plan.assignments.values()].filter((l) => l.length > 0).length,
    version: plan.version,
  };
}

/** A book file picked in the page: read in memory; its plan is used when it has no errors. */
export function loadBookFile(bytes: Uint8Array, name: string): BookOutcome {
  let wb: ReadWorkbook;
  try {
    wb = readXlsx(bytes, { valuesOnly: true });
  } catch (e) {
    const why: Text = e instanceof XlsxReadError ? e.text : { vi: String(e), en: String(e) };
    return {
      kind: "book",
      source: { vi: `tệp ${name}`, en: `file ${name}` },
      used: false,
      summary: null,
      problems: [
        {
          severity: "error",
          sheet: "",
          cell: "",
          text: { vi: `lỗi: Không đọc được tệp sổ: ${why.vi}`, en: `error: The book file cannot be read: ${why.en}` },
        },
      ],
    };
  }
  const read = outcome(readBookWorkbook(wb), { vi: `tệp ${name}`, en: `file ${name}` }, false, wb);
  // Kept so that a consolidation can be recorded into this very book (the page's "Ghi vào sổ").
  if (read.kind === "book" && read.used) setBookFile({ name, bytes });
  return read;
}

/** Back to the built-in plan (the page's "Dùng kế hoạch có sẵn"). */
export function useBuiltinPlan(): void {
  setPlan(null);
}

type Values = (string | number | boolean)[][];

/** One sheet's used range as the reader's plain shape (values only; no validations needed). */
export function sheetFromValues(name: string, values: Values, top: number, left: number, merges: string[]): ReadSheet {
  const cells: ReadCell[] = [];
  const byRef = new Map<string, ReadCell>();
  let maxRow = 0;
  let maxCol = 0;
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === "" || v === null || v === undefined) return;
      const r = top + i + 1;
      const c = left + j + 1;
      const kind = typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
      const cell: ReadCell = { ref: address(r, c), row: r, col: c, kind, value: v, isDate: false, locked: true };
      cells.push(cell);
      byRef.set(cell.ref, cell);
      maxRow = Math.max(maxRow, r);
      maxCol = Math.max(maxCol, c);
    }),
  );
  return {
    name,
    state: "visible",
    cells,
    cell: (ref) => byRef.get(ref.replace(/\$/g, "").toUpperCase()),
    merges,
    validations: [],
    protection: null,
    maxRow,
    maxCol,
  };
}

/**
 * The open workbook's plan (Excel mode): the four book sheets' values in one round trip, then the
 * same reader as a file. Without any book sheet: says so, and the page offers to create them.
 */
export async function readWorkbookPlan(excel: ExcelTarget): Promise<BookOutcome> {
  const source: Text = { vi: "sổ đang mở", en: "the open workbook" };
  const wb = await excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const custom = context.workbook.properties.custom;
    custom.load("items/key,items/value");
    await context.sync();
    const present = sheets.items.filter((s) => BOOK_SHEETS.includes(s.name.normalize("NFC")));
    const ranges = present.map((s) => {
      const used = s.getUsedRangeOrNullObject(true);
      used.load("values,rowIndex,columnIndex");
      // Merged cells inside the task table are refused by the reader; this needs ExcelApi 1.13.
      const merged = excel.isSetSupported("ExcelApi", "1.13") ? used.getMergedAreasOrNullObject() : null;
      merged?.load("areas/items/address");
      return { sheet: s, used, merged };
    });
    await context.sync();
    const props: Record<string, string> = {};
    for (const p of custom.items) props[p.key] = String(p.value);
    const read: ReadSheet[] = ranges.map(({ sheet, used, merged }) => {
      const merges =
        merged && !merged.isNullObject
          ? merged.areas.items.map((a) => a.address.replace(/^.*!/, "").replace(/\$/g, ""))
          : [];
      return used.isNullObject
        ? sheetFromValues(sheet.name, [], 0, 0, merges)
        : sheetFromValues(sheet.name, used.values as Values, used.rowIndex, used.columnIndex, merges);
    });
    return { sheets: read, props };
  });
  if (wb.sheets.length === 0)
    return {
      kind: "no-book",
      text: {
        vi: `Sổ đang mở chưa có các trang kế hoạch (${BOOK_SHEETS.join(", ")}): đang dùng kế hoạch có sẵn. Bấm "Tạo sổ theo dõi" để tạo các trang này trong sổ rồi sửa kế hoạch ngay trong Excel.`,
        en: `The open workbook has no plan sheets (${BOOK_SHEETS.join(", ")}): the built-in plan is in use. Click "Create the tracking workbook" to add them, then edit the plan in Excel.`,
      },
    };
  return outcome(readBookWorkbook(workbookFromSheets(wb.sheets, wb.props)), source, true);
}

/** Sheets read from the open workbook, in the shape the file readers return. */
export function workbookFromSheets(sheets: ReadSheet[], props: Record<string, string> = {}): ReadWorkbook {
  return {
    format: "xlsx",
    sheets,
    sheet: (name) => sheets.find((s) => s.name === name),
    definedNames: [],
    customProperties: props,
    app: {},
    core: {},
    hasMacros: false,
  };
}

/**
 * What the office typed on the open workbook's "Theo dõi" (status, completion date, notes), so that
 * rebuilding the sheet keeps it. `sheets` were loaded with their names; one round trip when the
 * sheet exists, none otherwise.
 */
export async function readOpenTrackingEntries(
  context: Excel.RequestContext,
  sheets: Excel.WorksheetCollection,
  plan: Plan,
): Promise<ReadonlyMap<string, TrackingEntry> | undefined> {
  const sheet = sheets.items.find((s) => s.name.normalize("NFC") === TRACKING_SHEET);
  if (!sheet) return undefined;
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("values,rowIndex,columnIndex");
  await context.sync();
  if (used.isNullObject) return undefined;
  const read = sheetFromValues(TRACKING_SHEET, used.values as Values, used.rowIndex, used.columnIndex, []);
  return readTrackingEntries(workbookFromSheets([read]), plan);
}
