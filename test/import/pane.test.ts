/** "Nhập phụ lục" in the pane: the page downloads the book; inside Excel the sheets are built in the open workbook. */
import { readFileSync } from "fs";
import { readBook } from "../../src/book";
import { createForms, importAppendixFile, useBuiltinPlan, type ExcelTarget } from "../../src/taskpane/services";
import { thePlan } from "../../src/taskpane/services/impl/shared";
import { selectionSource } from "../../src/taskpane/services/impl/import";
import { buildImport, builtinBase } from "../../src/import";
import { APPENDIX_SHEET } from "../../src/workbook/appendix";
import { PLAN_SHEETS } from "../../src/workbook/book-layout";
import { IMPORT_REPORT_SHEET } from "../../src/workbook/import-report";
import { TRACKING_SHEET } from "../../src/workbook/tracking";
import { ExcelRecorder } from "../helpers/excel-recorder";
import { writeDocx } from "./docx-writer";
import { nationalBlocks, SEED_PATH } from "./fixtures";

afterEach(() => useBuiltinPlan());

function target(recorder: ExcelRecorder): ExcelTarget {
  return { run: (batch) => batch(recorder.context), isSetSupported: (s, v) => recorder.isSetSupported(s, v) };
}

describe("Nhập phụ lục", () => {
  it("browser page: a picked .docx gives the book to download, and its plan is used next", async () => {
    const out = await importAppendixFile(writeDocx(nationalBlocks()), "Phụ lục NQ57.docx");
    expect(out.tasks).toBe(110);
    expect(out.download!.name).toBe("So-theo-doi-Phu-luc-NQ57.xlsx");
    expect(out.lines[0]!.vi).toMatch(/110 nhiệm vụ, 5 nhóm/);
    const read = readBook(out.download!.bytes);
    expect(read.plan!.tasks).toHaveLength(110);
    expect(thePlan().tasks).toHaveLength(110);
    const forms = await createForms({ period: "2026-H1" });
    expect(forms.units.some((u) => u.name === "Bộ Tài chính")).toBe(true);
  });

  it("Excel: builds the book sheets in the open workbook; never over an existing book", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    const bytes = new Uint8Array(readFileSync(SEED_PATH));
    const out = await importAppendixFile(bytes, "seed.txt", target(recorder));
    expect(out.excel!.sheets).toEqual([APPENDIX_SHEET, TRACKING_SHEET, ...PLAN_SHEETS, IMPORT_REPORT_SHEET]);
    expect(recorder.sheetNames()).toEqual([
      "Sheet1",
      APPENDIX_SHEET,
      TRACKING_SHEET,
      ...PLAN_SHEETS,
      IMPORT_REPORT_SHEET,
    ]);
    expect(recorder.cell(IMPORT_REPORT_SHEET, "C4").value).toMatch(/^17 nhiệm vụ/);
    await expect(importAppendixFile(bytes, "seed.txt", target(recorder))).rejects.toMatchObject({
      text: { vi: expect.stringContaining("đã có trang kế hoạch"), en: expect.stringContaining("overwrite") },
    });
  });

  it("Excel: the selected range (texts as shown, merged areas) reads as the pasted table", () => {
    // The pasted table at C5 of "Dán": a two-row header with merged cells, a merged group row.
    const text = [
      ["TT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "", "Tiến độ"],
      ["", "", "Chủ trì", "Phối hợp", ""],
      ["I. NHÓM MỘT", "", "", "", ""],
      ["1", "Việc một", "Sở Nội vụ", "Sở Tài chính", "Quý II/2026"],
      ["2", "Việc hai", "Sở Xây dựng", "", "Thời điểm chưa rõ"],
    ];
    const source = selectionSource({
      text,
      top: 4,
      left: 2,
      sheet: "Dán",
      merges: ["C5:C6", "D5:D6", "E5:F5", "G5:G6", "C7:G7"],
    });
    const { plan, report } = buildImport(source, builtinBase());
    expect(plan.tasks.map((t) => [t.number, t.lead, t.partners ?? "", t.group?.label])).toEqual([
      [1, "Sở Nội vụ", "Sở Tài chính", "I"],
      [2, "Sở Xây dựng", "", "I"],
    ]);
    expect(report.unreadDeadlines[0]!.where).toEqual({ vi: "ô G9", en: "cell G9" });
  });

  it("a hostile file: the page gets the bilingual message naming it", async () => {
    await expect(importAppendixFile(writeDocx([{ p: "x" }], { doctype: true }), "xau.docx")).rejects.toMatchObject({
      text: { vi: expect.stringContaining("xau.docx"), en: expect.stringContaining("xau.docx") },
    });
  });
});
