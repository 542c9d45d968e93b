/**
 * The consolidate page in Chromium with a Vietnamese and an English browser locale: the report date
 * is shown and typed as dd/mm/yyyy in both (a native date input would show 06/30/2026 in English),
 * a date that does not exist says so under the field, the result box tells errors from warnings
 * (never a green tick over errors), each file's outcome has its own mark and colour, and the draft
 * report downloads as a Word file in the pane's language. Screenshots go to test-output/e2e/.
 */
import { strFromU8, unzipSync } from "fflate";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import type { Browser, Page } from "playwright-core";
import { dmy, todayIso } from "../../src/dates";
import { serveDirectory, type StaticServer } from "../addin/static-server";
import { blankForm } from "../consolidate/fixtures";
import { fillForm } from "../helpers/fill-form";
import { buildPage, launchChromium } from "./page";

const ROOT = resolve(__dirname, "..", "..");
const SHOTS = process.env.E2E_SHOTS ?? join(ROOT, "test-output", "e2e");

let dist: string;
let server: StaticServer;
let browser: Browser;
let work: string;
let inputs: string[];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "nq08-locale-"));
  dist = join(work, "dist");
  buildPage(dist);
  server = await serveDirectory(dist);
  browser = await launchChromium();
  // A clean form, a form with an error (progress 140), an older and a newer copy of one unit's form,
  // and a file that is not a form at all.
  const files: Record<string, Uint8Array> = {
    "ban-to-chuc.xlsx": fillForm(await blankForm("BTCTU"), [{ task: 2, status: "Hoàn thành", result: "Đã giao" }]),
    "so-noi-vu-loi.xlsx": fillForm(
      await blankForm("SNV"),
      [{ task: 6, status: "Đang thực hiện", progress: 140 }],
      {},
      {
        modified: "2026-06-10T08:00:00Z",
      },
    ),
    "so-noi-vu-ban-cu.xlsx": fillForm(
      await blankForm("SNV"),
      [{ task: 6, status: "Đang thực hiện", progress: 10 }],
      {},
      {
        modified: "2026-06-01T08:00:00Z",
      },
    ),
    "xa-cua-lo.xlsx": fillForm(await blankForm("16732"), [{ task: 1, status: "dang thuc hien", progress: 0.5 }]),
  };
  inputs = Object.entries(files).map(([name, bytes]) => {
    writeFileSync(join(work, name), bytes);
    return join(work, name);
  });
  writeFileSync(join(work, "ghi-chu.xlsx"), "không phải tệp Excel");
  inputs.push(join(work, "ghi-chu.xlsx"));
}, 360000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(locale: string, paneLang: "vi" | "en"): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 420, height: 1000 }, locale });
  // The pane's own language is the user's choice (kept in localStorage), not the browser's.
  await context.addInitScript((lang) => localStorage.setItem("phuluc-nq08.lang", lang), paneLang);
  const page = await context.newPage();
  await page.goto(`${server.origin}/taskpane.html?page=consolidate`);
  await page.getByTestId("consolidate-as-of").waitFor();
  return page;
}

/** The CSS colour of a row's mark (the first aria-hidden span of the row). */
const markColour = (page: Page, look: string) =>
  page
    .locator(`[data-testid=consolidate-file][data-look=${look}] span[aria-hidden=true]`)
    .first()
    .evaluate((e) => getComputedStyle(e).color);

