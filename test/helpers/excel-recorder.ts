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
 * Requirement sets: every member is looked up in src/excel/api-sets.json (generated from the
 * `[Api set: ExcelApi 1.x]` tags of @types/office-js by scripts/gen-excel-api-sets.mjs). The
 * recorder is given the client's ExcelApi version (default 1.9, the manifest's minimum); a member
 * above it fails the sync with `ApiNotFound`, an argument form above it with `InvalidArgument`, as
 * Excel does. A member the types do not declare throws at once (a typo in the add-in).
 *
 * Strictness: reading a scalar property that was not loaded and synced throws `PropertyNotLoaded`
 * (Office.js does this in the client, before any round trip); `load` gives only what was asked.
 *
 * Request size: each sync's batch is serialised the way the Office.js runtime builds its RichApi
 * request (OfficeExtension.ClientRequestBase: `{AutoKeepReference, Actions, ObjectPaths}`, object
 * paths with ids, parents and arguments; Instantiate/Query/Method/SetProperty actions), and
 * `batchBytes` holds the UTF-8 length of that JSON — not the renderer's own estimate.
 *
 * Excel behaviours modelled because the renderer relies on them: strings set through `values`
 * that start with "=" become formulas unless the cell is text-formatted ("@"); renaming a sheet or
 * table rewrites formulas that point at it; deleting a sheet turns references to it into #REF!;
 * a protected sheet rejects cell writes; names of sheets, tables and defined names must be unique;
 * the last visible sheet cannot be hidden or deleted; 2-D arrays must match the range's size; a very
 * hidden sheet cannot be deleted; an inline list validation source is at most 255 characters; a
 * table cannot cover merged cells. The user's selection is `selection` (set by the test or by
 * `range.select()`): `workbook.getSelectedRange()` is that range (A1 of the active sheet when none),
 * and `range.getUsedRangeOrNullObject()` trims a range to its cells in use, as Excel does.
 */
import apiSets from "../../src/excel/api-sets.json";
import { columnNumber, parseRange } from "../../src/workbook/a1";

/** One member of an Excel class, as the generated table describes it. */
export interface ApiMember {
  kind: "property" | "method";
  set: string;
  version: string | null;
  readonly?: boolean;
  type?: string;
  setVersion?: string;
  args?: { index: number; when: "given" | "object"; version: string }[];
  note?: string;
}

const API = (apiSets as unknown as { classes: Record<string, Record<string, ApiMember>> }).classes;

/** The generated table's entry for `cls.member`, or undefined when the types do not declare it. */
export function apiMember(cls: string, member: string): ApiMember | undefined {
  const members = API[cls];
  return members && Object.prototype.hasOwnProperty.call(members, member) ? members[member] : undefined;
}

/** "1.9" → 1009, so that 1.10 sorts after 1.9. */
function versionKey(v: string): number {
  const [major, minor] = v.split(".").map(Number);
  return (major ?? 0) * 1000 + (minor ?? 0);
}

/** What one queued command needs of the client: a requirement set, and the error Excel gives without it. */
interface Need {
  what: string;
  set: string;
  version: string | null;
  code: "ApiNotFound" | "InvalidArgument";
}

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

/** An Office.js object path as the runtime sends it (OfficeExtension.ObjectPath.objectPathInfo). */
interface PathInfo {
  Id: number;
  ObjectPathType: 1 | 3 | 4 | 5;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments: unknown[]; ReferencedObjectPathIds?: number[] };
}

interface NodeState {
  path: Seg[];
  /** Excel class of the proxy ("Worksheet", "RangeFormat"…); "" for the request context. */
  cls: string;
  /** The object path Office.js would send; none for the request context itself. */
  info?: PathInfo;
  parent?: NodeState;
  /** Proxies passed as arguments of the method that made this object. */
  argNodes?: NodeState[];
  /** Requirement sets of the members that lead here. */
  needs: Need[];
  snapshot?: Record<string, unknown>;
  items?: unknown[];
}

