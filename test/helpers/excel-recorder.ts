/**
 * A recording fake of the slice of the Excel JavaScript API that src/excel uses.
 *
 * Like Office.js, every property set and method call on a proxy is only queued; `context.sync()`
 * executes the queue in order against an in-memory workbook model, then makes loaded collections
 * readable. The recorder keeps every call (with the sync batch it went out in), counts syncs,
 * measures each batch's payload (UTF-8 JSON), can be told to fail on a given call (the calls before
 * it in the batch stay applied, like Excel), and reports the resulting workbook: sheets, cells
 * (values, formulas, formats), columns, rows, merges, validations, conditional formats, tables,
 * protection, page layout, names and document properties.
 *
 * Excel behaviours modelled because the renderer relies on them: strings set through `values`
 * that start with "=" become formulas unless the cell is text-formatted ("@"); renaming a sheet or
 * table rewrites formulas that point at it; deleting a sheet turns references to it into #REF!;
 * a protected sheet rejects cell writes; names of sheets, tables and defined names must be unique;
 * the last visible sheet cannot be hidden or deleted; 2-D arrays must match the range's size.
 */
import { columnNumber, parseRange } from "../../src/workbook/a1";

export interface RecordedCall {
  /** 1-based number of the sync this call went out with. */
  batch: number;
  kind: "set" | "call" | "load";
  /** Object path, e.g. `workbook.worksheets.add("x").getRange("A1:B2").format.font`. */
  target: string;
  /** Property or method name. */
  name: string;
  /** Value set, or call arguments. */
  value: unknown;
}

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

export interface FakeCell {
  value?: string | number | boolean;
  formula?: string;
  props: Record<string, unknown>;
}

export interface FakeSheet {
  id: number;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  tabColor?: string;
  showGridlines: boolean;
  cells: Map<string, FakeCell>;
  /** Formats set on the whole sheet (`getRange()`). */
  sheetFormat: Record<string, unknown>;
  columns: Map<number, Record<string, unknown>>;
  rows: Map<number, Record<string, unknown>>;
  merges: string[];
  validations: Map<string, Record<string, unknown>>;
  conditionalFormats: FakeConditionalFormat[];
  protection: { options: unknown; password: string | undefined } | null;
  pageLayout: Record<string, unknown>;
  freeze: { rows: number; columns: number } | null;
  charts: FakeChart[];
}

/** A chart: its type and source range, properties set (by path) and methods called on its parts. */
export interface FakeChart {
  id: number;
  type: string;
  source: string;
  seriesBy: string;
  props: Record<string, unknown>;
  calls: { target: string; name: string; args: unknown[] }[];
}

export interface FakeConditionalFormat {
  id: number;
  address: string;
  type: string;
  props: Record<string, unknown>;
}

export interface FakeTable {
  id: number;
  sheetId: number;
  name: string;
  address: string;
  hasHeaders: boolean;
  props: Record<string, unknown>;
}

export interface FakeName {
  id: number;
  name: string;
  formula: string;
  visible: boolean;
}

type Seg =
  | { kind: "prop"; name: string }
  | { kind: "call"; name: string; args: unknown[]; resolved?: number }
  | { kind: "item"; id: number; label: string };

interface NodeState {
  path: Seg[];
  snapshot?: Record<string, unknown>;
  items?: unknown[];
}

interface QueuedOp {
  kind: RecordedCall["kind"];
  path: Seg[];
  name: string;
  value: unknown;
  seg?: Seg;
  node?: NodeState;
  call: RecordedCall;
  bytes: number;
}

type Area =
  | { kind: "sheet" }
  | { kind: "columns"; left: number; right: number }
  | { kind: "rows"; top: number; bottom: number }
  | { kind: "cells"; top: number; left: number; bottom: number; right: number };

