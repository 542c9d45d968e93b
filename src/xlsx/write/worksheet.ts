/** xl/worksheets/sheetN.xml: one sheet of the description, element by element in schema order. */
import { strToU8 } from "fflate";
import type { RangePos } from "../../workbook/a1";
import { address, columnLetter } from "../../workbook/a1";
import { isoToSerial, serialToIso } from "../../dates";
import { columnWidthPixels, maxDigitWidthPx } from "../../workbook/metrics";
import type { Cell, ConditionalFormat, Sheet, Validation, WorkbookSpec } from "../../workbook/model";
import { at, WorkbookSpecError } from "./errors";
import { sheetProtectionXml } from "./protection";
import { checkedRange, MAX_COLUMNS, MAX_ROWS, overlaps, rangeText } from "./ranges";
import type { SharedStringsPart } from "./sharedStrings";
import { argb, type StylesPart } from "./styles";
import type { PreparedTable } from "./table";
import { el, escapeText, NS, num, XML_DECLARATION } from "./xml";
import { concat } from "../../util/bytes";

/** Characters of rows encoded at a time (see sheetData). */
const GROUP_CHARS = 1 << 16;
/**
 * Where a large sheet's encoded rows go in its XML: a NUL, which no text in the part can hold (every
 * string passes stripForbidden), so the split cannot find it anywhere else.
 */
const SHEET_DATA_SLOT = "\u0000sheetData\u0000";

/** Excel's limits (Excel specifications and limits; beyond them Excel repairs or refuses the file). */
const LIMITS = {
  cellText: 32767,
  formula: 8192,
  rowHeight: 409,
  columnWidth: 255,
  validationTitle: 32,
  validationMessage: 255,
  inlineList: 255,
  headerFooter: 255,
} as const;

export interface WorksheetContext {
  spec: WorkbookSpec;
  styles: StylesPart;
  strings: SharedStringsPart;
  tables: readonly PreparedTable[];
  /** Relationship ids of the sheet's table parts, parallel to `tables`. */
  tableRelIds: readonly string[];
  /** Relationship id of the sheet's drawing part (its charts); absent when it has none. */
  drawingRelId?: string;
  /** The active sheet (tabSelected). */
  selected: boolean;
  /** The sheet's index in the workbook: makes the ids of its Excel 2010 data bars unique and reproducible. */
  index: number;
  /**
   * Row indices (0-based, ascending) where the sheet's XML is cut into segments (a long history, one
   * segment per period): the output then has `segments` too. A segment holds the rows from its start
   * to the next; rows before the first start go with the sheet's head.
   */
  segmentStarts?: readonly number[];
}

export interface WorksheetOutput {
  /**
   * The part's XML; already UTF-8 for a sheet too large to hold as one string (a long history);
   * empty when the sheet is cut into `segments` (they are the part).
   */
  xml: string | Uint8Array;
  /** Some formula has no cached result: the workbook must ask for a recalculation on load. */
  needsRecalc: boolean;
  /**
   * With segmentStarts: the XML cut into the head (up to the first segment's rows), one piece per
   * segment, and the tail; joined they are `xml`. `strings` counts each piece's shared-string cells.
   */
  segments?: { bytes: Uint8Array; strings: number }[];
}

/** Sheet names Excel accepts: 1–31 characters, none of : \ / ? * [ ], no apostrophe at either end. */
export function checkSheetName(name: string, index: number): void {
  const where = `sheet ${index + 1} ("${name}")`;
  if (name.length === 0 || name.length > 31)
    throw new WorkbookSpecError(`${where}: a sheet name must have 1–31 characters`);
  if (/[:\\/?*[\]]/.test(name)) throw new WorkbookSpecError(`${where}: a sheet name cannot contain : \\ / ? * [ ]`);
  if (name.startsWith("'") || name.endsWith("'")) {
    throw new WorkbookSpecError(`${where}: a sheet name cannot begin or end with an apostrophe`);
  }
  if (name.toLowerCase() === "history") throw new WorkbookSpecError(`${where}: "History" is reserved by Excel`);
}

/**
 * Width as stored in the file. The description gives characters "as Excel shows them"; the pixel width
 * (characters plus cell padding) comes from src/workbook/metrics.ts, shared with the Office.js writer, and
 * the file stores it in units of the default font's widest digit (ECMA-376 §18.3.1.13):
 * width = Truncate(pixels / MDW × 256) / 256. Excel turns that back into exactly the same pixels.
 */
