/**
 * Five years in one book, from the browser page (production build, Debian's Chromium): a book file
 * is picked, returned forms consolidated, the period recorded with "Ghi vào sổ" (the updated book
 * downloaded under the same name and read back with the book's history reader), then the trends
 * page — loaded on demand, its own chunk — shows the period and downloads the review pack. Without a
 * book the page says so and offers to pick one. Screenshots in Vietnamese and English go to
 * test-output/e2e/ (SHOTS_DIR overrides).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import type { Browser, Download, Page } from "playwright-core";
import { readBook } from "../../src/book";
import { historyPeriod } from "../../src/book/history";
import { trackingXlsx } from "../../src/jobs/tracking";
import { builtinPlan } from "../../src/plan";
import { HISTORY_SHEET } from "../../src/workbook/history";
import { TRENDS_SHEET } from "../../src/workbook/trends";
import { readXlsx } from "../../src/xlsx/read";
import type { StaticServer } from "../addin/static-server";
import { blankForm } from "../consolidate/fixtures";
import { fillForm } from "../helpers/fill-form";
import { panePage, startPage } from "./page";

const ROOT = resolve(__dirname, "..", "..");
const SHOTS = process.env.SHOTS_DIR ?? join(ROOT, "test-output", "e2e");
const plan = builtinPlan();

let started: Awaited<ReturnType<typeof startPage>> | undefined;
let server: StaticServer;
let browser: Browser;
const consoleErrors: string[] = [];
const work = mkdtempSync(join(tmpdir(), "nq08-e2e-history-"));
let bookPath: string;
let formPaths: string[];

const newPage = (): Promise<Page> => panePage(browser, consoleErrors);

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

async function saved(download: Download): Promise<Uint8Array> {
  const path = join(work, `dl-${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return new Uint8Array(readFileSync(path));
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  started = await startPage(join(mkdtempSync(join(tmpdir(), "nq08-e2e-")), "dist"));
  ({ server, browser } = started);
  bookPath = join(work, "So-theo-doi-cua-VP.xlsx");
  writeFileSync(bookPath, trackingXlsx(plan, { asOf: "2026-06-01", today: "2026-06-01" }));
  const forms: [string, Uint8Array][] = [
    [
      "btctu.xlsx",
      fillForm(await blankForm("BTCTU"), [
        { task: 5, status: "Hoàn thành", completedOn: { date: "2026-05-10" }, progress: 100, result: "Đã ban hành" },
        { task: 3, status: "Đang thực hiện", progress: 40 },
      ]),
    ],
    [
      "snv.xlsx",
      fillForm(await blankForm("SNV"), [
        { task: 12, status: "Hoàn thành", completedOn: { date: "2026-07-20" }, progress: 100 },
      ]),
    ],
  ];
  formPaths = forms.map(([name, bytes]) => {
    const path = join(work, name);
    writeFileSync(path, bytes);
    return path;
  });
}, 360_000);

afterAll(() => started?.close());

async function consolidate(page: Page): Promise<void> {
  await page.getByTestId("consolidate-file-input").setInputFiles(formPaths);
  await page.getByTestId("consolidate-as-of").fill("30/06/2026");
  await page.getByTestId("consolidate-period").selectOption("2026-H1");
  await Promise.all([page.waitForEvent("download"), page.getByTestId("consolidate-run").click()]);
  await page.getByTestId("consolidate-summary").waitFor();
}

describe("recording a period and its trends on the browser page", () => {
  it("picks a book, consolidates, records into it (same name), and shows the trends page loaded on demand", async () => {
    const page = await newPage();
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
    });
    await page.goto(`${server.origin}/taskpane.html?page=consolidate`);
    await page.getByTestId("plan-source-file").setInputFiles(bookPath);
    await page.getByText(/Kế hoạch từ tệp So-theo-doi-cua-VP\.xlsx/).waitFor();
    await consolidate(page);
    // The trends page's code is not loaded until it is opened.
    expect(scripts.some((s) => /page-trends/.test(s))).toBe(false);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("consolidate-record").click(),
    ]);
    await page.getByTestId("consolidate-recorded").waitFor();
    expect(download.suggestedFilename()).toBe("So-theo-doi-cua-VP.xlsx");
    expect(await page.getByTestId("consolidate-recorded").innerText()).toMatch(/không bị thay đổi/);
    const book = readBook(await saved(download), { tracking: true, history: true });
    expect(book.history!.problems).toEqual([]);
    expect(new Set(book.history!.rows.map(historyPeriod))).toEqual(new Set(["2026-H1"]));
    expect(book.history!.rows.find((r) => r.unitCode === "BTCTU" && r.task === 5)).toMatchObject({
      status: "Hoàn thành",
      file: "btctu.xlsx",
    });
    await page.getByTestId("consolidate-recorded").scrollIntoViewIfNeeded();
    await shot(page, "history-01-recorded-vi");

    await page.getByRole("tab", { name: "Xu hướng / Sơ kết" }).click();
    await page.getByTestId("trends-chart").waitFor();
    expect(scripts.some((s) => /page-trends/.test(s))).toBe(true);
    expect(await page.getByTestId("trends-bar").count()).toBe(1);
    expect(await page.getByTestId("trends-row").first().innerText()).toMatch(/6 tháng đầu năm 2026\s+2\/\d+/);
    expect(await page.getByRole("img", { name: "Tình trạng nhiệm vụ theo kỳ báo cáo" }).count()).toBe(1);
    await page.getByTestId("trends-until").fill("31/12/2026");
    const [pack] = await Promise.all([page.waitForEvent("download"), page.getByTestId("trends-review").click()]);
    await page.getByTestId("trends-review-done").waitFor();
    expect(pack.suggestedFilename()).toBe("So-ket-NQ08-den-31-12-2026.xlsx");
    expect(readXlsx(await saved(pack)).sheets.map((s) => s.name)).toEqual([TRENDS_SHEET, HISTORY_SHEET]);
    await shot(page, "history-02-trends-vi");

    await page.getByRole("button", { name: "Tiếng Anh" }).click();
    await page.getByRole("img", { name: "Task status by report period" }).waitFor();
    expect(await page.getByTestId("trends-row").first().innerText()).toMatch(/First half of 2026\s+2 of \d+/);
    await shot(page, "history-03-trends-en");
    await page.getByRole("tab", { name: "Consolidate" }).click();
    await page.getByTestId("consolidate-record").scrollIntoViewIfNeeded();
    await shot(page, "history-04-consolidate-en");
    await page.close();
  }, 180_000);

  it("without a book: says the built-in plan has none, and records into a book picked right there", async () => {
    const page = await newPage();
    await page.goto(`${server.origin}/taskpane.html?page=consolidate`);
    await consolidate(page);
    await page.getByTestId("consolidate-record").click();
    await page.getByTestId("consolidate-record-no-book").waitFor();
    expect(await page.getByTestId("consolidate-record-no-book").innerText()).toMatch(/kế hoạch có sẵn/);
    await shot(page, "history-05-no-book-vi");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("consolidate-record-file").setInputFiles(bookPath),
    ]);
    await page.getByTestId("consolidate-recorded").waitFor();
    expect(download.suggestedFilename()).toBe("So-theo-doi-cua-VP.xlsx");
    expect(readBook(await saved(download), { history: true }).history!.rows.length).toBeGreaterThan(0);
    // The book picked here is the plan in use now, and the plan panel says so.
    expect(await page.getByTestId("plan-source-current").innerText()).toMatch(/So-theo-doi-cua-VP\.xlsx/);
    await page.close();
  }, 180_000);

  it("logged no error in the console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
