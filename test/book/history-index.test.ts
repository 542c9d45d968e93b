/**
 * The book's history index: "Lịch sử" written one compressed segment per period, and recording a
 * period through the index (reading only the periods it needs, copying the others' segments) gives
 * the same book content as recording into the whole history. A book changed by anyone else (its
 * history entry re-saved or edited, the index forged) is read whole, as before; the zip stays valid
 * (CRCs checked by `unzip -t`), and LibreOffice opens a book written this way. Speed: bench/history.ts.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { crc32 as zlibCrc32, inflateRawSync } from "zlib";
import { readBook } from "../../src/book";
import { nodeInflateRaw } from "../../src/cli/native-inflate";
import { nodeZip } from "../../src/cli/native-zip";
import { consolidate, type ConsolidationResult } from "../../src/consolidate";
import { recordInBook } from "../../src/jobs/history";
import { trackingXlsx } from "../../src/jobs/tracking";
import { reportPeriod, type DeadlineClass } from "../../src/schedule";
import { HISTORY_SHEET } from "../../src/workbook/history";
import { TRACKING_SHEET } from "../../src/workbook/tracking";
import { TRENDS_SHEET } from "../../src/workbook/trends";
import { readXlsx } from "../../src/xlsx/read";
import { ZipArchive } from "../../src/xlsx/read/zip";
import { DEFAULT_LIMITS } from "../../src/xlsx/read/types";
import { zipContainer, type ZipEntryData } from "../../src/xlsx/write/zip";
import { crc32, crc32Combine } from "../../src/util/crc32";
import { plan } from "../consolidate/fixtures";
import { convertWithLibreOffice, hasLibreOffice } from "../helpers/libreoffice";

const LIMITS = { ...DEFAULT_LIMITS, maxCells: 20_000_000 };
const STATUSES = ["done", "in-progress", "not-started"] as const;
const CLASSES: DeadlineClass[] = ["done-on-time", "done-late", "in-progress", "overdue"];

/**
 * A consolidation of `periodId` where the units `sent` returned a file: values from `seed`, so a
 * unit given the same seed in two periods reports the same (carried over unchanged).
 */
async function result(
  periodId: string,
  sent: (code: string, index: number) => number | null,
): Promise<ConsolidationResult> {
  const period = reportPeriod(periodId)!;
  const base = await consolidate([], { plan, asOf: period.to, period });
  const codes = [...new Set(base.rows.map((r) => r.unitCode))];
  return {
    ...base,
    rows: base.rows.map((r) => {
      const seed = sent(r.unitCode, codes.indexOf(r.unitCode));
      if (seed === null) return r;
      const k = (seed * 7 + r.task * 3) % 11;
      return {
        ...r,
        status: k < 9 ? STATUSES[k % 3]! : null,
        progress: k < 9 ? (k * 13) % 101 : null,
        completedOn: k % 3 === 0 ? "2026-05-10" : null,
        result: k % 2 ? `Kết quả ${r.task} của ${r.unitCode}  lần ${seed}\ndòng hai` : null,
        documents: k % 4 === 0 ? `Văn bản số ${seed}/KH & <phụ lục>` : null,
        file: `${r.unitCode}-${seed}.xlsx`,
        deadlineClass: CLASSES[k % 4]!,
      };
    }),
  };
}

const options = (r: ConsolidationResult) => ({ asOf: r.asOf, today: r.asOf, zip: nodeZip });

function record(bytes: Uint8Array, r: ConsolidationResult, index = true, zip = true) {
  const read = readBook(bytes, { tracking: true, history: true, inflateRaw: nodeInflateRaw, historyIndex: index });
  const indexed = read.history?.indexed;
  const whole = indexed ? jest.spyOn(indexed, "allRows") : undefined;
  const some = indexed ? jest.spyOn(indexed, "rows") : undefined;
  const update = recordInBook(read, r, zip ? options(r) : { asOf: r.asOf, today: r.asOf });
  if ("refused" in update) throw new Error(update.refused.en);
  return {
    update,
    indexed: indexed !== undefined,
    readWhole: whole ? whole.mock.calls.length > 0 : true,
    /** The periods whose rows were read (through the index). */
    periodsRead: (some?.mock.calls ?? []).flatMap((c) => c[0]),
  };
}

