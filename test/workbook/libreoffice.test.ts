/**
 * The generated workbooks opened by real spreadsheet software: LibreOffice renders them to PDF
 * (checked with poppler) and recalculates the tracking formulas, which must agree with classify().
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { builtinPlan, reportingUnits } from "../../src/plan";
import {
  classify,
  contextFromPlan,
  DEADLINE_CLASS_LABELS,
  OVERDUE_UNREPORTED_LABEL,
  overdueUnreported,
  parseSchedule,
  REPORTED_STATUS_LABELS,
  reportPeriod,
  type ReportedStatus,
} from "../../src/schedule";
import { formFixedRows, reportForm } from "../../src/workbook/form";
import type { CellValue, WorkbookSpec } from "../../src/workbook/model";
import { APPENDIX_SHEET } from "../../src/workbook/appendix";
import { TRACKING_HEADER_ROW, TRACKING_SHEET, trackingColumn, trackingWorkbook } from "../../src/workbook/tracking";
import { renderXlsx } from "../../src/xlsx/write";
import { readXlsx } from "../../src/xlsx/read";
import { identityFromPairs, META_SHEET } from "../../src/workbook/identity";
import { FORM_HEADER_ROW, FORM_SHEET, formColumn } from "../../src/workbook/form-layout";
import { columnLetter } from "../../src/workbook/a1";
import { convertManyWithLibreOffice } from "../helpers/libreoffice";
import { pdfPages, pdfPageSizes, pdfRawText, pdfRowBands } from "../helpers/pdf";

const plan = builtinPlan();
const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, "");
/** The characters of a text, sorted: the same however lines were broken and columns read. */
const letters = (parts: string[]) => [...squash(parts.join(""))].sort().join("");

/**
 * Rows whose printed text is not all inside the row's own band: text that overflowed a row is
 * drawn in the next one's band (and clipped there on paper), so it shows up as a mismatch.
 */
function rowsThatDoNotFit(pdf: string, rows: { number: number; texts: string[] }[]): number[] {
  const bands = pdfRowBands(
    pdf,
    "TT",
    rows.map((r) => r.number),
  );
  return rows.filter((r) => letters(bands.get(r.number) ?? []) !== letters(r.texts)).map((r) => r.number);
}

function write(dir: string, name: string, spec: WorkbookSpec): string {
  const path = join(dir, name);
  writeFileSync(path, renderXlsx(spec));
  return path;
}