export function fileColumnWidth(chars: number, font: WorkbookSpec["defaultFont"]): number {
  const px = columnWidthPixels(chars, font);
  return Math.trunc((px * 256) / maxDigitWidthPx(font)) / 256;
}

/** Excel 2010 extension namespaces and ids (MS-XLSX 2.3.6, 2.6.x): data bars that Excel 2007 could not describe. */
const X14 = {
  ns: "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main",
  xm: "http://schemas.microsoft.com/office/excel/2006/main",
  /** In a <cfRule>: points to its x14 twin. */
  cfRuleRef: "{B025F937-C7B1-47D3-B67F-A62EFF666E3E}",
  /** In the worksheet's extLst: the x14 conditional formats. */
  conditionalFormattings: "{78C0D931-6437-407d-A8EE-F0AAD7539E65}",
} as const;

/**
 * The id joining a data bar's Excel 2007 rule and its x14 twin: a GUID built from the sheet and rule
 * indices, so it is unique in the workbook and the same description still gives the same bytes.
 */
export function dataBarGuid(sheetIndex: number, ruleIndex: number): string {
  const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, "0");
  return `{DA7ABA20-0000-4000-8000-${hex(sheetIndex, 6)}${hex(ruleIndex, 6)}}`;
}

export function worksheetXml(sheet: Sheet, ctx: WorksheetContext): WorksheetOutput {
  const s = new SheetWriter(sheet, ctx);
  return s.write();
}

class SheetWriter {
  private needsRecalc = false;
  constructor(
    private readonly sheet: Sheet,
    private readonly ctx: WorksheetContext,
  ) {}

  private where(what: string): string {
    return at(this.sheet.name, what);
  }

  write(): WorksheetOutput {
    const sh = this.sheet;
    const merges = this.merges();
    const sheetData = this.sheetData();
    const xml =
      XML_DECLARATION +
      el(
        "worksheet",
        { xmlns: NS.main, "xmlns:r": NS.rel },
        this.sheetPr() +
          el("dimension", { ref: this.dimension() }) +
          this.sheetViews() +
          el("sheetFormatPr", { defaultRowHeight: defaultRowHeight(this.ctx.spec.defaultFont.size) }) +
          this.cols() +
          (typeof sheetData === "string" ? sheetData : SHEET_DATA_SLOT) +
          (sh.protection ? sheetProtectionXml(sh.protection, this.where("protection")) : "") +
          (merges.length
            ? el("mergeCells", { count: merges.length }, merges.map((m) => el("mergeCell", { ref: m })).join(""))
            : "") +
          this.conditionalFormats() +
          this.validations() +
          this.printXml() +
          (this.ctx.drawingRelId ? el("drawing", { "r:id": this.ctx.drawingRelId }) : "") +
          (this.ctx.tables.length
            ? el(
                "tableParts",
                { count: this.ctx.tables.length },
                this.ctx.tableRelIds.map((id) => el("tablePart", { "r:id": id })).join(""),
              )
            : "") +
          this.extLst(),
      );
    if (typeof sheetData === "string") return { xml, needsRecalc: this.needsRecalc };
    const [head, tail] = xml.split(SHEET_DATA_SLOT) as [string, string];
    const pieces = this.pieces;
    if (!pieces) return { xml: concat([strToU8(head), ...sheetData, strToU8(tail)]), needsRecalc: this.needsRecalc };
    // The same bytes cut where the segments start: head + <sheetData> + first rows | segments… | </sheetData> + tail.
    const segments = pieces.map((p, i) => ({
      bytes: concat(i === 0 ? [strToU8(`${head}<sheetData>`), ...p.chunks] : p.chunks),
      strings: p.strings,
    }));
    segments.push({ bytes: strToU8(`</sheetData>${tail}`), strings: 0 });
    return { xml: new Uint8Array(0), needsRecalc: this.needsRecalc, segments };
  }

  /** sheetData's rows, piece by piece, when the sheet is cut into segments. */
  private pieces: { chunks: Uint8Array[]; strings: number }[] | undefined;