/** What a book says: its history read whole (no index), "Xu hướng" and "Theo dõi" cell by cell. */
function content(bytes: Uint8Array) {
  const read = readBook(bytes, { tracking: true, history: true, historyIndex: false });
  const wb = readXlsx(bytes, { limits: LIMITS, sheetFilter: (n) => n === TRENDS_SHEET || n === TRACKING_SHEET });
  return {
    problems: read.problems,
    history: read.history!.rows,
    historyProblems: read.history!.problems,
    sheets: wb.sheets.map((s) => [s.name, s.cells.map((c) => [c.ref, c.value, c.formula ?? null])]),
  };
}

/** Every entry of a zip as stored (compressed bytes untouched), with `change` applied to the named ones. */
function rezip(bytes: Uint8Array, change: Record<string, (data: Uint8Array) => Uint8Array>): Uint8Array {
  const zip = new ZipArchive(bytes, LIMITS);
  const entries: ZipEntryData[] = [...zip.entries].map((e) => {
    const edit = change[e.name];
    if (!edit) {
      const body = e.method === 8 ? zip.deflated(e)! : zip.read(e);
      return { name: e.name, method: e.method as 0 | 8, crc: e.crc, size: e.size, body: [body] };
    }
    const data = edit(zip.read(e));
    return { name: e.name, method: 0, crc: crc32(data), size: data.length, body: [data] };
  });
  return zipContainer(entries);
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const utf8 = (s: string) => new TextEncoder().encode(s);
const INDEX = "customXml/item1.xml";

/** The history sheet's part in a book we wrote. */
function historyPart(bytes: Uint8Array): string {
  const wb = readXlsx(bytes, { sheetFilter: () => false });
  return wb.package!.sheetParts.get(HISTORY_SHEET)!;
}

function unzipTest(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "history-index-"));
  const path = join(dir, "book.xlsx");
  writeFileSync(path, bytes);
  return execFileSync("unzip", ["-t", path], { encoding: "utf8" });
}

let book2: Uint8Array;
let r3: ConsolidationResult;

beforeAll(async () => {
  const empty = trackingXlsx(plan, { asOf: "2026-01-01", today: "2026-01-01", history: [], zip: nodeZip });
  // Period 1: every unit sends; period 2: units 0–59 send (0–29 the same as before: carried over).
  const one = record(empty, await result("2026-H1", (_c, i) => i));
  const two = record(one.update.bytes, await result("2026-H2", (_c, i) => (i < 30 ? i : i < 60 ? 100 + i : null)));
  expect(two.indexed).toBe(true);
  book2 = two.update.bytes;
  // Period 3: units 20–89 send; 20–29 unchanged since period 2, 60–89 last reported in period 1.
  r3 = await result("2027-H1", (_c, i) => (i < 20 ? null : i < 30 ? i : i < 60 ? 200 + i : i < 90 ? i : null));
});

