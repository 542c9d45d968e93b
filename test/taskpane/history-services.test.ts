/**
 * The pane's history services: a consolidation recorded into a picked book (downloaded again under
 * its name, read back with the book's history reader) or into the open workbook (against the Office.js
 * recorder: earlier periods kept, the same syncs for 10 or 3,000 history rows, every request under
 * 5 MB), the trends page's figures and the review pack.
 */
import type { ConsolidationResult } from "../../src/consolidate/types";
import { readBook } from "../../src/book";
import { historyPeriod } from "../../src/book/history";
import { renderToExcel } from "../../src/excel";
import { bookWorkbook, historyRowsOf } from "../../src/jobs/history";
import { trackingXlsx } from "../../src/jobs/tracking";
import { reportPeriod } from "../../src/schedule";
import {
  consolidateFiles,
  createTracking,
  historyTrends,
  loadBookFile,
  readWorkbookPlan,
  recordConsolidation,
  reviewPack,
  type ExcelTarget,
  type SourceFile,
} from "../../src/taskpane/services";
import { REVIEW_SHEETS } from "../../src/taskpane/services/impl/history";
import { setPlan } from "../../src/taskpane/services/impl/shared";
import { HISTORY_COLUMNS, HISTORY_SHEET, type HistoryRow } from "../../src/workbook/history";
import { TRACKING_SHEET } from "../../src/workbook/tracking";
import { TRENDS_SHEET } from "../../src/workbook/trends";
import { readXlsx } from "../../src/xlsx/read";
import { blankForm, plan } from "../consolidate/fixtures";
import { ExcelRecorder } from "../helpers/excel-recorder";
import { fillForm } from "../helpers/fill-form";

const AS_OF = "2026-06-20";
const TODAY = "2026-11-30";
const MB5 = 5 * 1024 * 1024;

function target(recorder: ExcelRecorder): ExcelTarget {
  return { run: (batch) => batch(recorder.context), isSetSupported: (s, v) => recorder.isSetSupported(s, v) };
}

function source(name: string, bytes: Uint8Array): SourceFile {
  return { name, lastModified: Date.UTC(2026, 5, 16), arrayBuffer: async () => bytes.slice().buffer };
}

let h1: ConsolidationResult;
let sources: SourceFile[];

beforeAll(async () => {
  sources = [
    source(
      "btctu.xlsx",
      fillForm(await blankForm("BTCTU"), [
        { task: 5, status: "Hoàn thành", completedOn: { date: "2026-05-10" }, progress: 100, result: "Đã ban hành" },
        { task: 3, status: "Đang thực hiện", progress: 40 },
      ]),
    ),
    source("snv.xlsx", fillForm(await blankForm("SNV"), [{ task: 12, status: "Đang thực hiện", progress: 30 }])),
  ];
  h1 = (await consolidateFiles({ files: sources, asOf: AS_OF, period: "2026-H1" })).result;
}, 60_000);

afterEach(() => setPlan(null));

/** The same consolidation as another period's (the rows are what recording replaces by period). */
function asPeriod(result: ConsolidationResult, id: string, asOf: string): ConsolidationResult {
  return { ...result, period: reportPeriod(id)!, asOf };
}

/** `n` history rows over the plan's periods, as earlier recordings left them. */
function historyRows(n: number): HistoryRow[] {
  const rows: HistoryRow[] = [];
  const periods = ["2025-H1", "2025-H2", "2026-H1"].filter(
    (p) => reportPeriod(p)!.to >= `${plan.document.years.from}-01-01`,
  );
  for (let i = 0; rows.length < n; i++) {
    const id = periods[i % periods.length]!;
    for (const r of historyRowsOf(plan, asPeriod(h1, id, reportPeriod(id)!.to))) {
      if (rows.length === n) break;
      rows.push(r);
    }
  }
  return rows.sort((a, b) => reportPeriod(a.period)!.to.localeCompare(reportPeriod(b.period)!.to));
}

/** An open workbook holding the book (plan sheets, Theo dõi, Lịch sử with `history`), its plan read. */
async function openBook(history: HistoryRow[]): Promise<ExcelRecorder> {
  const recorder = new ExcelRecorder(["Sheet1"]);
  await renderToExcel(recorder.context, bookWorkbook(plan, { asOf: AS_OF, today: TODAY, history }));
  const read = await readWorkbookPlan(target(recorder));
  expect(read).toMatchObject({ kind: "book", used: true });
  return recorder;
}

