/**
 * One splitter for a lead cell: the built-in plan, an imported appendix and a book read back all
 * split "Sở A, Sở B" into two agencies, keep "các sở, ban, ngành" whole, and pair issuers alike.
 */
import { readBook } from "../../src/book";
import { buildImport, builtinBase, readImportSource } from "../../src/import";
import { importBookXlsx } from "../../src/jobs/import";
import { builtinPlan, builtinPlanData } from "../../src/plan";

/** A pasted appendix in markdown: leads written with "/", ",", ";", " và " and a collective. */
const APPENDIX = [
  "| TT | Nội dung công việc | Cơ quan chủ trì | Cấp ban hành | Thời gian thực hiện |",
  "|---|---|---|---|---|",
  "| 1 | Việc một | Sở A, Sở B | Ban Thường vụ Tỉnh ủy/UBND tỉnh | Quý II/2026 |",
  "| 2 | Việc hai | Sở Khoa học và Công nghệ; Sở Nội vụ | UBND tỉnh | 2026 |",
  "| 3 | Việc ba | Các sở, ban, ngành | UBND tỉnh | Thường xuyên |",
  "| 4 | Việc bốn | Sở Tài chính và Sở Xây dựng | UBND tỉnh | 6/2026 |",
  "| 5 | Việc năm | Ban Tổ chức Tỉnh ủy/Sở Nội vụ | Ban Thường vụ Tỉnh ủy/UBND tỉnh | Tháng 10/2026 |",
].join("\n");

describe("lead cells split one way everywhere", () => {
  it("the built-in plan is unchanged: same leads and the same version hash", () => {
    const plan = builtinPlan();
    // The hash the built-in plan had before the splitter was shared (forms already made carry it).
    expect(plan.version).toBe("f39eb003aedf443f");
    for (const [i, t] of plan.tasks.entries()) {
      const source = builtinPlanData.tasks[i]!;
      expect(t.leads.map((l) => l.name)).toEqual(source.lead.split("/").map((s) => s.trim()));
      expect(t.issuers).toEqual(source.issuer.split("/").map((s) => s.trim()));
    }
  });

  it("a book written from an imported plan reads back with the same leads, issuers and assignments", () => {
    const result = buildImport(readImportSource(new TextEncoder().encode(APPENDIX), "phu-luc.md"), builtinBase());
    const leads = (p: typeof result.plan) => p.tasks.map((t) => t.leads.map((l) => [l.name, l.unit, l.advises]));
    expect(result.plan.tasks.map((t) => t.leads.map((l) => l.name))).toEqual([
      ["Sở A", "Sở B"],
      ["Sở Khoa học và Công nghệ", "Sở Nội vụ"],
      ["Các sở, ban, ngành"],
      ["Sở Tài chính", "Sở Xây dựng"],
      ["Ban Tổ chức Tỉnh ủy", "Sở Nội vụ"],
    ]);
    // Two leads, two issuers: paired position by position.
    expect(result.plan.tasks[4]!.leads.map((l) => l.advises)).toEqual(["Ban Thường vụ Tỉnh ủy", "UBND tỉnh"]);

    const read = readBook(importBookXlsx(result, { asOf: "2026-01-01", today: "2026-01-01" }));
    expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(leads(read.plan!)).toEqual(leads(result.plan));
    expect(read.plan!.tasks.map((t) => t.issuers)).toEqual(result.plan.tasks.map((t) => t.issuers));
    expect(read.plan!.assignments).toEqual(result.plan.assignments);
    expect(read.plan!.version).toBe(result.plan.version);
  });
});
