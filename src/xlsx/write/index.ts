/**
 * The .xlsx renderer: translates a WorkbookSpec into SpreadsheetML, one module per package part,
 * zipped with fflate. Deterministic: the same description (and options) always gives the same bytes.
 * Runs in the browser and in Node (no Node-only APIs).
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import type { Sheet, WorkbookSpec } from "../../workbook/model";
import { chartXml, drawingXml, prepareChart } from "./chart";
import { CONTENT_TYPE, contentTypesXml } from "./contentTypes";
import { appXml, coreXml, customXml } from "./docProps";
import { WorkbookSpecError } from "./errors";
import { overlaps } from "./ranges";
import { REL_TYPE, relsXml, type Relationship } from "./rels";
import { SharedStringsPart } from "./sharedStrings";
import { StylesPart } from "./styles";
import { prepareTable, tableXml, type PreparedTable } from "./table";
import { themeXml } from "./theme";
import { checkDefinedName, workbookXml } from "./workbook";
import { checkSheetName, worksheetXml } from "./worksheet";
import { customXmlParts, CUSTOM_XML_REL, type CustomXmlPart } from "./customXml";
import { compressPieces, type DeflateSegment, type PartData, type ReusedPiece, type WrittenSegments } from "./zip";

export { WorkbookSpecError } from "./errors";

export type { DeflatedSegment, DeflateSegment, ReusedPiece, WrittenPiece, WrittenSegments } from "./zip";

/**
 * Zips the package's parts (in the order given): fflate by default; the CLI passes Node's zlib. A
 * part may come already compressed in segments; `deflateSegment` compresses those segments.
 */
export type ZipParts = ((parts: ReadonlyArray<readonly [string, PartData]>) => Uint8Array) & {
  deflateSegment?: DeflateSegment;
};

export interface RenderXlsxOptions {
  /** Written as the document's created/modified date; absent = no dates (keeps output reproducible). */
  modified?: Date;
  /** A platform zip writer (deterministic too); absent = fflate, which runs everywhere. */
  zip?: ZipParts;
  /** One sheet written as separately compressed segments (a book's long history); only with `zip.deflateSegment`. */
  segmented?: SegmentedSheet;
}

/**
 * A sheet whose XML is cut into pieces compressed one by one (each inflates alone), so a later
 * book can copy a piece's compressed bytes instead of writing its rows again. Pieces: the head
 * (rows before the first start), one per start, the tail.
 */
export interface SegmentedSheet {
  sheet: string;
  /** Row indices (0-based, ascending) where the segments start. */
  starts: readonly number[];
  /** Pieces copied from an earlier book, by piece index (1 … starts.length): their rows here are empty. */
  reuse?: ReadonlyMap<number, ReusedPiece>;
  /** The earlier book's shared strings, in order: the copied pieces refer to them by position. */
  sharedStrings?: readonly string[];
  /** The custom XML part describing where the pieces went (a book's history index). */
  index?: (written: WrittenSegments) => CustomXmlPart;
}

/**
 * Zip entries carry this fixed time (1980-01-01, the first time a zip can hold). Built from local
 * components because fflate stores local DOS time: the bytes do not depend on the machine's time zone.
 */
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0);