  private sheetPr(): string {
    const tab = this.sheet.tabColor ? el("tabColor", { rgb: argb(this.sheet.tabColor, this.where("tabColor")) }) : "";
    const fit = this.sheet.print?.fitToWidth ? el("pageSetUpPr", { fitToPage: true }) : "";
    return tab || fit ? el("sheetPr", {}, tab + fit) : "";
  }

  private dimension(): string {
    let bottom = 0;
    let right = 0;
    this.sheet.rows.forEach((row, r) => {
      row.cells.forEach((cell, c) => {
        if (cell) {
          bottom = Math.max(bottom, r + 1);
          right = Math.max(right, c + 1);
        }
      });
    });
    return bottom === 0 ? "A1" : rangeText({ top: 1, left: 1, bottom, right });
  }

  private sheetViews(): string {
    const f = this.sheet.freeze;
    let pane = "";
    if (f && (f.rows > 0 || f.columns > 0)) {
      if (!Number.isInteger(f.rows) || !Number.isInteger(f.columns) || f.rows < 0 || f.columns < 0) {
        throw new WorkbookSpecError(this.where(`freeze: rows and columns must be whole numbers ≥ 0`));
      }
      if (f.rows >= MAX_ROWS || f.columns >= MAX_COLUMNS)
        throw new WorkbookSpecError(this.where("freeze: outside the grid"));
      const active = f.rows > 0 && f.columns > 0 ? "bottomRight" : f.rows > 0 ? "bottomLeft" : "topRight";
      const topLeft = address(f.rows + 1, f.columns + 1);
      pane =
        el("pane", {
          xSplit: f.columns > 0 ? f.columns : undefined,
          ySplit: f.rows > 0 ? f.rows : undefined,
          topLeftCell: topLeft,
          activePane: active,
          state: "frozen",
        }) + el("selection", { pane: active, activeCell: topLeft, sqref: topLeft });
    }
    return el(
      "sheetViews",
      {},
      el(
        "sheetView",
        {
          showGridLines: this.sheet.showGridLines ? undefined : false,
          tabSelected: this.ctx.selected ? true : undefined,
          workbookViewId: 0,
        },
        pane,
      ),
    );
  }

  private cols(): string {
    if (this.sheet.columns.length === 0) return "";
    if (this.sheet.columns.length > MAX_COLUMNS)
      throw new WorkbookSpecError(this.where("more columns than Excel's 16384"));
    const items = this.sheet.columns.map((col, i) => {
      if (!(col.width >= 0 && col.width <= LIMITS.columnWidth)) {
        throw new WorkbookSpecError(this.where(`column ${columnLetter(i + 1)}: width ${col.width} is outside 0–255`));
      }
      return el("col", {
        min: i + 1,
        max: i + 1,
        width: fileColumnWidth(col.width, this.ctx.spec.defaultFont),
        hidden: col.hidden ? true : undefined,
        customWidth: true,
      });
    });
    return el("cols", {}, items.join(""));
  }

