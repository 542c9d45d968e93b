/**
 * readOds: an OpenDocument spreadsheet (.ods, LibreOffice's default format) → the same ReadWorkbook
 * as readXlsx, so every later stage treats both alike. The same zip reader and limits (size,
 * entries, inflation, ratio, cells) and the same DTD-free tokenizer; only content.xml (cells, merges,
 * hidden sheets, named expressions, cell protection) and meta.xml (LibreOffice keeps an .xlsx's
 * custom properties there as meta:user-defined, so a form's identity survives the round trip).
 */
import { readErrors, XlsxReadError } from "./errors";
import { readText } from "./package";
import {
  DEFAULT_LIMITS,
  sheetLookup,
  type ReadCell,
  type ReadDefinedName,
  type ReadLimits,
  type ReadOptions,
  type ReadSheet,
  type ReadWorkbook,
} from "./types";
import { parseXml, xmlBool } from "./xml";
import { ZipArchive } from "./zip";

const MS_PER_DAY = 86_400_000;
/** Serial 0 of the 1900 date system, as ODF's default null date (1899-12-30). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function colLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "2026-06-30" or "2026-06-30T12:00:00" → an Excel serial (fractional for a time); NaN when malformed. */
function dateSerial(text: string, nullDate: number): number {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?/.exec(text);
  if (!m) return NaN;
  const t = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  return (t - nullDate) / MS_PER_DAY;
}

/** "PT12H30M00S" (an ODF time/duration) → a fraction of a day; NaN when malformed. */
function durationDays(text: string): number {
  const m = /^(-)?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(text);
  if (!m) return NaN;
  const days = Number(m[2] ?? 0) + Number(m[3] ?? 0) / 24 + Number(m[4] ?? 0) / 1440 + Number(m[5] ?? 0) / 86400;
  return m[1] ? -days : days;
}

interface StyleFacts {
  /** Cell styles whose protection is off ("none" or hidden-only): the unit's input cells. */
  unlocked: Set<string>;
  /** Table styles with table:display="false": hidden sheets. */
  hiddenTables: Set<string>;
  /** Number styles that show TRUE/FALSE, and the cell styles using them (LibreOffice stores TRUE() as float 1). */
  booleanFormats: Set<string>;
  booleanCells: Set<string>;
}

/** Cell in progress: its attributes decide the value; its text:p children give the text. */
interface OpenCell {
  row: number;
  col: number;
  repeat: number;
  attrs: Record<string, string>;
  paragraphs: string[];
  current: string | null;
}

interface SheetDraft {
  name: string;
  styleName: string;
  protected: boolean;
  cells: ReadCell[];
  merges: string[];
  maxRow: number;
  maxCol: number;
}

/** Table references in ODF formulas and ranges: "$'Báo cáo'.$A$1" → { sheet, ref }. */
function odfRef(text: string): { sheet: string | null; ref: string } | null {
  const m = /^\$?(?:'((?:[^']|'')*)'|([^.']*))?\.\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2] ? m[2] : null;
  return { sheet, ref: `${m[3]!.toUpperCase()}${m[4]}` };
}

/** A named range's address as an Excel-style formula ("'Báo cáo'!$A$1:$L$17"), for completeness only. */
function rangeFormula(address: string): string {
  const parts = address.split(":").map(odfRef);
  if (parts.some((p) => p === null)) return address;
  const [a, b] = parts as { sheet: string | null; ref: string }[];
  const sheet = a!.sheet ? `'${a!.sheet.replace(/'/g, "''")}'!` : "";
  return b ? `${sheet}${a!.ref}:${b.ref}` : `${sheet}${a!.ref}`;
}