export function renderXlsx(spec: WorkbookSpec, options: RenderXlsxOptions = {}): Uint8Array {
  checkWorkbook(spec);
  const styles = new StylesPart(spec);
  // Segments need a platform deflate that can end a segment with a full flush (Node's zlib).
  const seg = options.zip?.deflateSegment ? options.segmented : undefined;
  const reuse = seg?.reuse ?? new Map<number, ReusedPiece>();
  const strings = new SharedStringsPart(
    seg?.sharedStrings,
    [...reuse.values()].reduce((n, p) => n + p.strings, 0),
  );
  let written: WrittenSegments | undefined;
  const overrides: Array<readonly [string, string]> = [["/xl/workbook.xml", CONTENT_TYPE.workbook]];
  const sheetRels: Relationship[] = [];
  const tableParts: Array<readonly [string, string]> = [];
  const sheetParts: Array<readonly [string, string | PartData]> = [];
  let needsRecalc = false;
  let tableId = 0;
  let drawingId = 0;
  let chartId = 0;
  const chartParts: Array<readonly [string, string]> = [];

  spec.sheets.forEach((sheet, i) => {
    const n = i + 1;
    const tables = prepareTables(sheet);
    const rels: Relationship[] = tables.map((t, j) => {
      tableId++;
      tableParts.push([`xl/tables/table${tableId}.xml`, tableXml(t, tableId)]);
      return { id: `rId${j + 1}`, type: REL_TYPE.table, target: `../tables/table${tableId}.xml` };
    });
    const tableRelIds = rels.map((r) => r.id);
    const charts = (sheet.charts ?? []).map((c, j) => prepareChart(sheet, c, j));
    let drawingRelId: string | undefined;
    if (charts.length > 0) {
      // One drawing part per sheet with charts, holding one anchor per chart.
      drawingId++;
      drawingRelId = `rId${rels.length + 1}`;
      rels.push({ id: drawingRelId, type: REL_TYPE.drawing, target: `../drawings/drawing${drawingId}.xml` });
      const chartRels: Relationship[] = charts.map((p, j) => {
        chartId++;
        chartParts.push([`xl/charts/chart${chartId}.xml`, chartXml(sheet, p, spec)]);
        return { id: `rId${j + 1}`, type: REL_TYPE.chart, target: `../charts/chart${chartId}.xml` };
      });
      chartParts.push([
        `xl/drawings/drawing${drawingId}.xml`,
        drawingXml(
          charts,
          chartRels.map((r) => r.id),
        ),
      ]);
      chartParts.push([`xl/drawings/_rels/drawing${drawingId}.xml.rels`, relsXml(chartRels)]);
    }
    const out = worksheetXml(sheet, {
      spec,
      styles,
      strings,
      tables,
      tableRelIds,
      ...(drawingRelId ? { drawingRelId } : {}),
      selected: i === spec.activeSheet,
      index: i,
      ...(seg?.sheet === sheet.name ? { segmentStarts: seg.starts } : {}),
    });
    needsRecalc ||= out.needsRecalc;
    const part = `xl/worksheets/sheet${n}.xml`;
    if (out.segments) {
      const pieces = out.segments.map((p, j) => (reuse.has(j) ? null : p));
      const size = out.segments.reduce((t, p, j) => t + (reuse.get(j)?.segment.size ?? p.bytes.length), 0);
      const done = compressPieces(part, pieces, reuse, options.zip!.deflateSegment!, deflateLevel(size));
      written = done.written;
      sheetParts.push([part, done.data]);
    } else sheetParts.push([part, out.xml]);
    if (rels.length) sheetParts.push([`xl/worksheets/_rels/sheet${n}.xml.rels`, relsXml(rels)]);
    sheetRels.push({ id: `rId${n}`, type: REL_TYPE.worksheet, target: `worksheets/sheet${n}.xml` });
    overrides.push([`/xl/worksheets/sheet${n}.xml`, CONTENT_TYPE.worksheet]);
  });

  const k = spec.sheets.length;
  const workbookRels: Relationship[] = [
    ...sheetRels,
    { id: `rId${k + 1}`, type: REL_TYPE.theme, target: "theme/theme1.xml" },
    { id: `rId${k + 2}`, type: REL_TYPE.styles, target: "styles.xml" },
    { id: `rId${k + 3}`, type: REL_TYPE.sharedStrings, target: "sharedStrings.xml" },
  ];
  const custom = written && seg?.index ? customXmlParts(seg.index(written)) : undefined;
  if (custom) workbookRels.push({ id: `rId${k + 4}`, type: CUSTOM_XML_REL, target: custom.workbookTarget });
  overrides.push(
    ["/xl/theme/theme1.xml", CONTENT_TYPE.theme],
    ["/xl/styles.xml", CONTENT_TYPE.styles],
    ["/xl/sharedStrings.xml", CONTENT_TYPE.sharedStrings],
  );
  for (const [path] of tableParts) overrides.push([`/${path}`, CONTENT_TYPE.table]);
  for (const [path] of chartParts) {
    if (path.startsWith("xl/drawings/drawing")) overrides.push([`/${path}`, CONTENT_TYPE.drawing]);
    else if (path.startsWith("xl/charts/")) overrides.push([`/${path}`, CONTENT_TYPE.chart]);
  }
  overrides.push(
    ["/docProps/core.xml", CONTENT_TYPE.coreProperties],
    ["/docProps/app.xml", CONTENT_TYPE.extendedProperties],
  );
  if (custom) overrides.push(custom.override);
  const customProps = customXml(spec.customProperties);
  if (customProps !== null) overrides.push(["/docProps/custom.xml", CONTENT_TYPE.customProperties]);

  const rootRels: Relationship[] = [
    { id: "rId1", type: REL_TYPE.officeDocument, target: "xl/workbook.xml" },
    { id: "rId2", type: REL_TYPE.coreProperties, target: "docProps/core.xml" },
    { id: "rId3", type: REL_TYPE.extendedProperties, target: "docProps/app.xml" },
  ];
  if (customProps !== null)
    rootRels.push({ id: "rId4", type: REL_TYPE.customProperties, target: "docProps/custom.xml" });

  // Sheets are rendered before the workbook-level parts that collect from them (strings, styles, recalc).
  const text: Array<readonly [string, string | PartData]> = [
    ["[Content_Types].xml", contentTypesXml(overrides)],
    ["_rels/.rels", relsXml(rootRels)],
    ["docProps/core.xml", coreXml(spec.properties, options.modified)],
    ["docProps/app.xml", appXml(spec.properties)],
    ...(customProps !== null ? [["docProps/custom.xml", customProps] as const] : []),
    ["xl/workbook.xml", workbookXml({ spec, sheetRelIds: sheetRels.map((r) => r.id), needsRecalc })],
    ["xl/_rels/workbook.xml.rels", relsXml(workbookRels)],
    ["xl/theme/theme1.xml", themeXml(spec.defaultFont.name)],
    ["xl/styles.xml", styles.toXml()],
    ["xl/sharedStrings.xml", strings.toXml()],
    ...sheetParts,
    ...tableParts,
    ...chartParts,
    ...(custom?.parts ?? []),
  ];
  return zipParts(text, options.zip);
}

