/**
 * The book's history index: "Lịch sử" is written as one compressed segment per period (each inflates
 * alone), and a custom XML part says where each segment lies in the sheet's zip entry, its CRC, its
 * rows and the figures "Xu hướng" needs. While the entry is still exactly as written (its CRC,
 * sizes and compressed bytes are those the index names: the book was not re-saved by Excel or
 * LibreOffice, nor edited), recording a period reads only the segments it needs and copies the
 * others' compressed bytes into the new book. Anything else (no index, any mismatch, any surprise
 * in a segment) and the book is read whole, as before.
 */
import { inflateSync } from "fflate";
import { reportPeriod, type DeadlineClass } from "../schedule";
import { crc32, crc32Combine } from "../util/crc32";
import { HISTORY_COLUMNS, HISTORY_SHEET, type HistoryKey, type HistoryRow } from "../workbook/history";
import { emptyTally, periodIdOrder, type PeriodTally } from "../workbook/trends";
import type { InflateRaw, ReadCell, ReadWorkbook } from "../xlsx/read";
import { parseXml } from "../xlsx/read/xml";
import type { CustomXmlPart } from "../xlsx/write/customXml";
import { concat } from "../util/bytes";
import { FINAL_BLOCK, type ReusedPiece, type WrittenPiece, type WrittenSegments } from "../xlsx/write/zip";
import { HistoryReader } from "./history";

const NS = "urn:phuluc:history-index";
const VERSION = 1;
/** Fixed: the same book gives the same bytes. */
const ITEM_ID = "{5A1C7E2B-9D4F-4B8E-A3C6-1F0E2D3C4B5A}";
/** An index larger than this is not one of ours. */
const MAX_INDEX_BYTES = 32 * 1024 * 1024;
/** The custom XML relationship, by its last segment. */
const CUSTOM_XML = "/customXml";

/** A piece as the index records it: where it went and what it holds (src/xlsx/write/zip.ts). */
type Piece = WrittenPiece;

interface PeriodPiece extends Piece {
  period: string;
  rows: number;
  counts: Record<DeadlineClass, number>;
  tasks: Array<[string, number, number]>;
  units: Array<[string, number, number, 0 | 1]>;
}

export interface HistoryIndex {
  version: number;
  sheet: string;
  part: string;
  crc: number;
  size: number;
  compSize: number;
  compressedCrc: number;
  head: Piece;
  periods: PeriodPiece[];
  tail: Piece;
  last?: { before: TableJson; latest: TableJson };
}

/** Per unit code and task id: the key of the unit's last report (src/jobs/history.ts reportKey). */
export type LastReportKeys = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * What the index keeps so recording the next period needs no earlier rows: each unit's last report
 * before the latest period (`before`) and the latest period's reports (`latest`).
 */
export interface LastReportTables {
  before: LastReportKeys;
  latest: LastReportKeys;
}

/** A table as JSON: [unit, [task id, key, task id, key, …]] per unit. */
type TableJson = Array<[string, string[]]>;

function tableJson(t: LastReportKeys): TableJson {
  return [...t].map(([u, m]) => [u, [...m].flat()]);
}

function tableOf(json: unknown): Map<string, Map<string, string>> | null {
  if (!Array.isArray(json)) return null;
  const out = new Map<string, Map<string, string>>();
  for (const e of json) {
    if (!Array.isArray(e) || typeof e[0] !== "string" || !Array.isArray(e[1]) || e[1].length % 2) return null;
    const flat = e[1] as unknown[];
    const m = new Map<string, string>();
    for (let i = 0; i < flat.length; i += 2) {
      const [t, k] = [flat[i], flat[i + 1]];
      if (typeof t !== "string" || typeof k !== "string") return null;
      m.set(t, k);
    }
    out.set(e[0], m);
  }
  return out;
}

/** A period of the history as the writer lays it out: its rows (count) and its figures. */
export interface PeriodLayout {
  period: string;
  rows: number;
  tally: PeriodTally;
}

