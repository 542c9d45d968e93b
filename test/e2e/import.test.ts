/**
 * "Nhập phụ lục" on the browser page, in Chromium: pick a .docx, the book downloads, the report
 * is shown; a hostile file shows the bilingual message naming it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readBook } from "../../src/book";
import { writeDocx } from "../import/docx-writer";
import { nationalBlocks } from "../import/fixtures";
import { startPage } from "./page";

let work: string;
let page: Awaited<ReturnType<typeof startPage>>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "nq08-e2e-import-"));
  page = await startPage(join(work, "dist"));
}, 360000);

afterAll(async () => {
  await page?.close();
  rmSync(work, { recursive: true, force: true });
});

it("imports a picked .docx into a downloaded book; a hostile file is named in the message", async () => {
  const docx = join(work, "Phu-luc-NQ57.docx");
  writeFileSync(docx, writeDocx(nationalBlocks()));
  const bad = join(work, "xau.docx");
  writeFileSync(bad, writeDocx([{ p: "x" }], { doctype: true }));
  const context = await page.browser.newContext({ acceptDownloads: true, viewport: { width: 420, height: 900 } });
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on("pageerror", (e) => errors.push(String(e)));
  await tab.goto(`${page.server.origin}/taskpane.html?page=tracking`);
  const [download] = await Promise.all([
    tab.waitForEvent("download"),
    tab.getByTestId("import-file").setInputFiles(docx),
  ]);
  await tab.getByTestId("import-result").waitFor();
  expect(await tab.getByTestId("import-result").innerText()).toMatch(/110 nhiệm vụ, 5 nhóm/);
  expect(download.suggestedFilename()).toBe("So-theo-doi-Phu-luc-NQ57.xlsx");
  const path = join(work, download.suggestedFilename());
  await download.saveAs(path);
  expect(readBook(new Uint8Array(readFileSync(path))).plan!.tasks).toHaveLength(110);
  await tab.getByTestId("import-file").setInputFiles(bad);
  await tab.getByTestId("import-error").waitFor();
  expect(await tab.getByTestId("import-error").innerText()).toMatch(/xau\.docx.*DOCTYPE/s);
  expect(errors).toEqual([]);
  await context.close();
}, 120000);