  private sheetData(): string | Uint8Array[] {
    if (this.sheet.rows.length > MAX_ROWS) throw new WorkbookSpecError(this.where("more rows than Excel's 1048576"));
    // Rows are gathered into groups that are encoded as they fill: half a million rows never become
    // one string of millions of pieces (slow to build, and then to flatten and encode).
    const chunks: Uint8Array[] = [];
    let group = "";
    const letters: string[] = [];
    // A cell object used again (a history repeats the same labels and dates) is rendered once.
    const tails = new Map<Cell, { tail: string; text: boolean }>();
    const starts = this.ctx.segmentStarts;
    const pieces: { chunks: Uint8Array[]; strings: number }[] = [];
    let next = 0;
    let uses = this.ctx.strings.count;
    const cut = () => {
      if (group !== "") chunks.push(strToU8(group));
      group = "";
      pieces.push({ chunks: chunks.splice(0), strings: this.ctx.strings.count - uses });
      uses = this.ctx.strings.count;
    };
    this.sheet.rows.forEach((row, r) => {
      while (starts && next < starts.length && starts[next] === r) {
        cut();
        next++;
      }
      const rowNumber = r + 1;
      if (row.height !== undefined && !(row.height >= 0 && row.height <= LIMITS.rowHeight)) {
        throw new WorkbookSpecError(this.where(`row ${rowNumber}: height ${row.height} is outside 0–409 points`));
      }
      if (row.cells.length > MAX_COLUMNS)
        throw new WorkbookSpecError(this.where(`row ${rowNumber}: more than 16384 cells`));
      let cells = "";
      const cs = row.cells;
      for (let c = 0; c < cs.length; c++) {
        const cell = cs[c];
        if (!cell) continue;
        const ref = (letters[c] ??= columnLetter(c + 1)) + rowNumber;
        const known = tails.get(cell);
        if (known) {
          if (known.text) this.ctx.strings.reuse();
          cells += `<c r="${ref}${known.tail}`;
          continue;
        }
        const xml = this.cell(cell, ref);
        cells += xml;
        // Only plain values have a tail that does not depend on the cell's place.
        const v = cell.value;
        if (v !== null && typeof v === "object" && !("date" in v)) continue;
        if (tails.size < 100_000 && xml !== "")
          tails.set(cell, { tail: xml.slice(6 + ref.length), text: typeof v === "string" });
      }
      if (cells === "" && row.height === undefined) return;
      // Written directly (the same bytes as el("row", …)): consolidations have tens of thousands of rows.
      const open =
        row.height === undefined
          ? `<row r="${rowNumber}"`
          : `<row r="${rowNumber}" ht="${num(row.height)}"${row.fit ? "" : ' customHeight="1"'}`;
      group += cells === "" ? `${open}/>` : `${open}>${cells}</row>`;
      if (group.length >= GROUP_CHARS) {
        chunks.push(strToU8(group));
        group = "";
      }
    });
    if (starts) {
      // Segments starting past the last row are empty.
      while (next <= starts.length) {
        cut();
        next++;
      }
      this.pieces = pieces;
      return [strToU8("<sheetData>"), ...pieces.flatMap((p) => p.chunks), strToU8("</sheetData>")];
    }
    if (chunks.length === 0) return group === "" ? "<sheetData/>" : `<sheetData>${group}</sheetData>`;
    return [strToU8("<sheetData>"), ...chunks, strToU8(`${group}</sheetData>`)];
  }

  private cell(cell: Cell, ref: string): string {
    const where = this.where(`cell ${ref}`);
    const v = cell.value;
    // The value is passed along: a date whose style has no number format gets the shared date format.
    const s = this.ctx.styles.xfIndex(cell.style, where, v) || undefined;
    // An empty styled cell (a table's blank columns, by the ten thousand): the bytes of el("c", { r, s }).
    if (v === null) return s === undefined ? "" : `<c r="${ref}" s="${s}"/>`;
    // Written directly (the same bytes as el("c", …)): a book's history has millions of cells.
    const open = (t: string) => `<c r="${ref}"${s === undefined ? "" : ` s="${s}"`}${t}>`;
    if (typeof v === "string") {
      // Always a shared string: text that looks like a formula ("=…", "+…", "-…", "@…") stays text.
      if (v.length > LIMITS.cellText)
        throw new WorkbookSpecError(`${where}: text longer than Excel's 32767 characters`);
      return `${open(' t="s"')}<v>${this.ctx.strings.add(v)}</v></c>`;
    }
    if (typeof v === "number") return `${open("")}<v>${finite(v, where)}</v></c>`;
    if (typeof v === "boolean") return `${open(' t="b"')}<v>${v ? 1 : 0}</v></c>`;
    if ("date" in v) return `${open("")}<v>${dateSerial(v.date, where)}</v></c>`;
    const f = formulaText(v.formula, where);
    const result = v.result;
    if (result === undefined || result === null) {
      this.needsRecalc = true;
      return el("c", { r: ref, s }, `<f>${escapeText(f)}</f>`);
    }
    if (typeof result === "string") {
      if (result.length > LIMITS.cellText) throw new WorkbookSpecError(`${where}: result longer than 32767 characters`);
      return el("c", { r: ref, s, t: "str" }, `<f>${escapeText(f)}</f><v>${escapeText(result)}</v>`);
    }
    if (typeof result === "boolean")
      return el("c", { r: ref, s, t: "b" }, `<f>${escapeText(f)}</f><v>${result ? 1 : 0}</v>`);
    return el("c", { r: ref, s }, `<f>${escapeText(f)}</f><v>${finite(result, where)}</v>`);
  }