describe("recording through the history index", () => {
  it("gives the same book content as recording into the whole history, reading only what it needs", () => {
    const fast = record(book2, r3);
    const slow = record(book2, r3, false);
    expect(fast.indexed).toBe(true);
    expect(fast.readWhole).toBe(false);
    // The units' last reports are in the index: no earlier period is read at all.
    expect(fast.periodsRead).toEqual([]);
    expect(slow.indexed).toBe(false);
    expect(fast.update.rows).toBe(slow.update.rows);
    expect(fast.update.notes).toEqual(slow.update.notes);
    const a = content(fast.update.bytes);
    const b = content(slow.update.bytes);
    expect(a.problems).toEqual([]);
    expect(a.historyProblems).toEqual([]);
    expect(a.history).toEqual(b.history);
    expect(a.sheets).toEqual(b.sheets);
    // Carried-over marks came from each unit's last reported period (2 for some, 1 for others).
    expect(a.history.filter((r) => r.period === "2027-H1" && r.source !== "").length).toBeGreaterThan(0);
    // Read back through the index, the history is the same again.
    const indexed = readBook(fast.update.bytes, { history: true }).history!;
    expect(indexed.indexed).toBeDefined();
    expect(indexed.rows).toEqual(a.history);
  });

  it("merges late files into the latest period the same way, and an earlier period is recorded whole", async () => {
    const three = record(book2, r3).update.bytes;
    const late = await result("2027-H1", (_c, i) => (i >= 100 && i < 110 ? 300 + i : null));
    const fast = record(three, late);
    const slow = record(three, late, false);
    expect(fast.readWhole).toBe(false);
    expect(fast.periodsRead).toEqual(["2027-H1"]);
    expect(fast.update.notes).toEqual(slow.update.notes);
    expect(content(fast.update.bytes)).toEqual(content(slow.update.bytes));
    // Period 2026-H2 again: later rows would move, so the whole history is read and written.
    const again = await result("2026-H2", (_c, i) => (i < 5 ? 400 + i : null));
    const older = record(fast.update.bytes, again);
    expect(older.indexed).toBe(true);
    expect(older.readWhole).toBe(true);
    expect(content(older.update.bytes)).toEqual(content(record(fast.update.bytes, again, false).update.bytes));
    expect(readBook(older.update.bytes, { history: true }).history!.indexed).toBeDefined();
  });

  it("without the last reports in the index, reads the periods that hold them, and gives the same again", () => {
    const bare = rezip(book2, {
      [INDEX]: (d) => utf8(text(d).replace(/,"last":\{.*\}\}<\/historyIndex>$/, "}</historyIndex>")),
    });
    expect(text(new ZipArchive(bare, LIMITS).read(new ZipArchive(bare, LIMITS).get(INDEX)!))).not.toContain('"last"');
    const fast = record(bare, r3);
    expect(fast.indexed).toBe(true);
    expect(fast.readWhole).toBe(false);
    // Units 20–59 last reported in 2026-H2, units 60–89 in 2026-H1.
    expect([...fast.periodsRead].sort()).toEqual(["2026-H1", "2026-H2"]);
    expect(fast.update.notes).toEqual(record(book2, r3, false).update.notes);
    expect(content(fast.update.bytes)).toEqual(content(record(book2, r3, false).update.bytes));
  });

  it("writes a valid zip: unzip -t passes, the segmented entry's CRC is its data's", () => {
    const bytes = record(book2, r3).update.bytes;
    expect(unzipTest(bytes)).toMatch(/No errors detected/);
    const zip = new ZipArchive(bytes, LIMITS);
    const entry = zip.get(historyPart(bytes))!;
    const data = inflateRawSync(zip.deflated(entry)!);
    expect(data.length).toBe(entry.size);
    expect(zlibCrc32(data)).toBe(entry.crc);
    // The pure CRC helpers agree with zlib.
    const half = data.length >> 1;
    expect(crc32(data)).toBe(entry.crc);
    expect(crc32Combine(crc32(data.subarray(0, half)), crc32(data.subarray(half)), data.length - half)).toBe(entry.crc);
    // The page's fflate writer does not segment: recording there reads the history whole, writes a plain book.
    const page = record(book2, r3, true, false);
    expect(page.readWhole).toBe(true);
    expect(readBook(page.update.bytes, { history: true }).history!.indexed).toBeUndefined();
    expect(content(page.update.bytes)).toEqual(content(bytes));
  });
});

