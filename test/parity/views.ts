/**
 * What each renderer produced, in a form the observers can read:
 * - XlsxView: the .xlsx bytes read back by our reader (values, formats, locks, merges, validations,
 *   names, properties), by ExcelJS (fonts, fills, borders, alignment, columns, rows, conditional
 *   formats, page setup, views, tables) and, where ExcelJS loses information, the XML parts themselves.
 * - OfficeView: the recording fake of Excel after renderToExcel, plus the borders replayed from its
 *   call log (the fake keeps one value per cell and property, which cannot tell edge lines from inside lines).
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { renderToExcel } from "../../src/excel";
import { parseRange } from "../../src/workbook/a1";
import type { WorkbookSpec } from "../../src/workbook/model";
import { readXlsx, type ReadWorkbook } from "../../src/xlsx/read";
import { renderXlsx } from "../../src/xlsx/write";
import { ExcelRecorder, type FakeSheet } from "../helpers/excel-recorder";

// ---------------------------------------------------------------------------------------------
// Minimal XML access (the parts are our own writer's output: attributes in double quotes)

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    return String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

/** Attributes of a start tag (`<x a="1" b="2"/>`), unescaped. */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1] as string] = unescapeXml(m[2] as string);
  return out;
}

/** Every start tag of the element `name` in document order. */
export function tags(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?=[\\s/>])[^>]*>`, "g"))].map((m) => m[0]);
}

export function xmlTrue(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  return v === "1" || v === "true";
}

// ---------------------------------------------------------------------------------------------
// ExcelJS shapes its typings leave out

export interface ExcelJsCfRule {
  type: string;
  formulae?: string[];
  style?: {
    font?: { bold?: boolean; italic?: boolean; color?: { argb?: string } } | null;
    fill?: { fgColor?: { argb?: string }; bgColor?: { argb?: string } } | null;
  };
  cfvo?: { type: string; value?: number }[];
  color?: { argb?: string };
}
export interface ExcelJsTable {
  name: string;
  tableRef: string;
  style?: { theme?: string; showRowStripes?: boolean };
}
export interface ExcelJsValidation {
  errorStyle?: string;
  errorTitle?: string;
  error?: string;
}

export interface XlsxConditionalFormat {
  ref: string;
  rule: ExcelJsCfRule;
  /** The <cfRule> element's attributes (ExcelJS drops stopIfTrue). */
  xmlRule: Record<string, string>;
  /** A data bar drawn in one solid colour: only the Excel 2010 (x14) extension can say so. */
  solidBar: boolean;
  /** The rule's differential style read from xl/styles.xml (ExcelJS reads <i val="0"/> as italic). */
  dxf: XlsxDxf | null;
}

/** A <dxf>: each flag true/false as written, null when the rule leaves it alone; colours "FFRRGGBB". */
export interface XlsxDxf {
  bold: boolean | null;
  italic: boolean | null;
  color: string | null;
  fill: string | null;
}

/** A CT_BooleanProperty (<b/>, <b val="0"/>): absent = null, no val = true. */
function flagOf(xml: string, name: string): boolean | null {
  const tag = tags(xml, name)[0];
  return tag === undefined ? null : xmlTrue(attrs(tag).val, true);
}

/** The <dxf> elements of xl/styles.xml, in index order. */
function dxfsOf(stylesXml: string): XlsxDxf[] {
  const list = /<dxfs\b[^>]*>([\s\S]*?)<\/dxfs>/.exec(stylesXml)?.[1] ?? "";
  return [...list.matchAll(/<dxf\/>|<dxf>([\s\S]*?)<\/dxf>/g)].map((m) => {
    const body = m[1] ?? "";
    const font = /<font>([\s\S]*?)<\/font>/.exec(body)?.[1] ?? "";
    const fill = /<fill>([\s\S]*?)<\/fill>/.exec(body)?.[1] ?? "";
    const rgb = (xml: string, name: string): string | null => {
      const tag = tags(xml, name)[0];
      return tag === undefined ? null : (attrs(tag).rgb ?? null);
    };
    return {
      bold: flagOf(font, "b"),
      italic: flagOf(font, "i"),
      color: rgb(font, "color"),
      // Excel takes a differential solid fill from bgColor.
      fill: rgb(fill, "bgColor") ?? rgb(fill, "fgColor"),
    };
  });
}

/** Ranges whose x14 data bar is solid (gradient="0"). */
function solidBarRanges(xml: string): Set<string> {
  const out = new Set<string>();
  for (const m of xml.matchAll(/<x14:conditionalFormatting\b[\s\S]*?<\/x14:conditionalFormatting>/g)) {
    const block = m[0];
    const sqref = /<xm:sqref>([^<]*)<\/xm:sqref>/.exec(block)?.[1];
    const bar = tags(block, "x14:dataBar")[0];
    if (sqref !== undefined && bar !== undefined && attrs(bar).gradient === "0") out.add(sqref.trim());
  }
  return out;
}

export interface XlsxSheetParts {
  xml: string;
  ws: ExcelJS.Worksheet;
  conditionalFormats: XlsxConditionalFormat[];
  tables: ExcelJsTable[];
  validationAt(ref: string): ExcelJsValidation | undefined;
}

export interface XlsxView {
  bytes: Uint8Array;
  read: ReadWorkbook;
  excel: ExcelJS.Workbook;
  parts: Record<string, string>;
  sheet(name: string): XlsxSheetParts;
}

export async function xlsxView(bytes: Uint8Array): Promise<XlsxView> {
  const read = readXlsx(bytes);
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const files = unzipSync(bytes);
  const parts: Record<string, string> = {};
  for (const [path, data] of Object.entries(files)) if (/\.(xml|rels)$/.test(path)) parts[path] = strFromU8(data);

  const workbookXml = parts["xl/workbook.xml"] ?? "";
  const rels = new Map(
    tags(parts["xl/_rels/workbook.xml.rels"] ?? "", "Relationship").map((t) => {
      const a = attrs(t);
      return [a.Id ?? "", `xl/${(a.Target ?? "").replace(/^\/?xl\//, "")}`] as const;
    }),
  );
  const pathOf = new Map(
    tags(workbookXml, "sheet").map((t) => {
      const a = attrs(t);
      return [a.name ?? "", rels.get(a["r:id"] ?? "") ?? ""] as const;
    }),
  );
  const cache = new Map<string, XlsxSheetParts>();
  return {
    bytes,
    read,
    excel,
    parts,
    sheet(name) {
      let s = cache.get(name);
      if (s) return s;
      const ws = excel.getWorksheet(name);
      const path = pathOf.get(name);
      if (!ws || !path) throw new Error(`The .xlsx has no sheet "${name}"`);
      const xml = parts[path] ?? "";
      const raw = ws as unknown as {
        conditionalFormattings?: { ref: string; rules: ExcelJsCfRule[] }[];
        tables?: Record<string, { table?: ExcelJsTable; model?: ExcelJsTable }>;
        dataValidations?: { model?: Record<string, ExcelJsValidation> };
      };
      const xmlRules = tags(xml, "cfRule").map(attrs);
      const dxfs = dxfsOf(parts["xl/styles.xml"] ?? "");
      const solid = solidBarRanges(xml);
      const conditionalFormats = (raw.conditionalFormattings ?? []).flatMap((cf) =>
        cf.rules.map((rule) => ({ ref: cf.ref, rule })),
      );
      s = {
        xml,
        ws,
        conditionalFormats: conditionalFormats.map((c, i) => {
          const xmlRule = xmlRules[i] ?? {};
          return {
            ...c,
            xmlRule,
            solidBar: c.rule.type === "dataBar" && solid.has(c.ref),
            dxf: xmlRule.dxfId === undefined ? null : (dxfs[Number(xmlRule.dxfId)] ?? null),
          };
        }),
        tables: Object.values(raw.tables ?? {}).map((t) => (t.table ?? t.model) as ExcelJsTable),
        validationAt: (ref) => raw.dataValidations?.model?.[ref],
      };
      cache.set(name, s);
      return s;
    },
  };
}