  private merges(): string[] {
    const fast = this.mergesAllFine();
    if (fast) return fast;
    // Something is wrong: found the way the message names it (the first merge in order at fault).
    const seen: RangePos[] = [];
    const out: string[] = [];
    this.sheet.merges.forEach((ref, i) => {
      const where = this.where(`merge ${i + 1} ("${ref}")`);
      const r = checkedRange(ref, where);
      if (r.top === r.bottom && r.left === r.right)
        throw new WorkbookSpecError(`${where}: a merge needs at least two cells`);
      const clash = seen.findIndex((o) => overlaps(o, r));
      if (clash >= 0)
        throw new WorkbookSpecError(`${where}: overlaps merge ${clash + 1} ("${this.sheet.merges[clash]}")`);
      for (const t of this.ctx.tables) {
        if (overlaps(t.range, r))
          throw new WorkbookSpecError(`${where}: overlaps table "${t.table.name}" (tables cannot hold merged cells)`);
      }
      seen.push(r);
      out.push(rangeText(r));
    });
    return out;
  }

  /**
   * The merges' text when every one is a range of two cells or more, none overlapping another or a
   * table; else undefined. Overlaps found by a sweep down the rows (merges spanning the row in
   * hand only), not every pair: a consolidation of 3,000 units has thousands of merges.
   */
  private mergesAllFine(): string[] | undefined {
    const ranges: RangePos[] = [];
    for (const ref of this.sheet.merges) {
      let r: RangePos;
      try {
        r = checkedRange(ref, "");
      } catch {
        return undefined;
      }
      if (r.top === r.bottom && r.left === r.right) return undefined;
      for (const t of this.ctx.tables) if (overlaps(t.range, r)) return undefined;
      ranges.push(r);
    }
    const byTop = [...ranges].sort((a, b) => a.top - b.top);
    let active: RangePos[] = [];
    for (const r of byTop) {
      active = active.filter((a) => a.bottom >= r.top);
      if (active.some((a) => overlaps(a, r))) return undefined;
      active.push(r);
    }
    return ranges.map(rangeText);
  }

  private conditionalFormats(): string {
    return this.sheet.conditionalFormats
      .map((cf, i) => {
        const where = this.where(`conditional format ${i + 1}`);
        const sqref = sqrefText(cf.range, where);
        return el("conditionalFormatting", { sqref }, this.cfRule(cf, i, where));
      })
      .join("");
  }

  /** Priorities follow the description's order (`index` 0 = priority 1): the first rule wins. */
  private cfRule(cf: ConditionalFormat, index: number, where: string): string {
    const priority = index + 1;
    if (cf.kind === "expression") {
      const dxfId = this.ctx.styles.dxfIndex(cf.style, where);
      return el(
        "cfRule",
        { type: "expression", dxfId, priority, stopIfTrue: cf.stopIfTrue ? true : undefined },
        `<formula>${escapeText(formulaText(cf.formula, where))}</formula>`,
      );
    }
    // The Excel 2007 data bar, which every reader knows, plus a reference to its Excel 2010 twin (written
    // in the worksheet's extLst): only the twin can say "solid fill", without it Excel draws a gradient.
    // The bar starts at 0 unless the description gives `min`, and ends at `max` or the largest value.
    const low = el("cfvo", { type: "num", val: finite(cf.min ?? 0, where) });
    const high =
      cf.max === undefined ? el("cfvo", { type: "max" }) : el("cfvo", { type: "num", val: finite(cf.max, where) });
    const ref = el(
      "extLst",
      {},
      el("ext", { uri: X14.cfRuleRef, "xmlns:x14": X14.ns }, `<x14:id>${dataBarGuid(this.ctx.index, index)}</x14:id>`),
    );
    return el(
      "cfRule",
      { type: "dataBar", priority },
      el("dataBar", {}, low + high + el("color", { rgb: argb(cf.color, where) })) + ref,
    );
  }