type Resolved =
  | { t: "context" }
  | { t: "workbook" }
  | { t: "worksheets" }
  | { t: "sheet"; sheet: FakeSheet }
  | { t: "range"; sheet: FakeSheet; area: Area; address: string; sub: string[] }
  | { t: "dataValidation"; sheet: FakeSheet; address: string; area: Area }
  | { t: "conditionalFormats"; sheet: FakeSheet; address: string }
  | { t: "cf"; cf: FakeConditionalFormat; sub: string[] }
  | { t: "sheetTables"; sheet: FakeSheet }
  | { t: "tables" }
  | { t: "table"; table: FakeTable }
  | { t: "protection"; sheet: FakeSheet }
  | { t: "pageLayout"; sheet: FakeSheet; sub: string[] }
  | { t: "freezePanes"; sheet: FakeSheet }
  | { t: "names" }
  | { t: "name"; item: FakeName }
  | { t: "charts"; sheet: FakeSheet }
  | { t: "chart"; chart: FakeChart; sheet: FakeSheet; sub: string[] }
  | { t: "properties"; sub: string[] };

/** Methods the fake knows; any other property access is navigation to a child object. */
const METHODS = new Set([
  "add",
  "getItem",
  "getRange",
  "merge",
  "delete",
  "activate",
  "protect",
  "freezeRows",
  "freezeColumns",
  "freezeAt",
  "setPrintTitleRows",
  "setPrintArea",
  "select",
  "getActiveWorksheet",
  "getItemAt",
  "setCategoryNames",
  "setPosition",
  "setSolidColor",
]);

const NODE = Symbol("node");

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

function segText(seg: Seg): string {
  if (seg.kind === "prop") return `.${seg.name}`;
  if (seg.kind === "item") return `.items[${JSON.stringify(seg.label)}]`;
  return `.${seg.name}(${seg.args.map((a) => JSON.stringify(a) ?? "").join(", ")})`;
}

function pathText(path: Seg[]): string {
  return path.map(segText).join("").replace(/^\./, "");
}

function parseArea(address: string | undefined): Area {
  if (address === undefined || address === "") return { kind: "sheet" };
  const cols = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(address);
  if (cols?.[1] && cols[2]) return { kind: "columns", left: columnNumber(cols[1]), right: columnNumber(cols[2]) };
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(address);
  if (rows?.[1] && rows[2]) return { kind: "rows", top: Number(rows[1]), bottom: Number(rows[2]) };
  const r = parseRange(address);
  if (!r) throw new FakeExcelError("InvalidArgument", `Bad address ${address}`);
  return { kind: "cells", ...r };
}

function letters(n: number): string {
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** How Excel writes a sheet reference after a rename. */
function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? `${name}!`
    : `'${name.replace(/'/g, "''")}'!`;
}

function sheetRefPattern(name: string): RegExp {
  const quoted = `'${escapeRe(name.replace(/'/g, "''"))}'!`;
  return new RegExp(`${quoted}|(?<![A-Za-z0-9_.'])${escapeRe(name)}!`, "gi");
}

export class ExcelRecorder {
  readonly calls: RecordedCall[] = [];
  /** Payload bytes of each sync batch (UTF-8 JSON of every queued call). */
  readonly batchBytes: number[] = [];
  syncs = 0;
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly names: FakeName[] = [];
  readonly properties: Record<string, unknown> = {};
  readonly customProperties = new Map<string, string>();
  activeSheetId: number | null = null;
  /** The range last selected with `range.select()`. */
  selection: { sheet: string; address: string } | null = null;