describe("recordConsolidation, browser page", () => {
  it("with the built-in plan: says there is no book to record into", async () => {
    const out = await recordConsolidation({ result: h1, today: TODAY });
    expect(out.kind).toBe("no-book");
    if (out.kind === "no-book") expect(out.text.en).toMatch(/built-in plan/);
    expect(await historyTrends()).toMatchObject({ kind: "no-book" });
  });

  it("records the period into the picked book and downloads it under the same name; a later period keeps the earlier one", async () => {
    const picked = trackingXlsx(plan, { asOf: AS_OF, today: AS_OF });
    expect(await loadBookFile(picked, "So-theo-doi-cua-VP.xlsx")).toMatchObject({ kind: "book", used: true });
    const first = await recordConsolidation({ result: h1, today: TODAY });
    if (first.kind !== "download") throw new Error(first.kind);
    expect(first.download.name).toBe("So-theo-doi-cua-VP.xlsx");
    const back = readBook(first.download.bytes, { tracking: true, history: true });
    expect(back.history!.problems).toEqual([]);
    expect(back.history!.rows).toHaveLength(h1.rows.length);
    expect(first.rows).toBe(h1.rows.length);
    expect(new Set(back.history!.rows.map(historyPeriod))).toEqual(new Set(["2026-H1"]));
    expect(back.history!.rows.find((r) => r.unitCode === "BTCTU" && r.task === 5)).toMatchObject({
      status: "Hoàn thành",
      completedOn: "2026-05-10",
      file: "btctu.xlsx",
    });

    // The downloaded book is the one in use: the next period is recorded beside the first.
    const second = await recordConsolidation({ result: asPeriod(h1, "2026-H2", "2026-12-20"), today: TODAY });
    if (second.kind !== "download") throw new Error(second.kind);
    const both = readBook(second.download.bytes, { tracking: true, history: true }).history!;
    expect([...new Set(both.rows.map(historyPeriod))]).toEqual(["2026-H1", "2026-H2"]);
    expect(readXlsx(second.download.bytes).sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining([TRACKING_SHEET, TRENDS_SHEET, HISTORY_SHEET]),
    );

    const trends = await historyTrends();
    if (trends.kind !== "trends") throw new Error(trends.kind);
    expect(trends.periods.map((p) => p.period)).toEqual(["2026-H1", "2026-H2"]);
    expect(trends.periods[0]!.reportedUnits).toBe(2);
    expect(trends.periods[0]!.owedUnits).toBe(new Set(h1.rows.map((r) => r.unitCode)).size);
    expect(trends.periods[0]!.label.vi).toBe("6 tháng đầu năm 2026");

    const review = await reviewPack({ until: "2026-06-30" });
    if (review.kind !== "download") throw new Error(review.kind);
    expect(review.periods).toEqual(["2026-H1"]);
    expect(review.download.name).toBe("So-ket-NQ08-den-30-06-2026.xlsx");
    const pack = readXlsx(review.download.bytes);
    expect(pack.sheets.map((s) => s.name)).toEqual([TRENDS_SHEET, HISTORY_SHEET]);
  });

  it("'Tạo sổ theo dõi' after recording rebuilds the book as it is now: every recorded period kept, Theo dõi following the latest", async () => {
    await loadBookFile(trackingXlsx(plan, { asOf: AS_OF, today: AS_OF }), "So.xlsx");
    const recorded = await recordConsolidation({ result: h1, today: TODAY });
    if (recorded.kind !== "download") throw new Error(recorded.kind);
    const out = await createTracking({ asOf: AS_OF, today: TODAY, soonDays: 30, titleSize: 14, tableSize: 13 });
    if (out.kind !== "download") throw new Error(out.kind);
    const rebuilt = readBook(out.download.bytes, { tracking: true, history: true });
    const before = readBook(recorded.download.bytes, { tracking: true, history: true });
    expect(rebuilt.history!.rows).toEqual(before.history!.rows);
    expect(rebuilt.history!.rows).toHaveLength(h1.rows.length);
    expect(rebuilt.tracking).toEqual(before.tracking);
    // Task 5 was reported done by its lead unit: the rebuilt "Theo dõi" says so.
    expect(rebuilt.tracking!.get(plan.tasks.find((t) => t.number === 5)!.id)).toMatchObject({ status: "Hoàn thành" });
    expect(readXlsx(out.download.bytes).sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining([TRACKING_SHEET, TRENDS_SHEET, HISTORY_SHEET]),
    );
  });

  it("a consolidation of another plan is refused with why; the book is not changed", async () => {
    await loadBookFile(trackingXlsx(plan, { asOf: AS_OF, today: AS_OF }), "So.xlsx");
    await expect(recordConsolidation({ result: { ...h1, planId: "other" }, today: TODAY })).rejects.toMatchObject({
      text: { vi: expect.stringContaining("kế hoạch khác"), en: expect.stringContaining("another plan") },
    });
  });
});

