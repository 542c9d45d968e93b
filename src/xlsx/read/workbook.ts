/** readXlsx: bytes of a returned report form → plain data. Untrusted input; every failure is an XlsxReadError. */
import { isOle2, looksLikeText, ole2Kind } from "./detect";
import { readErrors, XlsxReadError } from "./errors";
import {
  findPart,
  MAIN_TYPES,
  readContentTypes,
  readRels,
  readText,
  relOfType,
  requirePart,
  mainPartFromContentTypes,
  type Relationship,
} from "./package";
import { readOdsPackage } from "./ods";
import { parsePart } from "./part-cache";
import { parseApp, parseCore, parseCustom } from "./props";
import { parseSharedStrings } from "./sharedStrings";
import { Styles } from "./styles";
import {
  DEFAULT_LIMITS,
  sheetLookup,
  type ReadCell,
  type ReadDefinedName,
  type ReadLimits,
  type ReadOptions,
  type ReadPackage,
  type ReadSheet,
  type ReadWorkbook,
} from "./types";
import { parseWorksheet, type SheetContent, type SheetContext } from "./worksheet";
import { parseXml, xmlBool } from "./xml";
import { normalizePartName, startsWithZipSignature, ZipArchive } from "./zip";

interface SheetEntry {
  name: string;
  state: ReadSheet["state"];
  relId: string;
}

interface WorkbookPart {
  sheets: SheetEntry[];
  definedNames: ReadDefinedName[];
  date1904: boolean;
}

function parseWorkbookPart(xml: string, part: string): WorkbookPart {
  const sheets: SheetEntry[] = [];
  const definedNames: ReadDefinedName[] = [];
  let date1904 = false;
  let dn: ReadDefinedName | undefined;
  let buf = "";
  parseXml(xml, part, {
    open(name, a) {
      if (name === "sheet" && a.name !== undefined) {
        const st = a.state;
        sheets.push({
          name: a.name,
          state: st === "hidden" || st === "veryHidden" ? st : "visible",
          relId: a.id ?? "",
        });
      } else if (name === "workbookPr") {
        date1904 = xmlBool(a.date1904, false);
      } else if (name === "definedName" && a.name !== undefined) {
        dn = { name: a.name, formula: "", hidden: xmlBool(a.hidden, false) };
        const local = a.localSheetId !== undefined ? Number(a.localSheetId) : NaN;
        if (Number.isInteger(local) && local >= 0) dn.localSheetId = local;
        buf = "";
      }
    },
    close(name) {
      if (name === "definedName" && dn) {
        dn.formula = buf;
        definedNames.push(dn);
        dn = undefined;
      }
    },
    text(t) {
      if (dn) buf += t;
    },
  });
  return { sheets, definedNames, date1904 };
}

function normalizeRef(ref: string): string {
  return ref.replace(/\$/g, "").toUpperCase();
}

/** ReadOptions.cellSink for a reader that builds every cell anyway (.ods): the same contract after the fact. */
function sinkCells(wb: ReadWorkbook, options: ReadOptions): ReadWorkbook {
  if (!options.cellSink) return wb;
  for (const sheet of wb.sheets) {
    const sink = options.cellSink(sheet.name);
    if (!sink) continue;
    for (const c of sheet.cells) sink.cell(c);
    sheet.cells = [];
  }
  return wb;
}

function makeSheet(name: string, state: ReadSheet["state"], content: SheetContent): ReadSheet {
  let index: Map<string, ReadCell> | undefined;
  return {
    name,
    state,
    ...content,
    cell(ref: string): ReadCell | undefined {
      if (!index) {
        index = new Map();
        for (const c of content.cells) index.set(c.ref, c);
      }
      return index.get(normalizeRef(ref));
    },
  };
}

const EMPTY_CONTENT = (): SheetContent => ({
  cells: [],
  merges: [],
  validations: [],
  protection: null,
  maxRow: 0,
  maxCol: 0,
});

function xmlOf(zip: ZipArchive, part: string): string {
  const text = readText(zip, part);
  if (text === undefined) throw readErrors.missingPart(part);
  return text;
}

/**
 * A part parsed, or the value kept from the same part of an earlier file (part-cache.ts): for the
 * parts most forms share. The value may be shared between files, so it is only read.
 */
function parsed<T>(zip: ZipArchive, part: string, kind: string, parse: (xml: string, part: string) => T): T {
  const value = parsePart(zip, part, kind, (xml) => parse(xml, part));
  if (value === undefined) throw readErrors.missingPart(part);
  return value;
}

/** A docProps part: through the package relationship, else at its usual place; absent is fine. */
function propsPart(
  zip: ZipArchive,
  rootRels: readonly Relationship[],
  relSuffix: string,
  fallback: string,
): string | undefined {
  const rel = relOfType(rootRels, relSuffix);
  return (rel && findPart(zip, rel.target)) ?? findPart(zip, fallback);
}

