/** One worksheet part → cells, merges, validations, protection. One pass, no DOM. */
import { columnLetter } from "../../workbook/a1";
import { readErrors } from "./errors";
import { shiftFormula } from "./formula";
import { DEFAULT_STYLE, type Styles } from "./styles";
import type { CellSink, ReadCell, ReadValidation } from "./types";
import {
  decodeEntities,
  parseXml,
  scanTag,
  skipSpace,
  startTagAt,
  tagOut,
  unescapeOoxml,
  xmlBool,
  type RawReader,
} from "./xml";

export interface SheetContent {
  cells: ReadCell[];
  merges: string[];
  validations: ReadValidation[];
  protection: { sheet: boolean; hasPassword: boolean } | null;
  maxRow: number;
  maxCol: number;
}

export interface SheetContext {
  sharedStrings: string[];
  styles: Styles | undefined;
  date1904: boolean;
  /** Shared across all sheets of one read. */
  budget: { cells: number; limit: number };
  /** ReadOptions.valuesOnly: data validations (and the extension list holding x14 ones) are skipped. */
  valuesOnly?: boolean;
}

/**
 * Sheet-level elements that hold nothing this reader reports (views, layout, print setup, formatting
 * rules, drawings): passed over without tokenising their content.
 */
const IGNORED = new Set([
  "sheetPr",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "conditionalFormatting",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "drawing",
  "legacyDrawing",
  "phoneticPr",
  "autoFilter",
  "sortState",
  "hyperlinks",
  "tableParts",
]);

const EPOCH_1900 = Date.UTC(1899, 11, 30);
/** Days between the 1904 and 1900 date systems. */
const DAYS_1904 = 1462;

/** Scratch output of parseRef (avoids an allocation per cell). */
const refOut = { row: 0, col: 0, canonical: false };

/** "B7" / "$b$7" → refOut; false when it is not a cell reference. canonical: already "B7" as written. */
function parseRef(r: string): boolean {
  let i = 0;
  let col = 0;
  let canonical = true;
  if (r.charCodeAt(i) === 0x24) (i++, (canonical = false));
  for (; i < r.length; i++) {
    const raw = r.charCodeAt(i);
    const c = raw & 0xdf;
    if (c < 0x41 || c > 0x5a) break;
    if (raw !== c) canonical = false;
    col = col * 26 + (c - 64);
  }
  if (col === 0 || col > 16384) return false;
  if (r.charCodeAt(i) === 0x24) (i++, (canonical = false));
  let row = 0;
  const ds = i;
  for (; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
    row = row * 10 + (c - 0x30);
  }
  if (i === ds || row < 1 || row > 1048576 || r.charCodeAt(ds) === 0x30) return false;
  refOut.row = row;
  refOut.col = col;
  refOut.canonical = canonical;
  return true;
}

/** ISO 8601 date-time of a t="d" cell → 1900-system serial. */
function isoToSerial(v: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?Z?$/.exec(v.trim());
  if (!m) return NaN;
  const ms = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    Math.round(Number(`0.${m[7] ?? "0"}`) * 1000),
  );
  return (ms - EPOCH_1900) / 86400000;
}

const enum Capture {
  None,
  Value,
  Formula,
  InlineText,
  Formula1,
  Formula2,
  Sqref,
}

