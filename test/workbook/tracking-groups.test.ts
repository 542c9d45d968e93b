/**
 * Group headings ("I. …") on "Theo dõi", as on "Phụ lục": a bold row above the group's first task,
 * inside the table (which cannot hold merged cells); the ranges cover the rows, the reader skips them.
 */
import { readTrackingEntries } from "../../src/book/tracking-entries";
import { buildImport, builtinBase, readImportSource } from "../../src/import";
import { builtinPlan } from "../../src/plan";
import type { Cell, Sheet } from "../../src/workbook/model";
import { TRACKING_SHEET, trackingColumn, trackingWorkbook } from "../../src/workbook/tracking";
import { renderXlsx } from "../../src/xlsx/write";
import { readXlsx } from "../../src/xlsx/read";

const APPENDIX = [
  "| TT | Nội dung công việc | Cơ quan chủ trì | Thời gian thực hiện |",
  "|---|---|---|---|",
  "| I. | NHÓM MỘT |  |  |",
  "| 1 | Việc một | Sở Nội vụ | Quý II/2026 |",
  "| 2 | Việc hai | Sở Tài chính | 2026 |",
  "| II. | NHÓM HAI |  |  |",
  "| 3 | Việc ba | Sở Xây dựng | Thường xuyên |",
].join("\n");

function groupedPlan() {
  return buildImport(readImportSource(new TextEncoder().encode(APPENDIX), "nhom.md"), builtinBase()).plan;
}

function tracking(plan = groupedPlan(), entries?: Parameters<typeof trackingWorkbook>[1]["entries"]): Sheet {
  const spec = trackingWorkbook(plan, { asOf: "2026-03-01", today: "2026-03-01", ...(entries ? { entries } : {}) });
  return spec.sheets.find((s) => s.name === TRACKING_SHEET)!;
}

const at = (sheet: Sheet, row: number, col: number): Cell | null => sheet.rows[row - 1]?.cells[col - 1] ?? null;

describe('"Theo dõi" keeps the plan\'s groups', () => {
  it("a bold heading row above each group's first task; table, validation and highlight ranges cover every row", () => {
    const plan = groupedPlan();
    expect(plan.tasks.map((t) => t.group?.label)).toEqual(["I", "I", "II"]);
    const sheet = tracking(plan);
    const column = (row: number, key: Parameters<typeof trackingColumn>[0]) => at(sheet, row, trackingColumn(key));
    // Header on row 5; I on 6, tasks 1–2 on 7–8, II on 9, task 3 on 10.
    expect([6, 7, 8, 9, 10].map((r) => [column(r, "number")?.value, column(r, "content")?.value])).toEqual([
      ["I", "NHÓM MỘT"],
      [1, "Việc một"],
      [2, "Việc hai"],
      ["II", "NHÓM HAI"],
      [3, "Việc ba"],
    ]);
    expect([column(6, "number")?.style, column(6, "content")?.style]).toEqual(["cellBoldCenter", "cellBold"]);
    // A heading has no deadline, status or class formula.
    for (const key of ["timing", "status", "class", "applicable", "next"] as const)
      expect(column(9, key)?.value).toBeNull();
    expect(column(10, "class")?.value).toMatchObject({ formula: expect.stringContaining("$F10") });
    expect(sheet.merges.filter((m) => /^[A-Z]+(6|9):/.test(m))).toEqual([]);
    expect(sheet.tables[0]!.range).toBe("A5:M10");
    expect(sheet.validations.map((v) => v.range)).toEqual(expect.arrayContaining(["F6:F10", "G6:G10"]));
    expect(sheet.conditionalFormats.every((cf) => cf.range === "A6:M10")).toBe(true);
    expect(sheet.print?.area).toBe("A1:I10");
  });

  it("the built-in plan (no groups) is laid out as before", () => {
    const sheet = tracking(builtinPlan());
    expect(at(sheet, 6, 1)?.value).toBe(1);
    expect(sheet.tables[0]!.range).toBe(`A5:M${5 + builtinPlan().tasks.length}`);
  });

  it("the reader takes the office's entries from task rows and ignores a status typed on a heading", () => {
    const plan = groupedPlan();
    const entries = new Map([
      [plan.tasks[0]!.id, { status: "Đang thực hiện" }],
      [plan.tasks[2]!.id, { notes: "Đã giao" }],
    ]);
    const wb = readXlsx(renderXlsx(trackingWorkbook(plan, { asOf: "2026-03-01", today: "2026-03-01", entries })));
    const sheet = wb.sheets.find((s) => s.name === TRACKING_SHEET)!;
    // The office picks a status on the "II" heading row by mistake.
    const status = trackingColumn("status");
    sheet.cells.push({
      ref: "F9",
      row: 9,
      col: status,
      kind: "string",
      value: "Hoàn thành",
      isDate: false,
      locked: false,
    });
    expect([...readTrackingEntries(wb, plan)]).toEqual([...entries]);
  });
});