describe("printed by LibreOffice", () => {
  const dir = mkdtempSync(join(tmpdir(), "nq08-pdf-"));
  const out = mkdtempSync(join(tmpdir(), "nq08-pdf-out-"));
  const tracking = trackingWorkbook(plan, { asOf: "2026-11-30" });
  const appendixOnly: WorkbookSpec = {
    ...tracking,
    sheets: tracking.sheets.filter((s) => s.name === APPENDIX_SHEET),
    activeSheet: 0,
  };
  const btctu = reportingUnits(plan).find((u) => u.code === "BTCTU")!;
  const commune = reportingUnits(plan).find((u) => u.level === "commune")!;
  const period = reportPeriod("2026-H1")!;
  let pdfs: string[] = [];

  beforeAll(async () => {
    pdfs = await convertManyWithLibreOffice(
      [
        write(dir, "appendix.xlsx", appendixOnly),
        write(dir, "tracking.xlsx", tracking),
        write(dir, "form-btctu.xlsx", reportForm(plan, btctu, period)),
        write(dir, "form-commune.xlsx", reportForm(plan, commune, period)),
      ],
      "pdf",
      out,
    );
  });

  it("prints every page on A4 landscape", () => {
    for (const pdf of pdfs) {
      const sizes = pdfPageSizes(pdf);
      expect(sizes.length).toBeGreaterThan(0);
      for (const s of sizes) {
        expect(s.width).toBeCloseTo(841.9, 0);
        expect(s.height).toBeCloseTo(595.3, 0);
      }
    }
  });

  it("repeats the appendix table header on every page and numbers pages from page 2", () => {
    const pages = pdfPages(pdfs[0]!);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page).toContain("Nội dung công việc");
    expect(pages[0]).toContain("PHỤ LỤC");
    pages
      .slice(1)
      .forEach((page, i) => expect(page.split("\n").slice(0, 3).join(" ")).toMatch(new RegExp(`\\b${i + 2}\\b`)));
  });

  it("gives every task row the height its wrapped text needs, on every page", () => {
    const rows = plan.tasks.map((t) => ({ number: t.number, texts: [t.content, t.timing, t.lead, t.issuer] }));
    expect(rowsThatDoNotFit(pdfs[0]!, rows)).toEqual([]);
  });

  it("would notice a row too short for its text (the check above is not vacuous)", async () => {
    const clipped: WorkbookSpec = JSON.parse(JSON.stringify(appendixOnly)) as WorkbookSpec;
    for (const row of clipped.sheets[0]!.rows.slice(6)) row.height = 16;
    const [pdf] = await convertManyWithLibreOffice(
      [write(dir, "clipped.xlsx", clipped)],
      "pdf",
      mkdtempSync(join(tmpdir(), "nq08-clip-")),
    );
    const rows = plan.tasks.map((t) => ({ number: t.number, texts: [t.content, t.timing, t.lead, t.issuer] }));
    const bad = rowsThatDoNotFit(pdf!, rows);
    expect(bad.length).toBeGreaterThan(5);
    // …even though every word is still in the PDF's text layer, which is why presence alone proves nothing.
    expect(squash(pdfRawText(pdf!))).toContain(squash(plan.tasks[0]!.content));
  });

  it("shows the whole text of all 17 tasks", () => {
    const text = squash(pdfRawText(pdfs[0]!));
    for (const t of plan.tasks) {
      expect(text).toContain(squash(t.content));
      expect(text).toContain(squash(t.lead));
      expect(text).toContain(squash(t.issuer));
    }
  });

  it("prints the forms with their unit, period and every task's text", () => {
    const provincial = squash(pdfRawText(pdfs[2]!));
    expect(provincial).toContain(squash("Ban Tổ chức Tỉnh ủy"));
    expect(provincial).toContain(squash("6 tháng đầu năm 2026"));
    for (const n of plan.assignments.get("BTCTU")!) expect(provincial).toContain(squash(plan.tasks[n - 1]!.content));
    const communeText = squash(pdfRawText(pdfs[3]!));
    expect(communeText).toContain(squash(commune.name));
    for (const page of pdfPages(pdfs[2]!)) expect(page).toContain("Tình trạng");
  });

  it("gives every form row the height its text needs", () => {
    const rows = formFixedRows(plan, "BTCTU", period).map((r) => ({
      number: r.number,
      texts: [r.content, r.timing, r.due ? r.due.split("-").reverse().join("/") : "", "Chưa báo cáo"],
    }));
    expect(rowsThatDoNotFit(pdfs[2]!, rows)).toEqual([]);
  });

  it("prints the tracking sheet with its header on every page", () => {
    const pages = pdfPages(pdfs[1]!);
    const trackingPages = pages.filter((p) => p.includes("Phân loại"));
    expect(trackingPages.length).toBeGreaterThanOrEqual(1);
    const text = squash(pdfRawText(pdfs[1]!));
    expect(text).toContain(squash("THEO DÕI THỰC HIỆN"));
  });
});

describe("tracking formulas recalculated by LibreOffice agree with classify()", () => {
  const statuses: (ReportedStatus | null)[] = [null, "not-started", "in-progress", "done"];
  const completions = [null, "2026-03-10", "2026-06-30", "2026-07-15", "2027-01-20"];
  const asOfs = ["2026-05-01", "2026-06-20", "2026-11-30", "2027-06-10", "2031-01-15"];

  /** Case k of a grid of (status, completion) combinations, varied by as-of so each task sees several. */
  const caseFor = (task: number, variant: number) => {
    const status = statuses[(task + variant) % statuses.length]!;
    const completedOn = status === "done" ? completions[(task * 3 + variant) % completions.length]! : null;
    return { status, completedOn };
  };

  it("for every task, several statuses and five report dates", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nq08-calc-"));
    const out = mkdtempSync(join(tmpdir(), "nq08-calc-out-"));
    const inputs = asOfs.map((asOf, variant) => {
      const spec = trackingWorkbook(plan, { asOf });
      const sheet = spec.sheets.find((s) => s.name === TRACKING_SHEET)!;
      // A fixed report date instead of =TODAY(), and each task's status filled in as an office would.
      sheet.rows[1]!.cells[2] = { value: { date: asOf }, style: "asOf" };
      plan.tasks.forEach((t, i) => {
        const cells = sheet.rows[TRACKING_HEADER_ROW + i]!.cells;
        const { status, completedOn } = caseFor(t.number, variant);
        const statusValue: CellValue = status ? REPORTED_STATUS_LABELS[status].vi : null;
        cells[trackingColumn("status") - 1] = { value: statusValue, style: "inputCenter" };
        cells[trackingColumn("completedOn") - 1] = {
          value: completedOn ? { date: completedOn } : null,
          style: "inputDate",
        };
      });
      return write(dir, `tracking-${variant}.xlsx`, spec);
    });
    const recalculated = await convertManyWithLibreOffice(inputs, "xlsx", out, 180000, { recalculate: true });
    const ctx = contextFromPlan(plan);
    let compared = 0;
    const seen = new Set<string>();
    for (const [variant, path] of recalculated.entries()) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(TRACKING_SHEET)!;
      plan.tasks.forEach((t, i) => {
        const { status, completedOn } = caseFor(t.number, variant);
        const schedule = parseSchedule(t.timing, ctx);
        const report = status ? { status, completedOn } : null;
        const expected = classify(schedule, report, asOfs[variant]!);
        // The tracking sheet names an unreported task past its deadline "Quá hạn (chưa báo cáo)".
        const label = overdueUnreported(schedule, report, asOfs[variant]!)
          ? OVERDUE_UNREPORTED_LABEL.vi
          : DEADLINE_CLASS_LABELS[expected].vi;
        const cell = ws.getCell(TRACKING_HEADER_ROW + 1 + i, trackingColumn("class"));
        const got =
          typeof cell.value === "object" && cell.value && "result" in cell.value ? cell.value.result : cell.value;
        expect({ task: t.number, asOf: asOfs[variant], status, completedOn, cls: got }).toEqual({
          task: t.number,
          asOf: asOfs[variant],
          status,
          completedOn,
          cls: label,
        });
        seen.add(label === OVERDUE_UNREPORTED_LABEL.vi ? "overdue-unreported" : expected);
        compared++;
      });
    }
    expect(compared).toBe(plan.tasks.length * asOfs.length);
    // The grid must reach every class, or the comparison proves less than it claims.
    expect([...seen].sort()).toEqual([...Object.keys(DEADLINE_CLASS_LABELS), "overdue-unreported"].sort());
  });
});

