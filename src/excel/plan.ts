/**
 * WorkbookSpec → an ordered list of Office.js operations, one function per model feature.
 * Operations only queue commands on proxy objects; render.ts decides where the `context.sync()`
 * boundaries go (by estimated request size), so nothing here ever syncs.
 *
 * Grouping rules keep the number of queued commands independent of the cell count as far as the
 * layout allows: values are written as one 2-D array per contiguous block of rows, formulas and
 * number formats per rectangle of like cells, styles once per rectangle of cells sharing a style.
 */
import type { Text } from "../i18n";
import { address, columnLetter, columnNumber, parseRange, rangeAddress } from "../workbook/a1";
import { isoToSerial } from "../dates";
import type {
  BorderLine,
  CellValue,
  ConditionalFormat,
  DifferentialStyle,
  PrintSetup,
  Protection,
  Sheet,
  Style,
  Validation,
  WorkbookSpec,
} from "../workbook/model";
import { cellNumberFormat } from "../workbook/render-rules";
import type { RenderedFeature } from "./features";
import { nameKey, rewriteRefs } from "./refs";
import { columnWidthPoints, mmToPoints } from "./units";

/** Allowance per queued command for the object path and JSON envelope, on top of its value. */
export const OP_OVERHEAD_BYTES = 256;

export interface RunTargets {
  workbook: Excel.Workbook;
  /** The new sheet of each spec sheet (temporary name until the swap), by spec index. */
  sheets: Excel.Worksheet[];
  /** Tables created in the write phase, by nameKey(spec table name). */
  tables: Map<string, Excel.Table>;
}

export interface Op {
  features: RenderedFeature[];
  /** Spec sheet index, or null for workbook-level operations. */
  sheet: number | null;
  /** Estimated request bytes (UTF-8 JSON of the payload + envelope). */
  bytes: number;
  run(t: RunTargets): void;
}

export interface PlanInput {
  spec: WorkbookSpec;
  /** Temporary name per spec sheet; formulas are written against these. */
  tempSheetNames: string[];
  /** nameKey(spec table name) → temporary table name. */
  tempTableNames: ReadonlyMap<string, string>;
  /** Upper bound for one values/formulas command; large blocks are cut into row chunks. */
  chunkBytes: number;
}

/** Collects warnings, once per message. */
export class Notes {
  readonly warnings: Text[] = [];
  private readonly seen = new Set<string>();

  warn(text: Text): void {
    if (this.seen.has(text.en)) return;
    this.seen.add(text.en);
    this.warnings.push(text);
  }
}

// ---------------------------------------------------------------------------------------------
// Size estimates

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes of `commands` queued commands carrying `payload` in all: UTF-8 JSON plus an envelope allowance each. */
export function estimateBytes(payload: unknown, commands = 1): number {
  return OP_OVERHEAD_BYTES * commands + utf8Length(JSON.stringify(payload) ?? "");
}

// ---------------------------------------------------------------------------------------------
// Grouping

export interface Rect {
  key: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Maximal horizontal runs of cells with the same key, merged downwards while the next row has the
 * identical run. 1-based; `keyAt` returns null for cells that belong to no group.
 */
export function rectangles(
  rowCount: number,
  widthOf: (row: number) => number,
  keyAt: (row: number, column: number) => string | null,
): Rect[] {
  const out: Rect[] = [];
  let open = new Map<string, Rect>();
  for (let r = 1; r <= rowCount; r++) {
    const next = new Map<string, Rect>();
    const width = widthOf(r);
    let c = 1;
    while (c <= width) {
      const key = keyAt(r, c);
      if (key === null) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 <= width && keyAt(r, end + 1) === key) end++;
      const id = `${c}:${end}:${key}`;
      const prev = open.get(id);
      if (prev) {
        prev.bottom = r;
        next.set(id, prev);
      } else {
        const rect = { key, top: r, left: c, bottom: r, right: end };
        out.push(rect);
        next.set(id, rect);
      }
      c = end + 1;
    }
    open = next;
  }
  return out;
}

/** Cuts a matrix into consecutive row chunks whose JSON stays under `limit` bytes (at least one row each). */
export function chunkRows<T>(matrix: T[][], limit: number): { offset: number; rows: T[][] }[] {
  const chunks: { offset: number; rows: T[][] }[] = [];
  let current: T[][] = [];
  let offset = 0;
  let bytes = 0;
  matrix.forEach((row, i) => {
    const rowBytes = utf8Length(JSON.stringify(row)) + 1;
    if (current.length > 0 && bytes + rowBytes > limit) {
      chunks.push({ offset, rows: current });
      current = [];
      offset = i;
      bytes = 0;
    }
    current.push(row);
    bytes += rowBytes;
  });
  if (current.length > 0) chunks.push({ offset, rows: current });
  return chunks;
}

// ---------------------------------------------------------------------------------------------
// Cell helpers

/** "#RRGGBB" as Office.js wants colours. */
export function hex(color: string): string {
  return `#${color.replace(/^#/, "").toUpperCase()}`;
}

/**
 * True when Excel would not keep this text as typed (`range.values` parses strings like user
 * input): formulas and signs (= + - @), error literals (#), a leading apostrophe, TRUE/FALSE,
 * numbers, dates, times, percentages, currency and "1-Jan"-like dates. Such cells get the text
 * number format "@" before the value is written, which is documented Excel behaviour (text-formatted
 * cells keep input verbatim) and needs no quote-prefix trick.
 */
