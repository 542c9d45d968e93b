/**
 * End to end, in a real browser: the production build served on localhost, opened in Debian's
 * Chromium (playwright-core, no downloaded browser) with no Office around — the way an office on
 * Excel 2016 or without internet uses it. Forms are created and downloaded, 150 forms filled the way
 * units fill them (plus one broken file) are picked and consolidated, the download is checked, and
 * the consolidate page is used with the keyboard alone. Screenshots of each step go to
 * test-output/e2e/.
 */
import { buildPage, launchChromium, panePage } from "./page";
import { unzipSync } from "fflate";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { type Browser, type Download, type Page } from "playwright-core";
import { builtinPlan, reportingUnits } from "../../src/plan";
import { FORM_SHEET } from "../../src/workbook/form-layout";
import { identityFromPairs } from "../../src/workbook/identity";
import { readXlsx } from "../../src/xlsx/read";
import { isoToSerial } from "../../src/dates";
import { serveDirectory, type StaticServer } from "../addin/static-server";
import { fillForm, type FillRow } from "../helpers/fill-form";
import { convertManyWithLibreOffice } from "../helpers/libreoffice";
import { bookBytes, editBook, rowOfCode, sheet } from "../book/helpers";

const ROOT = resolve(__dirname, "..", "..");
const SHOTS = join(ROOT, "test-output", "e2e");
const plan = builtinPlan();
const units = reportingUnits(plan);

let dist: string;
let server: StaticServer;
let browser: Browser;
const consoleErrors: string[] = [];