  /**
   * The worksheet's extLst (last child of <worksheet>): the Excel 2010 twin of every data bar, solid
   * (gradient="0"), full cell width at the maximum (minLength 0, maxLength 100) as Office.js draws it.
   * Child order of x14:dataBar is fixed by MS-XLSX: cfvo, cfvo, fillColor?, borderColor?,
   * negativeFillColor?, negativeBorderColor?, axisColor?.
   */
  private extLst(): string {
    const items = this.sheet.conditionalFormats.flatMap((cf, i) => {
      if (cf.kind !== "dataBar") return [];
      const where = this.where(`conditional format ${i + 1}`);
      const cfvo = (type: string, value?: number): string =>
        value === undefined
          ? el("x14:cfvo", { type })
          : el("x14:cfvo", { type }, `<xm:f>${finite(value, where)}</xm:f>`);
      const high = cf.max === undefined ? cfvo("max") : cfvo("num", cf.max);
      const bar = el(
        "x14:dataBar",
        { minLength: 0, maxLength: 100, gradient: false },
        cfvo("num", cf.min ?? 0) +
          high +
          // Excel's defaults for negative values and the axis, which Excel 2010+ always writes.
          el("x14:negativeFillColor", { rgb: "FFFF0000" }) +
          el("x14:axisColor", { rgb: "FF000000" }),
      );
      return [
        el(
          "x14:conditionalFormatting",
          { "xmlns:xm": X14.xm },
          el("x14:cfRule", { type: "dataBar", id: dataBarGuid(this.ctx.index, i) }, bar) +
            `<xm:sqref>${sqrefText(cf.range, where)}</xm:sqref>`,
        ),
      ];
    });
    if (items.length === 0) return "";
    return el(
      "extLst",
      {},
      el(
        "ext",
        { uri: X14.conditionalFormattings, "xmlns:x14": X14.ns },
        el("x14:conditionalFormattings", {}, items.join("")),
      ),
    );
  }

  private validations(): string {
    const items = this.sheet.validations.map((v, i) => validationXml(v, this.where(`validation ${i + 1}`)));
    return items.length ? el("dataValidations", { count: items.length }, items.join("")) : "";
  }

  private printXml(): string {
    const p = this.sheet.print;
    const hf = this.headerFooter();
    if (!p) return hf;
    const m = p.marginsMm;
    for (const [k, mm] of Object.entries(m)) {
      if (!(mm >= 0 && mm <= 1000))
        throw new WorkbookSpecError(this.where(`print: margin ${k} ${mm} mm is not a length`));
    }
    const inch = (mm: number): number => mm / 25.4;
    return (
      (p.centerHorizontally ? el("printOptions", { horizontalCentered: true }) : "") +
      el("pageMargins", {
        left: inch(m.left),
        right: inch(m.right),
        top: inch(m.top),
        bottom: inch(m.bottom),
        header: inch(m.header),
        footer: inch(m.footer),
      }) +
      el("pageSetup", {
        paperSize: 9, // A4 — the only paper the description knows
        orientation: p.orientation,
        fitToWidth: p.fitToWidth ? 1 : undefined,
        fitToHeight: p.fitToWidth ? 0 : undefined,
      }) +
      hf
    );
  }

  private headerFooter(): string {
    const p = this.sheet.print;
    if (!p || (!p.header && !p.footer)) return "";
    const code = (text: string, what: string): string => {
      const c = `&C${text}`;
      if (c.length > LIMITS.headerFooter)
        throw new WorkbookSpecError(this.where(`print: ${what} longer than 255 characters`));
      return c;
    };
    const header = p.header ? code(p.header.center, "header") : undefined;
    const footer = p.footer ? code(p.footer.center, "footer") : undefined;
    const differentFirst = p.header?.firstPageDifferent === true;
    let body = "";
    if (header !== undefined) body += `<oddHeader>${escapeText(header)}</oddHeader>`;
    if (footer !== undefined) body += `<oddFooter>${escapeText(footer)}</oddFooter>`;
    // The first page loses only its header; its footer stays the same as on every other page.
    if (differentFirst)
      body += "<firstHeader/>" + (footer !== undefined ? `<firstFooter>${escapeText(footer)}</firstFooter>` : "");
    return el("headerFooter", { differentFirst: differentFirst ? true : undefined }, body);
  }
}

