/**
 * Changes in mid-term: forms made from an older version of the book are consolidated against the
 * current one. Tasks are matched by id (their TT may have changed); a removed task's values are kept
 * and listed; a task added since is "not asked in this form"; a merged unit's form counts for the
 * unit that replaced it, with a note.
 */
import { readBook } from "../../src/book";
import { consolidate, type InputFile } from "../../src/consolidate";
import { generateForms } from "../../src/jobs/forms";
import { builtinPlan } from "../../src/plan";
import type { Plan } from "../../src/plan/types";
import { reportPeriod } from "../../src/schedule";
import { APPENDIX_SHEET } from "../../src/workbook/appendix";
import { ASSIGN_SHEET, UNITS_SHEET } from "../../src/workbook/book-layout";
import { consolidatedWorkbook, NOT_ASKED } from "../../src/workbook/consolidated";
import { renderXlsx } from "../../src/xlsx/write";
import { readXlsx } from "../../src/xlsx/read";
import { fillForm } from "../helpers/fill-form";
import { bookBytes, editBook, rowOfCode, sheet } from "./helpers";

const v1 = builtinPlan();
const H1 = reportPeriod("2026-H1")!;
const CUA_LO = "16732";
const HOANG_MAI = "17110";

/** Version 2: task 3 removed (later tasks renumbered 3–16), a new task 17 for BTCTU, Cửa Lò merged into Hoàng Mai. */
async function version2(): Promise<Plan> {
  const bytes = await editBook(bookBytes(v1), (wb) => {
    const a = sheet(wb, APPENDIX_SHEET);
    a.spliceRows(9, 1);
    for (let r = 9; r <= 22; r++) a.getCell(`A${r}`).value = r - 6;
    a.getRow(23).values = [
      17,
      "Đánh giá đội ngũ sau sắp xếp",
      "Quý IV/2026",
      "Ban Tổ chức Tỉnh ủy",
      "Ban Thường vụ Tỉnh ủy",
    ];
    a.getCell("H23").value = "NV-MOI";
    const p = sheet(wb, ASSIGN_SHEET);
    p.spliceColumns(5, 1);
    for (let c = 5; c <= 18; c++) p.getCell(4, c).value = c - 2;
    p.getCell(3, 19).value = "NV-MOI";
    p.getCell(4, 19).value = 17;
    p.getCell(rowOfCode(p, "BTCTU"), 19).value = "x";
    const cuaLo = rowOfCode(p, CUA_LO);
    for (let c = 3; c <= 19; c++) p.getCell(cuaLo, c).value = null;
    const u = sheet(wb, UNITS_SHEET);
    u.getCell(`F${rowOfCode(u, CUA_LO)}`).value = "Không";
    u.getCell(`G${rowOfCode(u, CUA_LO)}`).value = HOANG_MAI;
  });
  const read = readBook(bytes);
  expect(read.problems).toEqual([]);
  return read.plan!;
}

async function v1Forms(): Promise<InputFile[]> {
  const units = v1.units.filter((u) => ["BTCTU", CUA_LO].includes(u.code));
  const forms = await generateForms(v1, H1, { units });
  const fills = {
    BTCTU: [
      { task: 3, status: "Đang thực hiện", result: "Đã rà soát đội ngũ" },
      { task: 4, status: "Hoàn thành", completedOn: { date: "2026-05-20" }, progress: 100, result: "Xong" },
    ],
    [CUA_LO]: [{ task: 1, status: "Đang thực hiện", progress: 50, result: "Đang triển khai" }],
  } as Record<string, Parameters<typeof fillForm>[1]>;
  return forms.files.map((f) => ({
    name: f.name,
    bytes: fillForm(f.bytes, fills[f.unit.code]!),
    lastModified: "2026-06-10T08:00:00Z",
  }));
}