describe("a form saved again by LibreOffice", () => {
  const period = reportPeriod("2026-H2")!;
  const unit = reportingUnits(plan).find((u) => u.code === "SNV")!;
  const spec = reportForm(plan, unit, period);
  let original: ReturnType<typeof readXlsx>;
  let resaved: ReturnType<typeof readXlsx>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "nq08-resave-"));
    const out = mkdtempSync(join(tmpdir(), "nq08-resave-out-"));
    const path = write(dir, "form.xlsx", spec);
    const [saved] = await convertManyWithLibreOffice([path], "xlsx", out);
    original = readXlsx(new Uint8Array(readFileSync(path)));
    resaved = readXlsx(new Uint8Array(readFileSync(saved!)));
  });

  it("still identifies itself through every channel", () => {
    const expected = identityFromPairs(spec.customProperties)!;
    expect(resaved.app.application ?? "").toMatch(/LibreOffice/i);
    expect(identityFromPairs(resaved.customProperties)).toEqual(expected);
    const names = Object.fromEntries(
      resaved.definedNames
        .filter((n) => n.name.startsWith("NQ08_"))
        .map((n) => [n.name, JSON.parse(n.formula) as string]),
    );
    expect(identityFromPairs(names)).toEqual(expected);
    const meta = resaved.sheet(META_SHEET)!;
    // LibreOffice keeps the sheet but turns "very hidden" into "hidden": still out of the way, still read.
    expect(["hidden", "veryHidden"]).toContain(meta.state);
    const pairs: Record<string, string> = {};
    for (const c of meta.cells.filter((x) => x.col === 1 && x.row > 1))
      pairs[String(c.value)] = String(meta.cell(`B${c.row}`)?.value ?? "");
    // The meta sheet alone also holds the TT → task id map (too long for a name or a property).
    expect(identityFromPairs(pairs)).toEqual({
      ...expected,
      taskIds: expect.stringMatching(/^\d+=NV\d+(;\d+=NV\d+)*$/),
    });
  });

  it("keeps every validation, inline list included, and the sheet protection", () => {
    const before = original.sheet(FORM_SHEET)!;
    const after = resaved.sheet(FORM_SHEET)!;
    const summary = (s: typeof after) =>
      s.validations.map((v) => `${v.sqref}|${v.type}|${v.type === "list" ? v.formula1 : ""}`).sort();
    expect(summary(after)).toEqual(summary(before));
    const list = after.validations.find((v) => v.type === "list")!;
    expect(list.formula1).toBe('"Chưa triển khai,Đang thực hiện,Hoàn thành"');
    expect(list.x14 ?? false).toBe(false);
    expect(after.protection).toMatchObject({ sheet: true });
    // Input cells stay unlocked, fixed cells locked.
    const row = FORM_HEADER_ROW + 1;
    expect(after.cell(`${columnLetter(formColumn("status"))}${row}`)?.locked ?? false).toBe(false);
    expect(after.cell(`B${row}`)!.locked).toBe(true);
  });
});