/** `sink`: cells go to it instead of into `cells` (ReadOptions.cellSink). */
export function parseWorksheet(xml: string, part: string, ctx: SheetContext, sink?: CellSink): SheetContent {
  const cells: ReadCell[] = [];
  const merges: string[] = [];
  const validations: ReadValidation[] = [];
  let protection: SheetContent["protection"] = null;
  let maxRow = 0;
  let maxCol = 0;
  let sorted = true;

  let inSheetData = false;
  let extDepth = 0;
  let rowNum = 0;
  let colNum = 0;
  /** The cell's r attribute when it is already canonical, else "" (then built from row/col). */
  let cellRef = "";
  let inCell = false;
  let cellType = "n";
  let cellStyle = 0;
  let v: string | undefined;
  let f: string | undefined;
  let fShared: { si: string; master: boolean } | undefined;
  let inlineText: string | undefined;
  let phonetic = 0;
  let capture = Capture.None;
  let buf = "";
  let dv: ReadValidation | undefined;
  const sharedMasters = new Map<string, { formula: string; row: number; col: number }>();
  const { sharedStrings, styles, date1904, budget } = ctx;
  const valuesOnly = ctx.valuesOnly === true;

  const corrupt = (why: string) => readErrors.corrupt(part, why);

  const finishCell = (): void => {
    let kind: ReadCell["kind"];
    let value: string | number | boolean;
    let isDateCell = false;
    let formula = f;
    if (fShared) {
      if (fShared.master && f !== undefined) sharedMasters.set(fShared.si, { formula: f, row: rowNum, col: colNum });
      else if (!fShared.master) {
        const m = sharedMasters.get(fShared.si);
        formula = m ? shiftFormula(m.formula, rowNum - m.row, colNum - m.col) : undefined;
      }
    }
    const style = styles ? styles.get(cellStyle) : DEFAULT_STYLE;
    switch (cellType) {
      case "s": {
        if (v === undefined || v.trim() === "") return;
        const idx = Number(v);
        const s = Number.isInteger(idx) ? sharedStrings[idx] : undefined;
        if (s === undefined) throw corrupt(`shared string ${v} does not exist`);
        kind = "string";
        value = s;
        break;
      }
      case "inlineStr":
        if (inlineText === undefined && v === undefined) return;
        kind = "string";
        value = unescapeOoxml(inlineText ?? v ?? "");
        break;
      case "str":
        if (v === undefined && formula === undefined) return;
        kind = "string";
        value = unescapeOoxml(v ?? "");
        break;
      case "b":
        if (v === undefined) return;
        kind = "boolean";
        value = xmlBool(v.trim(), Number(v) !== 0);
        break;
      case "e":
        if (v === undefined) return;
        kind = "error";
        value = v;
        break;
      case "d": {
        if (v === undefined) return;
        const serial = isoToSerial(v);
        if (!Number.isFinite(serial)) throw corrupt(`bad date value "${v}"`);
        kind = "number";
        value = serial;
        isDateCell = true;
        break;
      }
      default: {
        if (v === undefined || v.trim() === "") {
          if (formula === undefined) return;
          // A formula without a cached result (never calculated): report the formula, no value.
          kind = "string";
          value = "";
          break;
        }
        const num = Number(v);
        if (!Number.isFinite(num)) throw corrupt(`bad number "${v}"`);
        kind = "number";
        value = date1904 && style.isDate ? num + DAYS_1904 : num;
        isDateCell = style.isDate;
      }
    }
    const cell: ReadCell = {
      ref: cellRef || columnLetter(colNum) + rowNum,
      row: rowNum,
      col: colNum,
      kind,
      value,
      isDate: isDateCell,
      locked: style.locked,
    };
    if (formula !== undefined) cell.formula = formula;
    if (style.numFmt !== undefined) cell.numFmt = style.numFmt;
    if (rowNum > maxRow) maxRow = rowNum;
    if (colNum > maxCol) maxCol = colNum;
    if (sink) return sink.cell(cell);
    const last = cells[cells.length - 1];
    if (last && (last.row > rowNum || (last.row === rowNum && last.col >= colNum))) sorted = false;
    cells.push(cell);
  };

  /**
   * A <c> begins (parser and scanner alike): counted against the limit, placed by its r (else after
   * the previous cell), typed and styled. False when r is not a cell reference.
   */
  const startCell = (r: string | undefined, t: string | undefined, s: string | undefined): boolean => {
    if (++budget.cells > budget.limit) throw readErrors.tooManyCells(budget.limit, part);
    if (r !== undefined) {
      if (!parseRef(r)) return false;
      rowNum = refOut.row;
      colNum = refOut.col;
      cellRef = refOut.canonical ? r : "";
    } else {
      if (rowNum === 0) rowNum = 1;
      colNum++;
      cellRef = "";
    }
    cellType = t ?? "n";
    const style = s !== undefined ? Number(s) : 0;
    cellStyle = Number.isInteger(style) && style >= 0 ? style : 0;
    v = undefined;
    f = undefined;
    fShared = undefined;
    inlineText = undefined;
    return true;
  };

  /**
   * Most sheets are plain — rows of cells as this program, Excel or LibreOffice writes them: <c> with
   * a <v> and perhaps an <f>, unprefixed — and are read by a scanner that knows only that shape
   * (indexOf/charCodeAt, no attribute objects, no events), into the same cells the parser gives.
   * Anything else (inline text, comments, CDATA, prefixes, other children, white space inside end
   * tags) and it declines: what it gave is undone and the parser reads the rows from the first.
   * Offered the first <sheetData> only, so nothing was given before it that an undo would lose.
   */
  const scanPlainRows = (from: number): number => {
    const src = xml;
    let p = from;
    for (;;) {
      p = skipSpace(src, p);
      if (src.startsWith("</sheetData>", p)) return p + "</sheetData>".length;
      if (!startTagAt(src, p, "<row")) return -1;
      p = scanTag(src, p + 4);
      if (p < 0) return -1;
      const r = tagOut.r !== undefined ? Number(tagOut.r) : rowNum + 1;
      if (!Number.isInteger(r) || r < 1 || r > 1048576) return -1;
      rowNum = r;
      colNum = 0;
      if (tagOut.selfClosing) continue;
      for (;;) {
        p = skipSpace(src, p);
        if (src.startsWith("</row>", p)) {
          p += "</row>".length;
          break;
        }
        if (!startTagAt(src, p, "<c")) return -1;
        p = scanTag(src, p + 2);
        if (p < 0 || !startCell(tagOut.r, tagOut.t, tagOut.s)) return -1;
        // Self-closing: no value, nothing to report (as the parser does).
        if (tagOut.selfClosing) continue;
        if (cellType === "inlineStr") return -1;
        // Children: <v> and <f>, white space between them.
        for (;;) {
          p = skipSpace(src, p);
          if (src.startsWith("</c>", p)) {
            p += "</c>".length;
            break;
          }
          const isV = startTagAt(src, p, "<v");
          if (!isV && !startTagAt(src, p, "<f")) return -1;
          p = scanTag(src, p + 2);
          if (p < 0) return -1;
          let text = "";
          if (!isV && tagOut.t === "shared" && tagOut.si !== undefined)
            fShared = { si: tagOut.si, master: tagOut.ref !== undefined };
          if (!tagOut.selfClosing) {
            const lt = src.indexOf("<", p);
            if (lt < 0 || !src.startsWith(isV ? "</v>" : "</f>", lt)) return -1;
            text = src.slice(p, lt);
            if (text.indexOf("&") >= 0) text = decodeEntities(text, part);
            p = lt + 4;
          }
          if (isV) v = text;
          else if (text !== "") f = text;
        }
        finishCell();
      }
    }
  };
  let sheetDataSeen = false;
  const readPlainRows: RawReader = (_src, from) => {
    const before = budget.cells;
    const end = scanPlainRows(from);
    if (end >= 0) return end;
    budget.cells = before;
    cells.length = 0;
    sorted = true;
    maxRow = 0;
    maxCol = 0;
    rowNum = 0;
    // A shared formula's master seen by the scanner must not serve a follower the parser meets first.
    sharedMasters.clear();
    sink?.restart();
    return -1;
  };

  parseXml(xml, part, {
    open(name, a, selfClosing) {
      if (inCell) {
        if (name === "v") {
          capture = Capture.Value;
          buf = "";
          if (selfClosing) v = "";
        } else if (name === "f") {
          capture = Capture.Formula;
          buf = "";
          if (a.t === "shared" && a.si !== undefined) fShared = { si: a.si, master: a.ref !== undefined };
        } else if (name === "is") {
          inlineText = "";
        } else if (name === "rPh") {
          phonetic++;
        } else if (name === "t" && inlineText !== undefined && phonetic === 0) {
          capture = Capture.InlineText;
          buf = "";
        }
        return;
      }
      if (extDepth > 0) {
        extDepth++;
        if (name === "dataValidation") {
          dv = {
            sqref: "",
            type: a.type ?? "none",
            allowBlank: xmlBool(a.allowBlank, false),
            showErrorMessage: xmlBool(a.showErrorMessage, false),
            x14: true,
          };
          if (a.operator !== undefined) dv.operator = a.operator;
          if (a.promptTitle !== undefined) dv.promptTitle = a.promptTitle;
          if (a.prompt !== undefined) dv.prompt = a.prompt;
        } else if (dv && (name === "formula1" || name === "formula2" || name === "sqref")) {
          capture = name === "formula1" ? Capture.Formula1 : name === "formula2" ? Capture.Formula2 : Capture.Sqref;
          buf = "";
        }
        return;
      }
      if (!inSheetData && IGNORED.has(name)) return true;
      switch (name) {
        case "sheetData":
          inSheetData = true;
          rowNum = 0;
          if (sheetDataSeen) break;
          sheetDataSeen = true;
          return readPlainRows;
        case "row": {
          if (!inSheetData) break;
          const r = a.r !== undefined ? Number(a.r) : rowNum + 1;
          if (!Number.isInteger(r) || r < 1 || r > 1048576) throw corrupt(`bad row number "${a.r ?? ""}"`);
          rowNum = r;
          colNum = 0;
          break;
        }
        case "c": {
          if (!inSheetData) break;
          if (!startCell(a.r, a.t, a.s)) throw corrupt(`bad cell reference "${a.r ?? ""}"`);
          inCell = !selfClosing;
          phonetic = 0;
          break;
        }
        case "mergeCell":
          if (a.ref !== undefined) merges.push(a.ref);
          break;
        case "sheetProtection":
          protection = {
            sheet: xmlBool(a.sheet, false),
            hasPassword: !!(a.password || a.hashValue),
          };
          break;
        case "dataValidations":
          if (valuesOnly) return true;
          break;
        case "dataValidation":
          dv = {
            sqref: a.sqref ?? "",
            type: a.type ?? "none",
            allowBlank: xmlBool(a.allowBlank, false),
            showErrorMessage: xmlBool(a.showErrorMessage, false),
          };
          if (a.operator !== undefined) dv.operator = a.operator;
          if (a.promptTitle !== undefined) dv.promptTitle = a.promptTitle;
          if (a.prompt !== undefined) dv.prompt = a.prompt;
          break;
        case "formula1":
        case "formula2":
          if (dv) {
            capture = name === "formula1" ? Capture.Formula1 : Capture.Formula2;
            buf = "";
          }
          break;
        case "extLst":
          if (valuesOnly) return true;
          extDepth = 1;
          break;
      }
    },
    close(name) {
      if (inCell) {
        if (name === "v" && capture === Capture.Value) {
          v = buf;
          capture = Capture.None;
        } else if (name === "f" && capture === Capture.Formula) {
          if (buf !== "") f = buf;
          capture = Capture.None;
        } else if (name === "t" && capture === Capture.InlineText) {
          inlineText = (inlineText ?? "") + buf;
          capture = Capture.None;
        } else if (name === "rPh") {
          phonetic--;
        } else if (name === "c") {
          inCell = false;
          finishCell();
        }
        return;
      }
      if (name === "c" && inSheetData) {
        // Self-closing <c/>: no value, nothing to report.
        return;
      }
      if (extDepth > 0) {
        extDepth--;
        if (dv) {
          if (name === "formula1" && capture === Capture.Formula1) dv.formula1 = buf.trim();
          else if (name === "formula2" && capture === Capture.Formula2) dv.formula2 = buf.trim();
          else if (name === "sqref" && capture === Capture.Sqref) dv.sqref = buf.trim();
          else if (name === "dataValidation") {
            validations.push(dv);
            dv = undefined;
          }
          if (name === "formula1" || name === "formula2" || name === "sqref") capture = Capture.None;
        }
        return;
      }
      if (name === "sheetData") inSheetData = false;
      else if (dv && name === "formula1") {
        dv.formula1 = buf;
        capture = Capture.None;
      } else if (dv && name === "formula2") {
        dv.formula2 = buf;
        capture = Capture.None;
      } else if (dv && name === "dataValidation") {
        validations.push(dv);
        dv = undefined;
      }
    },
    text(t) {
      if (capture !== Capture.None) buf += t;
    },
  });

  if (!sorted) cells.sort((x, y) => x.row - y.row || x.col - y.col);
  return { cells, merges, validations, protection, maxRow, maxCol };
}