/**
 * The deflate level of a part: 6 (zip tools' default) unless the part is huge — a history of half a
 * million rows is a 200 MB sheet, which level 3 compresses about 2.5× faster for about 12% more bytes.
 */
export function deflateLevel(bytes: number): 3 | 4 | 6 {
  if (bytes > 32 * 1024 * 1024) return 3;
  // The consolidated "Kiểm tra" sheet of thousands of files: about three times faster than 6 on
  // that XML for some 7 % more bytes.
  if (bytes > 1024 * 1024) return 4;
  return 6;
}

/** A package's XML parts as UTF-8, zipped in the order given (the .docx writer zips the same way). */
export function zipParts(text: ReadonlyArray<readonly [string, string | PartData]>, zip?: ZipParts): Uint8Array {
  const utf8 = (xml: string | PartData) => (typeof xml === "string" ? strToU8(xml) : xml);
  if (zip) return zip(text.map(([path, xml]) => [path, utf8(xml)] as const));
  const files: Zippable = {};
  for (const [path, xml] of text) {
    // Segmented parts come only with a platform zip (renderXlsx).
    const data = utf8(xml) as Uint8Array;
    files[path] = [data, { level: deflateLevel(data.length) }];
  }
  return zipSync(files, { level: 6, mtime: ZIP_MTIME });
}

function prepareTables(sheet: Sheet): PreparedTable[] {
  const tables = sheet.tables.map((t, i) => prepareTable(sheet, t, i));
  tables.forEach((t, i) => {
    const clash = tables.slice(0, i).find((o) => overlaps(o.range, t.range));
    if (clash)
      throw new WorkbookSpecError(
        `sheet "${sheet.name}": table "${t.table.name}" overlaps table "${clash.table.name}"`,
      );
  });
  return tables;
}

/** Workbook-wide rules: sheet names, visibility, active sheet, unique table and defined names. */
function checkWorkbook(spec: WorkbookSpec): void {
  if (spec.sheets.length === 0) throw new WorkbookSpecError("a workbook needs at least one sheet");
  const sheetNames = new Set<string>();
  spec.sheets.forEach((sheet, i) => {
    checkSheetName(sheet.name, i);
    // Excel compares sheet names case-insensitively.
    const key = sheet.name.toLocaleLowerCase("vi");
    if (sheetNames.has(key))
      throw new WorkbookSpecError(`sheet ${i + 1} ("${sheet.name}"): another sheet has the same name`);
    sheetNames.add(key);
  });
  const active = spec.sheets[spec.activeSheet];
  if (!Number.isInteger(spec.activeSheet) || !active) {
    throw new WorkbookSpecError(`activeSheet ${spec.activeSheet} is not a sheet index (0–${spec.sheets.length - 1})`);
  }
  if (active.visibility !== "visible")
    throw new WorkbookSpecError(`activeSheet "${active.name}" is hidden; the active sheet must be visible`);

  const names = new Map<string, string>();
  const claim = (name: string, what: string): void => {
    const key = name.toLowerCase();
    const other = names.get(key);
    if (other) throw new WorkbookSpecError(`${what} "${name}" clashes with ${other} (names ignore case)`);
    names.set(key, `${what} "${name}"`);
  };
  for (const sheet of spec.sheets) for (const t of sheet.tables) claim(t.name, "table");
  for (const n of spec.definedNames) {
    checkDefinedName(n.name, `defined name "${n.name}"`);
    claim(n.name, "defined name");
  }
}