describe("forms from an older version of the book", () => {
  let v2: Plan;
  let result: Awaited<ReturnType<typeof consolidate>>;

  beforeAll(async () => {
    v2 = await version2();
    result = await consolidate(await v1Forms(), { plan: v2, asOf: "2026-06-30", period: H1 });
  });

  it("the new book renumbered the tasks and changed its version", () => {
    expect(v2.version).not.toBe(v1.version);
    expect(v2.tasks.find((t) => t.id === "NV04")!.number).toBe(3);
    expect(v2.tasks.find((t) => t.id === "NV03")).toBeUndefined();
    expect(v2.tasks[16]).toMatchObject({ number: 17, id: "NV-MOI" });
  });

  it("matches tasks by id: the old TT 4 lands on today's task 3 with its values", () => {
    expect(result.files.map((f) => f.outcome)).toEqual(["accepted", "accepted"]);
    const row = result.rows.find((r) => r.unitCode === "BTCTU" && r.task === 3)!;
    expect(row).toMatchObject({ status: "done", completedOn: "2026-05-20", progress: 100, result: "Xong" });
    const form = result.forms.find((f) => f.unitCode === "BTCTU")!;
    expect(form.problems.map((p) => p.code)).toEqual(expect.arrayContaining(["older-plan", "task-removed"]));
  });

  it("keeps and lists the values of a task removed since", () => {
    const form = result.forms.find((f) => f.unitCode === "BTCTU")!;
    expect(form.removedTasks).toHaveLength(1);
    expect(form.removedTasks![0]).toMatchObject({ id: "NV03", formNumber: 3, entry: { result: "Đã rà soát đội ngũ" } });
    // Cửa Lò's row for the removed task was empty: nothing to keep, nothing listed.
    expect(result.problems.filter((p) => p.code === "task-removed").map((p) => p.file)).toEqual([form.name]);
    const listed = result.problems.find((p) => p.code === "task-removed")!;
    expect(listed.text.vi).toContain("Đã rà soát đội ngũ");
    expect(listed.text.en).toContain("NV03");
    expect(listed.cell).toMatch(/^A\d+$/);
  });

  it("shows a task added since as not asked in this form, not as unreported", () => {
    const row = result.rows.find((r) => r.unitCode === "BTCTU" && r.task === 17)!;
    expect(row.notAsked).toBe(true);
    expect(row.status).toBeNull();
    const old = result.rows.find((r) => r.unitCode === "BTCTU" && r.task === 16)!;
    expect(old.notAsked).toBeUndefined();
    // The consolidated workbook says so in the status column.
    const wb = readXlsx(renderXlsx(consolidatedWorkbook(v2, result)));
    expect(wb.sheets.some((s) => s.cells.some((c) => c.value === NOT_ASKED))).toBe(true);
  });

  it("counts a merged unit's form for the unit that replaced it, with a note", () => {
    const form = result.forms.find((f) => f.name.includes(CUA_LO))!;
    expect(form.unitCode).toBe(HOANG_MAI);
    expect(form.problems.find((p) => p.code === "unit-merged")!.text.vi).toContain("sáp nhập");
    const row = result.rows.find((r) => r.unitCode === HOANG_MAI && r.task === 1)!;
    expect(row).toMatchObject({ status: "in-progress", progress: 50, file: form.name });
    expect(result.missing.map((m) => m.code)).not.toContain(HOANG_MAI);
    expect(result.rows.some((r) => r.unitCode === CUA_LO)).toBe(false);
  });

  it("a form of the current version is read as before (no version notes)", async () => {
    const forms = await generateForms(v2, H1, { units: v2.units.filter((u) => u.code === "BTCTU") });
    const filled = fillForm(forms.files[0]!.bytes, [{ task: 17, status: "Chưa triển khai" }]);
    const r = await consolidate([{ name: "moi.xlsx", bytes: filled }], { plan: v2, asOf: "2026-06-30", period: H1 });
    expect(r.forms[0]!.problems.map((p) => p.code)).not.toContain("older-plan");
    expect(r.forms[0]!.askedTasks).toBeUndefined();
    expect(r.rows.find((x) => x.unitCode === "BTCTU" && x.task === 17)).toMatchObject({ status: "not-started" });
  });
});
