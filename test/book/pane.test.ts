/**
 * The pane and the browser page take the plan from the office's book: a picked file (in memory),
 * then every action uses it; the open workbook's values go through the same reader.
 */
import { unzipSync } from "fflate";
import { createForms, loadBookFile, useBuiltinPlan } from "../../src/taskpane/services";
import { sheetFromValues } from "../../src/taskpane/services/impl/book";
import { thePlan } from "../../src/taskpane/services/impl/shared";
import { readBookWorkbook } from "../../src/book";
import { builtinPlan } from "../../src/plan";
import { APPENDIX_SHEET } from "../../src/workbook/appendix";
import { ASSIGN_SHEET } from "../../src/workbook/book-layout";
import { readXlsx, type ReadWorkbook } from "../../src/xlsx/read";
import { bookBytes, editBook, rowOfCode, sheet } from "./helpers";

const plan = builtinPlan();

afterEach(() => useBuiltinPlan());

async function bookWithTask18(): Promise<Uint8Array> {
  return editBook(bookBytes(), (wb) => {
    sheet(wb, APPENDIX_SHEET).getRow(24).values = [18, "Nhiệm vụ mới của sổ", "Năm 2027", "Sở Nội vụ", "UBND tỉnh"];
    const p = sheet(wb, ASSIGN_SHEET);
    p.getCell(4, 20).value = 18;
    p.getCell(rowOfCode(p, "SNV"), 20).value = "x";
  });
}

describe("a picked book file (browser page and pane)", () => {
  it("is read in memory; with no errors its plan is used by the next actions", async () => {
    const out = await loadBookFile(await bookWithTask18(), "So-theo-doi.xlsx");
    expect(out).toMatchObject({ kind: "book", used: true, summary: { tasks: 18 } });
    expect(thePlan().tasks).toHaveLength(18);
    const forms = await createForms({ period: "2026-H1" });
    expect(forms.units.find((u) => u.code === "SNV")!.tasks).toBe(plan.assignments.get("SNV")!.length + 1);
    const zip = unzipSync(forms.download.bytes);
    const snv = Object.entries(zip).find(([n]) => n.includes("_SNV_"))![1];
    expect(
      readXlsx(snv)
        .sheet("Báo cáo")!
        .cells.some((c) => c.value === "Nhiệm vụ mới của sổ"),
    ).toBe(true);
  });

  it("a book with errors is listed (sheet and cell) and not used; the built-in plan stays", async () => {
    const bad = await editBook(bookBytes(), (wb) => void (sheet(wb, APPENDIX_SHEET).getCell("A9").value = 2));
    const out = await loadBookFile(bad, "So.xlsx");
    expect(out.kind === "book" && out.used).toBe(false);
    expect(out.kind === "book" && out.problems.map((p) => `${p.sheet}!${p.cell}`)).toEqual(["Phụ lục!A9"]);
    expect(out.kind === "book" && out.problems[0]!.text.vi).toMatch(/^Phụ lục!A9 — lỗi: TT 2 bị trùng/);
    expect(thePlan()).toBe(plan);
  });

  it("a file that is not a workbook: one message, nothing used", async () => {
    const out = await loadBookFile(new TextEncoder().encode("not a workbook"), "x.xlsx");
    expect(out.kind === "book" && out.used).toBe(false);
    expect(out.kind === "book" && out.problems[0]!.text.en).toMatch(/cannot be read/);
  });
});

describe("the open workbook's values (what Office.js returns) read as the file is", () => {
  it("gives the same plan as the file", () => {
    const file = readXlsx(bookBytes(), { valuesOnly: true });
    const sheets = file.sheets.map((s) => {
      const values: (string | number | boolean)[][] = Array.from({ length: s.maxRow }, () =>
        Array.from({ length: s.maxCol }, () => ""),
      );
      for (const c of s.cells) if (c.kind !== "error") values[c.row - 1]![c.col - 1] = c.value;
      return sheetFromValues(s.name, values, 0, 0, s.merges);
    });
    const wb: ReadWorkbook = { ...file, sheets, sheet: (n) => sheets.find((s) => s.name === n) };
    const read = readBookWorkbook(wb);
    expect(read.problems).toEqual([]);
    expect(read.plan).toEqual(plan);
  });
});
