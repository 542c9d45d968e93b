/**
 * Fills a generated report form the way a unit does in Excel: values typed into the input cells,
 * dates as real dates or as text, "80%", formulas, long text. Edits the sheet XML of the .xlsx
 * directly with fflate (no Excel library), keeping every cell's style, so what comes out is what a
 * spreadsheet program would have saved. Shared by the consolidation tests and the browser e2e tests.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { columnLetter, parseAddress } from "../../src/workbook/a1";
import { isoToSerial } from "../../src/dates";
import {
  FORM_COLUMNS,
  FORM_FOOTER_FIELDS,
  FORM_HEADER_ROW,
  FORM_SHEET,
  type FormColumnKey,
} from "../../src/workbook/form-layout";

/**
 * What goes into a cell:
 * - string / number / boolean: typed as such (a string is always a text cell, even "=1+1" or "80%");
 * - null: the cell is emptied (its style kept);
 * - {date}: a real date (serial number; the input cell's date format shows it);
 * - {percent}: a number shown with the "0%" format (0.8 → 80%);
 * - {formula, result}: a formula with its cached result, as Excel saves it.
 */
export type FillValue =
  | string
  | number
  | boolean
  | null
  | { date: string }
  | { percent: number }
  | { formula: string; result?: string | number | boolean };

export type FillInputKey =
  "status" | "completedOn" | "progress" | "result" | "documents" | "difficulties" | "proposals";

export type FillRow = { task: number } & Partial<Record<FillInputKey, FillValue>>;

export type FillFooter = Partial<Record<"preparer" | "phone" | "preparedOn", FillValue>>;

export interface FillOptions {
  /** Extra cells of the form sheet to set, by address ("Z40": "ghi chú"). */
  cells?: Record<string, FillValue>;
  /** The program's save time (docProps/core.xml dcterms:modified), ISO datetime. */
  modified?: string;
}

/** Fills task rows (found by their TT number) and the footer of a generated form. */
export function fillForm(
  bytes: Uint8Array,
  rows: FillRow[],
  footer: FillFooter = {},
  options: FillOptions = {},
): Uint8Array {
  const pkg = new Package(bytes);
  const sheet = pkg.sheetPath(FORM_SHEET);
  const layout = locate(pkg, sheet);
  const cells: Record<string, FillValue> = {};
  for (const r of rows) {
    const row = layout.taskRows.get(r.task);
    if (row === undefined) throw new Error(`fillForm: task ${r.task} is not on this form`);
    for (const [key, value] of Object.entries(r)) {
      if (key === "task" || value === undefined) continue;
      cells[`${layout.columns[key as FormColumnKey]}${row}`] = value;
    }
  }
  for (const [key, value] of Object.entries(footer)) {
    const ref = layout.footer.get(key);
    if (!ref) throw new Error(`fillForm: footer field ${key} not found`);
    if (value !== undefined) cells[ref] = value;
  }
  Object.assign(cells, options.cells ?? {});
  pkg.setCells(sheet, cells);
  if (options.modified) pkg.setModified(options.modified);
  return pkg.bytes();
}

/**
 * A form filled with every kind of value a unit types — statuses in other wordings, dates as text
 * and as real dates, "80%" and 0.6, a formula, "<", "&" and quotes — a footer and a note beside it.
 */
export function filledSample(form: Uint8Array, tasks: readonly number[]): Uint8Array {
  return fillForm(
    form,
    tasks.map((task, i) => ({
      task,
      status: ["Hoàn thành", "đang thực hiện", "Xong"][i % 3]!,
      completedOn: i % 2 ? { date: "2026-05-20" } : "30/6/2026",
      progress: i % 2 ? { percent: 0.6 } : "80%",
      result: i % 2 ? { formula: 'T("chữ")', result: "chữ" } : 'Đã ban hành kế hoạch <số 1> & tổ chức "hội nghị"',
    })),
    { preparer: "Nguyễn Văn A", phone: 912345678 },
    { cells: { P3: "ghi chú lề" } },
  );
}

/** Sets cells of any sheet by address. */
export function setCells(bytes: Uint8Array, sheetName: string, cells: Record<string, FillValue>): Uint8Array {
  const pkg = new Package(bytes);
  pkg.setCells(pkg.sheetPath(sheetName), cells);
  return pkg.bytes();
}

/** Sets the program's save time (core.xml dcterms:modified). */
export function setModified(bytes: Uint8Array, iso: string): Uint8Array {
  const pkg = new Package(bytes);
  pkg.setModified(iso);
  return pkg.bytes();
}

/** Where a form's task rows, input columns and footer cells are. */
export function formLayout(bytes: Uint8Array): {
  taskRows: Map<number, number>;
  columns: Record<FormColumnKey, string>;
  footer: Map<string, string>;
} {
  const pkg = new Package(bytes);
  return locate(pkg, pkg.sheetPath(FORM_SHEET));
}

