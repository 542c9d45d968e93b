/**
 * The appendices read from .docx files made by LibreOffice Writer and by an independent writer.
 * First the round trip the issue asks for: our seed's appendix, imported from its text, from a .docx made
 * by LibreOffice Writer and from one made by an independent writer, gives the built-in plan exactly.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readBook } from "../../src/book";
import { importAppendix, importBookXlsx, type ImportResult } from "../../src/jobs/import";
import { usablePlan } from "../../src/jobs/book";
import { builtinPlan } from "../../src/plan";
import type { Plan } from "../../src/plan/types";
import { taskSchedules } from "../../src/schedule";
import { readXlsx } from "../../src/xlsx/read";
import { IMPORT_REPORT_SHEET } from "../../src/workbook/import-report";
import { convertManyWithLibreOffice } from "../helpers/libreoffice";
import { writeDocx } from "./docx-writer";
import {
  NATIONAL_PER_GROUP,
  NATIONAL_TIMINGS,
  nationalBlocks,
  nationalHtml,
  nationalTasks,
  SEED_PATH,
  seedBlocks,
  seedHtml,
  UNREAD_TIMING,
} from "./fixtures";
import { buildImport, readImportSource, type ImportBase } from "../../src/import";
import { builtinRegistryData } from "../../src/plan/builtin";
import { parseSchedule, contextFromPlan } from "../../src/schedule";

let dir: string;
/** LibreOffice Writer's .docx files, made in one soffice run: seed, national. */
let libreOfficeDocx: Record<string, Uint8Array> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "import-rt-"));
  mkdirSync(join(dir, "out"));
  writeFileSync(join(dir, "seed.html"), seedHtml());
  writeFileSync(join(dir, "national.html"), nationalHtml());
  const [seed, national] = await convertManyWithLibreOffice(
    [join(dir, "seed.html"), join(dir, "national.html")],
    "docx",
    join(dir, "out"),
  );
  libreOfficeDocx = { seed: new Uint8Array(readFileSync(seed!)), national: new Uint8Array(readFileSync(national!)) };
}, 180000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectBuiltin(plan: Plan): void {
  const b = builtinPlan();
  expect(plan.tasks).toHaveLength(17);
  expect(plan.tasks).toEqual(b.tasks);
  expect(plan.units).toEqual(b.units);
  expect(plan.assignments).toEqual(b.assignments);
  expect(plan.version).toBe(b.version);
  // The deadlines: read in the imported document's own years and term, the same as the built-in plan's.
  expect(plan.document.years).toEqual(b.document.years);
  expect(plan.document.term).toEqual(b.document.term);
  expect(taskSchedules(plan)).toEqual(taskSchedules(b));
  // Every fact of "Thông tin" is read from the document's own words (the term, which it does not name, is derived).
  expect(plan.document).toEqual(b.document);
  expect(plan.appendix.titleLines).toEqual(b.appendix.titleLines);
  expect(plan.appendix.note).toBe(b.appendix.note);
}

function expectCleanReport(result: ImportResult): void {
  expect(result.report.tasks).toBe(17);
  expect(result.report.unreadDeadlines).toEqual([]);
  expect(result.report.newAgencies).toEqual([]);
  expect(result.report.skipped).toEqual([]);
}

