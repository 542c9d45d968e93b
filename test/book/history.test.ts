/**
 * Five years in one book: a consolidation recorded into "Lịch sử", read back (also after hand edits
 * made with ExcelJS), recorded again (idempotent), late files added, a period outside the plan
 * refused, "Theo dõi" following the latest period, and `consolidate --book` writing the book back.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readBook } from "../../src/book";
import type { CliIO } from "../../src/cli/io";
import { runCli } from "../../src/cli/main";
import { consolidate, type ConsolidationResult } from "../../src/consolidate";
import {
  bookWorkbook,
  historyRowsOf,
  prefillFromHistory,
  recordInBook,
  recordPeriod,
  trackingFromHistory,
} from "../../src/jobs/history";
import { periodTrends, TRENDS_SHEET, type PeriodTrend } from "../../src/workbook/trends";
import { renderXlsx } from "../../src/xlsx/write";
import { trackingXlsx } from "../../src/jobs/tracking";
import { reportPeriod, taskSchedule } from "../../src/schedule";
import { CARRIED_OVER, HISTORY_SHEET } from "../../src/workbook/history";
import { TRACKING_SHEET, trackingColumn, TRACKING_HEADER_ROW } from "../../src/workbook/tracking";
import { columnLetter } from "../../src/workbook/a1";
import { readXlsx } from "../../src/xlsx/read";
import { generateForms } from "../../src/jobs/forms";
import { FORM_SHEET } from "../../src/workbook/form-layout";
import { blankForm, file, H1, H2, plan, unit } from "../consolidate/fixtures";
import { fillForm, formLayout } from "../helpers/fill-form";
import { renderToExcel } from "../../src/excel";
import { ExcelRecorder } from "../helpers/excel-recorder";
import { editBook, sheet } from "./helpers";

const book = () => trackingXlsx(plan, { asOf: "2026-07-01", today: "2026-07-01", history: [] });
const read = (bytes: Uint8Array) => readBook(bytes, { tracking: true, history: true });

async function h1Result(codes: string[] = ["BTCTU", "SNV"], asOf = "2026-06-20"): Promise<ConsolidationResult> {
  const files = [];
  if (codes.includes("BTCTU"))
    files.push(
      file(
        "btctu.xlsx",
        fillForm(await blankForm("BTCTU"), [
          { task: 5, status: "Hoàn thành", completedOn: { date: "2026-05-10" }, progress: 100, result: "Đã ban hành" },
          { task: 3, status: "Đang thực hiện", progress: 40 },
        ]),
        "2026-06-18T08:00:00Z",
      ),
    );
  if (codes.includes("SNV"))
    files.push(
      file(
        "snv.xlsx",
        fillForm(await blankForm("SNV"), [
          { task: 12, status: "Đang thực hiện", progress: 30, difficulties: "Thiếu người" },
        ]),
        "2026-06-19T08:00:00Z",
      ),
    );
  return consolidate(files, { plan, asOf, period: H1 });
}

describe("the history sheet", () => {
  it("records a period, reads it back the same, and recording it again gives the same book", async () => {
    const result = await h1Result();
    const first = recordInBook(read(book()), result, { asOf: "2026-06-20", today: "2026-06-20" });
    if ("refused" in first) throw new Error(first.refused.en);
    expect(first.rows).toBe(result.rows.length);
    const back = read(first.bytes);
    expect(back.problems).toEqual([]);
    expect(back.history!.problems).toEqual([]);
    const recorded = recordPeriod([], plan, result);
    if ("refused" in recorded) throw new Error("refused");
    expect(back.history!.rows).toEqual(recorded.rows);
    // One row per (unit, task) of the result, unit by unit in the plan's order.
    const key = (r: { unitCode: string; task: unknown }) => `${r.unitCode}/${String(r.task)}`;
    expect(recorded.rows.map(key).sort()).toEqual(historyRowsOf(plan, result).map(key).sort());
    expect(recorded.rows[0]!.unitCode).toBe(plan.units.find((u) => plan.assignments.has(u.code))!.code);
    const btctu5 = back.history!.rows.find((r) => r.unitCode === "BTCTU" && r.task === 5)!;
    expect(btctu5).toMatchObject({
      period: "2026-H1",
      taskId: "NV05",
      status: "Hoàn thành",
      deadlineClass: expect.stringMatching(/^Hoàn thành/),
      completedOn: "2026-05-10",
      progress: 100,
      result: "Đã ban hành",
      file: "btctu.xlsx",
      receivedOn: "2026-06-18",
      asOf: "2026-06-20",
    });
    // An Excel table over the whole history, header at A1 (filterable, PivotTable-ready).
    const wb = readXlsx(first.bytes);
    expect(wb.sheet(HISTORY_SHEET)!.cell("A1")!.value).toBe("Kỳ báo cáo");
    // Idempotent: the same consolidation recorded into the new book gives the same bytes.
    const again = recordInBook(back, result, { asOf: "2026-06-20", today: "2026-06-20" });
    if ("refused" in again) throw new Error(again.refused.en);
    expect(again.notes[0]!.vi).toMatch(/Kỳ 2026-H1 đã có trong lịch sử/);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it("late files add to a period; another period keeps its own rows, in time order", async () => {
    const early = await h1Result(["BTCTU"]);
    const late = await h1Result(["SNV"], "2026-06-25");
    const a = recordPeriod([], plan, early);
    if ("refused" in a) throw new Error("refused");
    const b = recordPeriod(a.rows, plan, late);
    if ("refused" in b) throw new Error("refused");
    const units = (rows: typeof b.rows) => new Set(rows.filter((r) => r.file).map((r) => r.unitCode));
    expect(units(b.rows)).toEqual(new Set(["BTCTU", "SNV"]));
    expect(b.notes.map((n) => n.en).join(" ")).toMatch(/Kept the recorded results of 1 unit/);
    expect(b.notes.map((n) => n.en).join(" ")).toMatch(/as of 20\/06\/2026[^]*as of 25\/06\/2026/);
    // A second-half result recorded before... and the first half again: periods stay in time order.
    const h2 = await consolidate([], { plan, asOf: "2026-12-20", period: H2 });
    const c = recordPeriod(b.rows, plan, h2);
    if ("refused" in c) throw new Error("refused");
    const d = recordPeriod(c.rows, plan, early);
    if ("refused" in d) throw new Error("refused");
    const periods = [...new Set(d.rows.map((r) => r.period))];
    expect(periods).toEqual(["2026-H1", "2026-H2"]);
  });

  it("refuses a period outside the plan's years, and says why", async () => {
    const old = await consolidate([], { plan, asOf: "2020-06-20", period: reportPeriod("2020-H1")! });
    const r = recordPeriod([], plan, old);
    expect("refused" in r && r.refused.vi).toMatch(/2020-H1[^]*ngoài thời gian của kế hoạch \(2026–2030\)/);
  });

  it("a history edited by hand: deleted rows stay deleted, a wrong period is named and kept", async () => {
    const recorded = recordInBook(read(book()), await h1Result(), { asOf: "2026-06-20", today: "2026-06-20" });
    if ("refused" in recorded) throw new Error(recorded.refused.en);
    const rowsBefore = read(recorded.bytes).history!.rows.length;
    const edited = await editBook(recorded.bytes, (wb) => {
      const ws = sheet(wb, HISTORY_SHEET);
      ws.spliceRows(2, 3);
      ws.getCell("A10").value = "2026-H3";
      ws.getCell("A11").value = "2026-H3";
    });
    const back = read(edited);
    expect(back.history!.rows.length).toBe(rowsBefore - 3);
    expect(back.history!.intact).toBe(true);
    const problem = back.history!.problems.find((p) => p.code === "history-period")!;
    expect(problem.cell).toBe("A10");
    expect(problem.text.vi).toMatch(/"2026-H3" không hợp lệ \(2 dòng/);
    // Recording another period keeps the wrongly typed rows exactly, after the readable ones.
    const h2 = await consolidate([], { plan, asOf: "2026-12-20", period: H2 });
    const next = recordInBook(back, h2, { asOf: "2026-12-20", today: "2026-12-20" });
    if ("refused" in next) throw new Error(next.refused.en);
    const rows = read(next.bytes).history!.rows;
    const bad = rows.filter((r) => r.period === "2026-H3");
    expect(bad).toEqual(back.history!.rows.filter((r) => r.period === "2026-H3"));
    expect(rows.slice(-2)).toEqual(bad);

    // A note typed beside the table would be lost by a rewrite: the book is not written back.
    const noted = await editBook(recorded.bytes, (wb) => {
      sheet(wb, HISTORY_SHEET).getCell("T5").value = "ghi chú của văn phòng";
    });
    const refused = recordInBook(read(noted), h2, { asOf: "2026-12-20" });
    expect("refused" in refused && refused.refused.en).toMatch(/not changed/);
    expect(refused.problems.map((p) => [p.code, p.cell])).toEqual([["history-column", "T5"]]);
  });
});

describe("the tracking sheet follows the latest period", () => {
  it("a provincial task takes its lead's status; a task communes owe shows done / total", async () => {
    const result = await h1Result();
    const r = recordPeriod([], plan, result);
    if ("refused" in r) throw new Error("refused");
    const entries = trackingFromHistory(plan, r.rows, new Map([["NV05", { notes: "Ghi chú văn phòng" }]]));
    expect(entries.get("NV05")).toEqual({
      status: "Hoàn thành",
      completedOn: "2026-05-10",
      notes: "Ghi chú văn phòng",
    });
    expect(entries.get("NV12")).toEqual({ status: "Đang thực hiện" });
    const owing = r.rows.filter((x) => x.taskId === "NV03").length;
    expect(entries.get("NV03")).toEqual({ status: "Đang thực hiện", notes: `[2026-H1] 0/${owing} đơn vị hoàn thành` });

    const update = recordInBook(read(book()), result, { asOf: "2026-06-20", today: "2026-06-20" });
    if ("refused" in update) throw new Error(update.refused.en);
    const ws = readXlsx(update.bytes).sheet(TRACKING_SHEET)!;
    const row = TRACKING_HEADER_ROW + 5;
    expect(ws.cell(`${columnLetter(trackingColumn("status"))}${row}`)!.value).toBe("Hoàn thành");
  });
});

describe("consolidate --book", () => {
  it("writes the book back with the period recorded and keeps the previous version beside it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nq08-history-"));
    const bookPath = join(dir, "So.xlsx");
    const before = book();
    writeFileSync(bookPath, before);
    const forms = join(dir, "bao-cao");
    const btctu = fillForm(await blankForm("BTCTU"), [
      { task: 5, status: "Hoàn thành", completedOn: { date: "2026-05-10" }, progress: 100, result: "Xong" },
    ]);
    mkdirSync(forms);
    writeFileSync(join(forms, "btctu.xlsx"), btctu);
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), cwd: dir };
    const code = await runCli(
      [
        "consolidate",
        "--book",
        bookPath,
        "--as-of",
        "20/06/2026",
        "--period",
        "2026-H1",
        "-o",
        join(dir, "th.xlsx"),
        forms,
      ],
      io,
    );
    expect([0, 1]).toContain(code);
    expect(out.join("")).toMatch(/Đã ghi kỳ 2026-H1 vào trang "Lịch sử" của sổ So.xlsx/);
    const backup = join(dir, "So.truoc-2026-H1.xlsx");
    expect(existsSync(backup)).toBe(true);
    expect(Buffer.from(readFileSync(backup)).equals(Buffer.from(before))).toBe(true);
    const after = read(new Uint8Array(readFileSync(bookPath)));
    expect(after.problems).toEqual([]);
    expect(after.history!.rows.find((r) => r.unitCode === "BTCTU" && r.task === 5)!.result).toBe("Xong");
    // The rebuilt book (template --book) keeps the history.
    const rebuilt = join(dir, "So-moi.xlsx");
    expect(await runCli(["template", "--book", bookPath, "-o", rebuilt], io)).toBe(0);
    expect(read(new Uint8Array(readFileSync(rebuilt))).history!.rows).toEqual(after.history!.rows);

    // A write that fails leaves the book as it was (the temporary file cannot be created here).
    const current = readFileSync(bookPath);
    mkdirSync(`${bookPath}.${process.pid}.tmp`);
    err.length = 0;
    const failed = await runCli(
      [
        "consolidate",
        "--book",
        bookPath,
        "--as-of",
        "25/06/2026",
        "--period",
        "2026-H1",
        "-o",
        join(dir, "th2.xlsx"),
        forms,
      ],
      io,
    );
    expect(failed).toBe(1);
    expect(err.join("")).toMatch(/Không ghi được sổ So.xlsx[^]*sổ cũ không bị thay đổi[^]*the old book is unchanged/);
    expect(Buffer.from(readFileSync(bookPath)).equals(current)).toBe(true);

    // The review pack: the periods ended by --until, trends (with the chart) and their history.
    const review = join(dir, "So-ket.xlsx");
    expect(await runCli(["review", "--book", bookPath, "--until", "31/12/2027", "-o", review], io)).toBe(0);
    const pack = readXlsx(new Uint8Array(readFileSync(review)));
    expect(pack.sheets.map((s) => s.name)).toEqual([TRENDS_SHEET, HISTORY_SHEET]);
    expect(pack.sheet(TRENDS_SHEET)!.cell("A5")!.value).toBe("2026-H1");
    expect(pack.sheet(HISTORY_SHEET)!.cells.filter((c) => c.col === 1 && c.row > 1)).toHaveLength(
      after.history!.rows.length,
    );
    err.length = 0;
    expect(await runCli(["review", "--book", bookPath, "--until", "01/06/2026", "-o", review], io)).toBe(1);
    expect(err.join("")).toMatch(/chưa có gì để sơ kết[^]*nothing to review/);
  });
});

describe("Xu hướng", () => {
  it("counts each period's tasks by class and gives the on-time and overdue rates of the tasks due", async () => {
    const h1 = await h1Result();
    const h2 = await consolidate([], { plan, asOf: "2026-12-20", period: H2 });
    const a = recordPeriod([], plan, h1);
    if ("refused" in a) throw new Error("refused");
    const b = recordPeriod(a.rows, plan, h2);
    if ("refused" in b) throw new Error("refused");
    const trends = periodTrends(b.rows);
    expect(trends.map((t) => t.period)).toEqual(["2026-H1", "2026-H2"]);
    const [first, second] = trends as [PeriodTrend, PeriodTrend];
    const count = (r: ConsolidationResult, k: string) => r.rows.filter((x) => x.deadlineClass === k).length;
    expect(first.counts["done-on-time"]).toBe(count(h1, "done-on-time"));
    expect(first.counts.overdue).toBe(count(h1, "overdue"));
    expect(first.counts["not-reported"]).toBe(count(h1, "not-reported"));
    expect(Object.values(first.counts).reduce((x, y) => x + y, 0)).toBe(h1.rows.length);
    expect(first.reportedUnits).toBe(2);
    expect(first.owedUnits).toBe(new Set(h1.rows.map((r) => r.unitCode)).size);
    const due = count(h1, "done-on-time") + count(h1, "done-late") + count(h1, "overdue");
    expect(first.due).toBe(due);
    expect(first.onTimeRate).toBeCloseTo(count(h1, "done-on-time") / due);
    expect(first.overdueRate).toBeCloseTo((count(h1, "done-late") + count(h1, "overdue")) / due);
    expect(second.reportedUnits).toBe(0);

    // The sheet: the summary table's rows, and the rates as percentages.
    const spec = bookWorkbook(plan, { asOf: "2026-12-20", today: "2026-12-20", history: b.rows });
    expect(spec.sheets.map((s) => s.name).slice(-2)).toEqual([TRENDS_SHEET, HISTORY_SHEET]);
    const ws = readXlsx(renderXlsx(spec)).sheet(TRENDS_SHEET)!;
    expect(ws.cell("A5")!.value).toBe("2026-H1");
    expect(ws.cell("J5")!.value).toBe(2);
    expect(ws.cell("H5")!.value).toBeCloseTo(first.overdueRate!);
    expect(ws.cell("H5")!.numFmt).toBe("0.0%");
  });
});

describe("forms that start from last period", () => {
  it("prefill each unit's rows, lock one-off tasks done, and the consolidation tells carried over from new", async () => {
    const h1 = recordPeriod([], plan, await h1Result(["BTCTU"]));
    if ("refused" in h1) throw new Error("refused");
    const prefill = prefillFromHistory(plan, h1.rows, H2);
    expect([...prefill.keys()]).toEqual(["BTCTU"]);
    const btctu = prefill.get("BTCTU")!;
    expect(btctu.get(3)).toEqual({
      status: "Đang thực hiện",
      completedOn: null,
      progress: 40,
      result: null,
      locked: false,
    });
    // Task 5 was done: a one-off task stays done and locked, a recurring one re-opens (not prefilled).
    const once = taskSchedule(plan, 5).repeat === "none";
    expect(btctu.get(5)).toEqual(
      once
        ? { status: "Hoàn thành", completedOn: "2026-05-10", progress: 100, result: "Đã ban hành", locked: true }
        : undefined,
    );

    const forms = await generateForms(plan, H2, { units: [unit("BTCTU")], prefillByUnit: prefill });
    const bytes = forms.files[0]!.bytes;
    const layout = formLayout(bytes);
    const ws = readXlsx(bytes).sheet(FORM_SHEET)!;
    const row3 = layout.taskRows.get(3)!;
    expect(ws.cell(`${layout.columns.status}${row3}`)!.value).toBe("Đang thực hiện");
    expect(ws.cell(`${layout.columns.progress}${row3}`)!.value).toBe(40);
    expect(ws.cell(`${layout.columns.status}${row3}`)!.locked).toBe(false);
    if (once) expect(ws.cell(`${layout.columns.status}${layout.taskRows.get(5)!}`)!.locked).toBe(true);

    // Returned untouched: every row carried over, the unit listed.
    const untouched = await consolidate([file("btctu-h2.xlsx", bytes)], { plan, asOf: "2026-12-20", period: H2 });
    const a = recordPeriod(h1.rows, plan, untouched);
    if ("refused" in a) throw new Error("refused");
    const h2Rows = a.rows.filter((r) => r.period === "2026-H2" && r.unitCode === "BTCTU" && r.status);
    expect(h2Rows.length).toBeGreaterThan(0);
    expect(h2Rows.every((r) => r.source === CARRIED_OVER)).toBe(true);
    expect(a.notes.map((n) => n.vi).join(" ")).toMatch(
      /1 đơn vị gửi lại mẫu điền sẵn mà không thay đổi gì so với kỳ trước: BTCTU/,
    );

    // Task 3 moved on: newly reported; the rest still carried over; the unit is not listed.
    const changed = fillForm(bytes, [{ task: 3, progress: 70 }]);
    const b = recordPeriod(
      h1.rows,
      plan,
      await consolidate([file("btctu-h2.xlsx", changed)], { plan, asOf: "2026-12-20", period: H2 }),
    );
    if ("refused" in b) throw new Error("refused");
    const task3 = b.rows.find((r) => r.period === "2026-H2" && r.unitCode === "BTCTU" && r.task === 3)!;
    expect([task3.progress, task3.source]).toEqual([70, ""]);
    expect(b.notes.map((n) => n.vi).join(" ")).not.toMatch(/không thay đổi gì/);
  });
});

describe("the book with its history in Excel (Office.js)", () => {
  it("writes Xu hướng with its native chart and Lịch sử through the charts API, in a few syncs", async () => {
    const r = recordPeriod([], plan, await h1Result());
    if ("refused" in r) throw new Error("refused");
    const spec = bookWorkbook(plan, { asOf: "2026-06-20", today: "2026-06-20", history: r.rows });
    const recorder = new ExcelRecorder(["Sheet1"]);
    const result = await renderToExcel(recorder.context, spec);
    expect(result.sheets.slice(-2)).toEqual([TRENDS_SHEET, HISTORY_SHEET]);
    const [chart] = recorder.sheet(TRENDS_SHEET).charts;
    const trends = spec.sheets.find((s) => s.name === TRENDS_SHEET)!.charts![0]!;
    expect(chart).toMatchObject({ type: "ColumnStacked", source: trends.source, seriesBy: "Columns" });
    expect(chart!.props["title.text"]).toBe(trends.title);
    expect(chart!.props["series.getItemAt(5).axisGroup"]).toBe("Secondary");
    expect(chart!.props["axes.getItem(Value,Secondary).numberFormat"]).toBe("0%");
    // The history's rows arrive whole.
    const history = recorder.sheet(HISTORY_SHEET);
    expect(history.cells.get(`A${r.rows.length + 1}`)?.value).toBe("2026-H1");
    expect(result.syncs).toBeLessThanOrEqual(6);
  });
});