/**
 * Removes the form's identity from some or all of its three places (custom properties, hidden
 * names, the hidden sheet), as some programs do on save or when a unit copies the table out.
 */
export function stripIdentity(
  bytes: Uint8Array,
  which: { properties?: boolean; names?: boolean; sheet?: boolean } = { properties: true, names: true, sheet: true },
): Uint8Array {
  const pkg = new Package(bytes);
  if (which.properties) pkg.removePart("docProps/custom.xml");
  if (which.names) {
    pkg.edit("xl/workbook.xml", (x) => x.replace(/<definedName name="NQ08_[^"]*"[^>]*>[^<]*<\/definedName>/g, ""));
  }
  if (which.sheet) {
    const path = pkg.sheetPath("_nq08");
    pkg.edit("xl/workbook.xml", (x) => x.replace(/<sheet name="_nq08"[^>]*\/>/, ""));
    pkg.removePart(path);
  }
  return pkg.bytes();
}

/** Deletes whole rows' cells (the rows stay, empty): e.g. a unit deleting the title block. */
export function clearRows(bytes: Uint8Array, sheetName: string, first: number, last: number): Uint8Array {
  const pkg = new Package(bytes);
  pkg.edit(pkg.sheetPath(sheetName), (x) =>
    x.replace(/<row r="(\d+)"([^>]*?)(\/>|>[\s\S]*?<\/row>)/g, (all, r: string, attrs: string) =>
      Number(r) >= first && Number(r) <= last ? `<row r="${r}"${attrs}/>` : all,
    ),
  );
  return pkg.bytes();
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

class Package {
  private readonly files: Record<string, Uint8Array>;
  private strings: string[] | null = null;

  constructor(bytes: Uint8Array) {
    this.files = unzipSync(bytes);
  }

  text(path: string): string {
    const f = this.files[path];
    if (!f) throw new Error(`fillForm: no part ${path}`);
    return strFromU8(f);
  }

  edit(path: string, fn: (xml: string) => string): void {
    this.files[path] = strToU8(fn(this.text(path)));
  }

  removePart(path: string): void {
    delete this.files[path];
    const name = path.split("/").pop()!;
    for (const rels of Object.keys(this.files).filter((p) => p.endsWith(".rels")))
      this.edit(rels, (x) =>
        x.replace(new RegExp(`<Relationship [^>]*Target="[^"]*${name.replace(".", "\\.")}"[^>]*/>`, "g"), ""),
      );
    this.edit("[Content_Types].xml", (x) =>
      x.replace(new RegExp(`<Override PartName="/${path.replace(".", "\\.")}"[^>]*/>`), ""),
    );
  }

  sheetPath(name: string): string {
    const wb = this.text("xl/workbook.xml");
    const m = new RegExp(`<sheet [^>]*name="${escapeXml(name)}"[^>]*r:id="([^"]+)"`).exec(wb);
    if (!m) throw new Error(`fillForm: no sheet ${name}`);
    const rels = this.text("xl/_rels/workbook.xml.rels");
    const t =
      new RegExp(`<Relationship [^>]*Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels) ??
      new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(rels);
    if (!t) throw new Error(`fillForm: no relationship ${m[1]}`);
    return t[1]!.startsWith("/") ? t[1]!.slice(1) : `xl/${t[1]}`;
  }

  sharedStrings(): string[] {
    if (this.strings) return this.strings;
    const xml = this.files["xl/sharedStrings.xml"] ? this.text("xl/sharedStrings.xml") : "";
    this.strings = [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
      unescapeXml([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join("")),
    );
    return this.strings;
  }

  private addString(text: string): number {
    const xml = this.text("xl/sharedStrings.xml");
    const list = this.sharedStrings();
    list.push(text);
    this.files["xl/sharedStrings.xml"] = strToU8(
      xml
        .replace(/<\/sst>\s*$/, `<si><t xml:space="preserve">${escapeXml(text)}</t></si></sst>`)
        .replace(/count="\d+"/, `count="${list.length}"`)
        .replace(/uniqueCount="\d+"/, `uniqueCount="${list.length}"`),
    );
    return list.length - 1;
  }

  /** A copy of cell style `s` with the "0%" number format; its index. */
  private percentStyle(s: number): number {
    const xml = this.text("xl/styles.xml");
    const block = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(xml)!;
    const xfs = [...block[2]!.matchAll(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    const base = xfs[s] ?? xfs[0]!;
    let copy = base.replace(/numFmtId="\d+"/, 'numFmtId="9"');
    if (!/applyNumberFormat=/.test(copy)) copy = copy.replace("<xf ", '<xf applyNumberFormat="1" ');
    xfs.push(copy);
    this.files["xl/styles.xml"] = strToU8(
      xml.replace(block[0], `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>`),
    );
    return xfs.length - 1;
  }

  setCells(path: string, cells: Record<string, FillValue>): void {
    let xml = this.text(path);
    for (const [ref, value] of Object.entries(cells)) xml = this.setCell(xml, ref.toUpperCase(), value);
    // The sheet's dimension may now be too small; spreadsheet programs do not rely on it, but keep it honest.
    this.files[path] = strToU8(xml.replace(/<dimension ref="[^"]*"\/>/, ""));
  }

  private setCell(xml: string, ref: string, value: FillValue): string {
    const pos = parseAddress(ref);
    if (!pos) throw new Error(`fillForm: bad address ${ref}`);
    const re = new RegExp(`<c r="${ref}"([^>]*?)(/>|>([\\s\\S]*?)</c>)`);
    const m = re.exec(xml);
    const style = m ? /\bs="(\d+)"/.exec(m[1]!)?.[1] : undefined;
    const cell = this.cellXml(ref, style === undefined ? undefined : Number(style), value);
    if (m) return xml.replace(m[0], cell);
    const rowRe = new RegExp(`<row r="${pos.row}"([^>]*?)(/>|>([\\s\\S]*?)</row>)`);
    const rm = rowRe.exec(xml);
    if (rm) {
      const inner = rm[3] ?? "";
      const existing = [...inner.matchAll(/<c r="([A-Z]+)\d+"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)];
      const after = existing.find((e) => parseAddress(`${e[1]}1`)!.column > pos.column);
      const newInner = after ? inner.replace(after[0], cell + after[0]) : inner + cell;
      return xml.replace(rm[0], `<row r="${pos.row}"${rm[1]!.replace(/\s*$/, "")}>${newInner}</row>`);
    }
    const rows = [...xml.matchAll(/<row r="(\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g)];
    const next = rows.find((r) => Number(r[1]) > pos.row);
    const newRow = `<row r="${pos.row}">${cell}</row>`;
    if (next) return xml.replace(next[0], newRow + next[0]);
    return xml
      .replace(/<sheetData\/>/, `<sheetData>${newRow}</sheetData>`)
      .replace(/<\/sheetData>/, `${newRow}</sheetData>`);
  }

  private cellXml(ref: string, style: number | undefined, value: FillValue): string {
    let s = style === undefined ? "" : ` s="${style}"`;
    if (value === null) return `<c r="${ref}"${s}/>`;
    if (typeof value === "string") return `<c r="${ref}"${s} t="s"><v>${this.addString(value)}</v></c>`;
    if (typeof value === "number") return `<c r="${ref}"${s}><v>${value}</v></c>`;
    if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
    if ("date" in value) return `<c r="${ref}"${s}><v>${isoToSerial(value.date)}</v></c>`;
    if ("percent" in value) {
      s = ` s="${this.percentStyle(style ?? 0)}"`;
      return `<c r="${ref}"${s}><v>${value.percent}</v></c>`;
    }
    const f = `<f>${escapeXml(value.formula.replace(/^=/, ""))}</f>`;
    const r = value.result;
    if (r === undefined) return `<c r="${ref}"${s}>${f}</c>`;
    if (typeof r === "string") return `<c r="${ref}"${s} t="str">${f}<v>${escapeXml(r)}</v></c>`;
    if (typeof r === "boolean") return `<c r="${ref}"${s} t="b">${f}<v>${r ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s}>${f}<v>${r}</v></c>`;
  }

  setModified(iso: string): void {
    this.edit("docProps/core.xml", (x) =>
      x
        .replace(/<dcterms:modified[^>]*>[^<]*<\/dcterms:modified>/, "")
        .replace(
          /<\/cp:coreProperties>/,
          `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`,
        ),
    );
  }

  bytes(): Uint8Array {
    const out: Zippable = {};
    for (const [k, v] of Object.entries(this.files)) out[k] = v;
    return zipSync(out, { level: 6 });
  }
}

/** Finds task rows by TT in column A, columns by the form layout, footer cells by their labels. */
function locate(pkg: Package, path: string) {
  const xml = pkg.text(path);
  const strings = pkg.sharedStrings();
  const columns = Object.fromEntries(FORM_COLUMNS.map((c, i) => [c.key, columnLetter(i + 1)])) as Record<
    FormColumnKey,
    string
  >;
  const taskRows = new Map<number, number>();
  const footer = new Map<string, string>();
  for (const m of xml.matchAll(/<c r="A(\d+)"([^>]*?)>([\s\S]*?)<\/c>/g)) {
    const row = Number(m[1]);
    const v = /<v>([^<]*)<\/v>/.exec(m[3]!)?.[1];
    if (v === undefined || row <= FORM_HEADER_ROW) continue;
    if (/t="s"/.test(m[2]!)) {
      const text = strings[Number(v)] ?? "";
      const f = FORM_FOOTER_FIELDS.find((x) => x.label === text);
      if (f) footer.set(f.key, `C${row}`);
    } else if (!taskRows.has(Number(v))) taskRows.set(Number(v), row);
  }
  return { taskRows, columns, footer };
}