/** The index part of a history written as head, one piece per period (in `periods` order), tail. */
export function historyIndexPart(
  written: WrittenSegments,
  periods: readonly PeriodLayout[],
  last: LastReportTables | null,
): CustomXmlPart {
  const index: HistoryIndex = {
    version: VERSION,
    sheet: HISTORY_SHEET,
    part: written.part,
    crc: written.crc,
    size: written.size,
    compSize: written.compSize,
    compressedCrc: written.compressedCrc,
    head: written.pieces[0]!,
    periods: periods.map((p, i) => ({
      ...written.pieces[i + 1]!,
      period: p.period,
      rows: p.rows,
      counts: { ...p.tally.counts },
      tasks: [...p.tally.tasks].map(([k, [d, n]]) => [k, d, n]),
      units: [...p.tally.units].map(([k, [d, n, f]]) => [k, d, n, f ? 1 : 0]),
    })),
    tail: written.pieces[periods.length + 1]!,
    ...(last ? { last: { before: tableJson(last.before), latest: tableJson(last.latest) } } : {}),
  };
  const json = JSON.stringify(index).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return {
    xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<historyIndex xmlns="${NS}">${json}</historyIndex>`,
    itemId: ITEM_ID,
  };
}

/** The figures of an indexed period, as "Xu hướng" takes them. */
function tallyOf(p: PeriodPiece): PeriodTally {
  const t = emptyTally(p.period);
  for (const k of Object.keys(t.counts) as DeadlineClass[]) t.counts[k] = p.counts[k];
  for (const [k, d, n] of p.tasks) t.tasks.set(k, [d, n]);
  for (const [k, d, n, f] of p.units) t.units.set(k, [d, n, f === 1]);
  return t;
}

/** What recording a period needs of an indexed history, without reading its rows. */
export interface IndexedHistory {
  /** The periods, in the order of their segments (time order). */
  periods: readonly { period: string; rows: number; tally: PeriodTally; reported: ReadonlySet<string> }[];
  /** The book's shared strings, in order: the segments refer to them by position. */
  sharedStrings: readonly string[];
  /**
   * The rows of these periods (ids), read from their segments only; throws when a segment is not as
   * indexed. Rows of the `partial` ones hold only what a unit's last report is compared on (period,
   * unit, task id, status, completion date, progress, result, file); the others' other fields are empty.
   */
  rows(periods: readonly string[], partial?: ReadonlySet<string>): HistoryRow[];
  /** Every row (the whole history), read segment by segment. */
  allRows(): HistoryRow[];
  /** Period `i`'s segment, to copy into a new book as it is. */
  reuse(i: number): ReusedPiece;
  /** The last reports as of the latest period, when the index keeps them. */
  last: LastReportTables | null;
}

const isCount = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

function validPiece(p: unknown): p is Piece {
  if (typeof p !== "object" || p === null) return false;
  const q = p as Record<string, unknown>;
  return ["offset", "length", "crc", "size", "compressedCrc", "strings"].every((k) => isCount(q[k]));
}

function validPeriod(p: unknown): p is PeriodPiece {
  if (!validPiece(p)) return false;
  const q = p as unknown as Record<string, unknown>;
  const counts = q.counts as Record<string, unknown> | null;
  return (
    typeof q.period === "string" &&
    reportPeriod(q.period)?.id === q.period &&
    isCount(q.rows) &&
    (q.rows as number) > 0 &&
    typeof counts === "object" &&
    counts !== null &&
    Object.keys(emptyTally("").counts).every((k) => isCount(counts[k])) &&
    Array.isArray(q.tasks) &&
    q.tasks.every((t) => Array.isArray(t) && typeof t[0] === "string" && isCount(t[1]) && isCount(t[2])) &&
    Array.isArray(q.units) &&
    q.units.every(
      (u) =>
        Array.isArray(u) && typeof u[0] === "string" && isCount(u[1]) && isCount(u[2]) && (u[3] === 0 || u[3] === 1),
    )
  );
}

function parseIndex(xml: string, part: string): HistoryIndex | null {
  let text = "";
  let depth = 0;
  let ours = false;
  parseXml(xml, part, {
    open(name, a) {
      depth++;
      if (depth === 1) ours = name === "historyIndex" && a.xmlns === NS;
    },
    close() {
      depth--;
    },
    text(t) {
      if (depth === 1) text += t;
    },
  });
  if (!ours) return null;
  const index = JSON.parse(text) as HistoryIndex;
  const ok =
    typeof index === "object" &&
    index !== null &&
    index.version === VERSION &&
    typeof index.sheet === "string" &&
    typeof index.part === "string" &&
    ["crc", "size", "compSize", "compressedCrc"].every((k) =>
      isCount((index as unknown as Record<string, unknown>)[k]),
    ) &&
    validPiece(index.head) &&
    validPiece(index.tail) &&
    Array.isArray(index.periods) &&
    index.periods.every(validPeriod);
  return ok ? index : null;
}

/**
 * The indexed history of a book read without its "Lịch sử" sheet, or null when the book has no index
 * or anything about the sheet's entry differs from what the index says (then read it whole).
 */
export function openIndexedHistory(wb: ReadWorkbook, inflateRaw?: InflateRaw): IndexedHistory | null {
  const pkg = wb.package;
  if (!pkg || pkg.date1904) return null;
  try {
    const rel = pkg.workbookRels.find((r) => !r.external && r.type.endsWith(CUSTOM_XML));
    const indexEntry = rel && pkg.zip.get(rel.target);
    if (!indexEntry || indexEntry.size > MAX_INDEX_BYTES || indexEntry.compSize > MAX_INDEX_BYTES) return null;
    const index = parseIndex(new TextDecoder().decode(pkg.zip.read(indexEntry)), indexEntry.name);
    if (!index || index.sheet !== HISTORY_SHEET || pkg.sheetParts.get(HISTORY_SHEET) !== index.part) return null;
    const entry = pkg.zip.get(index.part);
    if (
      !entry ||
      entry.method !== 8 ||
      entry.flags & 1 ||
      entry.crc !== index.crc ||
      entry.size !== index.size ||
      entry.compSize !== index.compSize
    )
      return null;
    const data = pkg.zip.deflated(entry);
    if (!data || data.length !== index.compSize || crc32(data) !== index.compressedCrc) return null;
    // The pieces tile the entry, end with the final block, and their CRCs make the entry's.
    const pieces = [index.head, ...index.periods, index.tail];
    let at = 0;
    let crc = 0;
    let size = 0;
    for (const p of pieces) {
      if (p.offset !== at) return null;
      at += p.length;
      crc = crc32Combine(crc, p.crc, p.size);
      size += p.size;
    }
    const end = data.subarray(at);
    if (end.length !== FINAL_BLOCK.length || end[0] !== FINAL_BLOCK[0] || end[1] !== FINAL_BLOCK[1]) return null;
    if (crc !== index.crc || size !== index.size) return null;
    for (let i = 1; i < index.periods.length; i++)
      if (periodIdOrder(index.periods[i - 1]!.period, index.periods[i]!.period) >= 0) return null;
    return indexedHistory(index, data, pkg.sharedStrings, inflateRaw);
  } catch {
    return null;
  }
}

function lastOf(json: HistoryIndex["last"]): LastReportTables | null {
  if (!json) return null;
  const before = tableOf(json.before);
  const latest = tableOf(json.latest);
  return before && latest ? { before, latest } : null;
}

function indexedHistory(
  index: HistoryIndex,
  data: Uint8Array,
  sharedStrings: readonly string[],
  inflateRaw: InflateRaw | undefined,
): IndexedHistory {
  const bytesOf = (p: Piece) => data.subarray(p.offset, p.offset + p.length);
  const inflate = (p: Piece): Uint8Array => {
    const raw = concat([bytesOf(p), FINAL_BLOCK]);
    const out = inflateRaw ? inflateRaw(raw, p.size + 1) : inflateSync(raw, { out: new Uint8Array(p.size + 1) });
    // The entry's compressed bytes were checked whole (openIndexedHistory): the length is what is left to check.
    if (out.length !== p.size) throw new Error("history segment differs from its index");
    return out;
  };
  const read = (wanted: readonly PeriodPiece[], partial?: ReadonlySet<string>): HistoryRow[] => {
    const reader = new HistoryReader();
    const head = inflate(index.head);
    const open = sheetDataStart(head);
    if (open < 0) throw new Error("history head without sheetData");
    scanRows(head, open, sharedStrings, reader.add, true);
    for (const p of wanted)
      scanRows(
        inflate(p),
        0,
        sharedStrings,
        reader.add,
        false,
        partial?.has(p.period) ? LAST_REPORT_COLUMNS : undefined,
      );
    const out = reader.finish();
    const expected = wanted.reduce((n, p) => n + p.rows, 0);
    if (!out || out.problems.length > 0 || !out.intact || out.rows.length !== expected)
      throw new Error("history segment is not as indexed");
    return out.rows;
  };
  return {
    periods: index.periods.map((p) => ({
      period: p.period,
      rows: p.rows,
      tally: tallyOf(p),
      reported: new Set(p.units.filter((u) => u[3] === 1).map((u) => u[0])),
    })),
    sharedStrings,
    rows: (periods, partial) =>
      read(
        index.periods.filter((p) => periods.includes(p.period)),
        partial,
      ),
    allRows: () => read(index.periods),
    last: lastOf(index.last),
    reuse: (i) => {
      const p = index.periods[i]!;
      return {
        segment: { bytes: bytesOf(p), crc: p.crc, size: p.size },
        compressedCrc: p.compressedCrc,
        strings: p.strings,
      };
    },
  };
}

/** The columns (1-based, as the book is written) a unit's last report is compared on. */
const LAST_REPORT_COLUMNS: readonly boolean[] = (() => {
  const keys = new Set<HistoryKey>([
    "period",
    "unitCode",
    "taskId",
    "status",
    "completedOn",
    "progress",
    "result",
    "file",
  ]);
  const flags: boolean[] = [false];
  for (const c of HISTORY_COLUMNS) flags.push(keys.has(c.key));
  return flags;
})();

/** Where readInt stopped; -1 when there were no digits (or too many). */
let intEnd = 0;

function readInt(b: Uint8Array, at: number): number {
  let v = 0;
  let i = at;
  for (;;) {
    const ch = b[i]!;
    if (!(ch >= 48 && ch <= 57)) break;
    v = v * 10 + (ch - 48);
    i++;
  }
  intEnd = i === at || i - at > 15 ? -1 : i;
  return v;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const ROW_OPEN = ascii('<row r="');
const ROW_CLOSE = ascii("</row>");
const CELL_OPEN = ascii('<c r="');
const STYLE = ascii(' s="');
const SHARED = ascii(' t="s"');
const VALUE_OPEN = ascii("><v>");
const VALUE_CLOSE = ascii("</v></c>");
const SHEET_DATA = ascii("<sheetData>");
const SHEET_DATA_CLOSE = ascii("</sheetData>");

function at(b: Uint8Array, i: number, literal: Uint8Array): boolean {
  for (let k = 0; k < literal.length; k++) if (b[i + k] !== literal[k]) return false;
  return true;
}

function unexpected(i: number): never {
  throw new Error(`unexpected history XML at ${i}`);
}

/** Where `<sheetData>` ends in a head piece, or -1. */
function sheetDataStart(b: Uint8Array): number {
  for (let i = 0; i + SHEET_DATA.length <= b.length; i++) if (at(b, i, SHEET_DATA)) return i + SHEET_DATA.length;
  return -1;
}

/**
 * Reads rows as this program writes them (`<row r="…" …>` holding `<c r="…" s="…" t="s"><v>…</v></c>`
 * cells: shared strings and numbers only, all ASCII) from the UTF-8 bytes into `add`. Anything else
 * throws: the caller reads the book whole instead. `fresh`: a new cell object each time (the header
 * row, which the reader keeps); otherwise one object serves every cell (the reader keeps no data
 * cell: HistoryReader.data). `keep`: the columns wanted (1-based), the others passed over.
 */
function scanRows(
  b: Uint8Array,
  from: number,
  strings: readonly string[],
  add: (c: ReadCell) => void,
  fresh: boolean,
  keep?: readonly boolean[],
): void {
  // Bytes, not a decoded string: this loop runs once per cell of a period (a million).
  const scratch: ReadCell = { ref: "", row: 0, col: 0, kind: "number", value: 0, isDate: false, locked: true };
  const n = b.length;
  let i = from;
  while (i < n) {
    // The head ends at its last row; a tail would start with </sheetData>.
    if (at(b, i, SHEET_DATA_CLOSE)) return;
    if (!at(b, i, ROW_OPEN)) unexpected(i);
    const row = readInt(b, i + ROW_OPEN.length);
    if (intEnd < 0 || row < 1 || row > 1048576) unexpected(i);
    // Other row attributes (height) do not matter to the history.
    i = intEnd;
    while (i < n && b[i] !== 62 /* > */) i++;
    if (i >= n) unexpected(i);
    i++;
    if (b[i - 2] === 47 /* / */) continue;
    for (;;) {
      if (b[i + 1] === 47 /* </row> */) {
        if (!at(b, i, ROW_CLOSE)) unexpected(i);
        i += ROW_CLOSE.length;
        break;
      }
      if (!at(b, i, CELL_OPEN)) unexpected(i);
      i += CELL_OPEN.length;
      const refStart = i;
      let col = 0;
      for (;;) {
        const ch = b[i]!;
        if (!(ch >= 65 && ch <= 90)) break;
        col = col * 26 + (ch - 64);
        i++;
      }
      const r = readInt(b, i);
      if (col === 0 || col > 16384 || intEnd < 0 || r !== row || b[intEnd] !== 34 /* " */) unexpected(i);
      const ref = fresh ? String.fromCharCode(...b.subarray(refStart, intEnd)) : "";
      i = intEnd + 1;
      if (b[i + 1] === 115 /* s */) {
        if (!at(b, i, STYLE)) unexpected(i);
        readInt(b, i + STYLE.length);
        if (intEnd < 0 || b[intEnd] !== 34) unexpected(i);
        i = intEnd + 1;
      }
      let shared = false;
      if (b[i] === 32 /* space: t="s" */) {
        if (!at(b, i, SHARED)) unexpected(i);
        shared = true;
        i += SHARED.length;
      }
      if (b[i] === 47 /* /> */) {
        if (b[i + 1] !== 62) unexpected(i);
        i += 2;
        continue;
      }
      if (!at(b, i, VALUE_OPEN)) unexpected(i);
      i += VALUE_OPEN.length;
      const valueStart = i;
      while (i < n && b[i] !== 60 /* < */) i++;
      if (!at(b, i, VALUE_CLOSE)) unexpected(i);
      const valueEnd = i;
      i += VALUE_CLOSE.length;
      // A column this read does not need: passed over, its shape checked all the same.
      if (keep && !keep[col]) continue;
      const cell: ReadCell = fresh ? { ...scratch } : scratch;
      cell.ref = ref;
      cell.row = row;
      cell.col = col;
      if (shared) {
        const s = strings[readInt(b, valueStart)];
        if (intEnd !== valueEnd || s === undefined) unexpected(valueStart);
        cell.kind = "string";
        cell.value = s!;
      } else {
        let num = readInt(b, valueStart);
        // Whole numbers are read as they are scanned; anything else (a fraction, a sign) by Number.
        if (intEnd !== valueEnd)
          num = valueEnd > valueStart ? Number(String.fromCharCode(...b.subarray(valueStart, valueEnd))) : NaN;
        if (!Number.isFinite(num)) unexpected(valueStart);
        cell.kind = "number";
        cell.value = num;
      }
      add(cell);
    }
  }
}