describe("the seed's appendix gives the built-in plan", () => {
  it("from its text (tab-separated rows, the table broken in three with the header repeated)", () => {
    const result = importAppendix(new Uint8Array(readFileSync(SEED_PATH)), "seed.txt");
    expectBuiltin(result.plan);
    expectCleanReport(result);
    expect(result.report.tables.map((t) => t.rows)).toEqual([4, 7, 6]);
  });

  it("from a .docx written by an independent writer (runs split, bold/italic, three tables)", () => {
    const result = importAppendix(writeDocx(seedBlocks()), "seed-fflate.docx");
    expectBuiltin(result.plan);
    expectCleanReport(result);
  });

  it("from a .docx made by LibreOffice Writer (one table, header repeated on each page)", () => {
    const result = importAppendix(libreOfficeDocx.seed!, "seed-lo.docx");
    expectBuiltin(result.plan);
    expectCleanReport(result);
  });

  it("and the book written from it reads back as the same plan, with the import report sheet", () => {
    const result = importAppendix(new Uint8Array(readFileSync(SEED_PATH)), "seed.txt");
    const bytes = importBookXlsx(result, { asOf: "2026-07-01", today: "2026-07-01" });
    const read = readBook(bytes);
    const plan = usablePlan(read)!;
    expect(plan).not.toBeNull();
    expect(plan.tasks).toEqual(builtinPlan().tasks);
    expect(plan.assignments).toEqual(builtinPlan().assignments);
    expect(plan.document.term).toEqual({ from: 2025, to: 2030 });
    const wb = readXlsx(bytes);
    expect(wb.sheets.map((s) => s.name)).toEqual([
      "Phụ lục",
      "Theo dõi",
      "Đơn vị",
      "Phân công",
      "Thông tin",
      IMPORT_REPORT_SHEET,
    ]);
    const report = wb.sheet(IMPORT_REPORT_SHEET)!;
    expect(String(report.cell("C4")!.value)).toMatch(/^17 nhiệm vụ, 0 nhóm, 0 thời hạn chưa đọc được/);
    // The term was not in the document: the sheet says where it came from.
    expect(report.cells.some((c) => /không nêu nhiệm kỳ.*2025–2030/.test(String(c.value)))).toBe(true);
  });
});

/** A ministry-level unit list: three units the national appendix names, the rest must come in as new. */
const NATIONAL_BASE: ImportBase = {
  province: "",
  facts: null,
  units: [
    { code: "BNV", name: "Bộ Nội vụ", level: "provincial", kind: "Bộ" },
    { code: "BKHCN", name: "Bộ Khoa học và Công nghệ", level: "provincial", kind: "Bộ" },
    { code: "VPCP", name: "Văn phòng Chính phủ", level: "provincial", kind: "Cơ quan" },
  ],
};