function parseContent(
  xml: string,
  part: string,
  limits: ReadLimits,
  options: ReadOptions,
): { sheets: SheetDraft[]; names: ReadDefinedName[]; styles: StyleFacts } {
  const styles: StyleFacts = {
    unlocked: new Set(),
    hiddenTables: new Set(),
    booleanFormats: new Set(),
    booleanCells: new Set(),
  };
  const sheets: SheetDraft[] = [];
  const names: ReadDefinedName[] = [];
  let nullDate = EXCEL_EPOCH;
  let cellBudget = 0;

  let styleName: string | null = null;
  let styleFamily: string | null = null;
  let sheet: SheetDraft | null = null;
  let skipSheet = false;
  let row = 0;
  let rowRepeat = 1;
  let col = 0;
  let cell: OpenCell | null = null;
  /** Depth inside a text:p of the current cell (nested spans add to the same paragraph). */
  let inParagraph = 0;

  const finishCell = (c: OpenCell): void => {
    if (!sheet) return;
    const a = c.attrs;
    const type = a["value-type"];
    const text = c.paragraphs.join("\n");
    let kind: ReadCell["kind"];
    let value: ReadCell["value"];
    let isDate = false;
    let numFmt: string | undefined;
    if (type === "error") {
      kind = "error";
      value = text || "#VALUE!";
    } else if (type === "float" || type === "currency" || type === "percentage") {
      const n = Number(a.value);
      if (!Number.isFinite(n)) throw readErrors.corrupt(part, `bad number "${a.value ?? ""}" in ${sheet.name}`);
      kind = "number";
      value = n;
      if (styles.booleanCells.has(a["style-name"] ?? "")) {
        kind = "boolean";
        value = n !== 0;
      }
      if (type === "percentage") numFmt = "0%";
    } else if (type === "date") {
      const n = dateSerial(a["date-value"] ?? "", nullDate);
      if (!Number.isFinite(n)) throw readErrors.corrupt(part, `bad date "${a["date-value"] ?? ""}" in ${sheet.name}`);
      kind = "number";
      value = n;
      isDate = true;
      numFmt = "dd/mm/yyyy";
    } else if (type === "time") {
      const n = durationDays(a["time-value"] ?? "");
      if (!Number.isFinite(n)) throw readErrors.corrupt(part, `bad time "${a["time-value"] ?? ""}" in ${sheet.name}`);
      kind = "number";
      value = n;
      // As the .xlsx reader flags a time-formatted number.
      isDate = true;
      numFmt = "hh:mm";
    } else if (type === "boolean") {
      kind = "boolean";
      value = xmlBool(a["boolean-value"], false);
    } else if (type === "string" || text !== "" || a["string-value"] !== undefined) {
      kind = "string";
      value = a["string-value"] ?? text;
    } else if (a.formula !== undefined) {
      kind = "string";
      value = "";
    } else return; // an empty (possibly styled or repeated) cell
    const formula =
      a.formula !== undefined ? a.formula.replace(/^(?:of|oooc|msoxl):=?/, "").replace(/^=/, "") : undefined;
    const locked = !styles.unlocked.has(a["style-name"] ?? "");
    // A filled cell repeated (a value pasted across a range) is as many cells; the budget bounds it.
    for (let k = 0; k < c.repeat; k++) {
      if (++cellBudget > limits.maxCells) throw readErrors.tooManyCells(limits.maxCells, part);
      const cc = c.col + k;
      const out: ReadCell = { ref: `${colLetters(cc)}${c.row}`, row: c.row, col: cc, kind, value, isDate, locked };
      if (formula !== undefined) out.formula = formula;
      if (numFmt !== undefined) out.numFmt = numFmt;
      sheet.cells.push(out);
      if (c.row > sheet.maxRow) sheet.maxRow = c.row;
      if (cc > sheet.maxCol) sheet.maxCol = cc;
    }
  };

  /** Cells of a repeated row: the row as read, copied down (only rows that hold something). */
  let rowStart = 0;

  parseXml(xml, part, {
    open(name, a) {
      if (cell) {
        // Comments (office:annotation) are not cell values; their paragraphs must not join the text.
        if (name === "annotation") return true;
        if (name === "p" || name === "h") {
          if (inParagraph === 0) cell.current = "";
          inParagraph++;
        } else if (inParagraph > 0 && cell.current !== null) {
          if (name === "s") cell.current += " ".repeat(Math.min(1000, Math.max(1, Number(a.c ?? 1) || 1)));
          else if (name === "tab") cell.current += "\t";
          else if (name === "line-break") cell.current += "\n";
        }
        return undefined;
      }
      switch (name) {
        case "style":
          styleName = a.name ?? null;
          styleFamily = a.family ?? null;
          if (
            styleName !== null &&
            a["data-style-name"] !== undefined &&
            styles.booleanFormats.has(a["data-style-name"])
          )
            styles.booleanCells.add(styleName);
          return undefined;
        case "boolean-style":
          if (a.name !== undefined) styles.booleanFormats.add(a.name);
          return undefined;
        case "table-cell-properties":
          if (styleName !== null && styleFamily === "table-cell") {
            const p = a["cell-protect"];
            // "none" or "formula-hidden": not protected; "protected", "hidden-and-protected"…: locked.
            if (p !== undefined && !p.includes("protected")) styles.unlocked.add(styleName);
          }
          return undefined;
        case "table-properties":
          if (styleName !== null && styleFamily === "table" && a.display === "false")
            styles.hiddenTables.add(styleName);
          return undefined;
        case "null-date":
          if (a["date-value"]) {
            const t = dateSerial(a["date-value"], 0);
            if (Number.isFinite(t)) nullDate = t * MS_PER_DAY;
          }
          return undefined;
        case "table": {
          const tableName = a.name ?? `Sheet${sheets.length + 1}`;
          skipSheet = options.sheetFilter !== undefined && !options.sheetFilter(tableName);
          sheet = {
            name: tableName,
            styleName: a["style-name"] ?? "",
            protected: xmlBool(a.protected, false),
            cells: [],
            merges: [],
            maxRow: 0,
            maxCol: 0,
          };
          row = 0;
          // A sheet nobody asked for: passed over without reading its cells.
          return skipSheet ? true : undefined;
        }
        case "table-row": {
          if (!sheet) return undefined;
          rowRepeat = Math.max(1, Number(a["number-rows-repeated"] ?? 1) || 1);
          row++;
          col = 0;
          rowStart = sheet.cells.length;
          return undefined;
        }
        case "table-cell":
        case "covered-table-cell": {
          if (!sheet) return undefined;
          const repeat = Math.max(1, Number(a["number-columns-repeated"] ?? 1) || 1);
          const first = col + 1;
          col += repeat;
          if (name === "table-cell") {
            const spanC = Number(a["number-columns-spanned"] ?? 1) || 1;
            const spanR = Number(a["number-rows-spanned"] ?? 1) || 1;
            if ((spanC > 1 || spanR > 1) && spanC <= 16384 && spanR <= 1_048_576)
              sheet.merges.push(`${colLetters(first)}${row}:${colLetters(first + spanC - 1)}${row + spanR - 1}`);
          }
          cell = { row, col: first, repeat, attrs: a, paragraphs: [], current: null };
          return undefined;
        }
        case "named-range":
        case "named-expression": {
          const n = a.name;
          const expr = a["cell-range-address"] ?? a.expression;
          if (n !== undefined && expr !== undefined) {
            // Named expressions are formulas ("of:=…"); a string constant keeps Excel's ="…" shape.
            const formula = name === "named-range" ? rangeFormula(expr) : expr.replace(/^(?:of|oooc|msoxl):/, "");
            names.push({ name: n, formula, hidden: false });
          }
          return undefined;
        }
        default:
          return undefined;
      }
    },
    close(name) {
      if (cell) {
        if (name === "p" || name === "h") {
          inParagraph--;
          if (inParagraph === 0 && cell.current !== null) {
            cell.paragraphs.push(cell.current);
            cell.current = null;
          }
          return;
        }
        if (name === "table-cell" || name === "covered-table-cell") {
          const c = cell;
          cell = null;
          inParagraph = 0;
          finishCell(c);
        }
        return;
      }
      if (name === "style") styleName = styleFamily = null;
      else if (name === "table-row" && sheet) {
        // A repeated row that holds values (rare: a pasted block) is copied down, under the budget.
        if (rowRepeat > 1) {
          const rowCells = sheet.cells.slice(rowStart);
          if (rowCells.length > 0) {
            if (cellBudget + rowCells.length * (rowRepeat - 1) > limits.maxCells)
              throw readErrors.tooManyCells(limits.maxCells, part);
            for (let k = 1; k < rowRepeat; k++) {
              for (const c of rowCells) {
                cellBudget++;
                sheet.cells.push({ ...c, row: row + k, ref: `${colLetters(c.col)}${row + k}` });
              }
            }
            sheet.maxRow = row + rowRepeat - 1;
          }
          row += rowRepeat - 1;
        }
      } else if (name === "table" && sheet) {
        if (!skipSheet) sheets.push(sheet);
        sheet = null;
      }
    },
    text(t) {
      if (cell && inParagraph > 0 && cell.current !== null) cell.current += t;
    },
  });
  return { sheets, names, styles };
}

