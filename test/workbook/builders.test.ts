import { builtinPlan, reportingUnits, tasksOf } from "../../src/plan";
import { applicableDue, contextFromPlan, parseSchedule, reportPeriod } from "../../src/schedule";
import { columnLetter, parseRange } from "../../src/workbook/a1";
import { APPENDIX_HEADER_ROW, APPENDIX_SHEET, appendixSheet } from "../../src/workbook/appendix";
import { formFingerprint, formFixedRows, reportForm } from "../../src/workbook/form";
import { FORM_COLUMNS, FORM_HEADER_ROW, FORM_SHEET, formColumn } from "../../src/workbook/form-layout";
import { fingerprint, identityFromPairs, META_SHEET } from "../../src/workbook/identity";
import type { Cell, Sheet, WorkbookSpec } from "../../src/workbook/model";
import { OFFICIAL_MARGINS_MM } from "../../src/workbook/print";
import { TRACKING_HEADER_ROW, TRACKING_SHEET, trackingColumn, trackingWorkbook } from "../../src/workbook/tracking";

const plan = builtinPlan();
const cell = (sheet: Sheet, row: number, col: number): Cell | null => sheet.rows[row - 1]?.cells[col - 1] ?? null;
const value = (sheet: Sheet, row: number, col: number) => cell(sheet, row, col)?.value ?? null;

/** Every style a cell names exists in the workbook's table. */
function expectStylesDefined(spec: WorkbookSpec) {
  for (const sheet of spec.sheets)
    for (const row of sheet.rows)
      for (const c of row.cells) if (c?.style) expect(spec.styles).toHaveProperty([c.style]);
}

describe("appendix sheet", () => {
  const sheet = appendixSheet(plan);

  it("reproduces the title block and the five headers verbatim", () => {
    expect(sheet.name).toBe(APPENDIX_SHEET);
    expect(value(sheet, 1, 1)).toBe("PHỤ LỤC");
    expect(value(sheet, 2, 1)).toBe(plan.appendix.titleLines[0]);
    expect(value(sheet, 3, 1)).toBe(plan.appendix.titleLines[1]);
    expect(value(sheet, 4, 1)).toBe("(Kèm theo Kế hoạch số -KH/TU, ngày / /2026 của Ban Thường vụ Tỉnh ủy)");
    expect([1, 2, 3, 4, 5].map((c) => value(sheet, APPENDIX_HEADER_ROW, c))).toEqual([
      "TT",
      "Nội dung công việc",
      "Thời gian thực hiện",
      "Cơ quan chủ trì tham mưu thực hiện",
      "Cấp ban hành",
    ]);
  });

  it("holds the 17 tasks' texts exactly", () => {
    plan.tasks.forEach((t, i) => {
      const row = APPENDIX_HEADER_ROW + 1 + i;
      expect([1, 2, 3, 4, 5].map((c) => value(sheet, row, c))).toEqual([
        t.number,
        t.content,
        t.timing,
        t.lead,
        t.issuer,
      ]);
    });
  });

  it("prints on A4 landscape with the official margins, repeated header and page numbers from page 2", () => {
    expect(sheet.print).toMatchObject({
      paper: "A4",
      orientation: "landscape",
      fitToWidth: true,
      repeatRows: { first: APPENDIX_HEADER_ROW, last: APPENDIX_HEADER_ROW },
      header: { center: "&P", firstPageDifferent: true },
    });
    expect(sheet.print!.marginsMm).toMatchObject({ top: 20, bottom: 20, left: 30, right: 15 });
    expect(OFFICIAL_MARGINS_MM.header).toBeLessThan(OFFICIAL_MARGINS_MM.top);
  });

  it("gives long rows more height than short ones, so wrapped text is not cut", () => {
    const heights = plan.tasks.map((_, i) => sheet.rows[APPENDIX_HEADER_ROW + i]!.height ?? 0);
    const longest = plan.tasks.reduce((a, t, i) => (t.content.length > plan.tasks[a]!.content.length ? i : a), 0);
    const shortest = plan.tasks.reduce((a, t, i) => (t.content.length < plan.tasks[a]!.content.length ? i : a), 0);
    expect(heights[longest]!).toBeGreaterThan(heights[shortest]!);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(20);
  });
});