export async function renderedXlsxView(spec: WorkbookSpec): Promise<XlsxView> {
  return xlsxView(renderXlsx(spec));
}

// ---------------------------------------------------------------------------------------------
// Office.js side

export interface Line {
  style: string;
  weight: string;
}
export interface Sides {
  top?: Line;
  bottom?: Line;
  left?: Line;
  right?: Line;
}

export interface OfficeView {
  recorder: ExcelRecorder;
  /** Sheets that existed before the render (the user's). */
  existing: string[];
  sheet(name: string): FakeSheet;
  /** A cell's value and formula as Excel holds them. */
  cell(sheet: string, ref: string): { value?: unknown; formula?: string };
  /** A cell's format property (e.g. "format.font.bold"): its own, else the sheet-wide one. */
  format(sheet: string, ref: string, key: string): unknown;
  /** Border lines per cell side, replayed from the call log. */
  borders(sheet: string, ref: string): Sides;
}

export type ExcelRenderer = (context: Excel.RequestContext, spec: WorkbookSpec) => Promise<unknown>;

function letters(n: number): string {
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const BORDER_CALL =
  /worksheets\.add\("~[a-z0-9]+-(\d+)"\)\.getRange\("([^"]+)"\)\.format\.borders\.getItem\("(\w+)"\)$/;