/** meta.xml: user-defined properties (the form's identity), title, creator, dates, generator. */
function parseMeta(xml: string, part: string): Pick<ReadWorkbook, "customProperties" | "core" | "app"> {
  const customProperties: Record<string, string> = {};
  const core: ReadWorkbook["core"] = {};
  const app: ReadWorkbook["app"] = {};
  let current: string | null = null;
  let userName: string | null = null;
  let buf = "";
  parseXml(xml, part, {
    open(name, a) {
      if (name === "user-defined") userName = a.name ?? null;
      current = name;
      buf = "";
    },
    close(name) {
      const v = buf.trim();
      if (name === "user-defined" && userName !== null) {
        if (userName !== "__proto__") customProperties[userName] = buf;
        userName = null;
      } else if (v !== "") {
        if (name === "title") core.title = v;
        else if (name === "initial-creator") core.creator = v;
        else if (name === "creator") core.lastModifiedBy = v;
        else if (name === "creation-date") core.created = v;
        else if (name === "date") core.modified = v;
        else if (name === "generator") app.application = v;
      }
      current = null;
    },
    text(t) {
      if (current !== null) buf += t;
    },
  });
  return { customProperties, core, app };
}

function makeSheet(d: SheetDraft, hidden: boolean): ReadSheet {
  let index: Map<string, ReadCell> | undefined;
  return {
    name: d.name,
    state: hidden ? "hidden" : "visible",
    cells: d.cells,
    merges: d.merges,
    validations: [],
    protection: d.protected ? { sheet: true, hasPassword: false } : null,
    maxRow: d.maxRow,
    maxCol: d.maxCol,
    cell(ref: string): ReadCell | undefined {
      if (!index) index = new Map(d.cells.map((c) => [c.ref, c] as const));
      return index.get(ref.replace(/\$/g, "").toUpperCase());
    },
  };
}