describe("recordConsolidation, open workbook", () => {
  it("writes Lịch sử, Xu hướng (with its chart) and Theo dõi; earlier periods are kept", async () => {
    const earlier = historyRowsOf(plan, h1);
    const recorder = await openBook(earlier);
    const before = recorder.sheetNames();
    const out = await recordConsolidation({
      result: asPeriod(h1, "2026-H2", "2026-12-20"),
      today: TODAY,
      excel: target(recorder),
    });
    if (out.kind !== "excel") throw new Error(out.kind);
    expect(out.report.sheets).toEqual([TRACKING_SHEET, TRENDS_SHEET, HISTORY_SHEET]);
    // The same sheets (the rewritten three follow each other); the plan sheets are not touched.
    expect([...recorder.sheetNames()].sort()).toEqual([...before].sort());
    expect(recorder.sheet(TRENDS_SHEET).charts).toHaveLength(1);
    expect(out.rows).toBe(earlier.length + h1.rows.length);
    // Read back from the recorded workbook: both periods, the earlier one's rows as they were.
    const trends = await historyTrends(target(recorder));
    if (trends.kind !== "trends") throw new Error(trends.kind);
    expect(trends.periods.map((p) => p.period)).toEqual(["2026-H1", "2026-H2"]);
    expect(trends.rows).toBe(earlier.length + h1.rows.length);
    const periodCol = String.fromCharCode(65 + HISTORY_COLUMNS.findIndex((c) => c.key === "period"));
    expect(recorder.cell(HISTORY_SHEET, `${periodCol}2`).value).toBe("2026-H1");
    expect(recorder.cell(HISTORY_SHEET, `${periodCol}${earlier.length + 2}`).value).toBe("2026-H2");

    // The review pack goes beside the book's own sheets, never over them.
    const review = await reviewPack({ until: "2026-12-31", excel: target(recorder) });
    if (review.kind !== "excel") throw new Error(review.kind);
    expect(review.periods).toEqual(["2026-H1", "2026-H2"]);
    expect([...recorder.sheetNames()].sort()).toEqual([...before, REVIEW_SHEETS.trends, REVIEW_SHEETS.history].sort());
    expect(recorder.sheet(REVIEW_SHEETS.trends).charts).toHaveLength(1);
    const after = await historyTrends(target(recorder));
    expect(after.kind === "trends" && after.rows).toBe(earlier.length + h1.rows.length);
  });

  it("10 and 3,000 history rows take the same syncs; every request stays under 5 MB", async () => {
    const syncs: number[] = [];
    for (const n of [10, 3000]) {
      const rows = historyRows(n);
      expect(rows).toHaveLength(n);
      const recorder = await openBook(rows);
      const start = recorder.syncs;
      const firstBatch = recorder.batchBytes.length;
      const out = await recordConsolidation({
        result: asPeriod(h1, "2026-H2", "2026-12-20"),
        today: TODAY,
        excel: target(recorder),
      });
      if (out.kind !== "excel") throw new Error(out.kind);
      expect(out.report.syncs).toBe(recorder.syncs - start);
      expect(Math.max(...recorder.batchBytes.slice(firstBatch))).toBeLessThan(MB5);
      syncs.push(out.report.syncs);
    }
    expect(syncs[1]).toBe(syncs[0]);
  }, 120_000);

  it("refuses when the open workbook's plan was not read, and changes nothing", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    await expect(recordConsolidation({ result: h1, today: TODAY, excel: target(recorder) })).rejects.toMatchObject({
      text: { en: expect.stringContaining("Read the plan from the open workbook") },
    });
    expect(recorder.sheetNames()).toEqual(["Sheet1"]);
  });
});