function replayBorders(recorder: ExcelRecorder, spec: WorkbookSpec): Map<string, Sides> {
  const out = new Map<string, Sides>();
  for (const call of recorder.calls) {
    if (call.kind !== "set" || (call.name !== "style" && call.name !== "weight")) continue;
    const m = BORDER_CALL.exec(call.target);
    if (!m) continue;
    const sheet = spec.sheets[Number(m[1])]?.name;
    const r = parseRange(m[2] as string);
    if (sheet === undefined || !r) continue;
    const edge = m[3] as string;
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const sides: (keyof Sides)[] = [];
        if (edge === "EdgeTop" && row === r.top) sides.push("top");
        if (edge === "EdgeBottom" && row === r.bottom) sides.push("bottom");
        if (edge === "EdgeLeft" && col === r.left) sides.push("left");
        if (edge === "EdgeRight" && col === r.right) sides.push("right");
        if (edge === "InsideHorizontal") {
          if (row > r.top) sides.push("top");
          if (row < r.bottom) sides.push("bottom");
        }
        if (edge === "InsideVertical") {
          if (col > r.left) sides.push("left");
          if (col < r.right) sides.push("right");
        }
        if (sides.length === 0) continue;
        const key = `${sheet}!${letters(col)}${row}`;
        const cell = out.get(key) ?? {};
        for (const side of sides) {
          const line = cell[side] ?? { style: "", weight: "" };
          cell[side] = { ...line, [call.name]: String(call.value) };
        }
        out.set(key, cell);
      }
    }
  }
  return out;
}

/** Renders the spec into a fresh recorder holding one user sheet, "Sheet1". */
export async function officeView(spec: WorkbookSpec, render: ExcelRenderer = renderToExcel): Promise<OfficeView> {
  const existing = ["Sheet1"];
  const recorder = new ExcelRecorder(existing);
  await render(recorder.context, spec);
  const borders = replayBorders(recorder, spec);
  const sheets = new Map<string, FakeSheet>();
  const sheet = (name: string): FakeSheet => {
    let s = sheets.get(name);
    if (!s) {
      s = recorder.sheet(name);
      sheets.set(name, s);
    }
    return s;
  };
  return {
    recorder,
    existing,
    sheet,
    cell: (name, ref) => sheet(name).cells.get(ref) ?? {},
    // Read property by property: ExcelRecorder.cell() copies both format objects on every call.
    format: (name, ref, key) => {
      const s = sheet(name);
      return s.cells.get(ref)?.props[key] ?? s.sheetFormat[key];
    },
    borders: (sheet, ref) => borders.get(`${sheet}!${ref}`) ?? {},
  };
}
