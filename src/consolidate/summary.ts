/**
 * The JSON summary as written to disk (version 3): a ConsolidationResult in a compact, lossless
 * shape. Thousands of resends repeat the same message texts, the same file name on every problem,
 * the same facts in a file's report and its record, and the same values in a record's parsed
 * fields, its verbatim cells, its older copies and their "superseded-value" problems; version 3
 * writes each once (the shape is described in the README, "the JSON summary").
 * Every part is decoded again while writing and kept as it is (`verbatim`) unless it comes back
 * exactly, so the shape can never lose anything. Versions 1 and 2 (the result itself) still read.
 */
import type { Text } from "../i18n";
import type {
  CellScalar,
  ConsolidationResult,
  FileReport,
  FormRecord,
  PackedRecord,
  Problem,
  RawValue,
  TaskEntry,
} from "./types";
import { unpackForms } from "./stored";
import { sameJson } from "../util/same-json";

export const SUMMARY_VERSION = 3;

/** One problem per cell; without `value`, each cell's value is the one its file's record holds. */
export interface StoredProblem {
  /** Absent: "" (a problem with the whole file). */
  sheet?: string;
  /** Absent: [""] (one problem with the whole file or sheet). */
  cells?: string[];
  severity: Problem["severity"];
  code: Problem["code"];
  /** Index into `texts`. */
  text: number;
  value?: CellScalar | null;
  date?: string;
  formula?: string;
  expected?: string;
}

/** `own`: the problems at these indices of the file's own record (restored whole), in this order. */
export type StoredItem = StoredProblem | { own: number[] } | (Problem & { verbatim: true });

/** A text of an older copy as the copy in use's text of the same field with its middle replaced. */
export type StoredText = string | [prefix: number, middle: string, suffix: number];

export interface StoredEntry {
  task: number;
  /** Absent: the sheet of the entry before. */
  sheet?: string;
  row: number;
  status?: TaskEntry["status"];
  completedOn?: string;
  progress?: number;
  result?: StoredText;
  documents?: StoredText;
  difficulties?: StoredText;
  proposals?: StoredText;
  /**
   * `[]`: the cell in the record's column for the field on this row, holding the parsed value;
   * `[value]`: that cell holding this value; an object without `value`: the parsed value.
   */
  raw: Record<string, [] | [CellScalar] | (Omit<RawValue, "value"> & { value?: CellScalar })>;
}

/**
 * A record with compact entries and problems (of its own file), or (`verbatim`) one kept as it is.
 * `hash`, `unitCode`, `unitName`, `period`, `identifiedBy` absent: those of the file report of
 * the same name at the same index of `files`; `usable`, `formatVersion`, `unitMismatch` absent:
 * those of the record an older copy is stored against (`packed`); `footer` absent: an empty one (all null); in
 * `packed`, `base` absent: the report's `supersededBy`, `baseHash` absent: the hash of the only
 * whole record of that name, `without` absent: [].
 */
export type StoredRecord =
  | (Omit<FormRecord, "entries" | "problems" | "footer" | "packed"> & {
      /**
       * The column of each field: a raw value given as `[]` or `[value]` is in that column on the
       * entry's row. Absent: the columns of the record before.
       */
      columns?: Record<string, string>;
      footer?: FormRecord["footer"];
      packed?: Partial<PackedRecord>;
      entries: StoredEntry[];
      problems: StoredItem[];
    })
  | (FormRecord & { verbatim: true });

export interface SummaryV3 extends Omit<ConsolidationResult, "version" | "problems" | "forms"> {
  version: 3;
  texts: Text[];
  problems: { file: string; list: StoredItem[] }[];
  forms: StoredRecord[];
}

