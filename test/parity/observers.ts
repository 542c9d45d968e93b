/**
 * The observer table: for every feature of the model, how to read it back — normalised — from the
 * .xlsx (XlsxView) and from the Office.js fake (OfficeView), and what the spec itself asks for.
 *
 * Normal forms: colours "RRGGBB", column widths in points, row heights in points, margins in mm
 * rounded to 0.1, dates as serial numbers, formulas without "=", ranges without "$", flags as booleans.
 * An observer turns a spec into probes (one per place the feature can be seen: a cell, a sheet, a
 * validation…), each carrying the expected value and both readers.
 */
import { maxDigitWidthPx } from "../../src/workbook/metrics";
import { columnLetter, parseRange } from "../../src/workbook/a1";
import { isoToSerial } from "../../src/dates";
import type {
  BorderLine,
  Cell,
  CellValue,
  ConditionalFormat,
  DifferentialStyle,
  PrintSetup,
  Protection,
  Sheet,
  Style,
  Validation,
  WorkbookSpec,
} from "../../src/workbook/model";
import type { Cell as ExcelJsCell, WorksheetView } from "exceljs";
import type { FakeConditionalFormat, FakeSheet } from "../helpers/excel-recorder";
import type { Line, OfficeView, Sides, XlsxConditionalFormat, XlsxSheetParts, XlsxView } from "./views";
import { attrs, tags, unescapeXml, xmlTrue } from "./views";

export interface Probe {
  /** Where: "Sheet!B4", "Sheet!validation D4:D6", "workbook"… */
  where: string;
  /** The spec sets the feature here explicitly (false: the expectation is the default that must hold). */
  present: boolean;
  expected: unknown;
  xlsx(v: XlsxView): unknown;
  /** Null for a feature the Office.js renderer leaves out on purpose (NOT_RENDERED). */
  officejs: ((v: OfficeView) => unknown) | null;
}

export interface Observer {
  probes(spec: WorkbookSpec): Probe[];
}

/** Features observed only through their parts; the reason says which. Keep this list short. */
export const EXEMPT: Readonly<Record<string, string>> = {
  "Cell.style": "a style key; observed through every Style.* feature on each styled cell",
  "WorkbookSpec.styles": "the style dictionary; observed through Style.* on the cells that use each style",
};

// ---------------------------------------------------------------------------------------------
// Charts: DrawingML parts of the .xlsx, and the recorder's chart calls, in the model's terms