interface QueuedOp {
  kind: RecordedCall["kind"];
  path: Seg[];
  name: string;
  value: unknown;
  seg?: Seg;
  node: NodeState;
  /** For a method returning an object: the node of that object. */
  result?: NodeState;
  needs: Need[];
  call: RecordedCall;
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
  | { t: "properties"; sub: string[] }
  /** What an *OrNullObject method gave when there was nothing: every step from it stays null. */
  | { t: "null" }
  /** The merged areas inside a range (`getMergedAreasOrNullObject`). */
  | { t: "mergedAreas"; sheet: FakeSheet; areas: string[] };

const NODE = Symbol("node");

const ENCODER = new TextEncoder();

function utf8Length(s: string): number {
  return ENCODER.encode(s).length;
}

/** Member names go on the wire in Pascal case ("Values", "GetRange"), as Office.js sends them. */
function wireName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Office.js's own message for a property read before load + sync. */
function propertyNotLoaded(name: string): string {
  return `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`;
}

/** `load("items/name, items/id")` / `load(["items/name"])` → ["items/name", "items/id"]. */
function selectPaths(props: string | string[] | null | undefined): string[] {
  if (props === undefined || props === null) return [];
  const list = Array.isArray(props) ? props : props.split(",");
  return list.map((p) => p.trim()).filter((p) => p !== "");
}

/** Keeps only the loaded paths of a full snapshot ("name", "worksheet/name"); all scalars when none is named. */
function pick(full: Record<string, unknown>, paths: string[]): Record<string, unknown> {
  if (paths.length === 0) {
    return Object.fromEntries(Object.entries(full).filter(([, v]) => v === null || typeof v !== "object"));
  }
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const parts = path.split("/");
    let from: unknown = full;
    let into = out;
    parts.forEach((part, i) => {
      from = (from as Record<string, unknown> | undefined)?.[part];
      if (i === parts.length - 1) into[part] = from;
      else into = (into[part] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

/** The class of a collection's items: WorksheetCollection → Worksheet. */
function itemClass(cls: string): string {
  return cls.replace(/Collection$/, "");
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

function overlaps(a: Area, b: Extract<Area, { kind: "cells" }>): boolean {
  if (a.kind !== "cells") return false;
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
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

export interface RecorderOptions {
  /** The client's ExcelApi version (what `isSetSupported("ExcelApi", v)` answers up to). Default "1.9". */
  apiVersion?: string;
  /** Keep the JSON body of every request (for tests that read the wire format). */
  keepRequests?: boolean;
  /** False: grid writes are checked but cell contents not stored (for very large renders). */
  storeCells?: boolean;
}

export class ExcelRecorder {
  readonly calls: RecordedCall[] = [];
  /** UTF-8 bytes of each sync's request, serialised as the Office.js runtime sends it. */
  readonly batchBytes: number[] = [];
  /** The request bodies, when `keepRequests` was asked for. */
  readonly requests: unknown[] = [];
  syncs = 0;
  readonly apiVersion: string;
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly names: FakeName[] = [];
  readonly properties: Record<string, unknown> = {};
  readonly customProperties = new Map<string, string>();
  activeSheetId: number | null = null;
  /**
   * The user's selection: set by a test (what the user selected before clicking) or by
   * `range.select()`; `workbook.getSelectedRange()` reads it, A1 of the active sheet when null.
   */
  selection: { sheet: string; address: string } | null = null;
  /**
   * Excel ignores fit-to-page settings of `pageLayout.zoom` until the Page Layout tab has been shown
   * (OfficeDev/office-js#1860); false models a user who never opened it.
   */
  pageLayoutTabShown = true;
  /** Makes `freezePanes` calls fail with GeneralException, as some builds do (OfficeDev/office-js#2196). */
  freezePanesBroken = false;

  private queue: QueuedOp[] = [];
  private nextId = 1;
  /** Office.js numbers object paths and actions from one counter per request context. */
  private nextWireId = 1;
  private readonly keepRequests: boolean;
  private readonly storeCells: boolean;
  private failure: { match: (c: RecordedCall) => boolean; error: FakeExcelError; once: boolean } | null = null;
  readonly context: Excel.RequestContext;

  constructor(sheetNames: string[] = ["Sheet1"], options: RecorderOptions = {}) {
    this.apiVersion = options.apiVersion ?? "1.9";
    this.keepRequests = options.keepRequests ?? false;
    this.storeCells = options.storeCells ?? true;
    for (const name of sheetNames) this.createSheet(name);
    this.activeSheetId = this.sheets[0]?.id ?? null;
    const root = this.proxy({ path: [], cls: "RequestContext", needs: [] });
    const sync = () => this.sync();
    const workbook = (root as Record<string, unknown>).workbook;
    this.context = new Proxy(
      {},
      {
        get: (_t, key) => {
          if (key === "sync") return sync;
          if (key === "workbook") return workbook;
          return undefined;
        },
      },
    ) as Excel.RequestContext;
  }

  /** What Office.context.requirements.isSetSupported answers on this client. */
  isSetSupported(set: string, version = "1.1"): boolean {
    return set === "ExcelApi" && versionKey(version) <= versionKey(this.apiVersion);
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

  private memberNeed(cls: string, name: string, member: ApiMember, version: string | null): Need {
    return { what: `${cls}.${name}`, set: member.set, version, code: "ApiNotFound" };
  }

  private member(node: NodeState, key: string): ApiMember {
    const member = apiMember(node.cls, key);
    // Office.js proxies have no such member: the add-in would read undefined or set an expando
    // property that never reaches Excel. Either way it is a bug, so it fails here, loudly.
    if (!member) throw new TypeError(`Excel.${node.cls} has no member "${key}" (@types/office-js)`);
    return member;
  }

  private child(
    node: NodeState,
    seg: Seg,
    cls: string,
    needs: Need[],
    info: PathInfo,
    argNodes?: NodeState[],
  ): NodeState {
    return {
      path: [...node.path, seg],
      cls,
      info,
      ...(node.info ? { parent: node } : {}),
      ...(argNodes && argNodes.length > 0 ? { argNodes } : {}),
      needs: [...node.needs, ...needs],
    };
  }

  private proxy(node: NodeState): unknown {
    const children = new Map<string, unknown>();
    const target = { [NODE]: node };
    return new Proxy(target, {
      get: (_t, key) => {
        if (key === NODE) return node;
        if (typeof key === "symbol" || key === "then") return undefined;
        if (key === "toJSON") return () => `<${pathText(node.path)}>`;
        if (key === "context") return this.context;
        if (key === "load") {
          return (props?: string | string[]) => {
            this.enqueue({
              kind: "load",
              path: node.path,
              name: "load",
              value: props ?? null,
              node,
              needs: this.loadNeeds(node, props),
            });
            return this.proxy(node);
          };
        }
        if (key === "items") {
          if (!node.items) throw new FakeExcelError("PropertyNotLoaded", propertyNotLoaded("items"));
          return node.items;
        }
        if (key === "isNullObject") {
          // ClientObject's own property: known once a sync has run the call or load that made it.
          if (node.snapshot && "isNullObject" in node.snapshot) return node.snapshot.isNullObject;
          throw new FakeExcelError("PropertyNotLoaded", propertyNotLoaded(key));
        }
        const member = this.member(node, key);
        const need = this.memberNeed(node.cls, key, member, member.version);
        if (member.kind === "method") {
          return (...args: unknown[]) => {
            const seg: Seg = { kind: "call", name: key, args };
            const argNodes = args
              .map((a) => (a !== null && typeof a === "object" ? (a as { [NODE]?: NodeState })[NODE] : undefined))
              .filter((n): n is NodeState => n !== undefined);
            const needs = [need, ...this.argumentNeeds(node.cls, key, member, args)];
            const result = member.type
              ? this.child(node, seg, member.type, needs, this.pathInfo(3, key, node, this.wireArgs(args)), argNodes)
              : undefined;
            this.enqueue({
              kind: "call",
              path: node.path,
              name: key,
              value: args,
              seg,
              node,
              needs,
              ...(result ? { result } : {}),
            });
            return result ? this.proxy(result) : undefined;
          };
        }
        if (member.type) {
          let child = children.get(key);
          if (!child) {
            const nested = node.snapshot?.[key];
            const state = this.child(
              node,
              { kind: "prop", name: key },
              member.type,
              [need],
              this.pathInfo(4, key, node),
            );
            if (nested !== null && typeof nested === "object") {
              state.snapshot = nested as Record<string, unknown>;
              // A loaded collection inside a loaded object ("areas/items/address").
              const items = (nested as { items?: unknown }).items;
              if (Array.isArray(items)) state.items = items;
            }
            child = this.proxy(state);
            children.set(key, child);
          }
          return child;
        }
        if (node.snapshot && key in node.snapshot) return node.snapshot[key];
        throw new FakeExcelError("PropertyNotLoaded", propertyNotLoaded(key));
      },
      set: (_t, key, value) => {
        if (typeof key === "symbol") return false;
        const member = this.member(node, key);
        if (member.kind !== "property" || member.readonly || member.type)
          throw new TypeError(`Excel.${node.cls}.${key} cannot be set`);
        const need = this.memberNeed(node.cls, key, member, member.setVersion ?? member.version);
        this.enqueue({ kind: "set", path: node.path, name: key, value, node, needs: [need] });
        return true;
      },
    });
  }

  private pathInfo(type: 3 | 4 | 5, name: string, parent: NodeState, args?: PathInfo["ArgumentInfo"]): PathInfo {
    // context.workbook is Office.js's global object: its path is the root of every other.
    if (!parent.info) return { Id: this.nextWireId++, ObjectPathType: 1, Name: "" };
    return {
      Id: this.nextWireId++,
      ObjectPathType: type,
      Name: type === 5 ? "" : wireName(name),
      ParentObjectPathId: parent.info.Id,
      ...(args ? { ArgumentInfo: args } : {}),
    };
  }

  /** Arguments as Office.js sends them: proxies become the ids of their object paths. */
  private wireArgs(args: unknown[]): NonNullable<PathInfo["ArgumentInfo"]> {
    let any = false;
    const ids: number[] = [];
    const values = args.map((a) => {
      const n = a !== null && typeof a === "object" ? (a as { [NODE]?: NodeState })[NODE] : undefined;
      ids.push(n?.info?.Id ?? 0);
      if (n?.info) {
        any = true;
        return n.info.Id;
      }
      return a;
    });
    return any ? { Arguments: values, ReferencedObjectPathIds: ids } : { Arguments: values };
  }

  private argumentNeeds(cls: string, name: string, member: ApiMember, args: unknown[]): Need[] {
    return (member.args ?? []).flatMap((a) => {
      const arg = args[a.index];
      const applies = a.when === "given" ? arg !== undefined : arg !== null && typeof arg === "object";
      return applies
        ? [
            {
              what: `${cls}.${name} argument ${a.index + 1} (${a.when === "object" ? "an object" : "given"})`,
              set: member.set,
              version: a.version,
              code: "InvalidArgument" as const,
            },
          ]
        : [];
    });
  }

  /** Loading a property path needs every member on it, on the collection's item class. */
  private loadNeeds(node: NodeState, props: string | string[] | undefined): Need[] {
    const needs: Need[] = [];
    for (const path of selectPaths(props)) {
      let cls = node.cls;
      for (const part of path.split("/")) {
        if (part === "items") {
          cls = itemClass(cls);
          continue;
        }
        const member = this.member({ ...node, cls }, part);
        needs.push(this.memberNeed(cls, part, member, member.version));
        cls = member.type ?? cls;
      }
    }
    return needs;
  }

  private enqueue(op: Omit<QueuedOp, "call">): void {
    const call: RecordedCall = {
      batch: this.syncs + 1,
      kind: op.kind,
      target: pathText(op.path),
      name: op.name,
      value: op.value,
    };
    this.calls.push(call);
    this.queue.push({ ...op, needs: [...op.node.needs, ...op.needs], call });
  }

  private supports(need: Need): boolean {
    return need.set === "ExcelApi" && need.version !== null && versionKey(need.version) <= versionKey(this.apiVersion);
  }

  private async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.syncs++;
    const body = this.requestBody(queue);
    const json = JSON.stringify(body);
    this.batchBytes.push(utf8Length(json));
    if (this.keepRequests) this.requests.push(JSON.parse(json) as unknown);
    for (const op of queue) {
      const missing = op.needs.find((n) => !this.supports(n));
      if (missing) {
        throw new FakeExcelError(
          missing.code,
          missing.code === "ApiNotFound"
            ? `The API you are trying to use could not be found. ${missing.what} is part of the ${missing.set} ${missing.version ?? "Preview"} requirement set, which is not available in your version of Excel (${this.apiVersion}).`
            : `The argument is invalid or missing or has an incorrect format. ${missing.what} needs ${missing.set} ${missing.version ?? "Preview"} (this Excel: ${this.apiVersion}).`,
        );
      }
      if (this.failure?.match(op.call)) {
        const error = this.failure.error;
        if (this.failure.once) this.failure = null;
        throw error;
      }
      this.execute(op);
    }
  }

  /**
   * The batch as OfficeExtension.ClientRequestBase.buildRequestMessageBodyAndRequestFlags builds it:
   * every action in order, an Instantiate action before the first use of each object path (and its
   * parents and argument paths), and every referenced path once in `ObjectPaths`.
   */
  private requestBody(queue: readonly QueuedOp[]): unknown {
    const actions: unknown[] = [];
    const paths: Record<number, PathInfo> = {};
    const instantiated = new Set<number>();
    const reference = (n: NodeState | undefined): void => {
      for (let cur = n; cur?.info; cur = cur.parent) {
        if (paths[cur.info.Id]) return;
        paths[cur.info.Id] = cur.info;
        for (const a of cur.argNodes ?? []) reference(a);
      }
    };
    const instantiate = (n: NodeState | undefined): void => {
      if (!n?.info || instantiated.has(n.info.Id)) return;
      instantiate(n.parent);
      for (const a of n.argNodes ?? []) instantiate(a);
      instantiated.add(n.info.Id);
      actions.push({ Id: this.nextWireId++, ActionType: 1, Name: "", ObjectPathId: n.info.Id });
      reference(n);
    };
    for (const op of queue) {
      const node = op.node;
      if (op.kind === "call" && op.result) {
        // A method returning an object is an object path; Office.js sends it when it is used.
        instantiate(op.result);
        continue;
      }
      instantiate(node);
      const id = node.info?.Id ?? 0;
      if (op.kind === "load") {
        actions.push({
          Id: this.nextWireId++,
          ActionType: 2,
          Name: "",
          ObjectPathId: id,
          QueryInfo: {
            Select: selectPaths(op.value as string | string[] | undefined),
            Expand: [],
            Skip: null,
            Top: null,
          },
        });
      } else if (op.kind === "set") {
        actions.push({
          Id: this.nextWireId++,
          ActionType: 4,
          Name: wireName(op.name),
          ObjectPathId: id,
          ArgumentInfo: { Arguments: [op.value] },
        });
      } else {
        const args = op.value as unknown[];
        const argNodes = args
          .map((a) => (a !== null && typeof a === "object" ? (a as { [NODE]?: NodeState })[NODE] : undefined))
          .filter((n): n is NodeState => n !== undefined);
        for (const a of argNodes) instantiate(a);
        actions.push({
          Id: this.nextWireId++,
          ActionType: 3,
          Name: wireName(op.name),
          ObjectPathId: id,
          ArgumentInfo: this.wireArgs(args),
        });
      }
      reference(node);
    }
    return { AutoKeepReference: false, Actions: actions, ObjectPaths: paths };
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
    if (cur.t === "null") return cur;
    if (seg.kind === "call") {
      const cached = seg.resolved;
      switch (cur.t) {
        case "workbook":
          if (seg.name === "getSelectedRange") {
            // Excel always has a selection: with none set, the active sheet's A1.
            if (this.selection) return cellRange(this.findSheet(this.selection.sheet), this.selection.address);
            if (this.activeSheetId === null) throw new FakeExcelError("ItemNotFound", "No active sheet");
            return cellRange(this.sheetById(this.activeSheetId), "A1");
          }
          break;
        case "worksheets":
          if (seg.name === "getItemOrNullObject") {
            const found = this.sheets.find((x) => x.name.toUpperCase() === String(seg.args[0]).toUpperCase());
            return found ? { t: "sheet", sheet: found } : { t: "null" };
          }
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
          if (seg.name === "getUsedRange" || seg.name === "getUsedRangeOrNullObject") {
            const used = usedArea(cur.sheet, seg.args[0] === true);
            if (!used) return seg.name === "getUsedRange" ? cellRange(cur.sheet, "A1") : { t: "null" };
            return cellRange(cur.sheet, used);
          }
          break;
        case "range":
          if (seg.name === "getItem" && cur.sub.join(".") === "format.borders")
            return { ...cur, sub: [...cur.sub, String(seg.args[0])] };
          if (seg.name === "getMergedAreasOrNullObject" && cur.sub.length === 0 && cur.area.kind === "cells") {
            const a = cur.area;
            const areas = cur.sheet.merges.filter((m) => {
              const r = parseArea(m);
              return (
                r.kind === "cells" && r.top <= a.bottom && r.bottom >= a.top && r.left <= a.right && r.right >= a.left
              );
            });
            return areas.length > 0 ? { t: "mergedAreas", sheet: cur.sheet, areas } : { t: "null" };
          }
          if (seg.name === "getUsedRangeOrNullObject" && cur.sub.length === 0) {
            const used = usedArea(cur.sheet, seg.args[0] === true, cur.area);
            return used ? cellRange(cur.sheet, used) : { t: "null" };
          }
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
          if (seg.name === "getItem")
            return { ...cur, sub: [...cur.sub, `getItem(${seg.args.map(String).join(",")})`] };
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
      this.load(target, op.node, op.path, op.value as string | string[] | null);
      return;
    }
    if (op.kind === "call") {
      this.call(target, op.name, op.value as unknown[], op.seg as Extract<Seg, { kind: "call" }>);
      // After the sync, an *OrNullObject result says whether it found anything.
      if (op.result && op.name.endsWith("OrNullObject"))
        op.result.snapshot = { ...op.result.snapshot, isNullObject: this.resolve(op.result.path).t === "null" };
      return;
    }
    this.set(target, op.name, op.value);
  }

  private load(target: Resolved, node: NodeState, path: Seg[], props: string | string[] | null): void {
    // Only what was asked for is readable afterwards, like Office.js ("items/name" → items[i].name).
    const select = selectPaths(props).map((p) => p.replace(/^items\//, ""));
    const itemProxy = (id: number, label: string, full: Record<string, unknown>) =>
      this.proxy({
        path: [...path, { kind: "item", id, label }],
        cls: itemClass(node.cls),
        info: {
          Id: this.nextWireId++,
          ObjectPathType: 5,
          Name: "",
          ...(node.info ? { ParentObjectPathId: node.info.Id } : {}),
          ArgumentInfo: { Arguments: [String(full.id ?? label)] },
        },
        parent: node,
        needs: node.needs,
        snapshot: pick(full, select),
      });
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
    } else if (target.t === "properties" && target.sub.join(".") === "custom") {
      node.items = [...this.customProperties].map(([key, value], i) =>
        itemProxy(i + 1, key, { key, value, type: "String" }),
      );
    } else if (target.t === "null") {
      node.snapshot = { isNullObject: true };
    } else if (target.t === "mergedAreas") {
      const items = target.areas.map((a) => ({ address: `${target.sheet.name}!${a}` }));
      node.snapshot = { ...pick({ areas: { items } }, []), areas: { items }, isNullObject: false };
    } else if (target.t === "range" && target.sub.length === 0 && target.area.kind === "cells") {
      // Values as Excel gives them: formulas are not evaluated here, so a formula cell reads "".
      const { top, left, bottom, right } = target.area;
      const values: unknown[][] = [];
      const formulas: unknown[][] = [];
      // `text` as shown: the value in the General format (no number formats are modelled).
      const text: string[][] = [];
      for (let r = top; r <= bottom; r++) {
        const vr: unknown[] = [];
        const fr: unknown[] = [];
        const tr: string[] = [];
        for (let c = left; c <= right; c++) {
          const cell = target.sheet.cells.get(`${letters(c)}${r}`);
          const value = cell?.formula !== undefined ? "" : (cell?.value ?? "");
          vr.push(value);
          fr.push(cell?.formula ?? cell?.value ?? "");
          tr.push(typeof value === "boolean" ? String(value).toUpperCase() : String(value));
        }
        values.push(vr);
        formulas.push(fr);
        text.push(tr);
      }
      const full = {
        values,
        formulas,
        text,
        rowIndex: top - 1,
        columnIndex: left - 1,
        rowCount: bottom - top + 1,
        columnCount: right - left + 1,
        // One cell is "Sheet1!C5", as Excel writes it.
        address:
          top === bottom && left === right
            ? `${target.sheet.name}!${letters(left)}${top}`
            : `${target.sheet.name}!${letters(left)}${top}:${letters(right)}${bottom}`,
      };
      node.snapshot = { ...pick(full, select), isNullObject: false };
    } else if (
      target.t === "range" &&
      target.sub.length === 0 &&
      (target.area.kind === "columns" || target.area.kind === "rows") &&
      select.length > 0 &&
      select.every((p) => p === "address")
    ) {
      // Whole columns or rows ("Sheet1!B:H", "Sheet1!5:9"): their grids are not modelled, only where they are.
      const a = target.area;
      const where = a.kind === "columns" ? `${letters(a.left)}:${letters(a.right)}` : `${a.top}:${a.bottom}`;
      node.snapshot = { address: `${target.sheet.name}!${where}`, isNullObject: false };
    } else if (target.t === "pageLayout" && target.sub.length === 0) {
      // A new sheet prints at 100 %.
      node.snapshot = pick({ zoom: { scale: 100 }, ...target.sheet.pageLayout }, select);
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
      case "workbook":
        if (name === "getSelectedRange") return;
        break;
      case "worksheets":
        if (name === "add") {
          seg.resolved = this.createSheet(String(args[0])).id;
          return;
        }
        if (name === "getItem" || name === "getActiveWorksheet" || name === "getItemOrNullObject") return;
        break;
      case "null":
        return;
      case "sheet":
        if (name === "getRange" || name === "getUsedRange" || name === "getUsedRangeOrNullObject") return;
        if (name === "delete") {
          const sheet = target.sheet;
          if (sheet.visibility === "VeryHidden")
            throw new FakeExcelError("InvalidOperation", "This operation is not permitted for a very hidden sheet.");
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
        if (name === "getItem" || name === "getMergedAreasOrNullObject" || name === "getUsedRangeOrNullObject") return;
        if (name === "autofitRows" && target.sub.join(".") === "format") {
          this.guardProtected(target.sheet);
          const area = target.area;
          if (area.kind !== "rows")
            throw new FakeExcelError(
              "NotImplemented",
              `Fake Excel models autofitRows on whole rows only (${target.address})`,
            );
          for (let r = area.top; r <= area.bottom; r++)
            target.sheet.rows.set(r, { ...target.sheet.rows.get(r), "format.autofitRows": true });
          return;
        }
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
        if (name === "getItemAt" || name === "getItem") return;
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
          const { address, area } = this.areaOf(args[0], target.sheet);
          if (area.kind === "cells" && target.sheet.merges.some((m) => overlaps(parseArea(m), area)))
            throw new FakeExcelError("InvalidOperation", "A table can't overlap a range that contains merged cells.");
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
        if (this.freezePanesBroken)
          throw new FakeExcelError("GeneralException", "There was an internal error while processing the request.");
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
        const source = (value as { list?: { source?: unknown } } | null)?.list?.source;
        // Excel keeps an inline list (not a formula or range) to 255 characters.
        if (name === "rule" && typeof source === "string" && !source.startsWith("=") && source.length > 255)
          throw new FakeExcelError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
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
      case "pageLayout": {
        const key = [...target.sub, name].join(".");
        const zoom = value as Excel.PageLayoutZoomOptions | null;
        // OfficeDev/office-js#1860: fit-to-pages is dropped unless the Page Layout tab was shown.
        if (key === "zoom" && !this.pageLayoutTabShown && zoom && zoom.scale === undefined) return;
        target.sheet.pageLayout[key] = value;
        return;
      }
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
    if (!this.storeCells) return;
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

/**
 * The smallest block holding every cell with a value (or, unless valuesOnly, any format), within
 * `inside` when given (Range.getUsedRangeOrNullObject); null when none.
 */
function usedArea(sheet: FakeSheet, valuesOnly: boolean, inside: Area = { kind: "sheet" }): string | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const [address, cell] of sheet.cells) {
    const has =
      cell.value !== undefined || cell.formula !== undefined || (!valuesOnly && Object.keys(cell.props).length > 0);
    if (!has) continue;
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m) continue;
    const col = columnNumber(m[1]!);
    const row = Number(m[2]);
    if (!within(inside, row, col)) continue;
    top = Math.min(top, row);
    bottom = Math.max(bottom, row);
    left = Math.min(left, col);
    right = Math.max(right, col);
  }
  return bottom === 0 ? null : `${letters(left)}${top}:${letters(right)}${bottom}`;
}

function within(area: Area, row: number, col: number): boolean {
  if (area.kind === "sheet") return true;
  if (area.kind === "columns") return col >= area.left && col <= area.right;
  if (area.kind === "rows") return row >= area.top && row <= area.bottom;
  return row >= area.top && row <= area.bottom && col >= area.left && col <= area.right;
}

function cellRange(sheet: FakeSheet, address: string): Extract<Resolved, { t: "range" }> {
  return { t: "range", sheet, area: parseArea(address), address, sub: [] };
}