export function excelWouldConvert(s: string): boolean {
  if (s === "") return false;
  if (/^[=+\-@#']/.test(s)) return true;
  if (/^\s*(true|false)\s*$/i.test(s)) return true;
  if (/\d/.test(s) && /^[\s\d.,:/%$€₫()+\-eE]*$/.test(s)) return true;
  if (/^\s*\d{1,4}[\s\-/.]+[A-Za-z]{3,9}([\s\-/.]+\d{1,4})?\s*$/.test(s)) return true;
  if (/^\s*[A-Za-z]{3,9}[\s\-/.]+\d{1,4}([\s\-/.,]+\d{1,4})?\s*$/.test(s)) return true;
  return false;
}

function isFormula(v: CellValue): v is { formula: string; result?: string | number | boolean | null } {
  return v !== null && typeof v === "object" && "formula" in v;
}

function isDate(v: CellValue): v is { date: string } {
  return v !== null && typeof v === "object" && "date" in v;
}

function formulaText(f: string): string {
  return f.startsWith("=") ? f : `=${f}`;
}

interface SheetCtx {
  input: PlanInput;
  notes: Notes;
  sheet: Sheet;
  index: number;
  sheetRefs: ReadonlyMap<string, string>;
}

function cellAt(sheet: Sheet, r: number, c: number) {
  return sheet.rows[r - 1]?.cells[c - 1] ?? null;
}

function widthOf(sheet: Sheet) {
  return (r: number) => sheet.rows[r - 1]?.cells.length ?? 0;
}

/** `commands`: how many property sets/method calls `run` queues (each costs an envelope in the request). */
function sheetOp(
  ctx: SheetCtx,
  features: RenderedFeature[],
  payload: unknown,
  run: (s: Excel.Worksheet, t: RunTargets) => void,
  commands = 1,
): Op {
  const index = ctx.index;
  return {
    features,
    sheet: index,
    bytes: estimateBytes(payload, commands),
    run: (t) => run(t.sheets[index] as Excel.Worksheet, t),
  };
}

// ---------------------------------------------------------------------------------------------
// One function per model feature

export function createSheetOp(ctx: SheetCtx): Op {
  const temp = ctx.input.tempSheetNames[ctx.index] as string;
  const index = ctx.index;
  return {
    features: ["WorkbookSpec.sheets", "Sheet.name"],
    sheet: index,
    bytes: estimateBytes(temp),
    run: (t) => {
      t.sheets[index] = t.workbook.worksheets.add(temp);
    },
  };
}

/**
 * The spec's default font goes on the whole new sheet (one command). Excel's "Normal" style would be
 * the file-level equivalent, but changing it through Office.js would restyle the user's own sheets
 * too; a sheet-wide font gives every cell without a font of its own (and cells typed later) the
 * default font, and cell styles then override only what they name.
 */
export function defaultFontOps(ctx: SheetCtx): Op[] {
  const font = ctx.input.spec.defaultFont;
  return [
    sheetOp(
      ctx,
      ["WorkbookSpec.defaultFont"],
      font,
      (s) => {
        const f = s.getRange().format.font;
        f.name = font.name;
        f.size = font.size;
      },
      3,
    ),
  ];
}

export function columnOps(ctx: SheetCtx): Op[] {
  const ops: Op[] = [];
  const cols = ctx.sheet.columns;
  const font = ctx.input.spec.defaultFont;
  let i = 0;
  while (i < cols.length) {
    const col = cols[i] as (typeof cols)[number];
    let j = i;
    while (j + 1 < cols.length && cols[j + 1]?.width === col.width && !!cols[j + 1]?.hidden === !!col.hidden) j++;
    const address = `${columnLetter(i + 1)}:${columnLetter(j + 1)}`;
    const points = columnWidthPoints(col.width, font);
    const hidden = !!col.hidden;
    const features: RenderedFeature[] = hidden
      ? ["Sheet.columns", "Column.width", "Column.hidden"]
      : ["Sheet.columns", "Column.width"];
    ops.push(
      sheetOp(
        ctx,
        features,
        [address, points],
        (s) => {
          const range = s.getRange(address);
          range.format.columnWidth = points;
          if (hidden) range.columnHidden = true;
        },
        3,
      ),
    );
    i = j + 1;
  }
  return ops;
}

export function rowHeightOps(ctx: SheetCtx): Op[] {
  const ops: Op[] = [];
  const rows = ctx.sheet.rows;
  let i = 0;
  while (i < rows.length) {
    const height = rows[i]?.height;
    const fit = rows[i]?.fit === true;
    let j = i;
    while (j + 1 < rows.length && rows[j + 1]?.height === height && (rows[j + 1]?.fit === true) === fit) j++;
    if (fit) {
      // Setting rowHeight would make the height manual (Excel stops growing the row as text is
      // typed): autofit keeps it automatic and fits what is there now.
      const address = `${i + 1}:${j + 1}`;
      ops.push(
        sheetOp(
          ctx,
          ["Sheet.rows", "Row.fit"],
          [address],
          (s) => {
            s.getRange(address).format.autofitRows();
          },
          2,
        ),
      );
    } else if (height !== undefined) {
      const address = `${i + 1}:${j + 1}`;
      ops.push(
        sheetOp(
          ctx,
          ["Sheet.rows", "Row.height"],
          [address, height],
          (s) => {
            s.getRange(address).format.rowHeight = height;
          },
          2,
        ),
      );
    }
    i = j + 1;
  }
  return ops;
}

const BORDER: Record<BorderLine, { style: "Continuous" | "Dot"; weight: "Thin" | "Medium" }> = {
  thin: { style: "Continuous", weight: "Thin" },
  medium: { style: "Continuous", weight: "Medium" },
  dotted: { style: "Dot", weight: "Thin" },
};

function styleFeatures(style: Style): RenderedFeature[] {
  const f: RenderedFeature[] = ["WorkbookSpec.styles", "Cell.style"];
  if (style.font?.name !== undefined) f.push("Style.font.name");
  if (style.font?.size !== undefined) f.push("Style.font.size");
  if (style.font?.bold !== undefined) f.push("Style.font.bold");
  if (style.font?.italic !== undefined) f.push("Style.font.italic");
  if (style.font?.underline !== undefined) f.push("Style.font.underline");
  if (style.font?.color !== undefined) f.push("Style.font.color");
  if (style.fill !== undefined) f.push("Style.fill");
  if (style.alignment?.horizontal !== undefined) f.push("Style.alignment.horizontal");
  if (style.alignment?.vertical !== undefined) f.push("Style.alignment.vertical");
  if (style.alignment?.wrap !== undefined) f.push("Style.alignment.wrap");
  if (style.alignment?.indent !== undefined) f.push("Style.alignment.indent");
  if (style.border !== undefined) f.push("Style.border");
  if (style.locked !== undefined) f.push("Style.locked");
  return f;
}

/** Everything of a Style except the number format (grouped separately, see numberFormatOps). */
export function applyStyle(range: Excel.Range, style: Style, multiRow: boolean, multiColumn: boolean): void {
  const format = range.format;
  const font = style.font;
  if (font) {
    if (font.name !== undefined) format.font.name = font.name;
    if (font.size !== undefined) format.font.size = font.size;
    if (font.bold !== undefined) format.font.bold = font.bold;
    if (font.italic !== undefined) format.font.italic = font.italic;
    if (font.underline !== undefined) format.font.underline = font.underline ? "Single" : "None";
    if (font.color !== undefined) format.font.color = hex(font.color);
  }
  if (style.fill !== undefined) format.fill.color = hex(style.fill);
  const a = style.alignment;
  if (a) {
    if (a.horizontal !== undefined) format.horizontalAlignment = HORIZONTAL[a.horizontal];
    if (a.vertical !== undefined) format.verticalAlignment = VERTICAL[a.vertical];
    if (a.wrap !== undefined) format.wrapText = a.wrap;
    if (a.indent !== undefined) format.indentLevel = a.indent;
  }
  if (style.border !== undefined) {
    const line = BORDER[style.border];
    const edges: Excel.BorderIndex[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as Excel.BorderIndex[];
    // Inside lines only exist in multi-cell areas; each cell gets the same line on all sides.
    if (multiRow) edges.push("InsideHorizontal" as Excel.BorderIndex);
    if (multiColumn) edges.push("InsideVertical" as Excel.BorderIndex);
    for (const edge of edges) {
      const b = format.borders.getItem(edge);
      b.style = line.style;
      b.weight = line.weight;
      b.color = "#000000";
    }
  }
  if (style.locked !== undefined) format.protection.locked = style.locked;
}

const HORIZONTAL = { left: "Left", center: "Center", right: "Right", justify: "Justify" } as const;
const VERTICAL = { top: "Top", center: "Center", bottom: "Bottom" } as const;

export function styleOps(ctx: SheetCtx): Op[] {
  const styles = ctx.input.spec.styles;
  const sheet = ctx.sheet;
  const rects = rectangles(sheet.rows.length, widthOf(sheet), (r, c) => {
    const name = cellAt(sheet, r, c)?.style;
    if (name === undefined) return null;
    if (!styles[name]) {
      ctx.notes.warn({
        vi: `Kiểu định dạng "${name}" không được khai báo; các ô dùng nó để mặc định.`,
        en: `Style "${name}" is not declared; cells using it keep the default format.`,
      });
      return null;
    }
    return name;
  });
  return rects.map((rect) => {
    const style = styles[rect.key] as Style;
    const address = rangeAddress(rect.top, rect.left, rect.bottom, rect.right);
    const multiRow = rect.bottom > rect.top;
    const multiColumn = rect.right > rect.left;
    const borderEdges = style.border === undefined ? 0 : 4 + (multiRow ? 1 : 0) + (multiColumn ? 1 : 0);
    const commands = 1 + styleFeatures(style).length + borderEdges * 4;
    return sheetOp(
      ctx,
      styleFeatures(style),
      [address, style],
      (s) => {
        applyStyle(s.getRange(address), style, multiRow, multiColumn);
      },
      commands,
    );
  });
}

/** The number format a cell ends up with: its style's, "@" for text Excel would convert, a date format for dates. */
export function effectiveNumberFormat(value: CellValue, style: Style | undefined): string | null {
  const own = style?.numberFormat;
  if (typeof value === "string" && own !== "@" && excelWouldConvert(value)) return "@";
  // Dates without a format of their own: the rule shared with the .xlsx writer.
  return cellNumberFormat(value, own) ?? null;
}

export function numberFormatOps(ctx: SheetCtx): Op[] {
  const styles = ctx.input.spec.styles;
  const sheet = ctx.sheet;
  const rects = rectangles(sheet.rows.length, widthOf(sheet), (r, c) => {
    const cell = cellAt(sheet, r, c);
    if (!cell) return null;
    return effectiveNumberFormat(cell.value, cell.style === undefined ? undefined : styles[cell.style]);
  });
  return rects.map((rect) => {
    const rows = rect.bottom - rect.top + 1;
    const cols = rect.right - rect.left + 1;
    const matrix = Array.from({ length: rows }, () => Array.from({ length: cols }, () => rect.key));
    const address = rangeAddress(rect.top, rect.left, rect.bottom, rect.right);
    return sheetOp(
      ctx,
      ["Style.numberFormat", "CellValue=date"],
      [address, matrix],
      (s) => {
        s.getRange(address).numberFormat = matrix;
      },
      2,
    );
  });
}

function constantOf(ctx: SheetCtx, v: CellValue): string | number | boolean {
  if (v === null || isFormula(v)) return "";
  if (isDate(v)) return isoToSerial(v.date);
  if (typeof v === "number" && !Number.isFinite(v)) {
    ctx.notes.warn({
      vi: `Trang "${ctx.sheet.name}" có giá trị số không hợp lệ; ô đó để trống.`,
      en: `Sheet "${ctx.sheet.name}" has an invalid number; that cell is left empty.`,
    });
    return "";
  }
  return v;
}

function valueFeatures(v: CellValue, into: Set<RenderedFeature>): void {
  if (v === null) into.add("CellValue=null");
  else if (typeof v === "string") into.add("CellValue=string");
  else if (typeof v === "number") into.add("CellValue=number");
  else if (typeof v === "boolean") into.add("CellValue=boolean");
  else if (isDate(v)) into.add("CellValue=date");
}

/** One `range.values` per contiguous block of rows holding values (cut into chunks only for request size). */
export function valueOps(ctx: SheetCtx): Op[] {
  const sheet = ctx.sheet;
  const ops: Op[] = [];
  const hasValue = (r: number) =>
    (sheet.rows[r - 1]?.cells ?? []).some((c) => c !== null && c.value !== null && !isFormula(c.value));
  let r = 1;
  while (r <= sheet.rows.length) {
    if (!hasValue(r)) {
      r++;
      continue;
    }
    const top = r;
    while (r + 1 <= sheet.rows.length && hasValue(r + 1)) r++;
    const bottom = r;
    let left = Infinity;
    let right = 0;
    for (let i = top; i <= bottom; i++) {
      (sheet.rows[i - 1]?.cells ?? []).forEach((c, k) => {
        if (c !== null && c.value !== null && !isFormula(c.value)) {
          left = Math.min(left, k + 1);
          right = Math.max(right, k + 1);
        }
      });
    }
    const features = new Set<RenderedFeature>(["Sheet.rows", "Row.cells", "Cell.value"]);
    const matrix: (string | number | boolean)[][] = [];
    for (let i = top; i <= bottom; i++) {
      const row: (string | number | boolean)[] = [];
      for (let c = left; c <= right; c++) {
        const v = cellAt(sheet, i, c)?.value ?? null;
        valueFeatures(v, features);
        row.push(constantOf(ctx, v));
      }
      matrix.push(row);
    }
    for (const chunk of chunkRows(matrix, ctx.input.chunkBytes)) {
      const address = rangeAddress(top + chunk.offset, left, top + chunk.offset + chunk.rows.length - 1, right);
      const rows = chunk.rows;
      ops.push(
        sheetOp(
          ctx,
          [...features],
          [address, rows],
          (s) => {
            s.getRange(address).values = rows;
          },
          2,
        ),
      );
    }
    r = bottom + 1;
  }
  return ops;
}

/**
 * `range.formulas` per rectangle of formula cells. Sheet names are rewritten to the temporary names
 * (see refs.ts). `afterTables` selects the formulas with structured references, which can only be
 * written once the tables exist.
 */
export function formulaOps(ctx: SheetCtx, afterTables: boolean): Op[] {
  const sheet = ctx.sheet;
  const tables = ctx.input.tempTableNames;
  const text = new Map<string, string>();
  const rects = rectangles(sheet.rows.length, widthOf(sheet), (r, c) => {
    const v = cellAt(sheet, r, c)?.value ?? null;
    if (!isFormula(v)) return null;
    const rewritten = rewriteRefs(formulaText(v.formula), ctx.sheetRefs, tables);
    if (rewritten.usesTables !== afterTables) return null;
    text.set(`${r}:${c}`, rewritten.formula);
    return "f";
  });
  const ops: Op[] = [];
  for (const rect of rects) {
    const matrix: string[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row: string[] = [];
      for (let c = rect.left; c <= rect.right; c++) row.push(text.get(`${r}:${c}`) as string);
      matrix.push(row);
    }
    for (const chunk of chunkRows(matrix, ctx.input.chunkBytes)) {
      const address = rangeAddress(
        rect.top + chunk.offset,
        rect.left,
        rect.top + chunk.offset + chunk.rows.length - 1,
        rect.right,
      );
      const rows = chunk.rows;
      ops.push(
        sheetOp(
          ctx,
          ["Cell.value", "CellValue=formula"],
          [address, rows],
          (s) => {
            s.getRange(address).formulas = rows;
          },
          2,
        ),
      );
    }
  }
  return ops;
}

export function mergeOps(ctx: SheetCtx): Op[] {
  return ctx.sheet.merges.map((address) =>
    sheetOp(
      ctx,
      ["Sheet.merges"],
      address,
      (s) => {
        s.getRange(address).merge(false);
      },
      2,
    ),
  );
}

/** Tables get a temporary name too (table names are workbook-wide and the old sheets still hold theirs). */
export function tableOps(ctx: SheetCtx): Op[] {
  return ctx.sheet.tables.map((table) => {
    const key = nameKey(table.name);
    const temp = ctx.input.tempTableNames.get(key) as string;
    return sheetOp(
      ctx,
      ["Sheet.tables", "Table.name", "Table.range", "Table.style", "Table.showRowStripes"],
      [table, temp],
      (s, t) => {
        const created = s.tables.add(s.getRange(table.range), true);
        created.name = temp;
        created.style = table.style;
        created.showBandedRows = table.showRowStripes;
        t.tables.set(key, created);
      },
      5,
    );
  });
}

const OPERATOR = {
  between: "Between",
  greaterThanOrEqual: "GreaterThanOrEqualTo",
  lessThanOrEqual: "LessThanOrEqualTo",
} as const;

/** Operands when a numeric/date rule names no bound: "any value of that type". */
const UNBOUNDED: Record<Exclude<Validation["type"], "list">, string | number> = {
  date: "1900-01-01",
  decimal: -9.99e307,
  whole: -2147483648,
  textLength: 0,
};

function bound(v: number | { date: string } | undefined): string | number | undefined {
  if (v === undefined) return undefined;
  return typeof v === "number" ? v : v.date; // ISO 8601 strings are what DateTimeDataValidation accepts
}

export function validationRule(ctx: SheetCtx, v: Validation): Excel.DataValidationRule {
  if (v.type === "list") {
    const list = v.list ?? [];
    if (list.some((x) => x.includes(","))) {
      ctx.notes.warn({
        vi: `Danh sách chọn ở ${v.range} có mục chứa dấu phẩy; Excel sẽ tách mục đó.`,
        en: `The drop-down list at ${v.range} has an entry with a comma; Excel will split it.`,
      });
    }
    return { list: { inCellDropDown: true, source: list.join(",") } };
  }
  const min = bound(v.min);
  const max = bound(v.max);
  const operator =
    v.operator ??
    (min !== undefined && max !== undefined ? "between" : max !== undefined ? "lessThanOrEqual" : "greaterThanOrEqual");
  const first = operator === "lessThanOrEqual" ? max : min;
  const basic: Excel.BasicDataValidation = {
    operator: OPERATOR[operator],
    formula1: first ?? UNBOUNDED[v.type],
  };
  if (operator === "between") basic.formula2 = max ?? UNBOUNDED[v.type];
  switch (v.type) {
    case "date":
      return { date: basic as Excel.DateTimeDataValidation };
    case "decimal":
      return { decimal: basic };
    case "whole":
      return { wholeNumber: basic };
    case "textLength":
      return { textLength: basic };
  }
}

/** Excel rejects longer prompt/alert texts; cutting them is better than failing the whole render. */
function clip(ctx: SheetCtx, s: string, max: number): string {
  if (s.length <= max) return s;
  ctx.notes.warn({
    vi: `Một lời nhắc kiểm tra dữ liệu dài quá ${max} ký tự đã bị cắt bớt.`,
    en: `A data validation message longer than ${max} characters was shortened.`,
  });
  return s.slice(0, max);
}

export function validationOps(ctx: SheetCtx): Op[] {
  if (ctx.sheet.validations.length === 0) return [];
  return ctx.sheet.validations.map((v) => {
    const rule = validationRule(ctx, v);
    const prompt = v.prompt
      ? { showPrompt: true, title: clip(ctx, v.prompt.title, 32), message: clip(ctx, v.prompt.message, 255) }
      : null;
    const errorAlert = {
      showAlert: true,
      style: ({ stop: "Stop", warning: "Warning", information: "Information" } as const)[v.error.style],
      title: clip(ctx, v.error.title, 32),
      message: clip(ctx, v.error.message, 225),
    };
    const features: RenderedFeature[] = [
      "Sheet.validations",
      "Validation.range",
      `Validation.type=${v.type}`,
      "Validation.allowBlank",
      "Validation.error",
    ];
    if (v.list) features.push("Validation.list");
    if (v.operator) features.push("Validation.operator");
    if (v.min !== undefined) features.push("Validation.min");
    if (v.max !== undefined) features.push("Validation.max");
    if (prompt) features.push("Validation.prompt");
    return sheetOp(
      ctx,
      features,
      [v.range, rule, prompt, errorAlert],
      (s) => {
        const dv = s.getRange(v.range).dataValidation;
        dv.rule = rule;
        dv.ignoreBlanks = v.allowBlank;
        if (prompt) dv.prompt = prompt;
        dv.errorAlert = errorAlert;
      },
      5,
    );
  });
}

function applyDifferential(format: Excel.ConditionalRangeFormat, style: DifferentialStyle): void {
  if (style.font?.bold !== undefined) format.font.bold = style.font.bold;
  if (style.font?.italic !== undefined) format.font.italic = style.font.italic;
  if (style.font?.color !== undefined) format.font.color = hex(style.font.color);
  if (style.fill !== undefined) format.fill.color = hex(style.fill);
}

function differentialFeatures(style: DifferentialStyle): RenderedFeature[] {
  const f: RenderedFeature[] = [];
  if (style.font?.bold !== undefined) f.push("DifferentialStyle.font.bold");
  if (style.font?.italic !== undefined) f.push("DifferentialStyle.font.italic");
  if (style.font?.color !== undefined) f.push("DifferentialStyle.font.color");
  if (style.fill !== undefined) f.push("DifferentialStyle.fill");
  return f;
}

export function conditionalFormatOps(ctx: SheetCtx): Op[] {
  if (ctx.sheet.conditionalFormats.length === 0) return [];
  return ctx.sheet.conditionalFormats.map((cf: ConditionalFormat) => {
    if (cf.kind === "expression") {
      const formula = rewriteRefs(formulaText(cf.formula), ctx.sheetRefs, ctx.input.tempTableNames).formula;
      const stop = cf.stopIfTrue !== undefined;
      const features: RenderedFeature[] = [
        "Sheet.conditionalFormats",
        "ConditionalFormat.kind=expression",
        "ConditionalFormat.range",
        "ConditionalFormat.formula",
        "ConditionalFormat.style",
        ...differentialFeatures(cf.style),
      ];
      if (stop) features.push("ConditionalFormat.stopIfTrue");
      return sheetOp(
        ctx,
        features,
        [cf, formula],
        (s) => {
          const added = s.getRange(cf.range).conditionalFormats.add("Custom");
          added.custom.rule.formula = formula;
          applyDifferential(added.custom.format, cf.style);
          if (stop) added.stopIfTrue = cf.stopIfTrue as boolean;
        },
        8,
      );
    }
    const lower: Excel.ConditionalDataBarRule = { type: "Number", formula: String(cf.min ?? 0) };
    const upper: Excel.ConditionalDataBarRule =
      cf.max === undefined ? { type: "HighestValue" } : { type: "Number", formula: String(cf.max) };
    const features: RenderedFeature[] = [
      "Sheet.conditionalFormats",
      "ConditionalFormat.kind=dataBar",
      "ConditionalFormat.range",
      "ConditionalFormat.color",
    ];
    if (cf.min !== undefined) features.push("ConditionalFormat.min");
    if (cf.max !== undefined) features.push("ConditionalFormat.max");
    return sheetOp(
      ctx,
      features,
      [cf, lower, upper],
      (s) => {
        const bar = s.getRange(cf.range).conditionalFormats.add("DataBar").dataBar;
        bar.positiveFormat.fillColor = hex(cf.color);
        bar.positiveFormat.gradientFill = false;
        bar.lowerBoundRule = lower;
        bar.upperBoundRule = upper;
      },
      6,
    );
  });
}

/**
 * Freeze panes, queued on their own after the swap (see render.ts): some Excel builds fail
 * `freezePanes` with GeneralException (OfficeDev/office-js#2196), and a view setting must not cost
 * the workbook.
 */
export function freezeOps(spec: WorkbookSpec): Op[] {
  return spec.sheets.flatMap((sheet, index) => {
    const freeze = sheet.freeze;
    if (!freeze || (freeze.rows <= 0 && freeze.columns <= 0)) return [];
    return [
      {
        features: ["Sheet.freeze"] as RenderedFeature[],
        sheet: index,
        bytes: estimateBytes(freeze),
        run: (t: RunTargets) => {
          const s = t.sheets[index] as Excel.Worksheet;
          if (freeze.rows > 0 && freeze.columns > 0)
            s.freezePanes.freezeAt(s.getRange(rangeAddress(1, 1, freeze.rows, freeze.columns)));
          else if (freeze.rows > 0) s.freezePanes.freezeRows(freeze.rows);
          else s.freezePanes.freezeColumns(freeze.columns);
        },
      },
    ];
  });
}

/** Grid lines, tab colour. Visibility is set in the swap, once the sheets have their names. */
export function viewOps(ctx: SheetCtx): Op[] {
  const sheet = ctx.sheet;
  const ops: Op[] = [];
  // A new sheet shows grid lines already; only hiding them needs a command.
  if (!sheet.showGridLines) {
    ops.push(
      sheetOp(ctx, ["Sheet.showGridLines"], false, (s) => {
        s.showGridlines = false;
      }),
    );
  }
  const tab = sheet.tabColor;
  if (tab !== undefined) {
    ops.push(
      sheetOp(ctx, ["Sheet.tabColor"], tab, (s) => {
        s.tabColor = hex(tab);
      }),
    );
  }
  return ops;
}

export function printOps(ctx: SheetCtx): Op[] {
  const print: PrintSetup | undefined = ctx.sheet.print;
  if (!print) return [];
  const m = print.marginsMm;
  const margins = {
    topMargin: mmToPoints(m.top),
    bottomMargin: mmToPoints(m.bottom),
    leftMargin: mmToPoints(m.left),
    rightMargin: mmToPoints(m.right),
    headerMargin: mmToPoints(m.header),
    footerMargin: mmToPoints(m.footer),
  };
  const features: RenderedFeature[] = [
    "Sheet.print",
    "PrintSetup.paper",
    "PrintSetup.orientation",
    "PrintSetup.marginsMm",
    "PrintSetup.fitToWidth",
    "PrintSetup.centerHorizontally",
  ];
  if (print.repeatRows) features.push("PrintSetup.repeatRows");
  if (print.area) features.push("PrintSetup.area");
  if (print.header) features.push("PrintSetup.header", "PrintSetup.header.firstPageDifferent");
  if (print.footer) features.push("PrintSetup.footer");
  return [
    sheetOp(
      ctx,
      features,
      [print, margins],
      (s) => {
        const pl = s.pageLayout;
        pl.paperSize = "A4";
        pl.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
        pl.topMargin = margins.topMargin;
        pl.bottomMargin = margins.bottomMargin;
        pl.leftMargin = margins.leftMargin;
        pl.rightMargin = margins.rightMargin;
        pl.headerMargin = margins.headerMargin;
        pl.footerMargin = margins.footerMargin;
        // 1 page wide; 0 pages tall = as many as needed (Excel's "automatic").
        if (print.fitToWidth) pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
        pl.centerHorizontally = print.centerHorizontally;
        if (print.repeatRows) pl.setPrintTitleRows(`$${print.repeatRows.first}:$${print.repeatRows.last}`);
        if (print.area) pl.setPrintArea(print.area);
        if (print.header || print.footer) {
          const hf = pl.headersFooters;
          const firstDifferent = !!print.header?.firstPageDifferent;
          hf.state = firstDifferent ? "FirstAndDefault" : "Default";
          hf.defaultForAllPages.centerHeader = print.header?.center ?? "";
          hf.defaultForAllPages.centerFooter = print.footer?.center ?? "";
          if (firstDifferent) {
            // Page 1 loses only the header (the page number); the footer stays the same.
            hf.firstPage.centerHeader = "";
            hf.firstPage.centerFooter = print.footer?.center ?? "";
          }
        }
      },
      20,
    ),
  ];
}

const A4_MM = { portrait: 210, landscape: 297 } as const;

/**
 * The print scale that makes the sheet's columns fit one page wide: what `zoom.scale` is set to
 * when Excel drops the fit-to-width setting (OfficeDev/office-js#1860). Excel allows 10–400 %.
 */
export function fitToWidthScale(sheet: Sheet, font: WorkbookSpec["defaultFont"]): number | null {
  const print = sheet.print;
  if (!print?.fitToWidth) return null;
  const area = print.area ? parseColumns(print.area) : null;
  const columns = sheet.columns.filter((c, i) => !c.hidden && (!area || (i + 1 >= area.left && i + 1 <= area.right)));
  const total = columns.reduce((n, c) => n + columnWidthPoints(c.width, font), 0);
  const printable = mmToPoints(A4_MM[print.orientation] - print.marginsMm.left - print.marginsMm.right);
  if (total <= 0) return null;
  return Math.max(10, Math.min(100, Math.floor((100 * printable) / total)));
}

/** First and last column of an A1 area ("A1:H40", "$A:$H"). */
function parseColumns(area: string): { left: number; right: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?\d*:\$?([A-Z]{1,3})\$?\d*$/i.exec(area.replace(/^.*!/, ""));
  if (!m?.[1] || !m[2]) return null;
  return { left: columnNumber(m[1]), right: columnNumber(m[2]) };
}

/** Maps the model's two "select" flags onto Excel's single selection mode. */
export function protectionOptions(p: Protection): Excel.WorksheetProtectionOptions {
  const selectionMode = p.allow.selectLockedCells ? "Normal" : p.allow.selectUnlockedCells ? "Unlocked" : "None";
  return {
    allowAutoFilter: p.allow.autoFilter,
    allowDeleteColumns: false,
    allowDeleteRows: false,
    allowEditObjects: false,
    allowEditScenarios: false,
    allowFormatCells: false,
    allowFormatColumns: p.allow.formatColumns,
    allowFormatRows: p.allow.formatRows,
    allowInsertColumns: false,
    allowInsertHyperlinks: false,
    allowInsertRows: false,
    allowPivotTables: false,
    allowSort: p.allow.sort,
    selectionMode,
  };
}

/** Last for its sheet: a protected sheet rejects further writes. */
export function protectionOps(ctx: SheetCtx): Op[] {
  const p = ctx.sheet.protection;
  if (!p) return [];
  if (p.allow.selectLockedCells === true && p.allow.selectUnlockedCells === false) {
    ctx.notes.warn({
      vi: "Excel không cho chọn ô khóa mà cấm chọn ô mở; trang được để chọn mọi ô.",
      en: "Excel cannot allow selecting locked cells but not unlocked ones; all cells stay selectable.",
    });
  }
  const options = protectionOptions(p);
  const password = p.password ? p.password : undefined;
  const features: RenderedFeature[] = [
    "Sheet.protection",
    "Protection.allow.selectLockedCells",
    "Protection.allow.selectUnlockedCells",
    "Protection.allow.formatColumns",
    "Protection.allow.formatRows",
    "Protection.allow.sort",
    "Protection.allow.autoFilter",
  ];
  if (password) features.push("Protection.password");
  return [
    sheetOp(ctx, features, options, (s) => {
      s.protection.protect(options, password);
    }),
  ];
}

/** Sheet content, up to and including its tables. */
export function planSheetContent(ctx: SheetCtx): Op[] {
  return [
    createSheetOp(ctx),
    ...defaultFontOps(ctx),
    ...columnOps(ctx),
    ...rowHeightOps(ctx),
    ...styleOps(ctx),
    // Number formats before values: "@" must be in place for text Excel would otherwise convert.
    ...numberFormatOps(ctx),
    ...valueOps(ctx),
    ...formulaOps(ctx, false),
    ...mergeOps(ctx),
    ...tableOps(ctx),
  ];
}

/** Rules, view and print settings; protection last, since a protected sheet rejects further writes. */
/**
 * Native charts from a block of the sheet (src/workbook/model.ts Chart): the block's columns become
 * series; the first `stacked` stay stacked columns, the rest turn into lines on the secondary axis.
 */
export function chartOps(ctx: SheetCtx): Op[] {
  return (ctx.sheet.charts ?? []).map((chart) => {
    const area = parseRange(chart.anchor);
    const source = parseRange(chart.source);
    const series = source ? source.right - source.left : 0;
    return sheetOp(
      ctx,
      ["Sheet.charts"],
      chart,
      (s) => {
        const c = s.charts.add("ColumnStacked", s.getRange(chart.source), "Columns");
        c.title.text = chart.title;
        c.legend.position = "Bottom";
        if (area) c.setPosition(address(area.top, area.left), address(area.bottom, area.right));
        for (let i = 0; i < series; i++) {
          const item = c.series.getItemAt(i);
          const color = hex(chart.colors[i] ?? "A5A5A5");
          if (i < chart.stacked) item.format.fill.setSolidColor(color);
          else {
            item.chartType = "LineMarkers";
            item.axisGroup = "Secondary";
            item.format.line.color = color;
          }
        }
        if (series > chart.stacked) c.axes.getItem("Value", "Secondary").numberFormat = chart.lineAxisFormat;
      },
      4 + series * 3,
    );
  });
}

export function planSheetFinish(ctx: SheetCtx): Op[] {
  return [
    ...chartOps(ctx),
    ...validationOps(ctx),
    ...conditionalFormatOps(ctx),
    ...viewOps(ctx),
    ...printOps(ctx),
    ...protectionOps(ctx),
  ];
}

/**
 * Every write-phase operation: all sheets' content and tables first, then formulas with structured
 * references (a formula may name a table on a later sheet), then each sheet's rules and protection.
 */
export function planWrite(input: PlanInput, notes: Notes): Op[] {
  const sheetRefs = new Map(input.spec.sheets.map((s, i) => [nameKey(s.name), input.tempSheetNames[i] as string]));
  const contexts = input.spec.sheets.map((sheet, index) => ({ input, notes, sheet, index, sheetRefs }));
  return [
    ...contexts.flatMap(planSheetContent),
    ...contexts.flatMap((c) => formulaOps(c, true)),
    ...contexts.flatMap(planSheetFinish),
  ];
}

// ---------------------------------------------------------------------------------------------
// Swap phase (after the new sheets carry their final names)

/** Workbook-wide names: existing ones with the same name are replaced (they belong to the add-in). */
export function definedNameOps(spec: WorkbookSpec, existingNames: readonly string[]): Op[] {
  if (spec.definedNames.length === 0) return [];
  const existing = new Map(existingNames.map((n) => [nameKey(n), n]));
  return spec.definedNames.map((d) => {
    const old = existing.get(nameKey(d.name));
    const features: RenderedFeature[] = [
      "WorkbookSpec.definedNames",
      "DefinedName.name",
      "DefinedName.formula",
      "DefinedName.hidden",
    ];
    return {
      features,
      sheet: null,
      bytes: estimateBytes(d, 3),
      run: (t: RunTargets) => {
        if (old !== undefined) t.workbook.names.getItem(old).delete();
        const item = t.workbook.names.add(d.name, formulaText(d.formula));
        if (d.hidden) item.visible = false;
      },
    };
  });
}

export function propertyOps(spec: WorkbookSpec): Op[] {
  const p = spec.properties;
  const features: RenderedFeature[] = [
    "WorkbookSpec.properties.title",
    "WorkbookSpec.properties.subject",
    "WorkbookSpec.properties.creator",
    "WorkbookSpec.customProperties",
  ];
  if (p.company !== undefined) features.push("WorkbookSpec.properties.company");
  if (p.description !== undefined) features.push("WorkbookSpec.properties.description");
  if (p.keywords !== undefined) features.push("WorkbookSpec.properties.keywords");
  return [
    {
      features,
      sheet: null,
      bytes: estimateBytes([p, spec.customProperties], 6 + Object.keys(spec.customProperties).length),
      run: (t) => {
        const props = t.workbook.properties;
        props.title = p.title;
        props.subject = p.subject;
        props.author = p.creator;
        if (p.company !== undefined) props.company = p.company;
        if (p.description !== undefined) props.comments = p.description;
        if (p.keywords !== undefined) props.keywords = p.keywords;
        for (const [key, value] of Object.entries(spec.customProperties)) props.custom.add(key, value);
      },
    },
  ];
}

export function visibilityOps(spec: WorkbookSpec): Op[] {
  return spec.sheets.flatMap((sheet, index) =>
    sheet.visibility === "visible"
      ? []
      : [
          {
            features: ["Sheet.visibility"] as RenderedFeature[],
            sheet: index,
            bytes: estimateBytes(sheet.visibility),
            run: (t: RunTargets) => {
              (t.sheets[index] as Excel.Worksheet).visibility = sheet.visibility === "hidden" ? "Hidden" : "VeryHidden";
            },
          },
        ],
  );
}

/** Activates spec.activeSheet, or the first visible sheet when that one is hidden (Excel refuses otherwise). */
export function activeSheetOp(spec: WorkbookSpec): Op[] {
  const wanted = spec.sheets[spec.activeSheet];
  const index =
    wanted && wanted.visibility === "visible"
      ? spec.activeSheet
      : spec.sheets.findIndex((s) => s.visibility === "visible");
  if (index < 0) return [];
  return [
    {
      features: ["WorkbookSpec.activeSheet"],
      sheet: index,
      bytes: OP_OVERHEAD_BYTES,
      run: (t) => (t.sheets[index] as Excel.Worksheet).activate(),
    },
  ];
}

/** Greedy split of operations into request batches of at most `maxBytes` (an oversized op goes alone). */
export function batchOps(ops: readonly Op[], maxBytes: number): Op[][] {
  const batches: Op[][] = [];
  let current: Op[] = [];
  let bytes = 0;
  for (const op of ops) {
    if (current.length > 0 && bytes + op.bytes > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += op.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