const TEXT_FIELDS = ["result", "documents", "difficulties", "proposals"] as const;
const ENTRY_FIELDS = ["status", "completedOn", "progress", ...TEXT_FIELDS] as const;
/** A record's keys in the order a freshly read record has them. */
const RECORD_KEYS = [
  "name",
  "hash",
  "size",
  "lastModified",
  "modified",
  "usable",
  "unitCode",
  "unitName",
  "period",
  "identifiedBy",
  "formatVersion",
  "unitMismatch",
  "entries",
  "footer",
  "problems",
  "packed",
  "askedTasks",
  "removedTasks",
] as const;
/** What a record and its file report both say. */
const FROM_REPORT = new Set<string>(["hash", "unitCode", "unitName", "period", "identifiedBy"]);
/** What an older copy usually shares with the copy in use it is stored against. */
const FROM_BASE = new Set<string>(["usable", "formatVersion", "unitMismatch"]);
/** A key JSON.parse keeps as data, but that an assignment would take as the object's prototype. */
const PROTO = "__proto__";
/** Shorter common parts are not worth the indirection. */
const MIN_SHARED = 16;

/** A summary whose parts do not fit together (edited by hand, cut short): refused, never half read. */
function damaged(file: string): never {
  throw new Error(`The summary's entry for ${file} refers to a message, a value or a record it does not hold.`);
}

/** Texts by index, each distinct one stored once. */
class TextTable {
  readonly texts: Text[] = [];
  private readonly index = new Map<string, number>();
  /** Problems made together share their text object: looked up by identity first. */
  private readonly seen = new Map<Text, number>();
  indexOf(t: Text): number {
    let i = this.seen.get(t);
    if (i !== undefined) return i;
    const k = `${t.vi}\u0000${t.en}`;
    i = this.index.get(k);
    if (i === undefined) this.index.set(k, (i = this.texts.push(t) - 1));
    this.seen.set(t, i);
    return i;
  }
}

// ---------------------------------------------------------------------------------------------
// Texts of older copies against the copy in use

function shareText(text: string, base: unknown): StoredText {
  if (typeof base !== "string") return text;
  const max = Math.min(text.length, base.length);
  let p = 0;
  while (p < max && text.charCodeAt(p) === base.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && text.charCodeAt(text.length - 1 - s) === base.charCodeAt(base.length - 1 - s)) s++;
  return p + s >= MIN_SHARED ? [p, text.slice(p, text.length - s), s] : text;
}

function unshareText(stored: StoredText, base: unknown, file: string): string {
  if (typeof stored === "string") return stored;
  if (typeof base !== "string" || !Array.isArray(stored)) return damaged(file);
  const [p, middle, s] = stored;
  return base.slice(0, p) + middle + base.slice(base.length - s);
}

// ---------------------------------------------------------------------------------------------
// Records

/** The column each field is typed in, from the record's first entry that has it: most raw cells are then that column on the entry's row. */
function columnsOf(entries: readonly TaskEntry[]): Record<string, string> {
  const cols: Record<string, string> = {};
  for (const e of entries)
    for (const [k, v] of Object.entries(e.raw) as [string, RawValue][]) {
      const m = /^([A-Z]+)(\d+)$/.exec(v.cell);
      if (!(k in cols) && m && Number(m[2]) === e.row) cols[k] = m[1]!;
    }
  // In the fields' order, so records typed the same way share one `columns`.
  const ordered: Record<string, string> = {};
  for (const k of ENTRY_FIELDS) if (k in cols) ordered[k] = cols[k]!;
  for (const k of Object.keys(cols)) if (!(k in ordered)) ordered[k] = cols[k]!;
  return ordered;
}

function encodeEntries(
  entries: readonly TaskEntry[],
  cols: Record<string, string>,
  base: ReadonlyMap<number, TaskEntry>,
): StoredEntry[] {
  let sheet: string | undefined;
  return entries.map((e) => {
    const out: Record<string, unknown> = { task: e.task };
    if (e.sheet !== sheet) out.sheet = e.sheet;
    sheet = e.sheet;
    out.row = e.row;
    const parsed = e as unknown as Record<string, unknown>;
    const other = base.get(e.task);
    for (const k of ENTRY_FIELDS) {
      const v = e[k];
      if (v === null) continue;
      out[k] = typeof v === "string" && other && k !== "status" && k !== "completedOn" ? shareText(v, other[k]) : v;
    }
    const raw: StoredEntry["raw"] = {};
    for (const [k, v] of Object.entries(e.raw) as [string, RawValue][]) {
      const keys = Object.keys(v);
      if (v.cell === `${cols[k]}${e.row}` && keys.length === 2 && keys[1] === "value")
        raw[k] = v.value === parsed[k] ? [] : [v.value];
      else if (v.value === parsed[k]) {
        const { value: _value, ...rest } = v;
        raw[k] = rest;
      } else raw[k] = v;
    }
    out.raw = raw;
    return out as unknown as StoredEntry;
  });
}

