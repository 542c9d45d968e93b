/**
 * The fast paths a book of half a million history rows needs give what the general ones give:
 * "Lịch sử" read cell by cell as the sheet is parsed (the reader's cellSink, with its plain-cell
 * scanner) equals the sheet read whole; a cell object used in many places is written as if each
 * place had its own. Speed is measured in bench/history.ts.
 */
import { readBook } from "../../src/book";
import { readHistory } from "../../src/book/history";
import { consolidate } from "../../src/consolidate";
import { recordInBook } from "../../src/jobs/history";
import { trackingXlsx } from "../../src/jobs/tracking";
import { HISTORY_SHEET, historySheet, type HistoryRow } from "../../src/workbook/history";
import type { Cell, WorkbookSpec } from "../../src/workbook/model";
import { DEFAULT_TYPOGRAPHY, standardStyles } from "../../src/workbook/styles";
import { readXlsx, type ReadCell } from "../../src/xlsx/read";
import { renderXlsx } from "../../src/xlsx/write";
import { H1, plan } from "../consolidate/fixtures";
import { editBook, sheet } from "./helpers";

const LIMITS = { maxCells: 20_000_000 };

/** The history as the general reader sees it: every cell of the sheet kept, then read. */
function readWhole(bytes: Uint8Array) {
  return readHistory(readXlsx(bytes, { valuesOnly: true, limits: LIMITS }));
}

/** The history sheet's cells through a sink, and how often the fast path gave up. */
function sunk(bytes: Uint8Array): { cells: ReadCell[]; restarts: number } {
  let cells: ReadCell[] = [];
  let restarts = 0;
  readXlsx(bytes, {
    valuesOnly: true,
    limits: LIMITS,
    cellSink: (name) =>
      name === HISTORY_SHEET
        ? {
            cell: (c) => cells.push(c),
            restart: () => {
              restarts++;
              cells = [];
            },
          }
        : undefined,
  });
  return { cells, restarts };
}

function row(period: string, unitCode: string, task: number, extra: Partial<HistoryRow> = {}): HistoryRow {
  return {
    period,
    unitCode,
    unitName: `Đơn vị ${unitCode} & <cộng sự>`,
    taskId: `NV${task}`,
    task,
    status: task % 2 ? "Hoàn thành" : "Đang thực hiện",
    deadlineClass: "Hoàn thành đúng hạn",
    completedOn: task % 2 ? "2026-05-10" : null,
    progress: task % 2 ? 100 : 40,
    result: task % 3 ? `Kết quả  ${task}\ndòng hai` : null,
    documents: null,
    difficulties: task === 4 ? "_x0041_ giữ nguyên" : null,
    proposals: null,
    file: `${unitCode}.xlsx`,
    receivedOn: "2026-06-18",
    asOf: "2026-06-20",
    source: "",
    ...extra,
  };
}

const history: HistoryRow[] = [
  ...[1, 2, 3, 4, 5].map((t) => row("2026-H1", "BTCTU", t)),
  ...[1, 2, 3].map((t) => row("2026-H1", "SNV", t, { progress: "khoảng 50%", task: t === 2 ? "2a" : t })),
  row("2026-H3", "SNV", 9, { completedOn: "mùa hè" }),
];
const bookWith = (rows: readonly HistoryRow[]) =>
  trackingXlsx(plan, { asOf: "2026-07-01", today: "2026-07-01", history: rows });