function relTargets(x: XlsxView, part: string): Map<string, string> {
  const dir = part.replace(/[^/]+$/, "");
  const rels = x.parts[`${dir}_rels/${part.slice(dir.length)}.rels`] ?? "";
  return new Map(
    tags(rels, "Relationship").map((t) => {
      const a = attrs(t);
      const target = (a.Target ?? "").replace(/^\.\.\//, "");
      return [a.Id ?? "", `xl/${target}`] as const;
    }),
  );
}

function xlsxCharts(x: XlsxView, sheetName: string): unknown[] {
  const xml = x.sheet(sheetName).xml;
  const path = Object.keys(x.parts).find((p) => x.parts[p] === xml && p.startsWith("xl/worksheets/"));
  const drawingTag = tags(xml, "drawing")[0];
  if (!path || !drawingTag) return [];
  const drawingPath = relTargets(x, path).get(attrs(drawingTag)["r:id"] ?? "") ?? "";
  const drawing = x.parts[drawingPath] ?? "";
  const charts = relTargets(x, drawingPath);
  const num = (marker: string, name: string) =>
    Number(new RegExp(`<xdr:${name}>(\\d+)</xdr:${name}>`).exec(marker)?.[1] ?? NaN);
  return [...drawing.matchAll(/<xdr:twoCellAnchor[\s\S]*?<\/xdr:twoCellAnchor>/g)].map(([anchor]) => {
    const from = /<xdr:from>([\s\S]*?)<\/xdr:from>/.exec(anchor)?.[1] ?? "";
    const to = /<xdr:to>([\s\S]*?)<\/xdr:to>/.exec(anchor)?.[1] ?? "";
    const at = (m: string) => ({ col: num(m, "col"), row: num(m, "row") });
    const f = at(from);
    const t = at(to);
    const chart = x.parts[charts.get(attrs(tags(anchor, "c:chart")[0] ?? "")["r:id"] ?? "") ?? ""] ?? "";
    const ser = [...chart.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => m[1] as string);
    const ref = (body: string, name: string) => {
      const inner = new RegExp(`<c:${name}>([\\s\\S]*?)</c:${name}>`).exec(body)?.[1] ?? "";
      return rangeText(/<c:f>([^<]*)<\/c:f>/.exec(inner)?.[1] ?? "");
    };
    const cat = parseRange(ref(ser[0] ?? "", "cat"));
    const last = parseRange(ref(ser[ser.length - 1] ?? "", "val"));
    const bar = /<c:barChart>([\s\S]*?)<\/c:barChart>/.exec(chart)?.[1] ?? "";
    const secondary = [...chart.matchAll(/<c:valAx>([\s\S]*?)<\/c:valAx>/g)].find((m) =>
      /<c:axPos val="r"\/>/.test(m[1] as string),
    );
    return {
      anchor: `${columnLetter(f.col + 1)}${f.row + 1}:${columnLetter(t.col)}${t.row}`,
      title: [...chart.split("<c:plotArea>")[0]!.matchAll(/<a:t>([^<]*)<\/a:t>/g)]
        .map((m) => unescapeXml(m[1] as string))
        .join(""),
      source: cat && last ? `${columnLetter(cat.left)}${cat.top - 1}:${columnLetter(last.right)}${last.bottom}` : null,
      stacked: [...bar.matchAll(/<c:ser>/g)].length,
      colors: ser.map((b) => rgb(attrs(tags(b, "a:srgbClr")[0] ?? "").val)),
      lineAxisFormat: secondary ? (attrs(tags(secondary[1] as string, "c:numFmt")[0] ?? "").formatCode ?? null) : null,
    };
  });
}

function officeCharts(sheet: FakeSheet): unknown[] {
  return sheet.charts.map((c) => {
    const pos = c.calls.find((k) => k.target === "" && k.name === "setPosition");
    const source = parseRange(c.source);
    const series = source ? source.right - source.left : 0;
    const colors: (string | null)[] = [];
    let lines = 0;
    for (let i = 0; i < series; i++) {
      const item = `series.getItemAt(${i})`;
      const fill = c.calls.find((k) => k.target === `${item}.format.fill` && k.name === "setSolidColor");
      const line = c.props[`${item}.format.line.color`];
      if (c.props[`${item}.chartType`] === "LineMarkers") lines++;
      colors.push(rgb(String(fill?.args[0] ?? line ?? "")));
    }
    return {
      anchor: pos ? rangeText(`${String(pos.args[0])}:${String(pos.args[1])}`) : null,
      title: c.props["title.text"] ?? null,
      source: rangeText(c.source),
      stacked: series - lines,
      colors,
      lineAxisFormat: c.props["axes.getItem(Value,Secondary).numberFormat"] ?? null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Normalisers

export function rgb(c: string | null | undefined): string | null {
  if (c === null || c === undefined || c === "") return null;
  return c.replace(/^#/, "").slice(-6).toUpperCase();
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function formulaText(f: string): string {
  return f.trim().replace(/^=/, "");
}

export function rangeText(r: string): string {
  return r.replace(/^.*!/, "").replace(/\$/g, "").toUpperCase();
}

const BORDER_FROM_OFFICE: Record<string, BorderLine> = {
  "Continuous/Thin": "thin",
  "Continuous/Medium": "medium",
  "Dot/Thin": "dotted",
};
/** The model's lines as both readers name them; a new BorderLine fails the type check here. */
const BORDER_NAMES: Record<BorderLine, true> = { thin: true, medium: true, dotted: true };

function oneLine(sides: (string | null)[]): string | null {
  const first = sides[0] ?? null;
  return sides.every((s) => s === first) ? first : `mixed(${sides.join(",")})`;
}

function officeLine(l: Line | undefined): string | null {
  if (!l || l.style === "" || l.style === "None") return null;
  return BORDER_FROM_OFFICE[`${l.style}/${l.weight}`] ?? `${l.style}/${l.weight}`;
}

function officeBorder(s: Sides): string | null {
  return oneLine([officeLine(s.top), officeLine(s.bottom), officeLine(s.left), officeLine(s.right)]);
}

function xlsxLine(b: { style?: string } | undefined): string | null {
  const s = b?.style;
  if (!s) return null;
  return s in BORDER_NAMES ? s : `xlsx:${s}`;
}

/** A number format that shows dates (d, m, y outside quotes and brackets). */
export function isDateFormat(code: string | null | undefined): boolean {
  if (!code) return false;
  const bare = code.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  return /[dy]/i.test(bare) || /m/i.test(bare.replace(/[hs]+:?m+|m+:?s+/gi, ""));
}

/** The centre section of an Excel header/footer code ("&L…&C…&R…"); "&&" is a literal "&". */
export function centerSection(code: string | null | undefined): string | null {
  if (!code) return null;
  let section = "C";
  let center = "";
  let sawSection = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i] as string;
    const next = code[i + 1];
    if (ch === "&" && next !== undefined && /[LCR]/.test(next)) {
      section = next;
      sawSection = true;
      i++;
      continue;
    }
    if (ch === "&" && next !== undefined) {
      if (section === "C") center += ch + next;
      i++;
      continue;
    }
    if (section === "C") center += ch;
  }
  if (!sawSection && center === "") return null;
  return center === "" ? null : center;
}

/** ECMA-376 Part 4 §14.7.1 legacy password verifier (what a .xlsx holds instead of the password). */
export function passwordVerifier(password: string | undefined): string | null {
  if (!password) return null;
  let hash = 0;
  for (let i = password.length - 1; i >= 0; i--) {
    hash = ((hash >> 14) & 1) | ((hash << 1) & 0x7fff);
    hash ^= password.charCodeAt(i);
  }
  hash = ((hash >> 14) & 1) | ((hash << 1) & 0x7fff);
  hash ^= password.length ^ 0xce4b;
  return hash.toString(16).toUpperCase().padStart(4, "0");
}

// ---------------------------------------------------------------------------------------------
// Column widths: characters of the default font as Excel shows them, in points

/** Excel's cell padding: the margin on both sides plus the grid line (5 px for Calibri 11, MDW 7). */
function paddingPx(mdw: number): number {
  return 2 * Math.ceil(mdw / 4) + 1;
}

/** The physical width a column of `chars` characters has in Excel, in points. */
export function expectedWidthPoints(chars: number, font: WorkbookSpec["defaultFont"]): number {
  const mdw = maxDigitWidthPx(font);
  return round((Math.round(chars * mdw) + paddingPx(mdw)) * 0.75, 2);
}

/** A stored <col width> in points, by Excel's rule: px = trunc(((256·w + trunc(128/MDW)) / 256) · MDW). */
export function fileWidthPoints(width: number, font: WorkbookSpec["defaultFont"]): number {
  const mdw = maxDigitWidthPx(font);
  const px = Math.trunc(((256 * width + Math.trunc(128 / mdw)) / 256) * mdw);
  return round(px * 0.75, 2);
}

// ---------------------------------------------------------------------------------------------
// Walking the spec

interface SpecCell {
  sheet: Sheet;
  row: number;
  col: number;
  ref: string;
  cell: Cell;
  style: Style | undefined;
}

function specCells(spec: WorkbookSpec): SpecCell[] {
  const out: SpecCell[] = [];
  for (const sheet of spec.sheets) {
    sheet.rows.forEach((row, r) => {
      row.cells.forEach((cell, c) => {
        if (!cell) return;
        const style = cell.style === undefined ? undefined : spec.styles[cell.style];
        out.push({ sheet, row: r + 1, col: c + 1, ref: `${columnLetter(c + 1)}${r + 1}`, cell, style });
      });
    });
  }
  return out;
}

function isDateValue(v: CellValue): v is { date: string } {
  return v !== null && typeof v === "object" && "date" in v;
}
function isFormulaValue(v: CellValue): v is { formula: string; result?: string | number | boolean | null } {
  return v !== null && typeof v === "object" && "formula" in v;
}

type NormValue =
  { t: "empty" } | { t: "s"; v: string } | { t: "n"; v: number } | { t: "b"; v: boolean } | { t: "f"; v: string };

function specValue(v: CellValue): NormValue {
  if (v === null) return { t: "empty" };
  if (typeof v === "string") return v === "" ? { t: "empty" } : { t: "s", v };
  if (typeof v === "number") return { t: "n", v };
  if (typeof v === "boolean") return { t: "b", v };
  if (isDateValue(v)) return { t: "n", v: isoToSerial(v.date) };
  return { t: "f", v: formulaText(v.formula) };
}

function xlsxValue(x: XlsxView, sheet: string, ref: string): NormValue {
  const c = x.read.sheet(sheet)?.cell(ref);
  if (!c) return { t: "empty" };
  if (c.formula !== undefined) return { t: "f", v: formulaText(c.formula) };
  if (c.kind === "string") return c.value === "" ? { t: "empty" } : { t: "s", v: String(c.value) };
  if (c.kind === "number") return { t: "n", v: Number(c.value) };
  if (c.kind === "boolean") return { t: "b", v: Boolean(c.value) };
  return { t: "s", v: `#error ${String(c.value)}` };
}

function officeValue(o: OfficeView, sheet: string, ref: string): NormValue {
  const c = o.cell(sheet, ref);
  if (c.formula !== undefined) return { t: "f", v: formulaText(c.formula) };
  const v = c.value;
  if (v === undefined || v === null || v === "") return { t: "empty" };
  if (typeof v === "string") return { t: "s", v };
  if (typeof v === "number") return { t: "n", v };
  if (typeof v === "boolean") return { t: "b", v };
  return { t: "s", v: `#unexpected ${JSON.stringify(v)}` };
}

/** One probe per spec cell that passes `keep`. */
function cellObserver(
  keep: (c: SpecCell) => boolean,
  expected: (c: SpecCell, spec: WorkbookSpec) => { value: unknown; present: boolean },
  xlsx: (x: XlsxView, c: SpecCell, spec: WorkbookSpec) => unknown,
  officejs: ((o: OfficeView, c: SpecCell, spec: WorkbookSpec) => unknown) | null,
): Observer {
  return {
    probes: (spec) =>
      specCells(spec)
        .filter(keep)
        .map((c) => {
          const e = expected(c, spec);
          return {
            where: `${c.sheet.name}!${c.ref}`,
            present: e.present,
            expected: e.value,
            xlsx: (x) => xlsx(x, c, spec),
            officejs: officejs && ((o) => officejs(o, c, spec)),
          };
        }),
  };
}

/** Probes of the cells that carry a declared style: one style field, read on both sides. */
function styleObserver<T>(
  field: (s: Style, spec: WorkbookSpec) => T | undefined,
  dflt: (spec: WorkbookSpec) => T,
  xlsx: (x: XlsxView, c: SpecCell) => T,
  officejs: (o: OfficeView, c: SpecCell) => T,
  normalise: (v: T, c: SpecCell) => unknown = (v) => v,
): Observer {
  return cellObserver(
    (c) => c.style !== undefined,
    (c, spec) => {
      const own = field(c.style as Style, spec);
      return { value: normalise(own === undefined ? dflt(spec) : own, c), present: own !== undefined };
    },
    (x, c) => normalise(xlsx(x, c), c),
    (o, c) => normalise(officejs(o, c), c),
  );
}

function xCell(x: XlsxView, c: SpecCell): ExcelJsCell {
  return x.sheet(c.sheet.name).ws.getCell(c.ref);
}
function oFormat(o: OfficeView, c: SpecCell, key: string): unknown {
  return o.format(c.sheet.name, c.ref, key);
}

/** One probe per spec sheet. */
function sheetObserver(
  keep: (s: Sheet) => boolean,
  expected: (s: Sheet, spec: WorkbookSpec) => { value: unknown; present: boolean },
  xlsx: (x: XlsxView, s: Sheet, spec: WorkbookSpec) => unknown,
  officejs: (o: OfficeView, s: Sheet, spec: WorkbookSpec) => unknown,
): Observer {
  return {
    probes: (spec) =>
      spec.sheets.filter(keep).map((s) => {
        const e = expected(s, spec);
        return {
          where: s.name,
          present: e.present,
          expected: e.value,
          xlsx: (x) => xlsx(x, s, spec),
          officejs: (o) => officejs(o, s, spec),
        };
      }),
  };
}

/** One probe for the whole workbook. */
function workbookObserver(
  expected: (spec: WorkbookSpec) => { value: unknown; present: boolean } | null,
  xlsx: (x: XlsxView, spec: WorkbookSpec) => unknown,
  officejs: (o: OfficeView, spec: WorkbookSpec) => unknown,
): Observer {
  return {
    probes: (spec) => {
      const e = expected(spec);
      if (!e) return [];
      return [
        {
          where: "workbook",
          present: e.present,
          expected: e.value,
          xlsx: (x) => xlsx(x, spec),
          officejs: (o) => officejs(o, spec),
        },
      ];
    },
  };
}

const present = (value: unknown) => ({ value, present: true });

// ---------------------------------------------------------------------------------------------
// Validations

interface ValidationSite {
  sheet: Sheet;
  v: Validation;
  index: number;
}

function validationObserver(
  keep: (v: Validation) => boolean,
  expected: (v: Validation) => unknown,
  xlsx: (x: XlsxView, s: ValidationSite) => unknown,
  officejs: (o: OfficeView, s: ValidationSite) => unknown,
): Observer {
  return {
    probes: (spec) =>
      spec.sheets.flatMap((sheet) =>
        sheet.validations.flatMap((v, index) => {
          if (!keep(v)) return [];
          const site = { sheet, v, index };
          return [
            {
              where: `${sheet.name}!validation ${v.range}`,
              present: true,
              expected: expected(v),
              xlsx: (x: XlsxView) => xlsx(x, site),
              officejs: (o: OfficeView) => officejs(o, site),
            },
          ];
        }),
      ),
  };
}

function xValidation(x: XlsxView, s: ValidationSite) {
  const range = rangeText(s.v.range);
  return x.read.sheet(s.sheet.name)?.validations.find((v) => rangeText(v.sqref) === range);
}

interface OfficeValidation {
  rule?: Record<string, { operator?: string; formula1?: unknown; formula2?: unknown; source?: string }>;
  ignoreBlanks?: boolean;
  prompt?: { showPrompt?: boolean; title?: string; message?: string };
  errorAlert?: { showAlert?: boolean; style?: string; title?: string; message?: string };
}

function oValidation(o: OfficeView, s: ValidationSite): OfficeValidation | undefined {
  const sheet = o.sheet(s.sheet.name);
  for (const [address, v] of sheet.validations) if (rangeText(address) === rangeText(s.v.range)) return v;
  return undefined;
}

const OFFICE_RULE_TYPE: Record<string, Validation["type"]> = {
  list: "list",
  date: "date",
  decimal: "decimal",
  wholeNumber: "whole",
  textLength: "textLength",
};
const OPERATOR_FROM_OFFICE: Record<string, string> = {
  Between: "between",
  GreaterThanOrEqualTo: "greaterThanOrEqual",
  LessThanOrEqualTo: "lessThanOrEqual",
};
/** Every operator of the model, as the .xlsx names it (absent = between). */
const OPERATORS: Record<NonNullable<Validation["operator"]>, true> = {
  between: true,
  greaterThanOrEqual: true,
  lessThanOrEqual: true,
};

function oRule(o: OfficeView, s: ValidationSite) {
  const rule = oValidation(o, s)?.rule ?? {};
  const [key, body] = Object.entries(rule)[0] ?? [];
  return { type: key === undefined ? null : (OFFICE_RULE_TYPE[key] ?? `office:${key}`), body };
}

function boundNumber(b: unknown): number | null {
  if (b === undefined || b === null || b === "") return null;
  if (typeof b === "number") return b;
  const s = String(b).trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return isoToSerial(s.slice(0, 10));
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function specBound(b: Validation["min"]): number | null {
  if (b === undefined) return null;
  return typeof b === "number" ? b : isoToSerial(b.date);
}

/** Which formula holds min and which max, given the operator. */
function boundsOf(operator: string, f1: unknown, f2: unknown): { min: number | null; max: number | null } {
  if (operator === "between") return { min: boundNumber(f1), max: boundNumber(f2) };
  if (operator === "greaterThanOrEqual") return { min: boundNumber(f1), max: null };
  return { min: null, max: boundNumber(f1) };
}

function xBounds(x: XlsxView, s: ValidationSite) {
  const v = xValidation(x, s);
  if (!v) return { min: null, max: null };
  return boundsOf(v.operator ?? "between", v.formula1, v.formula2);
}
function oBounds(o: OfficeView, s: ValidationSite) {
  const { body } = oRule(o, s);
  if (!body) return { min: null, max: null };
  return boundsOf(OPERATOR_FROM_OFFICE[body.operator ?? ""] ?? "?", body.formula1, body.formula2);
}

function listEntries(source: string | undefined): string[] | null {
  if (source === undefined) return null;
  const s = source.trim();
  const inner = s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
  return inner.split(",");
}

// ---------------------------------------------------------------------------------------------
// Conditional formats

function cfObserver(
  keep: (cf: ConditionalFormat) => boolean,
  expected: (cf: ConditionalFormat) => { value: unknown; present: boolean },
  xlsx: (x: XlsxConditionalFormat | undefined) => unknown,
  officejs: (o: FakeConditionalFormat | undefined) => unknown,
): Observer {
  return {
    probes: (spec) =>
      spec.sheets.flatMap((sheet) =>
        sheet.conditionalFormats.flatMap((cf, index) => {
          if (!keep(cf)) return [];
          const e = expected(cf);
          return [
            {
              where: `${sheet.name}!conditional format ${index + 1} (${cf.kind} ${cf.range})`,
              present: e.present,
              expected: e.value,
              xlsx: (x: XlsxView) => xlsx(x.sheet(sheet.name).conditionalFormats[index]),
              officejs: (o: OfficeView) => officejs(o.sheet(sheet.name).conditionalFormats[index]),
            },
          ];
        }),
      ),
  };
}

const OFFICE_CF_KIND: Record<string, ConditionalFormat["kind"]> = { Custom: "expression", DataBar: "dataBar" };
const XLSX_CF_KIND: Record<string, ConditionalFormat["kind"]> = { expression: "expression", dataBar: "dataBar" };

function isExpression(cf: ConditionalFormat): cf is Extract<ConditionalFormat, { kind: "expression" }> {
  return cf.kind === "expression";
}
function isDataBar(cf: ConditionalFormat): cf is Extract<ConditionalFormat, { kind: "dataBar" }> {
  return cf.kind === "dataBar";
}

type DxfField = "bold" | "italic" | "color" | "fill";

/** A differential style: each field set, or null when the rule leaves it as the cell has it. */
function dxfOf(style: DifferentialStyle): Record<DxfField, unknown> {
  return {
    bold: style.font?.bold ?? null,
    italic: style.font?.italic ?? null,
    color: rgb(style.font?.color),
    fill: rgb(style.fill),
  };
}
/** From styles.xml itself: ExcelJS reads <i val="0"/> as italic, which is the opposite. */
function xlsxDxf(cf: XlsxConditionalFormat | undefined): Record<DxfField, unknown> {
  const dxf = cf?.dxf;
  return {
    bold: dxf?.bold ?? null,
    italic: dxf?.italic ?? null,
    color: rgb(dxf?.color ?? undefined),
    fill: rgb(dxf?.fill ?? undefined),
  };
}
function officeDxf(cf: FakeConditionalFormat | undefined): Record<DxfField, unknown> {
  const p = cf?.props ?? {};
  return {
    bold: p["custom.format.font.bold"] ?? null,
    italic: p["custom.format.font.italic"] ?? null,
    color: rgb(p["custom.format.font.color"] as string | undefined),
    fill: rgb(p["custom.format.fill.color"] as string | undefined),
  };
}

function dxfObserver(field: DxfField, defined: (s: DifferentialStyle) => boolean): Observer {
  return cfObserver(
    (cf) => isExpression(cf) && defined(cf.style),
    (cf) => present(dxfOf((cf as Extract<ConditionalFormat, { kind: "expression" }>).style)[field]),
    (x) => xlsxDxf(x)[field],
    (o) => officeDxf(o)[field],
  );
}

function officeBound(rule: unknown): number | "max" | "min" | null {
  if (!rule || typeof rule !== "object") return null;
  const r = rule as { type?: string; formula?: string };
  if (r.type === "HighestValue") return "max";
  if (r.type === "LowestValue") return "min";
  return boundNumber(r.formula);
}
function xlsxBound(cfvo: { type: string; value?: number } | undefined): number | "max" | "min" | null {
  if (!cfvo) return null;
  if (cfvo.type === "max") return "max";
  if (cfvo.type === "min") return "min";
  return cfvo.value ?? null;
}

// ---------------------------------------------------------------------------------------------
// Print setup

function printObserver(
  keep: (p: PrintSetup) => boolean,
  expected: (p: PrintSetup) => unknown,
  xlsx: (x: XlsxSheetParts, x2: XlsxView, s: Sheet) => unknown,
  officejs: (pl: Record<string, unknown>) => unknown,
): Observer {
  return sheetObserver(
    (s) => s.print !== undefined && keep(s.print),
    (s) => present(expected(s.print as PrintSetup)),
    (x, s) => xlsx(x.sheet(s.name), x, s),
    (o, s) => officejs(o.sheet(s.name).pageLayout),
  );
}

const PAPER_SIZE: Record<PrintSetup["paper"], number> = { A4: 9 };
const mm = (n: number) => round(n, 1);

function marginsOf(m: PrintSetup["marginsMm"]) {
  return {
    top: mm(m.top),
    bottom: mm(m.bottom),
    left: mm(m.left),
    right: mm(m.right),
    header: mm(m.header),
    footer: mm(m.footer),
  };
}

function repeatRowsText(v: unknown): { first: number; last: number } | null {
  if (typeof v !== "string") return null;
  const m = /^(?:.*!)?\$?(\d+):\$?(\d+)$/.exec(v.trim());
  return m ? { first: Number(m[1]), last: Number(m[2]) } : null;
}

function firstPage(print: PrintSetup) {
  return print.header?.firstPageDifferent
    ? { differentFirst: true, firstHeader: null, firstFooter: print.footer?.center ?? null }
    : { differentFirst: false };
}

// ---------------------------------------------------------------------------------------------
// Protection

type AllowKey = keyof Protection["allow"];

/** ECMA-376 defaults of <sheetProtection> attributes: true = the action is forbidden. */
const PROTECTED_BY_DEFAULT: Record<AllowKey, boolean> = {
  selectLockedCells: false,
  selectUnlockedCells: false,
  formatColumns: true,
  formatRows: true,
  sort: true,
  autoFilter: true,
};

function xProtection(x: XlsxView, sheet: string): Record<string, string> | null {
  const tag = tags(x.sheet(sheet).xml, "sheetProtection")[0];
  return tag ? attrs(tag) : null;
}

function officeAllow(options: unknown, key: AllowKey): boolean | null {
  if (!options || typeof options !== "object") return null;
  const o = options as Record<string, unknown>;
  const mode = o.selectionMode;
  if (key === "selectLockedCells") return mode === "Normal";
  if (key === "selectUnlockedCells") return mode === "Normal" || mode === "Unlocked";
  const prop = `allow${key[0]?.toUpperCase()}${key.slice(1)}`;
  return typeof o[prop] === "boolean" ? (o[prop] as boolean) : null;
}

function allowObserver(key: AllowKey): Observer {
  return sheetObserver(
    (s) => s.protection !== undefined,
    (s) => present((s.protection as Protection).allow[key]),
    (x, s) => {
      const a = xProtection(x, s.name);
      return a ? !xmlTrue(a[key], PROTECTED_BY_DEFAULT[key]) : null;
    },
    (o, s) => officeAllow(o.sheet(s.name).protection?.options, key),
  );
}

// ---------------------------------------------------------------------------------------------
// Tables

function tableObserver(
  expected: (t: Sheet["tables"][number]) => unknown,
  xlsx: (
    t: { name: string; tableRef: string; style?: { theme?: string; showRowStripes?: boolean } } | undefined,
  ) => unknown,
  officejs: (t: ReturnType<OfficeView["recorder"]["tablesOf"]>[number] | undefined) => unknown,
): Observer {
  return {
    probes: (spec) =>
      spec.sheets.flatMap((sheet) =>
        sheet.tables.map((t) => ({
          where: `${sheet.name}!table ${t.name}`,
          present: true,
          expected: expected(t),
          xlsx: (x: XlsxView) => xlsx(x.sheet(sheet.name).tables.find((e) => e.name === t.name)),
          officejs: (o: OfficeView) => officejs(o.recorder.tablesOf(sheet.name).find((e) => e.name === t.name)),
        })),
      ),
  };
}

// ---------------------------------------------------------------------------------------------
// Defined names

function definedNameObserver(
  expected: (d: WorkbookSpec["definedNames"][number]) => unknown,
  xlsx: (d: { name: string; formula: string; hidden: boolean } | undefined) => unknown,
  officejs: (d: { name: string; formula: string; visible: boolean } | undefined) => unknown,
): Observer {
  return {
    probes: (spec) =>
      spec.definedNames.map((d) => ({
        where: `name ${d.name}`,
        present: true,
        expected: expected(d),
        xlsx: (x: XlsxView) =>
          xlsx(
            x.read.definedNames.find(
              (n) => n.localSheetId === undefined && n.name.toUpperCase() === d.name.toUpperCase(),
            ),
          ),
        officejs: (o: OfficeView) =>
          officejs(o.recorder.names.find((n) => n.name.toUpperCase() === d.name.toUpperCase())),
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// Number formats

/**
 * Text shows the same under "General" and "@"; the Office.js renderer gives text Excel would
 * convert ("01/2026", "-") the "@" format, which the .xlsx (a shared string) does not need.
 */
function numberFormatFor(code: string | null | undefined, c: SpecCell): string {
  const f = code === undefined || code === null || code === "" ? "General" : code;
  return typeof c.cell.value === "string" && c.cell.value !== "" && f === "@" ? "General" : f;
}

/** A date as the user sees it: its serial, and whether the cell's format shows a date. */
function dateShown(v: NormValue, format: string | null): { serial: unknown; dateFormat: boolean } {
  return { serial: v.t === "n" ? v.v : v, dateFormat: isDateFormat(format) };
}

function xlsxNumFmt(x: XlsxView, c: SpecCell): string | null {
  return xCell(x, c).numFmt ?? null;
}
function officeNumFmt(o: OfficeView, c: SpecCell): string | null {
  return (oFormat(o, c, "numberFormat") as string | undefined) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Properties

function propertyObserver(
  key: keyof WorkbookSpec["properties"],
  xlsx: (x: XlsxView) => string | undefined,
  office: string,
): Observer {
  return workbookObserver(
    (spec) => (spec.properties[key] === undefined ? null : present(spec.properties[key])),
    (x) => xlsx(x) ?? null,
    (o) => (o.recorder.properties[office] as string | undefined) ?? null,
  );
}

function officeSheetNames(o: OfficeView): string[] {
  return o.recorder.sheetNames().filter((n) => !o.existing.includes(n));
}

const VISIBILITY_FROM_OFFICE: Record<FakeSheet["visibility"], Sheet["visibility"]> = {
  Visible: "visible",
  Hidden: "hidden",
  VeryHidden: "veryHidden",
};

function freezeOf(f: Sheet["freeze"]): { rows: number; columns: number } | null {
  return f && (f.rows > 0 || f.columns > 0) ? { rows: f.rows, columns: f.columns } : null;
}

function xView(x: XlsxView, s: Sheet): Partial<WorksheetView> & { xSplit?: number; ySplit?: number } {
  return (x.sheet(s.name).ws.views[0] ?? {}) as Partial<WorksheetView> & { xSplit?: number; ySplit?: number };
}

// ---------------------------------------------------------------------------------------------
// The table

export const OBSERVERS: Readonly<Record<string, Observer>> = {
  // --- Workbook
  "WorkbookSpec.properties.title": propertyObserver("title", (x) => x.read.core.title, "title"),
  "WorkbookSpec.properties.subject": propertyObserver("subject", (x) => x.excel.subject, "subject"),
  "WorkbookSpec.properties.creator": propertyObserver("creator", (x) => x.read.core.creator, "author"),
  "WorkbookSpec.properties.company": propertyObserver("company", (x) => x.excel.company, "company"),
  "WorkbookSpec.properties.description": propertyObserver("description", (x) => x.excel.description, "comments"),
  "WorkbookSpec.properties.keywords": propertyObserver("keywords", (x) => x.excel.keywords, "keywords"),
  "WorkbookSpec.customProperties": workbookObserver(
    (spec) => ({
      value: Object.entries(spec.customProperties).sort(),
      present: Object.keys(spec.customProperties).length > 0,
    }),
    (x) => Object.entries(x.read.customProperties).sort(),
    (o) => [...o.recorder.customProperties.entries()].sort(),
  ),
  "WorkbookSpec.defaultFont": sheetObserver(
    () => true,
    (_s, spec) => present({ name: spec.defaultFont.name, size: spec.defaultFont.size }),
    (x) => {
      // Font 0 of styles.xml is the Normal style's font: the file's base font.
      const fonts = /<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(x.parts["xl/styles.xml"] ?? "")?.[1] ?? "";
      const first = /<font\b[\s\S]*?<\/font>/.exec(fonts)?.[0] ?? "";
      const name = attrs(tags(first, "name")[0] ?? "").val ?? null;
      const size = attrs(tags(first, "sz")[0] ?? "").val;
      return { name, size: size === undefined ? null : Number(size) };
    },
    (o, s) => {
      const f = o.sheet(s.name).sheetFormat;
      return { name: f["format.font.name"] ?? null, size: f["format.font.size"] ?? null };
    },
  ),
  "WorkbookSpec.sheets": workbookObserver(
    (spec) => present(spec.sheets.map((s) => s.name)),
    (x) => x.read.sheets.map((s) => s.name),
    (o) => officeSheetNames(o),
  ),
  "WorkbookSpec.definedNames": workbookObserver(
    (spec) => ({ value: spec.definedNames.map((d) => d.name).sort(), present: spec.definedNames.length > 0 }),
    (x) =>
      x.read.definedNames
        .filter((n) => !n.name.startsWith("_xlnm."))
        .map((n) => n.name)
        .sort(),
    (o) => o.recorder.names.map((n) => n.name).sort(),
  ),
  "WorkbookSpec.activeSheet": workbookObserver(
    (spec) => present(spec.sheets[spec.activeSheet]?.name ?? null),
    (x) => {
      const tab = Number(attrs(tags(x.parts["xl/workbook.xml"] ?? "", "workbookView")[0] ?? "").activeTab ?? 0);
      return x.read.sheets[tab]?.name ?? null;
    },
    (o) => o.recorder.sheets.find((s) => s.id === o.recorder.activeSheetId)?.name ?? null,
  ),

  // --- Sheet
  "Sheet.name": sheetObserver(
    () => true,
    (s) => present(s.name),
    (x, s) => x.read.sheet(s.name)?.name ?? null,
    (o, s) => o.recorder.sheets.find((f) => f.name === s.name)?.name ?? null,
  ),
  "Sheet.visibility": sheetObserver(
    () => true,
    (s) => present(s.visibility),
    (x, s) => x.read.sheet(s.name)?.state ?? null,
    (o, s) => VISIBILITY_FROM_OFFICE[o.sheet(s.name).visibility],
  ),
  "Sheet.tabColor": sheetObserver(
    () => true,
    (s) => ({ value: rgb(s.tabColor), present: s.tabColor !== undefined }),
    (x, s) => rgb(x.sheet(s.name).ws.properties.tabColor?.argb),
    (o, s) => rgb(o.sheet(s.name).tabColor),
  ),
  "Sheet.columns": sheetObserver(
    () => true,
    (s) => ({ value: s.columns.length, present: s.columns.length > 0 }),
    (x, s) =>
      tags(x.sheet(s.name).xml, "col").reduce((n, t) => {
        const a = attrs(t);
        return n + Number(a.max ?? 0) - Number(a.min ?? 0) + 1;
      }, 0),
    (o, s) => [...o.sheet(s.name).columns.values()].filter((c) => c["format.columnWidth"] !== undefined).length,
  ),
  "Sheet.rows": sheetObserver(
    () => true,
    (s) => ({
      value: s.rows.flatMap((r, i) =>
        r.cells.some((c) => c !== null && specValue(c.value).t !== "empty") ? [i + 1] : [],
      ),
      present: s.rows.length > 0,
    }),
    (x, s) => [
      ...new Set((x.read.sheet(s.name)?.cells ?? []).filter((c) => c.value !== "" || c.formula).map((c) => c.row)),
    ],
    (o, s) => {
      const rows = new Set<number>();
      for (const [ref, c] of o.sheet(s.name).cells) {
        if (c.formula !== undefined || (c.value !== undefined && c.value !== ""))
          rows.add(Number(/\d+$/.exec(ref)?.[0]));
      }
      return [...rows].sort((a, b) => a - b);
    },
  ),
  "Sheet.merges": sheetObserver(
    () => true,
    (s) => ({ value: s.merges.map(rangeText).sort(), present: s.merges.length > 0 }),
    (x, s) => (x.read.sheet(s.name)?.merges ?? []).map(rangeText).sort(),
    (o, s) => o.sheet(s.name).merges.map(rangeText).sort(),
  ),
  "Sheet.validations": sheetObserver(
    () => true,
    (s) => ({ value: s.validations.map((v) => rangeText(v.range)), present: s.validations.length > 0 }),
    (x, s) => (x.read.sheet(s.name)?.validations ?? []).map((v) => rangeText(v.sqref)),
    (o, s) => [...o.sheet(s.name).validations.keys()].map(rangeText),
  ),
  "Sheet.conditionalFormats": sheetObserver(
    () => true,
    (s) => ({
      value: s.conditionalFormats.map((cf) => `${cf.kind} ${rangeText(cf.range)}`),
      present: s.conditionalFormats.length > 0,
    }),
    (x, s) =>
      x.sheet(s.name).conditionalFormats.map((c) => `${XLSX_CF_KIND[c.rule.type] ?? c.rule.type} ${rangeText(c.ref)}`),
    (o, s) =>
      o.sheet(s.name).conditionalFormats.map((c) => `${OFFICE_CF_KIND[c.type] ?? c.type} ${rangeText(c.address)}`),
  ),
  "Sheet.tables": sheetObserver(
    () => true,
    (s) => ({ value: s.tables.map((t) => t.name).sort(), present: s.tables.length > 0 }),
    (x, s) =>
      x
        .sheet(s.name)
        .tables.map((t) => t.name)
        .sort(),
    (o, s) =>
      o.recorder
        .tablesOf(s.name)
        .map((t) => t.name)
        .sort(),
  ),
  "Sheet.charts": sheetObserver(
    () => true,
    (s) => ({
      value: (s.charts ?? []).map((c) => ({
        anchor: rangeText(c.anchor),
        title: c.title,
        source: rangeText(c.source),
        stacked: c.stacked,
        colors: c.colors.map(rgb),
        lineAxisFormat: c.lineAxisFormat,
      })),
      present: (s.charts ?? []).length > 0,
    }),
    (x, s) => xlsxCharts(x, s.name),
    (o, s) => officeCharts(o.sheet(s.name)),
  ),
  "Sheet.protection": sheetObserver(
    () => true,
    (s) => ({ value: s.protection !== undefined, present: s.protection !== undefined }),
    (x, s) => x.read.sheet(s.name)?.protection?.sheet ?? false,
    (o, s) => o.sheet(s.name).protection !== null,
  ),
  "Sheet.print": sheetObserver(
    () => true,
    (s) => ({ value: s.print !== undefined, present: s.print !== undefined }),
    (x, s) => tags(x.sheet(s.name).xml, "pageSetup").length > 0,
    (o, s) => Object.keys(o.sheet(s.name).pageLayout).length > 0,
  ),
  "Sheet.freeze": sheetObserver(
    () => true,
    (s) => ({ value: freezeOf(s.freeze), present: s.freeze !== undefined }),
    (x, s) => {
      const v = xView(x, s);
      return v.state === "frozen" ? { rows: v.ySplit ?? 0, columns: v.xSplit ?? 0 } : null;
    },
    (o, s) => freezeOf(o.sheet(s.name).freeze ?? undefined),
  ),
  "Sheet.showGridLines": sheetObserver(
    () => true,
    (s) => ({ value: s.showGridLines, present: !s.showGridLines }),
    (x, s) => xView(x, s).showGridLines ?? true,
    (o, s) => o.sheet(s.name).showGridlines,
  ),

  // --- Columns and rows
  "Column.width": {
    probes: (spec) =>
      spec.sheets.flatMap((s) =>
        s.columns.map((col, i) => ({
          where: `${s.name}!column ${columnLetter(i + 1)}`,
          present: true,
          expected: expectedWidthPoints(col.width, spec.defaultFont),
          xlsx: (x: XlsxView) => {
            const w = x.sheet(s.name).ws.getColumn(i + 1).width;
            return w === undefined ? null : fileWidthPoints(w, spec.defaultFont);
          },
          officejs: (o: OfficeView) => (o.sheet(s.name).columns.get(i + 1)?.["format.columnWidth"] as number) ?? null,
        })),
      ),
  },
  "Column.hidden": {
    probes: (spec) =>
      spec.sheets.flatMap((s) =>
        s.columns.map((col, i) => ({
          where: `${s.name}!column ${columnLetter(i + 1)}`,
          present: col.hidden !== undefined,
          expected: col.hidden ?? false,
          xlsx: (x: XlsxView) => x.sheet(s.name).ws.getColumn(i + 1).hidden ?? false,
          officejs: (o: OfficeView) => o.sheet(s.name).columns.get(i + 1)?.columnHidden === true,
        })),
      ),
  },
  "Row.height": {
    probes: (spec) =>
      spec.sheets.flatMap((s) =>
        s.rows.map((row, i) => ({
          where: `${s.name}!row ${i + 1}`,
          present: row.height !== undefined,
          expected: row.height ?? null,
          xlsx: (x: XlsxView) => x.sheet(s.name).ws.getRow(i + 1).height ?? null,
          officejs: (o: OfficeView) => {
            const r = o.sheet(s.name).rows.get(i + 1);
            // A fitted row's height is only the file's estimate: in Excel, autofit sets it ("Row.fit").
            if (row.fit && r?.["format.autofitRows"] === true) return row.height ?? null;
            return (r?.["format.rowHeight"] as number) ?? null;
          },
        })),
      ),
  },
  "Row.fit": {
    // Observed as "the row's height is automatic": a fitted row, or one with no height at all.
    probes: (spec) =>
      spec.sheets.flatMap((s) =>
        s.rows.map((row, i) => ({
          where: `${s.name}!row ${i + 1}`,
          present: row.fit === true,
          expected: row.fit === true || row.height === undefined,
          xlsx: (x: XlsxView) => !new RegExp(`<row r="${i + 1}"[^>]*customHeight="(1|true)"`).test(x.sheet(s.name).xml),
          officejs: (o: OfficeView) => {
            const r = o.sheet(s.name).rows.get(i + 1);
            return r?.["format.autofitRows"] === true || r?.["format.rowHeight"] === undefined;
          },
        })),
      ),
  },
  "Row.cells": {
    probes: (spec) =>
      spec.sheets.flatMap((s) =>
        s.rows.map((row, i) => ({
          where: `${s.name}!row ${i + 1}`,
          present: row.cells.length > 0,
          expected: row.cells.flatMap((c, k) => (c && specValue(c.value).t !== "empty" ? [columnLetter(k + 1)] : [])),
          xlsx: (x: XlsxView) =>
            (x.read.sheet(s.name)?.cells ?? [])
              .filter((c) => c.row === i + 1 && (c.value !== "" || c.formula))
              .map((c) => columnLetter(c.col)),
          officejs: (o: OfficeView) =>
            row.cells.flatMap((_c, k) =>
              officeValue(o, s.name, `${columnLetter(k + 1)}${i + 1}`).t === "empty" ? [] : [columnLetter(k + 1)],
            ),
        })),
      ),
  },

  // --- Cells
  "Cell.value": cellObserver(
    () => true,
    (c) => present(specValue(c.cell.value)),
    (x, c) => xlsxValue(x, c.sheet.name, c.ref),
    (o, c) => officeValue(o, c.sheet.name, c.ref),
  ),
  "CellValue=null": cellObserver(
    (c) => c.cell.value === null,
    () => present({ t: "empty" }),
    (x, c) => xlsxValue(x, c.sheet.name, c.ref),
    (o, c) => officeValue(o, c.sheet.name, c.ref),
  ),
  "CellValue=string": cellObserver(
    (c) => typeof c.cell.value === "string",
    (c) => present(specValue(c.cell.value)),
    (x, c) => xlsxValue(x, c.sheet.name, c.ref),
    (o, c) => officeValue(o, c.sheet.name, c.ref),
  ),
  "CellValue=number": cellObserver(
    (c) => typeof c.cell.value === "number",
    (c) => present(specValue(c.cell.value)),
    (x, c) => xlsxValue(x, c.sheet.name, c.ref),
    (o, c) => officeValue(o, c.sheet.name, c.ref),
  ),
  "CellValue=boolean": cellObserver(
    (c) => typeof c.cell.value === "boolean",
    (c) => present(specValue(c.cell.value)),
    (x, c) => xlsxValue(x, c.sheet.name, c.ref),
    (o, c) => officeValue(o, c.sheet.name, c.ref),
  ),
  // A date is a serial number shown through a date format.
  "CellValue=date": cellObserver(
    (c) => isDateValue(c.cell.value),
    (c) => present({ serial: isoToSerial((c.cell.value as { date: string }).date), dateFormat: true }),
    (x, c) => dateShown(xlsxValue(x, c.sheet.name, c.ref), xlsxNumFmt(x, c)),
    (o, c) => dateShown(officeValue(o, c.sheet.name, c.ref), officeNumFmt(o, c)),
  ),
  "CellValue=formula": cellObserver(
    (c) => isFormulaValue(c.cell.value),
    (c) => present(specValue(c.cell.value)),
    (x, c) => xlsxValue(x, c.sheet.name, c.ref),
    (o, c) => officeValue(o, c.sheet.name, c.ref),
  ),
  // Office.js computes results itself (NOT_RENDERED); the file carries the cached result.
  "CellValue=formula.result": cellObserver(
    (c) => isFormulaValue(c.cell.value) && c.cell.value.result !== undefined && c.cell.value.result !== null,
    (c) => present((c.cell.value as { result: string | number | boolean }).result),
    (x, c) => x.read.sheet(c.sheet.name)?.cell(c.ref)?.value ?? null,
    null,
  ),

  // --- Styles (on every cell with a declared style; unset fields must show the default)
  "Style.font.name": styleObserver(
    (s) => s.font?.name,
    (spec) => spec.defaultFont.name,
    (x, c) => xCell(x, c).font?.name ?? null,
    (o, c) => (oFormat(o, c, "format.font.name") as string) ?? null,
  ),
  "Style.font.size": styleObserver(
    (s) => s.font?.size,
    (spec) => spec.defaultFont.size,
    (x, c) => xCell(x, c).font?.size ?? null,
    (o, c) => (oFormat(o, c, "format.font.size") as number) ?? null,
  ),
  "Style.font.bold": styleObserver(
    (s) => s.font?.bold,
    () => false,
    (x, c) => xCell(x, c).font?.bold ?? false,
    (o, c) => (oFormat(o, c, "format.font.bold") as boolean) ?? false,
  ),
  "Style.font.italic": styleObserver(
    (s) => s.font?.italic,
    () => false,
    (x, c) => xCell(x, c).font?.italic ?? false,
    (o, c) => (oFormat(o, c, "format.font.italic") as boolean) ?? false,
  ),
  "Style.font.underline": styleObserver(
    (s) => s.font?.underline,
    () => false,
    (x, c) => {
      const u = xCell(x, c).font?.underline;
      return u !== undefined && u !== false && u !== "none";
    },
    (o, c) => oFormat(o, c, "format.font.underline") === "Single",
  ),
  "Style.font.color": styleObserver<string | null>(
    (s) => s.font?.color,
    () => null,
    (x, c) => xCell(x, c).font?.color?.argb ?? null,
    (o, c) => (oFormat(o, c, "format.font.color") as string) ?? null,
    (v) => rgb(v),
  ),
  "Style.fill": styleObserver<string | null>(
    (s) => s.fill,
    () => null,
    (x, c) => {
      const f = xCell(x, c).fill;
      return f?.type === "pattern" && f.pattern === "solid" ? (f.fgColor?.argb ?? null) : null;
    },
    (o, c) => (oFormat(o, c, "format.fill.color") as string) ?? null,
    (v) => rgb(v),
  ),
  "Style.alignment.horizontal": styleObserver<string | null>(
    (s) => s.alignment?.horizontal,
    () => null,
    (x, c) => xCell(x, c).alignment?.horizontal ?? null,
    (o, c) => (oFormat(o, c, "format.horizontalAlignment") as string) ?? null,
    (v) => (v === null ? null : v.toLowerCase()),
  ),
  "Style.alignment.vertical": styleObserver<string | null>(
    (s) => s.alignment?.vertical,
    () => null,
    (x, c) => xCell(x, c).alignment?.vertical ?? null,
    (o, c) => (oFormat(o, c, "format.verticalAlignment") as string) ?? null,
    // ExcelJS calls the file's "center" "middle".
    (v) => (v === null ? null : v.toLowerCase() === "middle" ? "center" : v.toLowerCase()),
  ),
  "Style.alignment.wrap": styleObserver(
    (s) => s.alignment?.wrap,
    () => false,
    (x, c) => xCell(x, c).alignment?.wrapText ?? false,
    (o, c) => (oFormat(o, c, "format.wrapText") as boolean) ?? false,
  ),
  "Style.alignment.indent": styleObserver(
    (s) => s.alignment?.indent,
    () => 0,
    (x, c) => xCell(x, c).alignment?.indent ?? 0,
    (o, c) => (oFormat(o, c, "format.indentLevel") as number) ?? 0,
  ),
  "Style.border": styleObserver<string | null>(
    (s) => s.border as string | undefined,
    () => null,
    (x, c) => {
      const b = xCell(x, c).border;
      return oneLine([xlsxLine(b?.top), xlsxLine(b?.bottom), xlsxLine(b?.left), xlsxLine(b?.right)]);
    },
    (o, c) => officeBorder(o.borders(c.sheet.name, c.ref)),
  ),
  // Dates without a format of their own are CellValue=date's business.
  "Style.numberFormat": cellObserver(
    (c) => c.style !== undefined && !(isDateValue(c.cell.value) && c.style.numberFormat === undefined),
    (c) => ({ value: numberFormatFor(c.style?.numberFormat, c), present: c.style?.numberFormat !== undefined }),
    (x, c) => numberFormatFor(xlsxNumFmt(x, c), c),
    (o, c) => numberFormatFor(officeNumFmt(o, c), c),
  ),
  "Style.locked": styleObserver(
    (s) => s.locked,
    () => true,
    (x, c) => xCell(x, c).protection?.locked ?? true,
    (o, c) => (oFormat(o, c, "format.protection.locked") as boolean) ?? true,
  ),

  // --- Validations
  "Validation.range": validationObserver(
    () => true,
    (v) => rangeText(v.range),
    (x, s) => {
      const v = xValidation(x, s);
      return v ? rangeText(v.sqref) : null;
    },
    (o, s) => (oValidation(o, s) ? rangeText(s.v.range) : null),
  ),
  ...(Object.fromEntries(
    (["list", "date", "decimal", "whole", "textLength"] as const).map((type) => [
      `Validation.type=${type}`,
      validationObserver(
        (v) => v.type === type,
        () => type,
        (x, s) => xValidation(x, s)?.type ?? null,
        (o, s) => oRule(o, s).type,
      ),
    ]),
  ) as Record<`Validation.type=${Validation["type"]}`, Observer>),
  "Validation.list": validationObserver(
    (v) => v.list !== undefined,
    (v) => v.list,
    (x, s) => listEntries(xValidation(x, s)?.formula1),
    (o, s) => listEntries(oRule(o, s).body?.source),
  ),
  "Validation.operator": validationObserver(
    (v) => v.operator !== undefined,
    (v) => v.operator,
    (x, s) => {
      const v = xValidation(x, s);
      if (!v) return null;
      const op = v.operator ?? "between";
      return op in OPERATORS ? op : `xlsx:${op}`;
    },
    (o, s) => {
      const op = oRule(o, s).body?.operator;
      return op === undefined ? null : (OPERATOR_FROM_OFFICE[op] ?? `office:${op}`);
    },
  ),
  "Validation.min": validationObserver(
    (v) => v.min !== undefined,
    (v) => specBound(v.min),
    (x, s) => xBounds(x, s).min,
    (o, s) => oBounds(o, s).min,
  ),
  "Validation.max": validationObserver(
    (v) => v.max !== undefined,
    (v) => specBound(v.max),
    (x, s) => xBounds(x, s).max,
    (o, s) => oBounds(o, s).max,
  ),
  "Validation.allowBlank": validationObserver(
    () => true,
    (v) => v.allowBlank,
    (x, s) => xValidation(x, s)?.allowBlank ?? null,
    (o, s) => oValidation(o, s)?.ignoreBlanks ?? null,
  ),
  "Validation.prompt": validationObserver(
    () => true,
    (v) => (v.prompt ? { title: v.prompt.title, message: v.prompt.message } : null),
    (x, s) => {
      const v = xValidation(x, s);
      return v?.promptTitle !== undefined || v?.prompt !== undefined
        ? { title: v?.promptTitle ?? "", message: v?.prompt ?? "" }
        : null;
    },
    (o, s) => {
      const p = oValidation(o, s)?.prompt;
      return p?.showPrompt ? { title: p.title ?? "", message: p.message ?? "" } : null;
    },
  ),
  "Validation.error": validationObserver(
    () => true,
    (v) => ({ style: v.error.style, title: v.error.title, message: v.error.message }),
    (x, s) => {
      const first = parseRange(s.v.range.split(/\s+/)[0] ?? "");
      const e = first ? x.sheet(s.sheet.name).validationAt(`${columnLetter(first.left)}${first.top}`) : undefined;
      const shown = xValidation(x, s)?.showErrorMessage;
      return shown && e ? { style: e.errorStyle ?? "stop", title: e.errorTitle ?? "", message: e.error ?? "" } : null;
    },
    (o, s) => {
      const a = oValidation(o, s)?.errorAlert;
      return a?.showAlert
        ? { style: (a.style ?? "").toLowerCase(), title: a.title ?? "", message: a.message ?? "" }
        : null;
    },
  ),

  // --- Conditional formats
  "ConditionalFormat.kind=expression": cfObserver(
    isExpression,
    () => present("expression"),
    (x) => (x ? (XLSX_CF_KIND[x.rule.type] ?? x.rule.type) : null),
    (o) => (o ? (OFFICE_CF_KIND[o.type] ?? o.type) : null),
  ),
  "ConditionalFormat.kind=dataBar": cfObserver(
    isDataBar,
    () => present("dataBar"),
    (x) => (x ? (XLSX_CF_KIND[x.rule.type] ?? x.rule.type) : null),
    (o) => (o ? (OFFICE_CF_KIND[o.type] ?? o.type) : null),
  ),
  "ConditionalFormat.range": cfObserver(
    () => true,
    (cf) => present(rangeText(cf.range)),
    (x) => (x ? rangeText(x.ref) : null),
    (o) => (o ? rangeText(o.address) : null),
  ),
  "ConditionalFormat.formula": cfObserver(
    isExpression,
    (cf) => present(formulaText((cf as Extract<ConditionalFormat, { kind: "expression" }>).formula)),
    (x) => (x?.rule.formulae?.[0] === undefined ? null : formulaText(x.rule.formulae[0])),
    (o) => {
      const f = o?.props["custom.rule.formula"];
      return typeof f === "string" ? formulaText(f) : null;
    },
  ),
  "ConditionalFormat.style": cfObserver(
    isExpression,
    (cf) => present(dxfOf((cf as Extract<ConditionalFormat, { kind: "expression" }>).style)),
    (x) => xlsxDxf(x),
    (o) => officeDxf(o),
  ),
  "ConditionalFormat.stopIfTrue": cfObserver(
    isExpression,
    (cf) => {
      const stop = (cf as Extract<ConditionalFormat, { kind: "expression" }>).stopIfTrue;
      return { value: stop ?? false, present: stop !== undefined };
    },
    // ExcelJS drops stopIfTrue: read the rule's attribute.
    (x) => xmlTrue(x?.xmlRule.stopIfTrue, false),
    (o) => o?.props.stopIfTrue === true,
  ),
  // "solid colour": one colour, no gradient.
  "ConditionalFormat.color": cfObserver(
    isDataBar,
    (cf) => present({ color: rgb((cf as Extract<ConditionalFormat, { kind: "dataBar" }>).color), solid: true }),
    (x) => ({ color: rgb(x?.rule.color?.argb), solid: x?.solidBar ?? false }),
    (o) => ({
      color: rgb(o?.props["dataBar.positiveFormat.fillColor"] as string | undefined),
      solid: o?.props["dataBar.positiveFormat.gradientFill"] === false,
    }),
  ),
  // "from 0 (or min) to max (or the largest value)"
  "ConditionalFormat.min": cfObserver(
    isDataBar,
    (cf) => {
      const min = (cf as Extract<ConditionalFormat, { kind: "dataBar" }>).min;
      return { value: min ?? 0, present: min !== undefined };
    },
    (x) => xlsxBound(x?.rule.cfvo?.[0]),
    (o) => officeBound(o?.props["dataBar.lowerBoundRule"]),
  ),
  "ConditionalFormat.max": cfObserver(
    isDataBar,
    (cf) => {
      const max = (cf as Extract<ConditionalFormat, { kind: "dataBar" }>).max;
      return { value: max ?? "max", present: max !== undefined };
    },
    (x) => xlsxBound(x?.rule.cfvo?.[1]),
    (o) => officeBound(o?.props["dataBar.upperBoundRule"]),
  ),
  "DifferentialStyle.font.bold": dxfObserver("bold", (s) => s.font?.bold !== undefined),
  "DifferentialStyle.font.italic": dxfObserver("italic", (s) => s.font?.italic !== undefined),
  "DifferentialStyle.font.color": dxfObserver("color", (s) => s.font?.color !== undefined),
  "DifferentialStyle.fill": dxfObserver("fill", (s) => s.fill !== undefined),

  // --- Tables
  "Table.name": tableObserver(
    (t) => t.name,
    (t) => t?.name ?? null,
    (t) => t?.name ?? null,
  ),
  "Table.range": tableObserver(
    (t) => rangeText(t.range),
    (t) => (t ? rangeText(t.tableRef) : null),
    (t) => (t ? rangeText(t.address) : null),
  ),
  "Table.style": tableObserver(
    (t) => t.style,
    (t) => t?.style?.theme ?? null,
    (t) => (t?.props.style as string | undefined) ?? null,
  ),
  "Table.showRowStripes": tableObserver(
    (t) => t.showRowStripes,
    (t) => t?.style?.showRowStripes ?? null,
    (t) => (t?.props.showBandedRows as boolean | undefined) ?? null,
  ),

  // --- Protection
  "Protection.password": sheetObserver(
    (s) => s.protection !== undefined,
    (s) => ({ value: passwordVerifier(s.protection?.password), present: !!s.protection?.password }),
    (x, s) => xProtection(x, s.name)?.password?.toUpperCase() ?? null,
    (o, s) => passwordVerifier(o.sheet(s.name).protection?.password),
  ),
  "Protection.allow.selectLockedCells": allowObserver("selectLockedCells"),
  "Protection.allow.selectUnlockedCells": allowObserver("selectUnlockedCells"),
  "Protection.allow.formatColumns": allowObserver("formatColumns"),
  "Protection.allow.formatRows": allowObserver("formatRows"),
  "Protection.allow.sort": allowObserver("sort"),
  "Protection.allow.autoFilter": allowObserver("autoFilter"),

  // --- Print setup
  "PrintSetup.paper": printObserver(
    () => true,
    (p) => p.paper,
    (x) => {
      const size = x.ws.pageSetup.paperSize;
      return (Object.keys(PAPER_SIZE) as PrintSetup["paper"][]).find((k) => PAPER_SIZE[k] === size) ?? `xlsx:${size}`;
    },
    (pl) => pl.paperSize ?? null,
  ),
  "PrintSetup.orientation": printObserver(
    () => true,
    (p) => p.orientation,
    (x) => x.ws.pageSetup.orientation ?? null,
    (pl) => (typeof pl.orientation === "string" ? pl.orientation.toLowerCase() : null),
  ),
  "PrintSetup.marginsMm": printObserver(
    () => true,
    (p) => marginsOf(p.marginsMm),
    (x) => {
      const m = x.ws.pageSetup.margins;
      if (!m) return null;
      const inch = (n: number) => n * 25.4;
      return marginsOf({
        top: inch(m.top),
        bottom: inch(m.bottom),
        left: inch(m.left),
        right: inch(m.right),
        header: inch(m.header),
        footer: inch(m.footer),
      });
    },
    (pl) => {
      const pt = (k: string) => (Number(pl[k]) * 25.4) / 72;
      return marginsOf({
        top: pt("topMargin"),
        bottom: pt("bottomMargin"),
        left: pt("leftMargin"),
        right: pt("rightMargin"),
        header: pt("headerMargin"),
        footer: pt("footerMargin"),
      });
    },
  ),
  "PrintSetup.fitToWidth": printObserver(
    () => true,
    (p) => p.fitToWidth,
    (x) => {
      const ps = x.ws.pageSetup;
      return ps.fitToPage === true && ps.fitToWidth === 1 && ps.fitToHeight === 0;
    },
    (pl) => {
      const z = pl.zoom as { horizontalFitToPages?: number; verticalFitToPages?: number } | undefined;
      return z?.horizontalFitToPages === 1 && z.verticalFitToPages === 0;
    },
  ),
  "PrintSetup.repeatRows": printObserver(
    (p) => p.repeatRows !== undefined,
    (p) => p.repeatRows ?? null,
    (x) => repeatRowsText(x.ws.pageSetup.printTitlesRow),
    (pl) => repeatRowsText(pl.printTitleRows),
  ),
  "PrintSetup.area": printObserver(
    (p) => p.area !== undefined,
    (p) => rangeText(p.area ?? ""),
    (x) => (x.ws.pageSetup.printArea ? rangeText(x.ws.pageSetup.printArea) : null),
    (pl) => (typeof pl.printArea === "string" ? rangeText(pl.printArea) : null),
  ),
  "PrintSetup.centerHorizontally": printObserver(
    () => true,
    (p) => p.centerHorizontally,
    (x) => x.ws.pageSetup.horizontalCentered ?? false,
    (pl) => pl.centerHorizontally === true,
  ),
  "PrintSetup.header": printObserver(
    (p) => p.header !== undefined,
    (p) => p.header?.center ?? null,
    (x) => centerSection(x.ws.headerFooter?.oddHeader),
    (pl) => (pl["headersFooters.defaultForAllPages.centerHeader"] as string | undefined) || null,
  ),
  "PrintSetup.header.firstPageDifferent": printObserver(
    (p) => p.header !== undefined,
    firstPage,
    (x) => {
      const hf = x.ws.headerFooter;
      return hf?.differentFirst
        ? {
            differentFirst: true,
            firstHeader: centerSection(hf.firstHeader),
            firstFooter: centerSection(hf.firstFooter),
          }
        : { differentFirst: false };
    },
    (pl) =>
      pl["headersFooters.state"] === "FirstAndDefault"
        ? {
            differentFirst: true,
            firstHeader: (pl["headersFooters.firstPage.centerHeader"] as string | undefined) || null,
            firstFooter: (pl["headersFooters.firstPage.centerFooter"] as string | undefined) || null,
          }
        : { differentFirst: false },
  ),
  "PrintSetup.footer": printObserver(
    (p) => p.footer !== undefined,
    (p) => p.footer?.center ?? null,
    (x) => centerSection(x.ws.headerFooter?.oddFooter),
    (pl) => (pl["headersFooters.defaultForAllPages.centerFooter"] as string | undefined) || null,
  ),

  // --- Defined names
  "DefinedName.name": definedNameObserver(
    (d) => d.name,
    (d) => d?.name ?? null,
    (d) => d?.name ?? null,
  ),
  "DefinedName.formula": definedNameObserver(
    (d) => formulaText(d.formula),
    (d) => (d ? formulaText(d.formula) : null),
    (d) => (d ? formulaText(d.formula) : null),
  ),
  "DefinedName.hidden": definedNameObserver(
    (d) => d.hidden,
    (d) => (d ? d.hidden : null),
    (d) => (d ? !d.visible : null),
  ),
};