function validationXml(v: Validation, where: string): string {
  const sqref = sqrefText(v.range, where);
  const limit = (text: string, max: number, what: string): string => {
    if (text.length > max)
      throw new WorkbookSpecError(`${where}: ${what} has ${text.length} characters, Excel allows ${max}`);
    return text;
  };
  const promptTitle = v.prompt ? limit(v.prompt.title, LIMITS.validationTitle, "prompt title") : undefined;
  const prompt = v.prompt ? limit(v.prompt.message, LIMITS.validationMessage, "prompt message") : undefined;
  const errorTitle = limit(v.error.title, LIMITS.validationTitle, "error title");
  const error = limit(v.error.message, LIMITS.validationMessage, "error message");

  let operator: string | undefined;
  let formulas: string;
  if (v.type === "list") {
    const list = v.list ?? [];
    if (list.length === 0) throw new WorkbookSpecError(`${where}: a list validation needs entries`);
    for (const item of list) {
      if (item.includes(","))
        throw new WorkbookSpecError(`${where}: list entry "${item}" contains a comma (the inline list separator)`);
    }
    const joined = list.join(",");
    limit(joined, LIMITS.inlineList, "the inline list");
    formulas = `<formula1>${escapeText(`"${joined.replace(/"/g, '""')}"`)}</formula1>`;
  } else {
    const bound = (b: Validation["min"], what: string): string => {
      if (b === undefined) throw new WorkbookSpecError(`${where}: operator "${operator}" needs ${what}`);
      if (typeof b === "number") {
        if (v.type === "date") throw new WorkbookSpecError(`${where}: a date validation needs {date} bounds`);
        if (v.type !== "decimal" && !Number.isInteger(b))
          throw new WorkbookSpecError(`${where}: ${what} must be a whole number`);
        return finite(b, where);
      }
      if (v.type !== "date") throw new WorkbookSpecError(`${where}: {date} bounds need a date validation`);
      return String(dateSerial(b.date, where));
    };
    operator = v.operator ?? "between";
    if (operator === "between")
      formulas = `<formula1>${bound(v.min, "min")}</formula1><formula2>${bound(v.max, "max")}</formula2>`;
    else if (operator === "greaterThanOrEqual") formulas = `<formula1>${bound(v.min, "min")}</formula1>`;
    else formulas = `<formula1>${bound(v.max, "max")}</formula1>`;
  }
  return el(
    "dataValidation",
    {
      type: v.type,
      errorStyle: v.error.style,
      operator: operator === "between" ? undefined : operator,
      allowBlank: v.allowBlank,
      showInputMessage: v.prompt ? true : undefined,
      showErrorMessage: true,
      errorTitle,
      error,
      promptTitle,
      prompt,
      sqref,
    },
    formulas,
  );
}

/** Space-separated ranges, each checked. */
function sqrefText(ref: string, where: string): string {
  const parts = ref.trim().split(/\s+/);
  return parts.map((p) => rangeText(checkedRange(p, where))).join(" ");
}

/** The formula as the file stores it: without the "=" a user types. */
function formulaText(formula: string, where: string): string {
  const f = formula.trim().replace(/^=/, "");
  if (f === "") throw new WorkbookSpecError(`${where}: the formula is empty`);
  if (f.length > LIMITS.formula) throw new WorkbookSpecError(`${where}: formula longer than Excel's 8192 characters`);
  return f;
}

function finite(n: number, where: string): string {
  if (!Number.isFinite(n)) throw new WorkbookSpecError(`${where}: ${n} is not a number Excel can store`);
  return num(n);
}

/** Serial for a valid calendar date from 1900-03-01 on (Excel's 1900 leap-year bug makes earlier serials differ). */
const serials = new Map<string, number>();
function dateSerial(iso: string, where: string): number {
  // Remembered: a history repeats the same few dates hundreds of thousands of times.
  const known = serials.get(iso);
  if (known !== undefined) return known;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(iso) && iso >= "1900-03-01" && iso <= "9999-12-31";
  const serial = ok ? isoToSerial(iso) : NaN;
  if (!ok || serialToIso(serial) !== iso)
    throw new WorkbookSpecError(`${where}: "${iso}" is not a date from 1900-03-01 to 9999-12-31`);
  if (serials.size < 100_000) serials.set(iso, serial);
  return serial;
}

/** Default row height in points for the default font, as Excel derives it (≈ 1.36 × font size, quarter points). */
function defaultRowHeight(fontSize: number): number {
  return Math.round(fontSize * 1.36 * 4) / 4;
}