export function readXlsx(bytes: Uint8Array, options: ReadOptions = {}): ReadWorkbook {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (bytes.length === 0) throw readErrors.empty();
  if (bytes.length > limits.maxFileBytes) throw readErrors.tooLarge(bytes.length, limits.maxFileBytes);
  if (isOle2(bytes)) {
    const kind = ole2Kind(bytes);
    throw kind === "encrypted" ? readErrors.encrypted() : kind === "xls" ? readErrors.xls() : readErrors.unknown();
  }
  if (!startsWithZipSignature(bytes)) {
    throw looksLikeText(bytes) ? readErrors.text() : readErrors.unknown();
  }
  try {
    return readPackage(new ZipArchive(bytes, limits, options.inflateRaw), limits, options);
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    // Defence in depth: whatever slipped through is still "the file is damaged", never a raw TypeError.
    throw readErrors.corrupt("xlsx", e instanceof Error ? e.message : String(e));
  }
}

function readPackage(zip: ZipArchive, limits: ReadLimits, options: ReadOptions): ReadWorkbook {
  const mimetype = zip.get("mimetype");
  if (mimetype && mimetype.compSize < 200) {
    const mt = readText(zip, "mimetype")?.trim() ?? "";
    // LibreOffice's own format: read into the same shape, under the same limits.
    if (mt.startsWith("application/vnd.oasis.opendocument.spreadsheet"))
      return sinkCells(readOdsPackage(zip, limits, options), options);
  }
  const ct = readContentTypes(zip);
  const rootRels = readRels(zip, "");
  const officeRel = relOfType(rootRels, "officeDocument");
  const ctMain = ct ? mainPartFromContentTypes(ct) : undefined;
  let mainPart: string | undefined;
  if (officeRel) mainPart = findPart(zip, officeRel.target);
  if (mainPart === undefined && ctMain) mainPart = findPart(zip, ctMain.part);
  if (mainPart === undefined) mainPart = findPart(zip, "xl/workbook.xml");
  if (mainPart === undefined) {
    // It says it is a workbook but the workbook is gone → missing part; otherwise it is some other zip.
    if (ctMain) throw readErrors.missingPart(ctMain.part);
    throw readErrors.otherZip();
  }
  const mainType = ct?.overrides.get(normalizePartName(mainPart));
  if (mainType !== undefined && !MAIN_TYPES.xlsx.includes(mainType) && !MAIN_TYPES.xlsm.includes(mainType)) {
    throw readErrors.otherZip();
  }
  const macro = mainType !== undefined && MAIN_TYPES.xlsm.includes(mainType);
  let hasMacros = macro;
  for (const e of zip.entries) {
    if (e.name.toLowerCase().endsWith("vbaproject.bin")) hasMacros = true;
  }

  const wb = parsed(zip, mainPart, "workbook", parseWorkbookPart);
  const wbRels = readRels(zip, mainPart);
  const relById = new Map(wbRels.map((r) => [r.id, r]));

  const sstRel = relOfType(wbRels, "sharedStrings");
  const sharedStrings = sstRel ? parseSharedStrings(xmlOf(zip, requirePart(zip, sstRel.target)), sstRel.target) : [];
  const stylesRel = relOfType(wbRels, "styles");
  const stylesPart = stylesRel ? findPart(zip, stylesRel.target) : undefined;
  const styles = stylesPart ? parsed(zip, stylesPart, "styles", Styles.parse) : undefined;

  const ctx: SheetContext = {
    sharedStrings,
    styles,
    date1904: wb.date1904,
    budget: { cells: 0, limit: limits.maxCells },
    valuesOnly: options.valuesOnly === true,
  };
  const sheets: ReadSheet[] = [];
  const sheetParts = new Map<string, string>();
  for (const s of wb.sheets) {
    const rel = relById.get(s.relId);
    if (rel && !rel.external && !sheetParts.has(s.name)) sheetParts.set(s.name, rel.target);
    if (options.sheetFilter && !options.sheetFilter(s.name)) continue;
    if (!rel || rel.external) throw readErrors.missingPart(`${mainPart} → ${s.name}`);
    const part = requirePart(zip, rel.target);
    const sink = options.cellSink?.(s.name);
    const content = rel.type.endsWith("/worksheet")
      ? parseWorksheet(xmlOf(zip, part), part, ctx, sink)
      : EMPTY_CONTENT();
    sheets.push(makeSheet(s.name, s.state, content));
  }

  const corePart = propsPart(zip, rootRels, "core-properties", "docProps/core.xml");
  const appPart = propsPart(zip, rootRels, "extended-properties", "docProps/app.xml");
  const customPart = propsPart(zip, rootRels, "custom-properties", "docProps/custom.xml");

  const read: ReadWorkbook = {
    format: macro ? "xlsm" : "xlsx",
    sheets,
    sheet: sheetLookup(sheets),
    // Copies: what is returned is the caller's, the parsed parts may be shared.
    definedNames: wb.definedNames.map((n) => ({ ...n })),
    customProperties: customPart ? { ...parsed(zip, customPart, "custom", parseCustom) } : {},
    app: appPart ? { ...parsed(zip, appPart, "app", parseApp) } : {},
    core: corePart ? { ...parsed(zip, corePart, "core", parseCore) } : {},
    hasMacros,
  };
  // Not enumerable: copies, comparisons and JSON of a read workbook stay what they were (plain data).
  const pkg: ReadPackage = { zip, sharedStrings, date1904: wb.date1904, sheetParts, workbookRels: wbRels };
  Object.defineProperty(read, "package", { value: pkg, enumerable: false });
  return read;
}