function decodeEntries(
  stored: readonly StoredEntry[],
  cols: Record<string, string>,
  base: ReadonlyMap<number, TaskEntry>,
  file: string,
): TaskEntry[] {
  let sheet = "";
  return stored.map((s) => {
    sheet = s.sheet ?? sheet;
    const other = base.get(s.task);
    const text = (k: (typeof TEXT_FIELDS)[number]) => {
      const v = s[k];
      return v === undefined ? null : unshareText(v, other?.[k], file);
    };
    const e: TaskEntry = {
      task: s.task,
      sheet,
      row: s.row,
      status: s.status ?? null,
      completedOn: s.completedOn ?? null,
      progress: s.progress ?? null,
      result: text("result"),
      documents: text("documents"),
      difficulties: text("difficulties"),
      proposals: text("proposals"),
      raw: {},
    };
    const parsed = e as unknown as Record<string, CellScalar>;
    const raw = e.raw as Record<string, RawValue>;
    for (const [k, v] of Object.entries(s.raw)) {
      if (k === PROTO) damaged(file);
      if (Array.isArray(v)) raw[k] = { cell: `${cols[k]}${s.row}`, value: v.length > 0 ? v[0]! : parsed[k]! };
      else {
        const { cell, value, ...rest } = v;
        raw[k] = { cell, value: value === undefined ? parsed[k]! : value, ...rest };
      }
    }
    return e;
  });
}

/** The verbatim values a record holds itself, by sheet and cell (a packed record: only its own). */
function valuesOfRecord(r: FormRecord): Map<string, CellScalar> {
  const values = new Map<string, CellScalar>();
  for (const e of r.entries) for (const v of Object.values(e.raw)) values.set(`${e.sheet}\u0000${v.cell}`, v.value);
  for (const v of Object.values(r.footer.raw)) values.set(`${v.sheet}\u0000${v.cell}`, v.value);
  return values;
}

const entriesOf = (r: FormRecord | undefined) => new Map((r?.entries ?? []).map((e) => [e.task, e] as const));
const emptyFooter = (): FormRecord["footer"] => ({ preparer: null, phone: null, preparedOn: null, raw: {} });

/** What a record is stored against: its file report, the copy in use, the columns of the record before. */
interface RecordContext {
  report: FileReport | undefined;
  base: FormRecord | undefined;
  columns: Record<string, string> | undefined;
  /** The hash of the only whole record of a name. */
  hashOf: (name: string) => string | undefined;
}

function encodePacked(p: PackedRecord, ctx: RecordContext): Partial<PackedRecord> {
  const out: Partial<PackedRecord> = {};
  if (p.base !== ctx.report?.supersededBy) out.base = p.base;
  if (p.baseHash !== ctx.hashOf(p.base)) out.baseHash = p.baseHash;
  if (p.without.length > 0) out.without = p.without;
  out.sameFooter = p.sameFooter;
  out.problems = p.problems;
  return out;
}

function decodePacked(p: Partial<PackedRecord>, ctx: RecordContext, file: string): PackedRecord {
  const base = p.base ?? ctx.report?.supersededBy ?? damaged(file);
  return {
    base,
    baseHash: p.baseHash ?? ctx.hashOf(base) ?? damaged(file),
    without: p.without ?? [],
    sameFooter: p.sameFooter ?? damaged(file),
    problems: p.problems ?? damaged(file),
  };
}