describe("tracking workbook", () => {
  const spec = trackingWorkbook(plan, { asOf: "2026-11-30" });
  const sheet = spec.sheets.find((s) => s.name === TRACKING_SHEET)!;

  it("has the appendix and the tracking sheet, styles all defined, Times New Roman", () => {
    expect(spec.sheets.map((s) => s.name)).toEqual([
      APPENDIX_SHEET,
      TRACKING_SHEET,
      "Đơn vị",
      "Phân công",
      "Thông tin",
    ]);
    expect(spec.defaultFont).toEqual({ name: "Times New Roman", size: 13 });
    expectStylesDefined(spec);
  });

  it("writes each task's parsed first deadline and the cached results the formulas give on the as-of date", () => {
    const ctx = contextFromPlan(plan);
    plan.tasks.forEach((t, i) => {
      const row = TRACKING_HEADER_ROW + 1 + i;
      const s = parseSchedule(t.timing, ctx);
      expect(value(sheet, row, trackingColumn("due"))).toEqual(s.due ? { date: s.due } : null);
      const applicable = value(sheet, row, trackingColumn("applicable")) as { formula: string; result: unknown };
      expect(applicable.formula).toContain("SMALL(");
      const due = applicableDue(s, "2026-11-30");
      expect(applicable.result).toBe(due ? Math.round((Date.parse(due) - Date.parse("1899-12-30")) / 864e5) : "");
    });
  });

  it("writes a chosen report date as that date, and keeps =TODAY() when the date is today", () => {
    const chosen = trackingWorkbook(plan, { asOf: "2026-07-01", today: "2026-11-30" }).sheets[1]!;
    expect(value(chosen, 2, 3)).toEqual({ date: "2026-07-01" });
    const current = trackingWorkbook(plan, { asOf: "2026-11-30", today: "2026-11-30" }).sheets[1]!;
    expect(value(current, 2, 3)).toMatchObject({ formula: "TODAY()" });
  });

  it("keeps the as-of cell live (=TODAY()) and validates inputs with Vietnamese prompts", () => {
    expect(value(sheet, 2, 3)).toMatchObject({ formula: "TODAY()" });
    const status = sheet.validations.find((v) => v.type === "list")!;
    expect(status.list).toEqual(["Chưa triển khai", "Đang thực hiện", "Hoàn thành"]);
    expect(status.prompt?.title).toBe("Tình trạng");
    const completed = columnLetter(trackingColumn("completedOn"));
    expect(sheet.validations.some((v) => v.type === "date" && v.range.startsWith(completed))).toBe(true);
  });

  it("highlights rows by class with a legend, and exposes the tasks as a table", () => {
    const cls = `$${columnLetter(trackingColumn("class"))}6`;
    expect(sheet.conditionalFormats.map((c) => (c.kind === "expression" ? c.formula : ""))).toEqual([
      `${cls}="Quá hạn (chưa báo cáo)"`,
      `${cls}="Quá hạn"`,
      `${cls}="Sắp đến hạn"`,
      `${cls}="Hoàn thành đúng hạn"`,
      `${cls}="Hoàn thành quá hạn"`,
      `${cls}="Thường xuyên / không có hạn"`,
    ]);
    // Black-and-white printers: overdue rows are bold as well as red.
    const bold = sheet.conditionalFormats.filter((c) => c.kind === "expression" && c.style.font?.bold);
    expect(bold.map((c) => (c.kind === "expression" ? c.formula : ""))).toEqual([
      `${cls}="Quá hạn (chưa báo cáo)"`,
      `${cls}="Quá hạn"`,
    ]);
    const legend = sheet.rows[2]!.cells.map((c) => c?.value).filter((v) => typeof v === "string");
    expect(legend).toEqual(
      expect.arrayContaining(["Quá hạn (chưa báo cáo)", "Quá hạn", "Sắp đến hạn", "Hoàn thành đúng hạn"]),
    );
    expect(sheet.tables).toHaveLength(1);
    const r = parseRange(sheet.tables[0]!.range)!;
    expect(r.bottom - r.top).toBe(17);
  });
});