describe("a six-column national-style appendix (groups, partners, results, 110 tasks)", () => {
  const expected = nationalTasks();
  const sources = () =>
    [
      ["LibreOffice Writer", libreOfficeDocx.national!],
      ["the independent writer", writeDocx(nationalBlocks())],
    ] as const;

  it.each([0, 1])("reads every task, group, partner and result (writer %i: 0 LibreOffice, 1 independent)", (i) => {
    const [, bytes] = sources()[i]!;
    const { plan, report } = buildImport(readImportSource(bytes, "national.docx"), NATIONAL_BASE);
    expect(plan.tasks).toHaveLength(110);
    expect(plan.tasks.map((t) => t.number)).toEqual(expected.map((_, k) => k + 1));
    plan.tasks.forEach((t, k) => {
      const e = expected[k]!;
      expect([t.content, t.lead, t.timing, t.result, t.partners ?? ""]).toEqual([
        e.content,
        e.lead,
        e.timing,
        e.result,
        e.partners,
      ]);
      expect(t.group?.label).toBe(["I", "II", "III", "IV", "V"][e.group]);
    });
    expect(report.groups.map((g) => g.tasks)).toEqual([22, 22, 22, 22, 22].map(() => NATIONAL_PER_GROUP));
    // TT restarts in every group: renumbered and said so.
    expect(report.notes.some((n) => /đánh số lại/.test(n.vi) && /numbered 1, 2, 3/.test(n.en))).toBe(true);
    // The term is the document's ("nhiệm kỳ 2021 - 2026"), the years its "giai đoạn 2025 - 2030".
    expect(plan.document.term).toEqual({ from: 2021, to: 2026 });
    expect(plan.document.years).toEqual({ from: 2025, to: 2030 });
    expect(plan.document.resolution.number).toBe("57-NQ/TW");
    const ctx = contextFromPlan(plan);
    const review = plan.tasks.find((t) => t.timing === "Sơ kết giữa nhiệm kỳ")!;
    expect(parseSchedule(review.timing, ctx).milestones[0]!.due).toBe("2023-12-31");
    // Every phrase of the list is read; the one undatable phrase is reported with its cell.
    for (const phrase of NATIONAL_TIMINGS) expect(parseSchedule(phrase, ctx).parsed).toBe(true);
    expect(report.unreadDeadlines).toHaveLength(1);
    expect(report.unreadDeadlines[0]).toMatchObject({ task: 8, timing: UNREAD_TIMING });
    expect(report.unreadDeadlines[0]!.where.vi).toMatch(/^bảng 1, dòng \d+, cột 5$/);
  });

  it("matches agencies to units (with abbreviations), adds the others for review, keeps collectives whole", () => {
    const { plan, report } = buildImport(readImportSource(libreOfficeDocx.national!, "national.docx"), NATIONAL_BASE);
    const t3 = plan.tasks[2]!;
    expect(t3.lead).toBe("Bộ KH&CN");
    expect(t3.leads.map((l) => l.unit)).toEqual(["BKHCN"]);
    expect(plan.units.find((u) => u.code === "BKHCN")!.aliases).toEqual(["Bộ KH&CN"]);
    expect(report.aliases).toEqual([{ name: "Bộ KH&CN", unit: "BKHCN" }]);
    expect(plan.tasks[7]!.leads.map((l) => l.name)).toEqual(["Bộ Công an", "Bộ Quốc phòng"]);
    const fresh = report.newAgencies.map((a) => a.name).sort();
    expect(fresh).toEqual(
      ["Bộ Công an", "Bộ Giáo dục và Đào tạo", "Bộ Quốc phòng", "Bộ Tài chính", "Bộ Tư pháp"].sort(),
    );
    for (const a of report.newAgencies) {
      const unit = plan.units.find((u) => u.code === a.code)!;
      expect(unit.name).toBe(a.name);
      expect(unit.kind).toMatch(/cần rà soát/);
    }
    expect(report.collectives.map((c) => c.name).sort()).toEqual([
      "Các bộ, ngành liên quan",
      "Các bộ, ngành, địa phương",
    ]);
    const collectiveTask = plan.tasks.find((t) => t.lead === "Các bộ, ngành, địa phương")!;
    expect(collectiveTask.leads).toEqual([
      { name: "Các bộ, ngành, địa phương", level: "provincial", unit: null, advises: null },
    ]);
    // Leads report on their tasks; partners do not.
    expect(plan.assignments.get("BNV")).toEqual(plan.tasks.filter((t) => t.lead === "Bộ Nội vụ").map((t) => t.number));
  });

  it("both writers' files give the same plan, and its book reads back", () => {
    const a = buildImport(readImportSource(libreOfficeDocx.national!, "a.docx"), NATIONAL_BASE);
    const b = buildImport(readImportSource(writeDocx(nationalBlocks()), "b.docx"), NATIONAL_BASE);
    expect(a.plan.tasks).toEqual(b.plan.tasks);
    const read = readBook(importBookXlsx(a, { asOf: "2026-01-01", today: "2026-01-01" }));
    expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(read.plan!.tasks.map((t) => [t.number, t.content, t.group?.label, t.partners, t.result])).toEqual(
      a.plan.tasks.map((t) => [t.number, t.content, t.group?.label, t.partners, t.result]),
    );
    expect(read.plan!.document.term).toEqual({ from: 2021, to: 2026 });
    expect(read.plan!.assignments).toEqual(a.plan.assignments);
    // Two-paragraph cells keep their line break through the book: forms made now and later match.
    expect(read.plan!.tasks[0]!.content).toMatch(/Nghị quyết\nBảo đảm tiến độ/);
    expect(read.plan!.version).toBe(a.plan.version);
  });

  it("the built-in registry is the default base", () => {
    const { plan } = importAppendix(writeDocx(nationalBlocks()), "n.docx");
    expect(plan.units.length).toBeGreaterThan(builtinRegistryData.units.length);
  });
});