function encodeRecord(r: FormRecord, ctx: RecordContext, table: TextTable): StoredRecord {
  const cols = columnsOf(r.entries);
  const out: Record<string, unknown> = {};
  const { report } = ctx;
  const known = report?.name === r.name && report.hash === r.hash ? (report as unknown as Record<string, unknown>) : {};
  const base = (ctx.base ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(r)) {
    if (FROM_REPORT.has(k) && k in known && known[k] === v) continue;
    if (FROM_BASE.has(k) && k in base && base[k] === v) continue;
    if (k === "entries") {
      if (!sameJson(cols, ctx.columns)) out.columns = cols;
      out.entries = encodeEntries(r.entries, cols, entriesOf(ctx.base));
    } else if (k === "problems") {
      // A problem naming another file does not come back from the record's name: the record is then kept verbatim.
      out.problems = encodeProblems(r.problems, table, recordLookup(r)).flatMap((run) => run.list);
    } else if (k === "footer") {
      if (!sameJson(v, emptyFooter())) out.footer = v;
    } else if (k === "packed") out.packed = encodePacked(v as PackedRecord, ctx);
    else out[k] = v;
  }
  return out as unknown as StoredRecord;
}

function decodeRecord(s: StoredRecord, ctx: RecordContext, texts: readonly Text[]): FormRecord {
  if ("verbatim" in s) {
    const { verbatim: _verbatim, ...r } = s;
    return r;
  }
  const stored = s as unknown as Record<string, unknown>;
  const known = ctx.report?.name === s.name ? (ctx.report as unknown as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  const put = (k: string) => {
    if (k === "columns") return;
    else if (k === "entries") {
      const cols = s.columns ?? ctx.columns ?? (s.entries.length > 0 ? damaged(s.name) : {});
      out.entries = decodeEntries(s.entries, cols, entriesOf(ctx.base), s.name);
    } else if (k === "footer") out.footer = s.footer ?? emptyFooter();
    else if (k === "problems") {
      const lookup = recordLookup(out as unknown as FormRecord);
      out.problems = s.problems.flatMap((item) => decodeProblems(s.name, item, texts, lookup));
    } else if (k === "packed") out.packed = decodePacked(s.packed!, ctx, s.name);
    else out[k] = stored[k];
  };
  for (const k of RECORD_KEYS) {
    if (k in stored || k === "footer") put(k);
    else if (FROM_REPORT.has(k) && k in known) out[k] = known[k];
    else if (FROM_BASE.has(k) && ctx.base && k in ctx.base)
      out[k] = (ctx.base as unknown as Record<string, unknown>)[k];
  }
  for (const k of Object.keys(stored)) if (!(k in out)) put(k);
  return out as unknown as FormRecord;
}

// ---------------------------------------------------------------------------------------------
// Problems

/** What a file's record holds, for the problems that refer to it: its values by sheet and cell, its own problems. */
interface FileLookup {
  values(file: string): Map<string, CellScalar> | undefined;
  own(file: string): readonly Problem[];
}

function lookupIn(forms: readonly FormRecord[]): FileLookup {
  const byName = new Map<string, FormRecord | null>();
  // Only a name held by one record: problems name files, not contents.
  for (const r of unpackForms(forms)) byName.set(r.name, byName.has(r.name) ? null : r);
  const cache = new Map<string, Map<string, CellScalar> | undefined>();
  return {
    values(file) {
      if (cache.has(file)) return cache.get(file);
      const r = byName.get(file);
      const values = r ? valuesOfRecord(r) : undefined;
      cache.set(file, values);
      return values;
    },
    own: (file) => byName.get(file)?.problems ?? [],
  };
}

/** A record's own problems: they name its file and hold only its values. */
const recordLookup = (r: FormRecord): FileLookup => {
  let values: Map<string, CellScalar> | undefined;
  return { values: () => (values ??= valuesOfRecord(r)), own: () => [] };
};

/** The problem's fields other than file, cell and text, in their own order (value left out when the record holds it). */
function shapeOf(p: Problem, textIndex: number, fromRecord: boolean): StoredProblem {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === "file" || (k === "sheet" && v === "")) continue;
    else if (k === "cell") out.cells = [];
    else if (k === "text") out.text = textIndex;
    else if (k === "value" && fromRecord) continue;
    else out[k] = v;
  }
  return out as unknown as StoredProblem;
}

