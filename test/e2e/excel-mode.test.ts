/**
 * The task pane's Excel mode in a real browser: the production build in Chromium, with office.js
 * replaced by a stand-in whose Excel.run drives the recording fake workbook. Each page writes into
 * "the open workbook", and the test reads back what landed there: sheets, values, the chart, the
 * selection a click makes, the report date, the print setup — and that the user's sheet is untouched.
 */
import { buildPage, launchChromium } from "./page";
import { readFileSync, mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { type Browser, type Page } from "playwright-core";
import webpack from "webpack";
import { builtinPlan, reportingUnits } from "../../src/plan";
import { reportPeriod } from "../../src/schedule";
import { APPENDIX_SHEET } from "../../src/workbook/appendix";
import { PLAN_SHEETS } from "../../src/workbook/book-layout";
import { CONSOLIDATED_SHEETS } from "../../src/workbook/consolidated";
import { isoToSerial } from "../../src/dates";
import { reportForm } from "../../src/workbook/form";
import { HISTORY_SHEET } from "../../src/workbook/history";
import { TRACKING_SHEET } from "../../src/workbook/tracking";
import { TRENDS_SHEET } from "../../src/workbook/trends";
import { renderXlsx } from "../../src/xlsx/write";
import { serveDirectory, type StaticServer } from "../addin/static-server";
import { fillForm } from "../helpers/fill-form";

const ROOT = resolve(__dirname, "..", "..");
const SHOTS = join(ROOT, "test-output", "e2e");
const OFFICE_JS_URL = (require(join(ROOT, "webpack.config.js")) as { OFFICE_JS_URL: string }).OFFICE_JS_URL;
const HOSTED = "/taskpane.html?_host_Info=Excel$Web$16.01$vi-VN$$$$0";
const plan = builtinPlan();

let dist: string;
let fakeOffice: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

/** Bundles the stand-in office.js (the recorder and its imports) for the browser. */
function bundleFakeOffice(outDir: string): Promise<string> {
  return new Promise((done, fail) => {
    webpack(
      {
        mode: "development",
        devtool: false,
        target: "web",
        entry: join(__dirname, "fake-office", "entry.ts"),
        output: { path: outDir, filename: "fake-office.js" },
        resolve: { extensions: [".ts", ".js"] },
        module: {
          rules: [
            {
              test: /\.ts$/,
              loader: "swc-loader",
              options: { jsc: { parser: { syntax: "typescript" }, target: "es2020" } },
            },
          ],
        },
      },
      (error, stats) => {
        if (error || !stats || stats.hasErrors()) fail(error ?? new Error(stats?.toString("errors-only")));
        else done(readFileSync(join(outDir, "fake-office.js"), "utf8"));
      },
    );
  });
}

/** Reads from the fake workbook inside the page. */
function workbook<T>(fn: string): Promise<T> {
  return page.evaluate(`(() => { const r = window.__recorder; return (${fn}); })()`) as Promise<T>;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), "nq08-excel-e2e-"));
  dist = join(tmp, "dist");
  buildPage(dist);
  fakeOffice = await bundleFakeOffice(join(tmp, "fake"));
  server = await serveDirectory(dist);
  browser = await launchChromium();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 420, height: 900 } });
  // Nothing but the local server and the stand-in office.js is reachable.
  await context.route(
    (url) => url.origin !== server.origin,
    (route) =>
      route.request().url() === OFFICE_JS_URL
        ? route.fulfill({ status: 200, contentType: "text/javascript", body: fakeOffice })
        : route.abort("internetdisconnected"),
  );
  page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.origin}${HOSTED}&page=tracking`);
  await page.waitForSelector("[data-mode=excel]");
}, 360000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the task pane inside Excel (stand-in office.js, recorded workbook)", () => {
  it("writes the tracking workbook into the open workbook, beside the user's sheets", async () => {
    const before = await workbook<number>("r.syncs");
    await page.getByTestId("tracking-create").click();
    await page.getByTestId("tracking-result").waitFor();
    await page.screenshot({ path: join(SHOTS, "excel-01-tracking.png"), fullPage: true });
    const names = await workbook<string[]>("r.sheetNames()");
    expect(names).toEqual(["Trang tính của tôi", "Ghi chú riêng", APPENDIX_SHEET, TRACKING_SHEET, ...PLAN_SHEETS]);
    expect(await workbook<unknown>(`r.cell(${JSON.stringify(APPENDIX_SHEET)}, "B7").value`)).toBe(
      plan.tasks[0]!.content,
    );
    expect(await workbook<unknown>(`r.cell("Ghi chú riêng", "A1").value`)).toBe("Dữ liệu của người dùng");
    // Look for the office's plan sheets, read the sheet list, write, swap into place, freeze panes.
    expect((await workbook<number>("r.syncs")) - before).toBeLessThanOrEqual(5);
  });

  it("records the consolidation into the open workbook (Lịch sử, Xu hướng with its chart) and shows the trends page", async () => {
    // The book in the open workbook is read first (the recording goes into it), then forms consolidated.
    await page.getByRole("tab", { name: "Tổng hợp" }).click();
    await page.getByTestId("plan-source-read-open").click();
    await page.getByTestId("plan-source-progress").waitFor({ state: "detached" });
    expect(await page.getByTestId("plan-source").innerText()).toMatch(/Kế hoạch từ sổ đang mở: 17 nhiệm vụ/);
    const dir = mkdtempSync(join(tmpdir(), "nq08-excel-record-"));
    const period = reportPeriod("2026-H1")!;
    const paths = reportingUnits(plan)
      .slice(0, 3)
      .map((u) => {
        const rows = plan.assignments
          .get(u.code)!
          .map((task) => ({ task, status: "Hoàn thành", completedOn: "15/5/2026" }));
        const path = join(dir, `${u.code}.xlsx`);
        writeFileSync(path, fillForm(renderXlsx(reportForm(plan, u, period)), rows));
        return path;
      });
    await page.getByTestId("consolidate-file-input").setInputFiles(paths);
    await page.getByTestId("consolidate-as-of").fill("2026-06-30");
    await page.getByTestId("consolidate-run").click();
    await page.getByTestId("consolidate-summary").waitFor({ timeout: 60000 });
    const before = await workbook<number>("r.syncs");
    await page.getByTestId("consolidate-record").click();
    await page.getByTestId("consolidate-recorded").waitFor({ timeout: 60000 });
    expect(await page.getByTestId("consolidate-recorded").innerText()).toMatch(/các kỳ trước được giữ/);
    expect((await workbook<number>("r.syncs")) - before).toBeLessThanOrEqual(8);
    const names = await workbook<string[]>("r.sheetNames()");
    expect(names).toEqual(expect.arrayContaining([TRACKING_SHEET, TRENDS_SHEET, HISTORY_SHEET]));
    expect(await workbook<number>(`r.sheet(${JSON.stringify(TRENDS_SHEET)}).charts.length`)).toBe(1);
    expect(await workbook<unknown>(`r.cell("Ghi chú riêng", "A1").value`)).toBe("Dữ liệu của người dùng");

    await page.getByTestId("consolidate-recorded").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(process.env.SHOTS_DIR ?? SHOTS, "excel-history-recorded.png"), fullPage: true });
    await page.getByRole("tab", { name: "Xu hướng / Sơ kết" }).click();
    await page.getByTestId("trends-chart").waitFor({ timeout: 60000 });
    expect(await page.getByTestId("trends-source").innerText()).toMatch(/sổ đang mở: 1 kỳ/);
    await page.getByTestId("trends-until").fill("31/12/2026");
    await page.getByTestId("trends-review").click();
    await page.getByTestId("trends-review-done").waitFor({ timeout: 60000 });
    expect(await workbook<string[]>("r.sheetNames()")).toEqual(
      expect.arrayContaining(["Sơ kết - Xu hướng", "Sơ kết - Lịch sử", TRENDS_SHEET, HISTORY_SHEET]),
    );
    await page.screenshot({ path: join(process.env.SHOTS_DIR ?? SHOTS, "excel-history-trends.png"), fullPage: true });
  });

  it("consolidates returned forms into sheets with a chart, and a click shows the problem's cell", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nq08-excel-forms-"));
    const period = reportPeriod("2026-H1")!;
    const paths = reportingUnits(plan)
      .slice(0, 10)
      .map((u, i) => {
        const rows = plan.assignments.get(u.code)!.map((task) => ({
          task,
          status: i % 2 ? "Hoàn thành" : "Đang thực hiện",
          completedOn: i % 2 ? "15/5/2026" : null,
          result: i % 2 ? `Kết quả ${u.code}` : null,
          progress: i === 3 ? 140 : null,
        }));
        const path = join(dir, `${u.code}.xlsx`);
        writeFileSync(path, fillForm(renderXlsx(reportForm(plan, u, period)), rows));
        return path;
      });
    await page.getByRole("tab", { name: "Tổng hợp" }).click();
    await page.getByTestId("consolidate-file-input").setInputFiles(paths);
    await page.getByTestId("consolidate-as-of").fill("2026-06-30");
    const before = await workbook<number>("r.syncs");
    await page.getByTestId("consolidate-run").click();
    await page.getByTestId("consolidate-summary").waitFor({ timeout: 60000 });
    const syncs = (await workbook<number>("r.syncs")) - before;
    expect(syncs).toBeGreaterThan(0);
    expect(syncs).toBeLessThanOrEqual(5);
    const names = await workbook<string[]>("r.sheetNames()");
    for (const sheet of Object.values(CONSOLIDATED_SHEETS)) expect(names).toContain(sheet);
    expect(names.slice(0, 2)).toEqual(["Trang tính của tôi", "Ghi chú riêng"]);
    expect(await workbook<number>(`r.sheet(${JSON.stringify(CONSOLIDATED_SHEETS.summary)}).charts.length`)).toBe(1);
    // The summary names the sheets the user can see, not the hidden identity sheet.
    const summary = await page.getByTestId("consolidate-summary").innerText();
    expect(summary).toContain(CONSOLIDATED_SHEETS.problems);
    expect(summary).not.toContain("_nq08");

    // The out-of-range progress (140) is a problem; clicking it selects its row on "Kiểm tra".
    await page.getByTestId("consolidate-list-problems").locator("summary").click();
    const item = page.getByTestId("consolidate-list-problems").getByRole("button").first();
    await item.click();
    await page.screenshot({ path: join(SHOTS, "excel-02-consolidated.png"), fullPage: true });
    const selection = await workbook<{ sheet: string; address: string } | null>("r.selection");
    expect(selection?.sheet).toBe(CONSOLIDATED_SHEETS.problems);
  });

  it("refreshes the highlighting for a chosen report date by setting the tracking sheet's date", async () => {
    await page.getByRole("tab", { name: "Tô màu hạn" }).click();
    await page.getByTestId("highlight-as-of").fill("2026-12-14");
    await page.getByTestId("highlight-soon-days").fill("15");
    await page.getByTestId("highlight-run").click();
    await page.getByTestId("highlight-result").waitFor({ timeout: 60000 });
    expect(await workbook<unknown>(`r.cell(${JSON.stringify(TRACKING_SHEET)}, "C2").value`)).toBe(
      isoToSerial("2026-12-14"),
    );
    expect(await workbook<unknown>(`r.cell(${JSON.stringify(TRACKING_SHEET)}, "F2").value`)).toBe(15);
  });

  it("sets up printing: A4 landscape with the 36-HD/VPTW margins", async () => {
    await page.getByRole("tab", { name: "In ấn" }).click();
    await page.getByTestId("print-apply").click();
    await page.getByTestId("print-result").waitFor({ timeout: 60000 });
    await page.screenshot({ path: join(SHOTS, "excel-03-print.png"), fullPage: true });
    const layout = await workbook<Record<string, unknown>>(`r.sheet(${JSON.stringify(APPENDIX_SHEET)}).pageLayout`);
    expect(layout).toMatchObject({ orientation: "Landscape", paperSize: "A4" });
    expect(layout.topMargin).toBeCloseTo((20 * 72) / 25.4, 1);
    expect(layout.leftMargin).toBeCloseTo((30 * 72) / 25.4, 1);
    expect(await workbook<unknown>(`r.cell("Ghi chú riêng", "B2").value`)).toBe(42);
  });

  it("logged no error in the console", () => {
    expect(errors).toEqual([]);
  });
});