describe("report forms", () => {
  const period = reportPeriod("2026-H1")!;
  const commune = reportingUnits(plan).find((u) => u.level === "commune")!;
  const spec = reportForm(plan, commune, period);
  const sheet = spec.sheets.find((s) => s.name === FORM_SHEET)!;

  it("lists only the tasks the unit reports on, with the period and identity in the title block", () => {
    const numbers = tasksOf(plan, commune.code).map((t) => t.number);
    const rows = numbers.map((_, i) => value(sheet, FORM_HEADER_ROW + 1 + i, 1));
    expect(rows).toEqual(numbers);
    expect(value(sheet, FORM_HEADER_ROW + 1 + numbers.length, 1)).toBeNull();
    expect(String(value(sheet, 2, 1))).toContain("6 tháng đầu năm 2026 (từ ngày 15/12/2025 đến ngày 14/06/2026)");
    expect(value(sheet, 3, 3)).toBe(commune.name);
    expect(value(sheet, 3, 11)).toBe(commune.code);
    expect(value(sheet, 4, 11)).toEqual({ date: "2026-06-14" });
  });

  it("unlocks exactly the input cells", () => {
    const n = tasksOf(plan, commune.code).length;
    for (let i = 0; i < n; i++) {
      FORM_COLUMNS.forEach((c, j) => {
        const style = spec.styles[cell(sheet, FORM_HEADER_ROW + 1 + i, j + 1)!.style!]!;
        expect(style.locked === false).toBe(c.input);
      });
    }
    expect(sheet.protection).toBeDefined();
    expect(sheet.protection!.password).toBeUndefined();
    expect(reportForm(plan, commune, period, { password: "abc" }).sheets[0]!.protection!.password).toBe("abc");
  });

  it("validates every input column, with lists inline", () => {
    const byColumn = new Map(sheet.validations.map((v) => [parseRange(v.range)!.left, v]));
    expect(byColumn.get(formColumn("status"))!.list).toEqual(["Chưa triển khai", "Đang thực hiện", "Hoàn thành"]);
    expect(byColumn.get(formColumn("completedOn"))).toMatchObject({
      type: "date",
      min: { date: "2026-01-01" },
      max: { date: "2030-12-31" },
    });
    expect(byColumn.get(formColumn("progress"))).toMatchObject({ type: "decimal", min: 0, max: 100 });
    for (const key of ["result", "documents", "difficulties", "proposals"] as const)
      expect(byColumn.get(formColumn(key))).toMatchObject({ type: "textLength", operator: "lessThanOrEqual" });
    for (const v of sheet.validations) {
      expect(v.error.message.length).toBeLessThanOrEqual(255);
      expect((v.prompt?.title ?? "").length).toBeLessThanOrEqual(32);
    }
  });

  it("carries its identity in properties, hidden names and a very hidden sheet, all agreeing", () => {
    const fromProps = identityFromPairs(spec.customProperties)!;
    expect(fromProps).toMatchObject({ kind: "form", unitCode: commune.code, period: "2026-H1", formatVersion: "1" });
    const names = Object.fromEntries(spec.definedNames.map((n) => [n.name, JSON.parse(n.formula) as string]));
    expect(identityFromPairs(names)).toEqual(fromProps);
    const meta = spec.sheets.find((s) => s.name === META_SHEET)!;
    expect(meta.visibility).toBe("veryHidden");
    const pairs = Object.fromEntries(
      meta.rows.slice(1).map((r) => [r.cells[0]!.value as string, r.cells[1]!.value as string]),
    );
    // The meta sheet also maps the form's TT to the book's task ids (too long for a name or property).
    const taskIds = tasksOf(plan, commune.code)
      .map((t) => `${t.number}=${t.id}`)
      .join(";");
    expect(identityFromPairs(pairs)).toEqual({ ...fromProps, taskIds });
  });

  it("fingerprints the fixed cells: any change to a task text changes it", () => {
    const rows = formFixedRows(plan, commune.code, period);
    const fp = formFingerprint(plan.id, commune.code, period.id, rows);
    expect(spec.customProperties.NQ08_Fingerprint).toBe(fp);
    const edited = rows.map((r, i) => (i === 1 ? { ...r, content: r.content + " " } : r));
    expect(formFingerprint(plan.id, commune.code, period.id, edited)).not.toBe(fp);
    expect(fingerprint(["a", "b"])).not.toBe(fingerprint(["ab"]));
    expect(fingerprint(["Hòa".normalize("NFD")])).toBe(fingerprint(["Hòa"]));
  });

  it("gives a provincial unit its own tasks only", () => {
    const snv = reportingUnits(plan).find((u) => u.code === "SNV")!;
    const s = reportForm(plan, snv, period).sheets[0]!;
    const numbers = plan.assignments.get("SNV")!;
    expect(numbers.map((_, i) => value(s, FORM_HEADER_ROW + 1 + i, 1))).toEqual(numbers);
  });
});