describe.each([
  ["vi-VN", "vi"],
  ["en-US", "en"],
] as const)("consolidate page, browser locale %s", (locale, paneLang) => {
  it("shows and accepts dd/mm/yyyy, explains a bad date, tells errors from warnings, marks each outcome", async () => {
    const page = await open(locale, paneLang);
    expect(await page.evaluate(() => navigator.language)).toBe(locale);
    const asOf = page.getByTestId("consolidate-as-of");
    // Today, written the Vietnamese way whatever the browser's language.
    expect(await asOf.inputValue()).toBe(dmy(todayIso()));
    expect(await asOf.getAttribute("placeholder")).toBe(paneLang === "vi" ? "ngày/tháng/năm" : "dd/mm/yyyy");

    await page.getByTestId("consolidate-file-input").setInputFiles(inputs);
    await asOf.fill("31/02/2026");
    const alert = page.locator("[role=alert]", { hasText: "31/02/2026" });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(paneLang === "vi" ? "không phải một ngày có thật" : "is not a real date");
    expect(await asOf.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByTestId("consolidate-run").isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, `locale-${locale}-1-bad-date.png`), fullPage: true });

    // Eight digits typed without separators, tidied on leaving the field.
    await asOf.fill("10072026");
    await asOf.blur();
    expect(await asOf.inputValue()).toBe("10/07/2026");
    expect(await alert.count()).toBe(0);
    await page.getByTestId("consolidate-period").selectOption("2026-H1");

    const [workbook] = await Promise.all([page.waitForEvent("download"), page.getByTestId("consolidate-run").click()]);
    expect(workbook.suggestedFilename()).toBe("Tong-hop-NQ08-2026-H1.xlsx");
    const summary = page.getByTestId("consolidate-summary");
    await summary.waitFor();
    // Errors (the bad progress) and a rejected file: the box is an error box, not a success.
    expect(await summary.getAttribute("data-intent")).toBe("error");
    expect(await summary.innerText()).toContain(paneLang === "vi" ? "có lỗi cần xử lý" : "errors to deal with");
    const errors = page.getByTestId("consolidate-count-errors");
    const warnings = page.getByTestId("consolidate-count-warnings");
    expect(await errors.innerText()).toMatch(/✗/);
    expect(await warnings.innerText()).toMatch(/⚠/);
    const colour = (l: typeof errors) => l.evaluate((e) => getComputedStyle(e).color);
    expect(await colour(errors)).not.toBe(await colour(warnings));

    // Each file's outcome: its own mark, words and colour.
    const looks = await page
      .getByTestId("consolidate-file")
      .evaluateAll((els) => els.map((e) => [e.textContent ?? "", e.getAttribute("data-look")]));
    const lookOf = (name: string) => looks.find(([text]) => text!.includes(name))?.[1];
    expect(lookOf("ban-to-chuc.xlsx")).toBe("accepted");
    expect(lookOf("so-noi-vu-loi.xlsx")).toBe("accepted-errors");
    expect(lookOf("so-noi-vu-ban-cu.xlsx")).toBe("superseded");
    expect(lookOf("ghi-chu.xlsx")).toBe("rejected");
    const marks = await Promise.all(
      ["accepted", "accepted-errors", "superseded", "rejected"].map((l) => markColour(page, l)),
    );
    expect(new Set(marks).size).toBe(4);
    const row = page.locator("[data-testid=consolidate-file][data-look=accepted-errors]");
    expect(await row.innerText()).toContain("⚠");
    expect(await row.innerText()).toContain(
      paneLang === "vi" ? "Được dùng, có lỗi cần xem" : "Used, with errors to check",
    );

    // The problems list: errors first, each line with its severity's mark.
    await page.getByTestId("consolidate-list-problems").locator("summary").click();
    const first = page.locator("[data-testid=consolidate-list-problems] li").first();
    expect(await first.getAttribute("data-severity")).toBe("error");
    expect(await first.innerText()).toMatch(/^✗/);
    await page.screenshot({ path: join(SHOTS, `locale-${locale}-2-result.png`), fullPage: true });

    // The draft report, in the pane's language.
    const [report] = await Promise.all([page.waitForEvent("download"), page.getByTestId("consolidate-report").click()]);
    expect(report.suggestedFilename()).toBe("Bao-cao-NQ08-2026-H1.docx");
    const path = join(work, `${locale}.docx`);
    await report.saveAs(path);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(path)))["word/document.xml"]!);
    expect(xml).toContain(paneLang === "vi" ? "BÁO CÁO" : "REPORT");
    expect(xml).toContain(paneLang === "vi" ? "6 tháng đầu năm 2026" : "first half of 2026");
    await page.context().close();
  });
});