function decodeProblems(file: string, item: StoredItem, texts: readonly Text[], lookup: FileLookup): Problem[] {
  if ("verbatim" in item) {
    const { verbatim: _verbatim, ...p } = item;
    return [p];
  }
  if ("own" in item) {
    const own = lookup.own(file);
    return item.own.map((i) => ({ ...(own[i] ?? damaged(file)) }));
  }
  const sheet = item.sheet ?? "";
  return (item.cells ?? [""]).map((cell) => {
    const p: Record<string, unknown> = { file, sheet, cell };
    for (const [k, v] of Object.entries(item)) {
      if (k === "cells" || k === "sheet") continue;
      else if (k === PROTO) damaged(file);
      else if (k === "text") {
        p.text = texts[v as number] ?? damaged(file);
        // The value of the cell in the file's record comes right after the text, as when it was made.
        if (!("value" in item)) p.value = lookup.values(file)?.get(`${sheet}\u0000${cell}`) ?? damaged(file);
      } else p[k] = v;
    }
    return p as unknown as Problem;
  });
}

/** Where each of a file's own problems is, by code, sheet and cell (candidates, first first). */
const placeOf = (p: Problem) => `${p.code}\u0000${p.sheet}\u0000${p.cell}`;
function ownIndex(own: readonly Problem[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  own.forEach((p, i) => {
    const k = placeOf(p);
    const list = index.get(k);
    if (list) list.push(i);
    else index.set(k, [i]);
  });
  return index;
}

/** Problems as runs of one file's items; each item checked to decode back exactly (else kept verbatim). */
function encodeProblems(
  problems: readonly Problem[],
  table: TextTable,
  lookup: FileLookup,
): { file: string; list: StoredItem[] }[] {
  const runs: { file: string; list: StoredItem[] }[] = [];
  let run: { file: string; list: StoredItem[] } | undefined;
  let ownProblems: readonly Problem[] = [];
  let own = new Map<string, number[]>();
  let last: StoredProblem | undefined;
  for (const p of problems) {
    if (!run || run.file !== p.file) {
      runs.push((run = { file: p.file, list: [] }));
      ownProblems = lookup.own(p.file);
      own = ownIndex(ownProblems);
      last = undefined;
    }
    const item = run.list[run.list.length - 1];
    // A problem the file's record holds itself (a finding of its reading): its index there.
    const i = own.get(placeOf(p))?.find((j) => sameJson(ownProblems[j], p));
    if (i !== undefined) {
      if (item && "own" in item) item.own.push(i);
      else run.list.push({ own: [i] });
      last = undefined;
      continue;
    }
    const known = lookup.values(p.file)?.get(`${p.sheet}\u0000${p.cell}`);
    const shape = shapeOf(p, table.indexOf(p.text), p.value !== null && known === p.value);
    // The same as the item before but for the cell: one more cell of that item.
    const same = last !== undefined && item === last && sameJson({ ...last, cells: [] }, shape);
    const candidate = (same ? last : shape) as StoredProblem & { cells: string[] };
    const back = decodeProblems(p.file, { ...candidate, cells: [p.cell] }, table.texts, lookup)[0];
    if (!sameJson(back, p)) {
      run.list.push({ ...p, verbatim: true });
      last = undefined;
      continue;
    }
    candidate.cells.push(p.cell);
    if (candidate === shape) {
      run.list.push(shape);
      last = shape;
    }
  }
  // A lone problem with the whole file needs no cell list.
  for (const r of runs)
    for (const item of r.list)
      if ("cells" in item && item.cells?.length === 1 && item.cells[0] === "" && !("verbatim" in item))
        delete item.cells;
  return runs;
}

// ---------------------------------------------------------------------------------------------

const keyOf = (name: string, hash: string) => `${name}\u0000${hash}`;

/** The hash of the only whole (unpacked) record of each name. */
function hashesOf(records: readonly (FormRecord | StoredRecord)[], hashOf: (i: number) => string | undefined) {
  const hashes = new Map<string, string | null>();
  records.forEach((r, i) => {
    if (r.packed) return;
    const h = hashOf(i);
    hashes.set(r.name, hashes.has(r.name) || h === undefined ? null : h);
  });
  return (name: string) => hashes.get(name) ?? undefined;
}

/** The version 3 shape of a result; every part checked to decode back exactly (else kept verbatim). */
export function encodeSummary(result: ConsolidationResult): SummaryV3 {
  const table = new TextTable();
  const whole = new Map(result.forms.filter((r) => !r.packed).map((r) => [keyOf(r.name, r.hash), r] as const));
  const hashOf = hashesOf(result.forms, (i) => result.forms[i]!.hash);
  let columns: Record<string, string> | undefined;
  const forms = result.forms.map((r, i): StoredRecord => {
    const ctx: RecordContext = {
      report: result.files[i],
      base: r.packed ? whole.get(keyOf(r.packed.base, r.packed.baseHash)) : undefined,
      columns,
      hashOf,
    };
    const s = encodeRecord(r, ctx, table);
    if (!sameJson(decodeRecord(s, ctx, table.texts), r)) return { ...r, verbatim: true };
    if (!("verbatim" in s) && s.columns) columns = s.columns;
    return s;
  });
  const problems = encodeProblems(result.problems, table, lookupIn(result.forms));
  // The result's own key order, the texts just before the problems that use them.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(result) as (keyof ConsolidationResult)[]) {
    if (k === "version") out.version = SUMMARY_VERSION;
    else if (k === "problems") {
      out.texts = table.texts;
      out.problems = problems;
    } else if (k === "forms") out.forms = forms;
    else out[k] = result[k];
  }
  return out as unknown as SummaryV3;
}