describe("a book the index no longer vouches for", () => {
  it("one history cell edited (the entry rewritten): read whole, the edit seen", () => {
    const part = historyPart(book2);
    let row = 0;
    const edited = rezip(book2, {
      // The first progress cell (column I) of a data row becomes 42.
      [part]: (d) =>
        utf8(
          text(d).replace(
            /(<c r="I(\d+)"(?: s="\d+")?><v>)\d+(<\/v>)/,
            (_m, open: string, r: string, close: string) => {
              row = Number(r);
              return `${open}42${close}`;
            },
          ),
        ),
    });
    expect(row).toBeGreaterThan(1);
    const read = readBook(edited, { history: true, tracking: true });
    expect(read.history!.indexed).toBeUndefined();
    expect(read.history!.rows[row - 2]!.progress).toBe(42);
    const update = recordInBook(read, r3, options(r3));
    if ("refused" in update) throw new Error(update.refused.en);
    expect(readBook(update.bytes, { history: true }).history!.rows[row - 2]!.progress).toBe(42);
  });

  it("a cell typed beside the table (hand edit): refused as before, the book not written", () => {
    const part = historyPart(book2);
    const edited = rezip(book2, {
      [part]: (d) => utf8(text(d).replace('</row><row r="3"', '<c r="T2"><v>7</v></c></row><row r="3"')),
    });
    const read = readBook(edited, { history: true, tracking: true });
    expect(read.history!.indexed).toBeUndefined();
    expect(read.history!.intact).toBe(false);
    expect(read.history!.problems.map((p) => p.code)).toEqual(["history-column"]);
    expect("refused" in recordInBook(read, r3, options(r3))).toBe(true);
  });

  it.each<[string, (index: string) => string]>([
    [
      "a period's offset out of range",
      (x) =>
        x.replace(
          /"offset":(\d+),"length":(\d+),"crc":(\d+),"size":(\d+),"compressedCrc":(\d+),"strings":(\d+),"period"/,
          '"offset":999999999,"length":$2,"crc":$3,"size":$4,"compressedCrc":$5,"strings":$6,"period"',
        ),
    ],
    [
      "a period's CRC wrong",
      (x) =>
        x.replace(
          /"crc":(\d+),"size":(\d+),"compressedCrc":(\d+),"strings":(\d+),"period"/,
          (_m, c: string, ...rest: string[]) =>
            `"crc":${(Number(c) + 1) >>> 0},"size":${rest[0]},"compressedCrc":${rest[1]},"strings":${rest[2]},"period"`,
        ),
    ],
    [
      "a period's size and the entry's both wrong",
      (x) => x.replace(/"size":(\d+)/g, (_m, n: string) => `"size":${Number(n) + 1}`),
    ],
    ["rows claimed that are not there", (x) => x.replace(/"rows":(\d+)/, (_m, n: string) => `"rows":${Number(n) + 5}`)],
    ["not JSON", () => '<historyIndex xmlns="urn:phuluc:history-index">{oops</historyIndex>'],
    ["another element", () => "<other/>"],
  ])("a forged index (%s): read whole, recorded safely", (_label, forge) => {
    const forged = rezip(book2, { [INDEX]: (d) => utf8(forge(text(d))) });
    const truth = readBook(book2, { history: true, historyIndex: false }).history!.rows;
    const read = readBook(forged, { history: true, tracking: true, inflateRaw: nodeInflateRaw });
    expect(read.problems).toEqual([]);
    expect(read.history!.rows).toEqual(truth);
    const update = recordInBook(read, r3, options(r3));
    if ("refused" in update) throw new Error(update.refused.en);
    expect(unzipTest(update.bytes)).toMatch(/No errors detected/);
    expect(content(update.bytes)).toEqual(content(record(book2, r3, false).update.bytes));
  });
});

describe("LibreOffice", () => {
  it("opens a book recorded through the index; saved again, it is read whole with the same history", async () => {
    expect(hasLibreOffice()).toBe(true);
    const bytes = record(book2, r3).update.bytes;
    const dir = mkdtempSync(join(tmpdir(), "history-index-lo-"));
    const input = join(dir, "So.xlsx");
    writeFileSync(input, bytes);
    const saved = new Uint8Array(readFileSync(await convertWithLibreOffice(input, "xlsx", join(dir, "lo"), 300_000)));
    const back = readBook(saved, { history: true, tracking: true });
    expect(back.history!.indexed).toBeUndefined();
    expect(back.history!.problems).toEqual([]);
    expect(back.history!.rows).toEqual(content(bytes).history);
  });
});