/** Reads an .ods already opened as a zip (readXlsx hands it over after detecting the mimetype). */
export function readOdsPackage(zip: ZipArchive, limits: ReadLimits, options: ReadOptions): ReadWorkbook {
  const content = readText(zip, "content.xml");
  if (content === undefined) throw readErrors.missingPart("content.xml");
  const { sheets: drafts, names, styles } = parseContent(content, "content.xml", limits, options);
  const metaXml = readText(zip, "meta.xml");
  const meta = metaXml !== undefined ? parseMeta(metaXml, "meta.xml") : { customProperties: {}, core: {}, app: {} };
  const sheets = drafts.map((d) => makeSheet(d, styles.hiddenTables.has(d.styleName)));
  return {
    format: "ods",
    sheets,
    sheet: sheetLookup(sheets),
    definedNames: names,
    ...meta,
    // ODF keeps macros in Basic/ or Scripts/; they are never run, only noted.
    hasMacros: [...zip.entries].some((e) => /^(basic|scripts)\//i.test(e.name)),
  };
}

/** Bytes of an .ods → plain data, with readXlsx's limits and errors. */
export function readOds(bytes: Uint8Array, options: ReadOptions = {}): ReadWorkbook {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (bytes.length === 0) throw readErrors.empty();
  if (bytes.length > limits.maxFileBytes) throw readErrors.tooLarge(bytes.length, limits.maxFileBytes);
  try {
    return readOdsPackage(new ZipArchive(bytes, limits, options.inflateRaw), limits, options);
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    throw readErrors.corrupt("ods", e instanceof Error ? e.message : String(e));
  }
}
