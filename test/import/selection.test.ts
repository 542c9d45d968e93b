/**
 * "Nhập từ vùng đang chọn" at the Office.js level: a table pasted into Excel and selected becomes the
 * book sheets in the open workbook (the recorder checks every member against the requirement sets).
 */
import { importSelectedRange, readWorkbookPlan, useBuiltinPlan, type ExcelTarget } from "../../src/taskpane/services";
import { thePlan } from "../../src/taskpane/services/impl/shared";
import { APPENDIX_SHEET } from "../../src/workbook/appendix";
import { PLAN_SHEETS } from "../../src/workbook/book-layout";
import { IMPORT_REPORT_SHEET } from "../../src/workbook/import-report";
import { TRACKING_SHEET } from "../../src/workbook/tracking";
import { ExcelRecorder } from "../helpers/excel-recorder";

afterEach(() => useBuiltinPlan());

function target(recorder: ExcelRecorder): ExcelTarget {
  return { run: (batch) => batch(recorder.context), isSetSupported: (s, v) => recorder.isSetSupported(s, v) };
}

const COLS = ["C", "D", "E", "F", "G"];

/**
 * A table pasted at C5 of "Dán": a two-row header with merged cells ("Cơ quan thực hiện" over
 * "Chủ trì" / "Phối hợp"), then groups of `perGroup` tasks, each under a merged group row.
 */
function pasteTable(recorder: ExcelRecorder, groups: number, perGroup: number): { last: number } {
  const cells: Record<string, string | number> = {
    C5: "TT",
    D5: "Nội dung nhiệm vụ",
    E5: "Cơ quan thực hiện",
    G5: "Tiến độ",
    E6: "Chủ trì",
    F6: "Phối hợp",
  };
  const merges = ["C5:C6", "D5:D6", "E5:F5", "G5:G6"];
  let row = 7;
  let n = 0;
  for (let g = 0; g < groups; g++) {
    cells[`C${row}`] = `${["I", "II", "III", "IV", "V"][g]}. NHÓM NHIỆM VỤ ${g + 1}`;
    merges.push(`C${row}:G${row}`);
    row++;
    for (let t = 0; t < perGroup; t++) {
      n++;
      const values = [
        n,
        `Việc số ${n}`,
        n % 2 ? "Sở A, Sở B" : "Sở Nội vụ",
        n % 3 ? "Sở Tài chính" : "",
        "Quý II/2026",
      ];
      values.forEach((v, i) => {
        if (v !== "") cells[`${COLS[i]}${row}`] = v;
      });
      row++;
    }
  }
  recorder.addSheet("Dán", cells).merges.push(...merges);
  return { last: row - 1 };
}

/** A workbook with the table pasted and selected (C5 to its last row), on a client of `apiVersion`. */
function selectedTable(groups: number, perGroup: number, apiVersion = "1.13"): ExcelRecorder {
  const recorder = new ExcelRecorder(["Sheet1"], { apiVersion });
  const { last } = pasteTable(recorder, groups, perGroup);
  recorder.selection = { sheet: "Dán", address: `C5:G${last}` };
  return recorder;
}