function newPage(): Promise<Page> {
  return panePage(browser, consoleErrors);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function saved(download: Download, dir: string): Promise<string> {
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dist = join(mkdtempSync(join(tmpdir(), "nq08-e2e-")), "dist");
  buildPage(dist);
  server = await serveDirectory(dist);
  browser = await launchChromium();
}, 360000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** How a unit fills its form: statuses (some typed loosely), dates as dates or text, results. */
function unitRows(unitIndex: number, tasks: number[]): FillRow[] {
  return tasks.map((task, j) => {
    const k = (unitIndex + j) % 4;
    return {
      task,
      status: ["Hoàn thành", "Đang thực hiện", "đã hoàn thành", "Chưa triển khai"][k]!,
      completedOn: k === 0 ? { date: "2026-05-20" } : k === 2 ? "10/6/2026" : null,
      progress: k === 1 ? "60%" : k === 0 ? 100 : null,
      result:
        k === 0 || k === 2
          ? `Đơn vị ${unitIndex + 1}: đã ban hành kế hoạch, tổ chức quán triệt nhiệm vụ ${task}.`
          : null,
      difficulties: k === 1 ? "=Thiếu kinh phí" : null,
    };
  });
}

describe("the task pane in a plain browser", () => {
  const work = mkdtempSync(join(tmpdir(), "nq08-e2e-files-"));
  let formsZip: Uint8Array;

  it("opens in browser mode, says no file leaves the computer, and loads no xlsx code yet", async () => {
    const page = await newPage();
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
    });
    await page.goto(`${server.origin}/taskpane.html`);
    await page.waitForSelector("[data-mode=browser]");
    await expectVisible(page, "browser-banner");
    expect(await page.getByTestId("browser-banner").innerText()).toMatch(/không tệp nào được gửi đi|no file leaves/i);
    // Only the initial bundles: the xlsx/consolidation chunks come with the first action.
    expect(scripts.every((u) => u.startsWith(server.origin))).toBe(true);
    expect(scripts.length).toBeLessThanOrEqual(3);
    await shot(page, "01-open");
    await page.close();
  });

  it("creates every unit's form and downloads them as one .zip", async () => {
    const page = await newPage();
    await page.goto(`${server.origin}/taskpane.html?page=forms`);
    await page.getByTestId("forms-period-kind").selectOption("H1");
    await page.getByTestId("forms-year").selectOption("2026");
    await shot(page, "02-forms");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("forms-create").click()]);
    await page.getByTestId("forms-result").waitFor();
    await enabled(page, "forms-create");
    await shot(page, "03-forms-done");
    const path = await saved(download, work);
    expect(path).toMatch(/\.zip$/);
    formsZip = new Uint8Array(readFileSync(path));
    const entries = Object.keys(unzipSync(formsZip)).filter((n) => n.endsWith(".xlsx"));
    expect(entries).toHaveLength(units.length);
    expect(entries.some((n) => n.includes("2026-H1_BTCTU_"))).toBe(true);
    await page.close();
  });

  it("consolidates 150 filled forms and reports the one broken file by name", async () => {
    const forms = unzipSync(formsZip);
    const names = Object.keys(forms)
      .filter((n) => n.endsWith(".xlsx"))
      .sort();
    const paths: string[] = [];
    names.forEach((name, i) => {
      const form = readXlsx(forms[name]!);
      const code = identityFromPairs(form.customProperties)!.unitCode!;
      const bytes = fillForm(
        forms[name]!,
        unitRows(i, plan.assignments.get(code)!),
        { preparer: "Nguyễn Thị B", phone: "0912 345 678" },
        { modified: "2026-06-16T08:00:00Z" },
      );
      const path = join(work, name.split("/").pop()!);
      writeFileSync(path, bytes);
      paths.push(path);
    });
    // Twelve units send a corrected form later: the newer one must win.
    for (let i = 0; i < 150 - names.length; i++) {
      const name = names[i]!;
      const code = identityFromPairs(readXlsx(forms[name]!).customProperties)!.unitCode!;
      const rows = plan.assignments.get(code)!.map((task) => ({
        task,
        status: "Hoàn thành",
        completedOn: { date: "2026-06-01" },
        progress: 100,
        result: `Bản sửa ${i + 1}`,
      }));
      const path = join(work, `gui-lai-${i + 1}.xlsx`);
      writeFileSync(path, fillForm(forms[name]!, rows, {}, { modified: "2026-06-18T08:00:00Z" }));
      paths.push(path);
    }
    expect(paths).toHaveLength(150);
    const broken = join(work, "bao-cao-hong.xlsx");
    writeFileSync(
      broken,
      Uint8Array.from({ length: 4000 }, (_, i) => (i * 37) % 251),
    );

    const page = await newPage();
    // 151 files are read by Web Workers (the same pool and checks as the CLI's worker threads).
    const workers: string[] = [];
    page.on("worker", (w) => workers.push(w.url()));
    await page.goto(`${server.origin}/taskpane.html?page=consolidate`);
    await page.getByTestId("consolidate-file-input").setInputFiles([...paths, broken]);
    await expect(page.getByTestId("consolidate-picked").innerText()).resolves.toContain("151");
    await page.getByTestId("consolidate-as-of").fill("2026-06-30");
    await shot(page, "04-consolidate-picked");
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 120000 }),
      page.getByTestId("consolidate-run").click(),
    ]);
    await page.getByTestId("consolidate-summary").waitFor();
    await enabled(page, "consolidate-run");
    await shot(page, "05-consolidate-done");

    // Every file got its own progress line; the broken one failed, the rest finished.
    const states = await page
      .getByTestId("consolidate-file")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-state")));
    expect(states).toHaveLength(151);
    expect(states.filter((s) => s === "failed")).toHaveLength(1);
    expect(states.filter((s) => s === "done")).toHaveLength(150);
    expect(workers.length).toBeGreaterThanOrEqual(1);
    expect(workers.every((u) => u.startsWith(server.origin))).toBe(true);
    expect(await page.getByTestId("consolidate-count-returned").innerText()).toMatch(
      new RegExp(`${units.length}\\D+${units.length}|${units.length}`),
    );
    await page.getByTestId("consolidate-list-problems").locator("summary").click();
    expect(await page.getByTestId("consolidate-list-problems").innerText()).toContain("bao-cao-hong.xlsx");

    // The downloaded workbook: the five sheets, every unit's rows, the newer resend winning.
    const book = readXlsx(new Uint8Array(readFileSync(await saved(download, work))));
    expect(book.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(["Tổng hợp", "Theo nhiệm vụ", "Theo đơn vị", "Chưa nộp", "Kiểm tra"]),
    );
    const byTask = book.sheet("Theo nhiệm vụ")!;
    const texts = new Set(byTask.cells.filter((c) => c.kind === "string").map((c) => String(c.value)));
    expect(texts.has("Bản sửa 1")).toBe(true);
    expect([...texts].some((t) => t.startsWith("Đơn vị 13: "))).toBe(true);
    expect(texts.has("=Thiếu kinh phí")).toBe(true);
    expect(byTask.cells.some((c) => c.formula !== undefined && String(c.value).startsWith("="))).toBe(false);
    const problems = book.sheet("Kiểm tra")!;
    expect(problems.cells.some((c) => String(c.value).includes("bao-cao-hong.xlsx"))).toBe(true);
    await page.close();
  });

  it("reads a picked folder: inner paths shown, .ods and .xls read, a blank form and noise set aside", async () => {
    const folder = join(work, "Thu Zalo");
    mkdirSync(join(folder, "Lan 2"), { recursive: true });
    const forms = unzipSync(formsZip);
    const byCode = new Map(
      Object.keys(forms)
        .filter((n) => n.endsWith(".xlsx"))
        .map((n) => [identityFromPairs(readXlsx(forms[n]!).customProperties)!.unitCode!, forms[n]!] as const),
    );
    const filled = (code: string) =>
      fillForm(byCode.get(code)!, [
        { task: plan.assignments.get(code)![0]!, status: "Hoàn thành", result: `Kết quả ${code}` },
      ]);
    const lo = join(work, "lo");
    mkdirSync(lo, { recursive: true });
    writeFileSync(join(lo, "SNV.xlsx"), filled("SNV"));
    writeFileSync(join(lo, "STC.xlsx"), filled("STC"));
    const [ods] = await convertManyWithLibreOffice([join(lo, "SNV.xlsx")], "ods", join(lo, "ods"));
    const [xls] = await convertManyWithLibreOffice([join(lo, "STC.xlsx")], "xls", join(lo, "xls"));
    writeFileSync(join(folder, "SNV.ods"), readFileSync(ods!));
    writeFileSync(join(folder, "Lan 2", "STC.xls"), readFileSync(xls!));
    writeFileSync(join(folder, "BTCTU-trong.xlsx"), byCode.get("BTCTU")!);
    writeFileSync(join(folder, "Thumbs.db"), "x");

    const page = await newPage();
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    await page.goto(`${server.origin}/taskpane.html?page=consolidate`);
    await page.getByTestId("consolidate-pick-folder").waitFor();
    await page.getByTestId("consolidate-folder-input").setInputFiles(folder);
    await expect(page.getByTestId("consolidate-picked").innerText()).resolves.toContain("4");
    await page.getByTestId("consolidate-as-of").fill("2026-06-30");
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 120000 }),
      page.getByTestId("consolidate-run").click(),
    ]);
    await page.getByTestId("consolidate-summary").waitFor();
    await enabled(page, "consolidate-run");
    await shot(page, "07-consolidate-folder");
    const files = await page.getByTestId("consolidate-file").evaluateAll((els) => els.map((e) => e.textContent ?? ""));
    expect(files.some((t) => t.includes("Thu Zalo/Lan 2/STC.xls"))).toBe(true);
    // The .xls library came as its own chunk, only now that an .xls arrived.
    expect(requested.filter((u) => u.endsWith(".chunk.js")).length).toBeGreaterThan(0);
    await page.getByTestId("consolidate-list-missing").locator("summary").click();
    expect(await page.getByTestId("consolidate-list-missing").innerText()).toContain(
      "gửi mẫu trống: Thu Zalo/BTCTU-trong.xlsx",
    );
    const book = readXlsx(new Uint8Array(readFileSync(await saved(download, work))));
    const texts = new Set(book.sheet("Theo nhiệm vụ")!.cells.map((c) => String(c.value)));
    expect(texts.has("Kết quả SNV")).toBe(true);
    expect(texts.has("Kết quả STC")).toBe(true);
    await page.close();
  });

  it("works with the keyboard alone: tabs, file picker, date, run", async () => {
    const page = await newPage();
    await page.goto(`${server.origin}/taskpane.html`);
    await page.waitForSelector("[data-mode=browser]");
    // Reach the tab list and move to "Tổng hợp" with the arrow keys, as a keyboard user does.
    const tabs = page.getByRole("tab");
    await tabs.first().focus();
    const labels = await tabs.allInnerTexts();
    const target = labels.findIndex((l) => /Tổng hợp/.test(l));
    expect(target).toBeGreaterThan(0);
    for (let i = 0; i < target; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByTestId("consolidate-dropzone").waitFor();

    // Tab until the drop zone has focus, then open the picker with Enter. Listen for the picker first:
    // Playwright turns on file-chooser interception asynchronously when a listener is added.
    const chooserShown = page.waitForEvent("filechooser");
    for (let i = 0; i < 25; i++) {
      if (await page.getByTestId("consolidate-dropzone").evaluate((e) => e === document.activeElement)) break;
      await page.keyboard.press("Tab");
    }
    expect(await page.getByTestId("consolidate-dropzone").evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    const chooser = await chooserShown;
    const forms = unzipSync(formsZip);
    const btctu = forms[Object.keys(forms).find((n) => n.includes("_BTCTU_"))!]!;
    const one = join(work, "ban-to-chuc.xlsx");
    writeFileSync(one, fillForm(btctu, unitRows(0, plan.assignments.get("BTCTU")!)));
    await chooser.setFiles([one]);
    await shot(page, "06-keyboard-picked");
    await expect(page.getByTestId("consolidate-picked").innerText()).resolves.toContain("1");

    // Tab to the report date (typed as dd/mm/yyyy), then Tab on to the run button and press Enter.
    for (let i = 0; i < 25 && !(await isFocused(page, "consolidate-as-of")); i++) await page.keyboard.press("Tab");
    // The report date is reachable and already holds a valid date (today); keyboard users keep or change it.
    expect(await isFocused(page, "consolidate-as-of")).toBe(true);
    expect(await page.getByTestId("consolidate-as-of").inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    for (let i = 0; i < 25 && !(await isFocused(page, "consolidate-run")); i++) await page.keyboard.press("Tab");
    expect(await isFocused(page, "consolidate-run")).toBe(true);
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    await page.getByTestId("consolidate-summary").waitFor();
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    // Focus is visible where the keyboard user is (Fluent draws an outline on :focus-visible).
    await shot(page, "07-keyboard-done");
    await page.close();
  });

  it("downloads the tracking workbook for a chosen report date, and again from the highlight page", async () => {
    const page = await newPage();
    await page.goto(`${server.origin}/taskpane.html?page=tracking`);
    await page.getByTestId("tracking-as-of").fill("2026-07-01");
    const [first] = await Promise.all([page.waitForEvent("download"), page.getByTestId("tracking-create").click()]);
    await page.getByTestId("tracking-result").waitFor();
    const book = readXlsx(new Uint8Array(readFileSync(await saved(first, work))));
    expect(book.sheets.map((s) => s.name)).toEqual(["Phụ lục", "Theo dõi", "Đơn vị", "Phân công", "Thông tin"]);
    // A report date other than today is written as that date (today stays =TODAY()).
    const asOf = book.sheet("Theo dõi")!.cell("C2")!;
    expect(asOf.isDate && asOf.value).toBe(isoToSerial("2026-07-01"));
    expect(book.sheet("Phụ lục")!.cell("B7")!.value).toBe(plan.tasks[0]!.content);

    await page.getByRole("tab", { name: "Tô màu hạn" }).click();
    await page.getByTestId("highlight-as-of").fill("2026-12-14");
    const [again] = await Promise.all([page.waitForEvent("download"), page.getByTestId("highlight-run").click()]);
    await page.getByTestId("highlight-result").waitFor();
    await shot(page, "08-highlight");
    const refreshed = readXlsx(new Uint8Array(readFileSync(await saved(again, work))));
    expect(refreshed.sheet("Theo dõi")!.cell("C2")!.value).toBe(isoToSerial("2026-12-14"));
    await page.close();
  });

  it("says plainly what is wrong with a value that cannot be used", async () => {
    const page = await newPage();
    await page.goto(`${server.origin}/taskpane.html?page=tracking`);
    await page.getByTestId("tracking-soon-days").fill("500");
    const alert = page.getByRole("alert");
    await alert.first().waitFor();
    expect(await alert.first().innerText()).toMatch(/0.*365/);
    expect(await page.getByTestId("tracking-soon-days").getAttribute("aria-invalid")).toBe("true");
    await page.getByTestId("tracking-soon-days").fill("30");
    await alert.first().waitFor({ state: "detached" });
    await page.close();
  });

  it("takes the plan from a picked book file (held in the page only): forms follow the office's edits", async () => {
    const edited = await editBook(bookBytes(), (wb) => {
      sheet(wb, "Phụ lục").getRow(24).values = [
        18,
        "Nhiệm vụ bổ sung của văn phòng",
        "Năm 2027",
        "Sở Nội vụ",
        "UBND tỉnh",
      ];
      const p = sheet(wb, "Phân công");
      p.getCell(4, 20).value = 18;
      p.getCell(rowOfCode(p, "SNV"), 20).value = "x";
    });
    const bookPath = join(work, "So-theo-doi-cua-van-phong.xlsx");
    writeFileSync(bookPath, edited);
    const page = await newPage();
    await page.goto(`${server.origin}/taskpane.html?page=forms`);
    expect(await page.getByTestId("plan-source-current").innerText()).toMatch(/Kế hoạch có sẵn/);
    await page.getByTestId("plan-source-file").setInputFiles(bookPath);
    await page.getByText(/18 nhiệm vụ/).waitFor();
    await shot(page, "10-plan-from-book");
    await page.getByTestId("forms-period-kind").selectOption("H1");
    await page.getByTestId("forms-year").selectOption("2026");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("forms-create").click()]);
    await page.getByTestId("forms-result").waitFor();
    const zip = unzipSync(new Uint8Array(readFileSync(await saved(download, work))));
    const snv = Object.entries(zip).find(([n]) => n.includes("_SNV_"))![1];
    expect(
      readXlsx(snv)
        .sheet(FORM_SHEET)!
        .cells.some((c) => c.value === "Nhiệm vụ bổ sung của văn phòng"),
    ).toBe(true);
    // A book with an error is listed by sheet and cell and not used.
    const bad = await editBook(bookBytes(), (wb) => void (sheet(wb, "Phụ lục").getCell("A9").value = 2));
    const badPath = join(work, "So-loi.xlsx");
    writeFileSync(badPath, bad);
    await page.getByTestId("plan-source-builtin").click();
    await page.getByTestId("plan-source-file").setInputFiles(badPath);
    await page.getByTestId("plan-source-problems").waitFor();
    expect(await page.getByTestId("plan-source-problems").innerText()).toMatch(/Phụ lục!A9/);
    expect(await page.getByTestId("plan-source-current").innerText()).toMatch(/Kế hoạch có sẵn/);
    await page.close();
  });

  it("logged no error in the console along the way", () => {
    expect(consoleErrors).toEqual([]);
  });
});

async function isFocused(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((e) => e === document.activeElement || e.contains(document.activeElement));
}

/** Waits until an action's button is usable again (the page re-enables it once the work is done). */
async function enabled(page: Page, testId: string): Promise<void> {
  await page.waitForFunction(
    (id) => !(document.querySelector(`[data-testid="${id}"]`) as HTMLButtonElement | null)?.disabled,
    testId,
  );
}

async function expectVisible(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).waitFor({ state: "visible" });
}

export { FORM_SHEET };