describe("Lịch sử read cell by cell", () => {
  it("gives our own book's history exactly as the sheet read whole, without giving up", () => {
    const bytes = bookWith(history);
    const fast = readBook(bytes, { history: true }).history!;
    expect(fast).toEqual(readWhole(bytes));
    expect(fast.rows).toHaveLength(history.length);
    expect(fast.problems.map((p) => [p.code, p.cell])).toEqual([["history-period", "A10"]]);
    const { cells, restarts } = sunk(bytes);
    expect(restarts).toBe(0);
    expect(cells).toEqual(readXlsx(bytes, { sheetFilter: (n) => n === HISTORY_SHEET }).sheets[0]!.cells);
  });

  it("a book edited in another program (deleted rows, a formula, a note beside the table) reads the same", async () => {
    const edited = await editBook(bookWith(history), (wb) => {
      const ws = sheet(wb, HISTORY_SHEET);
      ws.spliceRows(3, 2);
      ws.getCell("I4").value = { formula: "40+2", result: 42 };
      ws.getCell("A5").value = "2026-h1";
      ws.getCell("T6").value = "ghi chú";
    });
    const fast = readBook(edited, { history: true }).history!;
    expect(fast).toEqual(readWhole(edited));
    expect(fast.intact).toBe(false);
    expect(fast.rows.find((r) => r.progress === 42)).toBeDefined();
    // The row scanner reads formulas with their cached results too: no restart, and the same cells
    // as the full parser (what it cannot read makes it restart: test/xlsx/read-fast-paths.test.ts).
    const { cells, restarts } = sunk(edited);
    expect(restarts).toBe(0);
    expect(cells).toEqual(readXlsx(edited, { sheetFilter: (n) => n === HISTORY_SHEET }).sheets[0]!.cells);
  });

  it("a sheet with no header, or no history sheet at all, reads as before", async () => {
    const noHeader = await editBook(bookWith(history), (wb) => {
      sheet(wb, HISTORY_SHEET).spliceRows(1, 1);
    });
    const fast = readBook(noHeader, { history: true }).history!;
    expect(fast).toEqual(readWhole(noHeader));
    expect(fast.intact).toBe(false);
    expect(fast.problems.map((p) => p.code)).toEqual(["history-header"]);
    const empty = bookWith([]);
    expect(readBook(empty, { history: true }).history).toEqual(readWhole(empty));
  });

  it("recording into a book read this way is still idempotent", async () => {
    const result = await consolidate([], { plan, asOf: "2026-06-20", period: H1 });
    const once = recordInBook(readBook(bookWith(history), { tracking: true, history: true }), result, {
      asOf: "2026-06-20",
      today: "2026-06-20",
    });
    if ("refused" in once) throw new Error(once.refused.en);
    const twice = recordInBook(readBook(once.bytes, { tracking: true, history: true }), result, {
      asOf: "2026-06-20",
      today: "2026-06-20",
    });
    if ("refused" in twice) throw new Error(twice.refused.en);
    expect(Buffer.from(twice.bytes).equals(Buffer.from(once.bytes))).toBe(true);
  });
});

describe("a long history", () => {
  it("is written in encoded groups of rows and reads back row for row", () => {
    // ≈ 3,000 rows of Vietnamese text: the sheet's rows are encoded in many groups.
    const long: HistoryRow[] = [];
    for (let u = 0; u < 300; u++)
      for (let t = 1; t <= 10; t++)
        long.push(row("2026-H1", `DV${u}`, t, { result: `Đã triển khai nội dung ${t} tại đơn vị ${u}, ổn định` }));
    const bytes = bookWith(long);
    const back = readBook(bytes, { history: true }).history!;
    expect(back.rows).toEqual(long.map((r) => ({ ...r, result: r.result!.replace(/\s+/g, " ") })));
    expect(back).toEqual(readWhole(bytes));
  });
});

describe("a cell object used in many places", () => {
  it("is written as if every place had its own cell", () => {
    const spec = (share: boolean): WorkbookSpec => {
      const made = new Map<string, Cell>();
      const cell = (value: Cell["value"], style?: string): Cell => {
        const fresh: Cell = style === undefined ? { value } : { value, style };
        if (!share) return fresh;
        const key = JSON.stringify(fresh);
        if (!made.has(key)) made.set(key, fresh);
        return made.get(key)!;
      };
      const rows = [1, 2, 3].map((i) => ({
        cells: [
          cell("chữ & <thẻ>", "text"),
          cell(i % 2 ? 7 : 8),
          cell({ date: "2026-05-10" }),
          cell(null, "text"),
          cell(true),
          null,
          cell({ formula: "1+1", result: 2 }),
        ],
      }));
      return {
        properties: { title: "t", subject: "s", creator: "c" },
        customProperties: {},
        defaultFont: { name: "Times New Roman", size: 12 },
        styles: standardStyles(DEFAULT_TYPOGRAPHY),
        sheets: [
          { ...historySheet([], DEFAULT_TYPOGRAPHY), name: "A", tables: [] },
          { ...historySheet([], DEFAULT_TYPOGRAPHY), name: "B", rows, tables: [] },
        ],
        definedNames: [],
        activeSheet: 0,
      };
    };
    expect(Buffer.from(renderXlsx(spec(true))).equals(Buffer.from(renderXlsx(spec(false))))).toBe(true);
    const b = readXlsx(renderXlsx(spec(true))).sheet("B")!;
    expect(b.cells.map((c) => `${c.ref}=${String(c.value)}`)).toContain("A3=chữ & <thẻ>");
    expect(b.cell("B2")?.value).toBe(8);
  });
});