/** A version 3 summary back to the result it was written from; throws when its parts do not fit. */
export function decodeSummary(s: SummaryV3): ConsolidationResult {
  // The hashes and columns each record is stored against, then whole records first: an older
  // copy's texts are completed from the copy it was stored against.
  const columns: (Record<string, string> | undefined)[] = [];
  let last: Record<string, string> | undefined;
  for (const r of s.forms) {
    columns.push(last);
    if (!("verbatim" in r) && r.columns) last = r.columns;
  }
  const hashOf = hashesOf(s.forms, (i) => {
    const r = s.forms[i]!;
    return r.hash ?? (s.files[i]?.name === r.name ? s.files[i]!.hash : undefined);
  });
  const records: FormRecord[] = new Array<FormRecord>(s.forms.length);
  const whole = new Map<string, FormRecord>();
  const decode = (i: number, base: FormRecord | undefined) =>
    decodeRecord(s.forms[i]!, { report: s.files[i], base, columns: columns[i], hashOf }, s.texts);
  s.forms.forEach((r, i) => {
    if (r.packed) return;
    const d = (records[i] = decode(i, undefined));
    whole.set(keyOf(d.name, d.hash), d);
  });
  s.forms.forEach((r, i) => {
    if (!r.packed) return;
    const packed = decodePacked(r.packed, { report: s.files[i], base: undefined, columns: undefined, hashOf }, r.name);
    records[i] = decode(i, whole.get(keyOf(packed.base, packed.baseHash)) ?? damaged(r.name));
  });
  const lookup = lookupIn(records);
  const problems: Problem[] = [];
  for (const run of s.problems)
    for (const item of run.list) problems.push(...decodeProblems(run.file, item, s.texts, lookup));
  const out: Record<string, unknown> = {};
  const stored = s as unknown as Record<string, unknown>;
  for (const k of Object.keys(stored)) {
    if (k === "version") out.version = 2;
    else if (k === "problems") out.problems = problems;
    else if (k === "forms") out.forms = records;
    else if (k !== "texts" && k !== PROTO) out[k] = stored[k];
  }
  return out as unknown as ConsolidationResult;
}