  private queue: QueuedOp[] = [];
  private nextId = 1;
  private failure: { match: (c: RecordedCall) => boolean; error: FakeExcelError; once: boolean } | null = null;
  readonly context: Excel.RequestContext;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const name of sheetNames) this.createSheet(name);
    this.activeSheetId = this.sheets[0]?.id ?? null;
    const root = this.proxy({ path: [] });
    const sync = () => this.sync();
    this.context = new Proxy(
      {},
      {
        get: (_t, key) => {
          if (key === "sync") return sync;
          if (key === "workbook") return (root as Record<string, unknown>).workbook;
          return undefined;
        },
      },
    ) as Excel.RequestContext;
  }

  /** Makes the sync that executes the first matching call fail (the calls before it stay applied). */
  failOn(match: (c: RecordedCall) => boolean, options: { code?: string; message?: string; once?: boolean } = {}): void {
    this.failure = {
      match,
      error: new FakeExcelError(
        options.code ?? "GeneralException",
        options.message ?? "An internal error has occurred.",
      ),
      once: options.once ?? true,
    };
  }

  /** Sets up a sheet that exists before the render (e.g. the user's own), with constant cells. */
  addSheet(name: string, cells: Record<string, string | number | boolean> = {}): FakeSheet {
    const sheet = this.createSheet(name);
    for (const [address, value] of Object.entries(cells)) sheet.cells.set(address.toUpperCase(), { value, props: {} });
    return sheet;
  }

  /** Sets up a table that exists before the render. */
  addTable(sheet: string, name: string, address: string): FakeTable {
    const table: FakeTable = {
      id: this.nextId++,
      sheetId: this.sheet(sheet).id,
      name,
      address,
      hasHeaders: true,
      props: {},
    };
    this.tables.push(table);
    return table;
  }

  // --- Reporting -------------------------------------------------------------------------------

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name.toUpperCase() === name.toUpperCase());
    if (!s) throw new Error(`No sheet ${name}; sheets: ${this.sheetNames().join(", ")}`);
    return s;
  }

  /** A cell with its own formats laid over the sheet-wide ones. */
  cell(sheet: string, address: string): { value?: unknown; formula?: string; format: Record<string, unknown> } {
    const s = this.sheet(sheet);
    const c = s.cells.get(address.toUpperCase());
    return { value: c?.value, formula: c?.formula, format: { ...s.sheetFormat, ...(c?.props ?? {}) } };
  }

  tablesOf(sheet: string): FakeTable[] {
    const id = this.sheet(sheet).id;
    return this.tables.filter((t) => t.sheetId === id);
  }

  callsIn(batch: number): RecordedCall[] {
    return this.calls.filter((c) => c.batch === batch);
  }

  // --- Proxies ---------------------------------------------------------------------------------

  private proxy(node: NodeState): unknown {
    const children = new Map<string, unknown>();
    const target = { [NODE]: node };
    return new Proxy(target, {
      get: (_t, key) => {
        if (key === NODE) return node;
        if (typeof key === "symbol" || key === "then") return undefined;
        if (key === "toJSON") return () => `<${pathText(node.path)}>`;
        if (key === "load") {
          return (props?: string | string[]) => {
            this.enqueue({ kind: "load", path: node.path, name: "load", value: props ?? null, node });
            return this.proxy(node);
          };
        }
        if (key === "items") {
          if (!node.items) throw new FakeExcelError("PropertyNotLoaded", `items of ${pathText(node.path)} not loaded`);
          return node.items;
        }
        if (node.snapshot && key in node.snapshot) {
          const v = node.snapshot[key];
          if (v !== null && typeof v === "object")
            return this.proxy({
              path: [...node.path, { kind: "prop", name: key }],
              snapshot: v as Record<string, unknown>,
            });
          return v;
        }
        if (METHODS.has(key)) {
          return (...args: unknown[]) => {
            const seg: Seg = { kind: "call", name: key, args };
            this.enqueue({ kind: "call", path: node.path, name: key, value: args, seg });
            return this.proxy({ path: [...node.path, seg] });
          };
        }
        let child = children.get(key);
        if (!child) {
          child = this.proxy({ path: [...node.path, { kind: "prop", name: key }] });
          children.set(key, child);
        }
        return child;
      },
      set: (_t, key, value) => {
        if (typeof key === "symbol") return false;
        this.enqueue({ kind: "set", path: node.path, name: key, value });
        return true;
      },
    });
  }

  private enqueue(op: Omit<QueuedOp, "call" | "bytes">): void {
    const call: RecordedCall = {
      batch: this.syncs + 1,
      kind: op.kind,
      target: pathText(op.path),
      name: op.name,
      value: op.value,
    };
    this.calls.push(call);
    const bytes = utf8Length(JSON.stringify({ p: call.target, n: call.name, v: call.value }) ?? "");
    this.queue.push({ ...op, call, bytes });
  }

  private async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.syncs++;
    this.batchBytes.push(queue.reduce((n, op) => n + op.bytes, 0));
    for (const op of queue) {
      if (this.failure?.match(op.call)) {
        const error = this.failure.error;
        if (this.failure.once) this.failure = null;
        throw error;
      }
      this.execute(op);
    }
  }

  // --- Execution -------------------------------------------------------------------------------

  private createSheet(name: string): FakeSheet {
    if (name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name))
      throw new FakeExcelError("InvalidArgument", `Invalid sheet name ${name}`);
    if (this.sheets.some((s) => s.name.toUpperCase() === name.toUpperCase()))
      throw new FakeExcelError("ItemAlreadyExists", `Sheet ${name} exists`);
    const sheet: FakeSheet = {
      id: this.nextId++,
      name,
      visibility: "Visible",
      showGridlines: true,
      cells: new Map(),
      sheetFormat: {},
      columns: new Map(),
      rows: new Map(),
      merges: [],
      validations: new Map(),
      conditionalFormats: [],
      protection: null,
      pageLayout: {},
      freeze: null,
      charts: [],
    };
    this.sheets.push(sheet);
    return sheet;
  }

  private sheetById(id: number): FakeSheet {
    const s = this.sheets.find((x) => x.id === id);
    if (!s) throw new FakeExcelError("ItemNotFound", `Sheet #${id} no longer exists`);
    return s;
  }

  private findSheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name.toUpperCase() === String(name).toUpperCase());
    if (!s) throw new FakeExcelError("ItemNotFound", `Sheet ${name} not found`);
    return s;
  }

  private resolve(path: Seg[]): Resolved {
    let cur: Resolved = { t: "context" };
    for (const seg of path) cur = this.step(cur, seg);
    return cur;
  }

  private step(cur: Resolved, seg: Seg): Resolved {
    const unsupported = () =>
      new FakeExcelError("NotImplemented", `Fake Excel does not model ${cur.t} ${segText(seg)}`);
    if (seg.kind === "item") {
      if (cur.t === "worksheets") return { t: "sheet", sheet: this.sheetById(seg.id) };
      if (cur.t === "tables") return { t: "table", table: this.tableById(seg.id) };
      if (cur.t === "names") return { t: "name", item: this.nameById(seg.id) };
      throw unsupported();
    }
    if (seg.kind === "call") {
      const cached = seg.resolved;
      switch (cur.t) {
        case "worksheets":
          if (seg.name === "add") {
            if (cached === undefined) throw new FakeExcelError("ItemNotFound", "Sheet was never added");
            return { t: "sheet", sheet: this.sheetById(cached) };
          }
          if (seg.name === "getItem") {
            if (cached === undefined) seg.resolved = this.findSheet(String(seg.args[0])).id;
            return { t: "sheet", sheet: this.sheetById(seg.resolved as number) };
          }
          if (seg.name === "getActiveWorksheet") {
            if (cached === undefined) {
              if (this.activeSheetId === null) throw new FakeExcelError("ItemNotFound", "No active sheet");
              seg.resolved = this.activeSheetId;
            }
            return { t: "sheet", sheet: this.sheetById(seg.resolved as number) };
          }
          break;
        case "sheet":
          if (seg.name === "getRange") {
            const address = (seg.args[0] as string | undefined) ?? "";
            return { t: "range", sheet: cur.sheet, area: parseArea(address), address, sub: [] };
          }
          break;
        case "range":
          if (seg.name === "getItem" && cur.sub.join(".") === "format.borders")
            return { ...cur, sub: [...cur.sub, String(seg.args[0])] };
          break;
        case "conditionalFormats":
          if (seg.name === "add") return { t: "cf", cf: this.cfById(cur.sheet, cached), sub: [] };
          break;
        case "sheetTables":
          if (seg.name === "add") return { t: "table", table: this.tableById(cached) };
          break;
        case "tables":
          if (seg.name === "getItem") return { t: "table", table: this.tableByName(String(seg.args[0])) };
          break;
        case "charts":
          if (seg.name === "add") {
            const chart = cur.sheet.charts.find((c) => c.id === cached);
            if (!chart) throw new FakeExcelError("ItemNotFound", `Chart #${cached} not found`);
            return { t: "chart", chart, sheet: cur.sheet, sub: [] };
          }
          break;
        case "chart":
          if (seg.name === "getItemAt") return { ...cur, sub: [...cur.sub, `getItemAt(${String(seg.args[0])})`] };
          break;
        case "names":
          if (seg.name === "add") return { t: "name", item: this.nameById(cached) };
          if (seg.name === "getItem") return { t: "name", item: this.nameByName(String(seg.args[0])) };
          break;
      }
      throw unsupported();
    }
    const name = seg.name;
    switch (cur.t) {
      case "context":
        if (name === "workbook") return { t: "workbook" };
        break;
      case "workbook":
        if (name === "worksheets") return { t: "worksheets" };
        if (name === "tables") return { t: "tables" };
        if (name === "names") return { t: "names" };
        if (name === "properties") return { t: "properties", sub: [] };
        break;
      case "sheet":
        if (name === "tables") return { t: "sheetTables", sheet: cur.sheet };
        if (name === "protection") return { t: "protection", sheet: cur.sheet };
        if (name === "pageLayout") return { t: "pageLayout", sheet: cur.sheet, sub: [] };
        if (name === "freezePanes") return { t: "freezePanes", sheet: cur.sheet };
        if (name === "charts") return { t: "charts", sheet: cur.sheet };
        break;
      case "chart":
        return { ...cur, sub: [...cur.sub, name] };
      case "range":
        if (cur.sub.length === 0 && name === "dataValidation")
          return { t: "dataValidation", sheet: cur.sheet, address: cur.address, area: cur.area };
        if (cur.sub.length === 0 && name === "conditionalFormats")
          return { t: "conditionalFormats", sheet: cur.sheet, address: cur.address };
        return { ...cur, sub: [...cur.sub, name] };
      case "cf":
        return { ...cur, sub: [...cur.sub, name] };
      case "pageLayout":
        return { ...cur, sub: [...cur.sub, name] };
      case "properties":
        return { ...cur, sub: [...cur.sub, name] };
      case "table":
        if (name === "worksheet") return { t: "sheet", sheet: this.sheetById(cur.table.sheetId) };
        break;
    }
    throw unsupported();
  }

  private tableById(id: number | undefined): FakeTable {
    const t = this.tables.find((x) => x.id === id);
    if (!t) throw new FakeExcelError("ItemNotFound", `Table #${id} not found`);
    return t;
  }

  private tableByName(name: string): FakeTable {
    const t = this.tables.find((x) => x.name.toUpperCase() === name.toUpperCase());
    if (!t) throw new FakeExcelError("ItemNotFound", `Table ${name} not found`);
    return t;
  }

  private nameById(id: number | undefined): FakeName {
    const n = this.names.find((x) => x.id === id);
    if (!n) throw new FakeExcelError("ItemNotFound", `Name #${id} not found`);
    return n;
  }

  private nameByName(name: string): FakeName {
    const n = this.names.find((x) => x.name.toUpperCase() === name.toUpperCase());
    if (!n) throw new FakeExcelError("ItemNotFound", `Name ${name} not found`);
    return n;
  }

  private cfById(sheet: FakeSheet, id: number | undefined): FakeConditionalFormat {
    const cf = sheet.conditionalFormats.find((x) => x.id === id);
    if (!cf) throw new FakeExcelError("ItemNotFound", `Conditional format #${id} not found`);
    return cf;
  }

  private nameTaken(name: string, except?: { table?: FakeTable; name?: FakeName }): boolean {
    const key = name.toUpperCase();
    return (
      this.tables.some((t) => t !== except?.table && t.name.toUpperCase() === key) ||
      this.names.some((n) => n !== except?.name && n.name.toUpperCase() === key)
    );
  }

  private execute(op: QueuedOp): void {
    const target = this.resolve(op.path);
    if (op.kind === "load") {
      this.load(target, op.node as NodeState, op.path);
      return;
    }
    if (op.kind === "call") {
      this.call(target, op.name, op.value as unknown[], op.seg as Extract<Seg, { kind: "call" }>);
      return;
    }
    this.set(target, op.name, op.value);
  }

  private load(target: Resolved, node: NodeState, path: Seg[]): void {
    const itemProxy = (id: number, label: string, snapshot: Record<string, unknown>) =>
      this.proxy({ path: [...path, { kind: "item", id, label }], snapshot });
    if (target.t === "worksheets") {
      node.items = this.sheets.map((s, i) =>
        itemProxy(s.id, s.name, { id: `{${s.id}}`, name: s.name, visibility: s.visibility, position: i }),
      );
    } else if (target.t === "tables") {
      node.items = this.tables.map((t) =>
        itemProxy(t.id, t.name, { name: t.name, worksheet: { name: this.sheetById(t.sheetId).name } }),
      );
    } else if (target.t === "names") {
      node.items = this.names.map((n) =>
        itemProxy(n.id, n.name, { name: n.name, formula: n.formula, visible: n.visible }),
      );
    } else {
      throw new FakeExcelError("NotImplemented", `Fake Excel cannot load ${target.t}`);
    }
  }

  private guardProtected(sheet: FakeSheet): void {
    if (sheet.protection) throw new FakeExcelError("AccessDenied", `Sheet ${sheet.name} is protected`);
  }

  private areaOf(arg: unknown, sheet: FakeSheet): { address: string; area: Area } {
    if (typeof arg === "string") return { address: arg, area: parseArea(arg) };
    const node = (arg as { [NODE]?: NodeState })[NODE];
    if (!node) throw new FakeExcelError("InvalidArgument", "Expected a range");
    const r = this.resolve(node.path);
    if (r.t !== "range" || r.sheet !== sheet) throw new FakeExcelError("InvalidArgument", "Range on another sheet");
    return { address: r.address, area: r.area };
  }

  private call(target: Resolved, name: string, args: unknown[], seg: Extract<Seg, { kind: "call" }>): void {
    switch (target.t) {
      case "worksheets":
        if (name === "add") {
          seg.resolved = this.createSheet(String(args[0])).id;
          return;
        }
        if (name === "getItem" || name === "getActiveWorksheet") return;
        break;
      case "sheet":
        if (name === "getRange") return;
        if (name === "delete") {
          const sheet = target.sheet;
          const visible = this.sheets.filter((s) => s.visibility === "Visible");
          if (visible.length === 1 && visible[0] === sheet)
            throw new FakeExcelError("InvalidOperation", "Cannot delete the last visible sheet");
          this.sheets.splice(this.sheets.indexOf(sheet), 1);
          for (let i = this.tables.length - 1; i >= 0; i--)
            if (this.tables[i]?.sheetId === sheet.id) this.tables.splice(i, 1);
          this.rewriteFormulas(sheetRefPattern(sheet.name), "#REF!");
          if (this.activeSheetId === sheet.id)
            this.activeSheetId = this.sheets.find((s) => s.visibility === "Visible")?.id ?? null;
          return;
        }
        if (name === "activate") {
          if (target.sheet.visibility !== "Visible")
            throw new FakeExcelError("InvalidOperation", "Cannot activate a hidden sheet");
          this.activeSheetId = target.sheet.id;
          return;
        }
        break;
      case "range":
        if (name === "merge" && target.sub.length === 0) {
          this.guardProtected(target.sheet);
          target.sheet.merges.push(target.address);
          return;
        }
        if (name === "getItem") return;
        if (name === "select" && target.sub.length === 0) {
          if (target.sheet.visibility !== "Visible")
            throw new FakeExcelError("InvalidOperation", "Cannot select on a hidden sheet");
          this.selection = { sheet: target.sheet.name, address: target.address };
          return;
        }
        break;
      case "charts":
        if (name === "add") {
          const { address } = this.areaOf(args[1], target.sheet);
          const chart: FakeChart = {
            id: this.nextId++,
            type: String(args[0]),
            source: address,
            seriesBy: String(args[2] ?? "Auto"),
            props: {},
            calls: [],
          };
          target.sheet.charts.push(chart);
          seg.resolved = chart.id;
          return;
        }
        break;
      case "chart": {
        if (name === "getItemAt") return;
        // Range arguments are recorded by address (they must be on the chart's sheet).
        const recorded = args.map((a) =>
          a !== null && typeof a === "object" ? this.areaOf(a, target.sheet).address : a,
        );
        target.chart.calls.push({ target: target.sub.join("."), name, args: recorded });
        return;
      }
      case "conditionalFormats":
        if (name === "add") {
          this.guardProtected(target.sheet);
          const cf: FakeConditionalFormat = {
            id: this.nextId++,
            address: target.address,
            type: String(args[0]),
            props: {},
          };
          target.sheet.conditionalFormats.push(cf);
          seg.resolved = cf.id;
          return;
        }
        break;
      case "sheetTables":
        if (name === "add") {
          this.guardProtected(target.sheet);
          const { address } = this.areaOf(args[0], target.sheet);
          let n = 1;
          while (this.nameTaken(`Table${n}`)) n++;
          const table: FakeTable = {
            id: this.nextId++,
            sheetId: target.sheet.id,
            name: `Table${n}`,
            address,
            hasHeaders: !!args[1],
            props: {},
          };
          this.tables.push(table);
          seg.resolved = table.id;
          return;
        }
        break;
      case "tables":
        if (name === "getItem") return;
        break;
      case "protection":
        if (name === "protect") {
          if (target.sheet.protection) throw new FakeExcelError("InvalidOperation", "Already protected");
          target.sheet.protection = { options: args[0], password: args[1] as string | undefined };
          return;
        }
        break;
      case "freezePanes": {
        const sheet = target.sheet;
        if (name === "freezeRows") sheet.freeze = { rows: Number(args[0]), columns: 0 };
        else if (name === "freezeColumns") sheet.freeze = { rows: 0, columns: Number(args[0]) };
        else if (name === "freezeAt") {
          const { area } = this.areaOf(args[0], sheet);
          if (area.kind !== "cells") throw new FakeExcelError("InvalidArgument", "freezeAt needs cells");
          sheet.freeze = { rows: area.bottom, columns: area.right };
        } else break;
        return;
      }
      case "pageLayout":
        if (name === "setPrintTitleRows") {
          target.sheet.pageLayout.printTitleRows = args[0];
          return;
        }
        if (name === "setPrintArea") {
          target.sheet.pageLayout.printArea = args[0];
          return;
        }
        break;
      case "names":
        if (name === "add") {
          const itemName = String(args[0]);
          if (this.nameTaken(itemName)) throw new FakeExcelError("ItemAlreadyExists", `Name ${itemName} exists`);
          const item: FakeName = { id: this.nextId++, name: itemName, formula: String(args[1]), visible: true };
          this.names.push(item);
          seg.resolved = item.id;
          return;
        }
        if (name === "getItem") return;
        break;
      case "name":
        if (name === "delete") {
          this.names.splice(this.names.indexOf(target.item), 1);
          return;
        }
        break;
      case "properties":
        if (name === "add" && target.sub.join(".") === "custom") {
          this.customProperties.set(String(args[0]), String(args[1]));
          return;
        }
        break;
    }
    throw new FakeExcelError("NotImplemented", `Fake Excel does not model ${target.t}.${name}()`);
  }

  private set(target: Resolved, name: string, value: unknown): void {
    switch (target.t) {
      case "sheet": {
        const sheet = target.sheet;
        if (name === "name") {
          const newName = String(value);
          if (newName.length > 31 || /[\\/?*[\]:]/.test(newName))
            throw new FakeExcelError("InvalidArgument", `Invalid sheet name ${newName}`);
          if (this.sheets.some((s) => s !== sheet && s.name.toUpperCase() === newName.toUpperCase()))
            throw new FakeExcelError("ItemAlreadyExists", `Sheet ${newName} exists`);
          this.rewriteFormulas(sheetRefPattern(sheet.name), sheetRef(newName));
          sheet.name = newName;
          return;
        }
        if (name === "visibility") {
          const v = value as FakeSheet["visibility"];
          if (v !== "Visible" && this.sheets.every((s) => s === sheet || s.visibility !== "Visible"))
            throw new FakeExcelError("InvalidOperation", "Cannot hide the last visible sheet");
          sheet.visibility = v;
          return;
        }
        if (name === "position") {
          this.sheets.splice(this.sheets.indexOf(sheet), 1);
          this.sheets.splice(Math.min(Number(value), this.sheets.length), 0, sheet);
          return;
        }
        if (name === "tabColor") {
          sheet.tabColor = String(value);
          return;
        }
        if (name === "showGridlines") {
          sheet.showGridlines = !!value;
          return;
        }
        break;
      }
      case "range":
        this.setRange(target, name, value);
        return;
      case "dataValidation": {
        this.guardProtected(target.sheet);
        const entry = target.sheet.validations.get(target.address) ?? {};
        entry[name] = value;
        target.sheet.validations.set(target.address, entry);
        return;
      }
      case "cf":
        target.cf.props[[...target.sub, name].join(".")] = value;
        return;
      case "chart":
        target.chart.props[[...target.sub, name].join(".")] = value;
        return;
      case "table":
        if (name === "name") {
          const newName = String(value);
          if (this.nameTaken(newName, { table: target.table }))
            throw new FakeExcelError("ItemAlreadyExists", `Name ${newName} exists`);
          this.rewriteFormulas(new RegExp(`(?<![A-Za-z0-9_.])${escapeRe(target.table.name)}\\[`, "gi"), `${newName}[`);
          target.table.name = newName;
          return;
        }
        target.table.props[name] = value;
        return;
      case "pageLayout":
        target.sheet.pageLayout[[...target.sub, name].join(".")] = value;
        return;
      case "name":
        if (name === "visible") {
          target.item.visible = !!value;
          return;
        }
        break;
      case "properties":
        if (target.sub.length === 0) {
          this.properties[name] = value;
          return;
        }
        break;
    }
    throw new FakeExcelError("NotImplemented", `Fake Excel does not model setting ${target.t}.${name}`);
  }

  private setRange(target: Extract<Resolved, { t: "range" }>, name: string, value: unknown): void {
    const { sheet, area } = target;
    const key = [...target.sub, name].join(".");
    this.guardProtected(sheet);
    if (key === "format.columnWidth" || key === "columnHidden") {
      if (area.kind !== "columns")
        throw new FakeExcelError("InvalidArgument", `${key} on ${target.address}: use whole columns`);
      for (let c = area.left; c <= area.right; c++) sheet.columns.set(c, { ...sheet.columns.get(c), [key]: value });
      return;
    }
    if (key === "format.rowHeight") {
      if (area.kind !== "rows")
        throw new FakeExcelError("InvalidArgument", `${key} on ${target.address}: use whole rows`);
      for (let r = area.top; r <= area.bottom; r++) sheet.rows.set(r, { ...sheet.rows.get(r), [key]: value });
      return;
    }
    if (area.kind === "sheet") {
      if (key === "values" || key === "formulas" || key === "numberFormat")
        throw new FakeExcelError("InvalidArgument", "Too large");
      sheet.sheetFormat[key] = value;
      return;
    }
    if (area.kind !== "cells")
      throw new FakeExcelError("NotImplemented", `Fake Excel does not model ${key} on ${target.address}`);
    const rows = area.bottom - area.top + 1;
    const cols = area.right - area.left + 1;
    const grid = key === "values" || key === "formulas" || key === "numberFormat";
    if (grid) {
      const m = value as unknown[][];
      if (!Array.isArray(m) || m.length !== rows || m.some((row) => !Array.isArray(row) || row.length !== cols)) {
        throw new FakeExcelError(
          "InvalidArgument",
          `The ${key} array does not match ${target.address} (${rows}×${cols})`,
        );
      }
    }
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const address = `${letters(area.left + c)}${area.top + r}`;
        const cell = sheet.cells.get(address) ?? { props: {} };
        const v = grid ? (value as unknown[][])[r]?.[c] : value;
        if (key === "values" || key === "formulas") {
          delete cell.value;
          delete cell.formula;
          const text = cell.props.numberFormat === "@";
          if (typeof v === "string" && v.startsWith("=") && (key === "formulas" || !text)) cell.formula = v;
          else if (v !== "" && v !== null && v !== undefined) cell.value = v as string | number | boolean;
        } else {
          cell.props[key] = v;
        }
        sheet.cells.set(address, cell);
      }
    }
  }

  private rewriteFormulas(pattern: RegExp, replacement: string): void {
    const fix = (f: string) => f.replace(pattern, replacement);
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) if (cell.formula) cell.formula = fix(cell.formula);
      for (const cf of s.conditionalFormats) {
        const f = cf.props["custom.rule.formula"];
        if (typeof f === "string") cf.props["custom.rule.formula"] = fix(f);
      }
    }
    for (const n of this.names) n.formula = fix(n.formula);
  }
}