describe("Nhập từ vùng đang chọn (Office.js)", () => {
  it("a selected table with a two-row header and merged cells becomes the book sheets in the open workbook", async () => {
    const recorder = selectedTable(2, 3);
    const out = await importSelectedRange(target(recorder));
    expect(out.tasks).toBe(6);
    expect(out.excel!.sheets).toEqual([APPENDIX_SHEET, TRACKING_SHEET, ...PLAN_SHEETS, IMPORT_REPORT_SHEET]);
    expect(recorder.sheetNames()).toEqual(["Sheet1", "Dán", ...out.excel!.sheets]);
    // The selection was read in the first round trip: text, origin and merged areas.
    const first = recorder.callsIn(1);
    expect(first.map((c) => c.name)).toEqual(
      expect.arrayContaining(["getSelectedRange", "getUsedRangeOrNullObject", "getMergedAreasOrNullObject"]),
    );
    expect(recorder.cell(IMPORT_REPORT_SHEET, "C4").value).toMatch(/^6 nhiệm vụ, 2 nhóm/);
    // "Theo dõi" shows the groups as "Phụ lục" does: a bold heading row above each group's first task.
    expect(["A6", "B6", "A7", "A10", "B10", "A11"].map((a) => recorder.cell(TRACKING_SHEET, a).value)).toEqual([
      "I",
      "NHÓM NHIỆM VỤ 1",
      1,
      "II",
      "NHÓM NHIỆM VỤ 2",
      4,
    ]);
    expect(recorder.cell(TRACKING_SHEET, "B6").format["format.font.bold"]).toBe(true);

    // The pane now uses the imported plan; reading the open workbook's book gives the same tasks.
    const imported = thePlan();
    expect(imported.tasks.map((t) => [t.number, t.content, t.lead, t.partners ?? "", t.group?.label])).toEqual([
      [1, "Việc số 1", "Sở A, Sở B", "Sở Tài chính", "I"],
      [2, "Việc số 2", "Sở Nội vụ", "Sở Tài chính", "I"],
      [3, "Việc số 3", "Sở A, Sở B", "", "I"],
      [4, "Việc số 4", "Sở Nội vụ", "Sở Tài chính", "II"],
      [5, "Việc số 5", "Sở A, Sở B", "Sở Tài chính", "II"],
      [6, "Việc số 6", "Sở Nội vụ", "", "II"],
    ]);
    const read = await readWorkbookPlan(target(recorder));
    expect(read).toMatchObject({ kind: "book", used: true });
    expect(thePlan().tasks.map((t) => [t.number, t.content, t.lead, t.group?.label])).toEqual(
      imported.tasks.map((t) => [t.number, t.content, t.lead, t.group?.label]),
    );
    // "Sở A, Sở B" is two agencies, both on import and on reading the book back.
    for (const plan of [imported, thePlan()]) {
      expect(plan.tasks[0]!.leads.map((l) => l.name)).toEqual(["Sở A", "Sở B"]);
      const reporting = [...plan.assignments].filter(([, tasks]) => tasks.includes(1)).map(([code]) => code);
      expect(reporting.map((code) => plan.units.find((u) => u.code === code)?.name).sort()).toEqual(["Sở A", "Sở B"]);
    }
  });

  it("takes a constant number of syncs, and whole columns selected read only the cells in use", async () => {
    const runs: { syncs: number; bytes: number }[] = [];
    for (const perGroup of [2, 40]) {
      const recorder = new ExcelRecorder(["Sheet1"], { apiVersion: "1.13" });
      pasteTable(recorder, 3, perGroup);
      recorder.selection = { sheet: "Dán", address: "B:H" };
      const out = await importSelectedRange(target(recorder));
      expect(out.tasks).toBe(3 * perGroup);
      runs.push({ syncs: recorder.syncs, bytes: recorder.batchBytes[0]! });
    }
    expect(runs[1]!.syncs).toBe(runs[0]!.syncs);
    // The first request (the selection read) does not grow with the table.
    expect(runs[1]!.bytes).toBe(runs[0]!.bytes);
  });

  it("without ExcelApi 1.13 the merged areas are not asked for; the table still reads", async () => {
    const recorder = selectedTable(1, 2, "1.9");
    const out = await importSelectedRange(target(recorder));
    expect(out.tasks).toBe(2);
    expect(recorder.calls.some((c) => c.name === "getMergedAreasOrNullObject")).toBe(false);
  });

  it("an empty selection or a single cell: a clear bilingual message, nothing written", async () => {
    const recorder = new ExcelRecorder(["Sheet1"], { apiVersion: "1.13" });
    recorder.addSheet("Dán", { C5: "TT" });
    recorder.selection = { sheet: "Dán", address: "H1:K20" };
    await expect(importSelectedRange(target(recorder))).rejects.toMatchObject({
      text: {
        vi: expect.stringMatching(/^Vùng đang chọn \(Dán!H1:K20\) không có nội dung\. Hãy chọn cả bảng phụ lục/),
        en: expect.stringMatching(/^The selected range \(Dán!H1:K20\) is empty\. Select the whole appendix table/),
      },
    });
    recorder.selection = { sheet: "Dán", address: "A1:E9" };
    await expect(importSelectedRange(target(recorder))).rejects.toMatchObject({
      text: {
        vi: expect.stringContaining("chỉ có một ô có nội dung (Dán!C5)"),
        en: expect.stringContaining("one filled cell only (Dán!C5)"),
      },
    });
    // No selection set: Excel's own (A1 of the active sheet, empty here).
    recorder.selection = null;
    await expect(importSelectedRange(target(recorder))).rejects.toMatchObject({
      text: { vi: expect.stringContaining("(Sheet1!A1)"), en: expect.stringContaining("(Sheet1!A1)") },
    });
    expect(recorder.sheetNames()).toEqual(["Sheet1", "Dán"]);
  });

  it("a workbook that already has plan sheets is refused", async () => {
    const recorder = selectedTable(1, 2);
    await importSelectedRange(target(recorder));
    const before = recorder.sheetNames();
    await expect(importSelectedRange(target(recorder))).rejects.toMatchObject({
      text: {
        vi: expect.stringContaining("đã có trang kế hoạch"),
        en: expect.stringContaining("already has plan sheets"),
      },
    });
    expect(recorder.sheetNames()).toEqual(before);
  });
});
