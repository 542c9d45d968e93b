import { consolidate, type ConsolidationResult, type InputFile } from "../../src/consolidate";
import { buildPlan } from "../../src/plan/plan";
import { builtinPlanData, builtinRegistryData } from "../../src/plan/builtin";
import { reportingUnits } from "../../src/plan";
import { parseAddress } from "../../src/workbook/a1";
import { reportForm } from "../../src/workbook/form";
import { FORM_HEADER_ROW, FORM_SIGNATURE, formColumn } from "../../src/workbook/form-layout";
import { renderXlsx } from "../../src/xlsx/write";
import { clearRows, fillForm, setCells, setModified, stripIdentity } from "../helpers/fill-form";
import {
  AS_OF,
  blankForm,
  deleteRow,
  file,
  formSpec,
  H1,
  H2,
  owed,
  plan,
  problemsOf,
  render,
  rowOf,
  swapColumns,
  swapRows,
  unit,
} from "./fixtures";

const LONG = "Nội dung rất dài. ".repeat(150);
const HYPERLINK = '=HYPERLINK("http://example.com","bấm vào đây")';

/** Three units' filled forms covering the ways units type values. */
async function sampleFiles(): Promise<InputFile[]> {
  const btc = fillForm(
    await blankForm("BTCTU"),
    [
      {
        task: 2,
        status: "Hoàn thành",
        completedOn: { date: "2026-06-01" },
        progress: 100,
        result: "Đã giao biên chế",
        documents: "Quyết định 12/QĐ-UBND ngày 01/6/2026",
      },
      {
        task: 3,
        status: "Đang thực hiện",
        progress: "80%",
        result: HYPERLINK,
        difficulties: "+ thiếu kinh phí",
        proposals: "@ đề nghị bổ sung",
      },
      { task: 4, status: "Hoa\u0300n tha\u0300nh", completedOn: "30/5/2026", progress: { percent: 1 }, result: LONG },
      { task: 5, status: "HOÀN THÀNH", completedOn: "2026-06-02", result: "- xong" },
      { task: 6, status: "Đã hoàn thành", completedOn: "03.06.2026", result: "Đã điều động" },
      {
        task: 7,
        status: "dang trien khai",
        progress: 40.5,
        result: { formula: 'CONCATENATE("Đang ","rà soát")', result: "Đang rà soát" },
      },
    ],
    { preparer: "Nguyễn Thị Hoà", phone: "0238 3844 123", preparedOn: { date: "2026-06-15" } },
  );
  const snv = fillForm(
    await blankForm("SNV"),
    [
      { task: 2, status: "Chưa triển khai" },
      { task: 6, status: "Hoàn thành", completedOn: "04-06-2026", progress: "100", result: "Đã biệt phái 12 cán bộ" },
      { task: 12, status: "Đang thực hiện", progress: 0.5, result: "Đang dự thảo" },
    ],
    { preparer: "Trần Văn B", preparedOn: "16/6/2026" },
  );
  const cuaLo = fillForm(await blankForm("16732"), [
    { task: 1, status: "Hoàn thành", completedOn: { date: "2026-06-10" }, progress: 100, result: "Đã quán triệt" },
    { task: 3, status: "Đang thực hiện", progress: 60, result: "Đang rà soát" },
  ]);
  return [file("btc.xlsx", btc), file("snv.xlsx", snv), file("cua-lo.xlsx", cuaLo)];
}

let sample: ConsolidationResult;
beforeAll(async () => {
  sample = await consolidate(await sampleFiles(), { plan, asOf: AS_OF, period: H1 });
});

describe("every value written comes out", () => {
  it.each([
    [
      "BTCTU",
      2,
      {
        status: "done",
        completedOn: "2026-06-01",
        progress: 100,
        result: "Đã giao biên chế",
        documents: "Quyết định 12/QĐ-UBND ngày 01/6/2026",
      },
    ],
    [
      "BTCTU",
      3,
      {
        status: "in-progress",
        progress: 80,
        result: HYPERLINK,
        difficulties: "+ thiếu kinh phí",
        proposals: "@ đề nghị bổ sung",
      },
    ],
    ["BTCTU", 4, { status: "done", completedOn: "2026-05-30", progress: 100, result: LONG }],
    ["BTCTU", 5, { status: "done", completedOn: "2026-06-02", result: "- xong" }],
    ["BTCTU", 6, { status: "done", completedOn: "2026-06-03", result: "Đã điều động" }],
    ["BTCTU", 7, { status: "in-progress", progress: 40.5, result: "Đang rà soát" }],
    ["SNV", 2, { status: "not-started" }],
    ["SNV", 6, { status: "done", completedOn: "2026-06-04", progress: 100, result: "Đã biệt phái 12 cán bộ" }],
    ["SNV", 12, { status: "in-progress", progress: 0.5, result: "Đang dự thảo" }],
    ["16732", 1, { status: "done", completedOn: "2026-06-10", progress: 100, result: "Đã quán triệt" }],
    ["16732", 3, { status: "in-progress", progress: 60, result: "Đang rà soát" }],
  ] as const)("%s task %i", (code, task, expected) => {
    const row = rowOf(sample, code, task);
    expect(row).toMatchObject(expected);
    expect(row.file).not.toBeNull();
  });

  it("keeps the footer (preparer, phone, date) on every row of the unit", () => {
    for (const task of owed("BTCTU"))
      expect(rowOf(sample, "BTCTU", task)).toMatchObject({
        preparer: "Nguyễn Thị Hoà",
        phone: "0238 3844 123",
        preparedOn: "2026-06-15",
      });
    expect(rowOf(sample, "SNV", 2)).toMatchObject({ preparer: "Trần Văn B", phone: null, preparedOn: "2026-06-16" });
  });

  it("notes every accepted variant as info, with its cell and value", () => {
    const info = (cell: string) =>
      problemsOf(sample, "btc.xlsx").filter((p) => p.cell === cell && p.severity === "info");
    expect(info("E9").map((p) => p.code)).toContain("status-variant");
    expect(info("E9")[0]!.value).toBe("Hoa\u0300n tha\u0300nh");
    expect(info("E10").map((p) => p.code)).toContain("status-variant");
    expect(info("E11").map((p) => p.code)).toContain("status-variant");
    expect(info("G8")[0]).toMatchObject({ code: "progress-converted", value: "80%" });
    expect(info("G9")[0]).toMatchObject({ code: "progress-converted", value: 1 });
    expect(info("F9")[0]).toMatchObject({ code: "date-converted", value: "30/5/2026" });
    expect(info("H12")[0]).toMatchObject({
      code: "formula-input",
      value: "Đang rà soát",
      formula: 'CONCATENATE("Đang ","rà soát")',
    });
    expect(problemsOf(sample, "btc.xlsx").find((p) => p.cell === "H9")).toMatchObject({
      code: "text-too-long",
      severity: "warning",
      value: LONG,
    });
  });

  it("classifies each row on the report date", () => {
    expect(rowOf(sample, "BTCTU", 3).deadlineClass).toBe("due-soon"); // Tháng 6/2026, in progress on 20/6
    expect(rowOf(sample, "BTCTU", 5).deadlineClass).toBe("done-on-time");
    expect(rowOf(sample, "SNV", 16).deadlineClass).toBe("not-reported");
    expect(rowOf(sample, "17110", 1).deadlineClass).toBe("not-reported");
  });

  it("counts per task over the units that owe it", () => {
    for (const t of sample.byTask) {
      const rows = sample.rows.filter((r) => r.task === t.task);
      expect(t.owed).toBe(rows.length);
      expect(t.owed).toBe(reportingUnits(plan).filter((u) => owed(u.code).includes(t.task)).length);
      expect(Object.values(t.counts).reduce((a, b) => a + b, 0)).toBe(t.owed);
      expect(t.reported).toBe(rows.filter((r) => r.status !== null).length);
    }
    const t3 = sample.byTask.find((t) => t.task === 3)!;
    expect(t3.reported).toBe(2);
    expect(t3.counts["due-soon"]).toBe(2);
  });
});

describe("problems", () => {
  let result: ConsolidationResult;
  beforeAll(async () => {
    const bad = fillForm(await blankForm("BTCTU"), [
      { task: 2, status: "Xong rồi" },
      { task: 3, status: "Hoàn thành", completedOn: "31/02/2026" },
      { task: 4, status: "Hoàn thành", progress: 120, result: "x" },
      { task: 5, status: "Đang thực hiện", progress: "khoảng một nửa" },
      { task: 6, status: "Hoàn thành", progress: 50, result: "Một phần" },
      { task: 7, status: "Hoàn thành", completedOn: { date: "2026-01-05" }, result: "Trước Nghị quyết" },
      { task: 11, status: "Hoàn thành", completedOn: { date: "2026-07-01" }, result: "Sau ngày báo cáo" },
      { task: 15, status: true, completedOn: "ngày mai" },
    ]);
    result = await consolidate([file("bad.xlsx", bad)], { plan, asOf: AS_OF, period: H1 });
  });

  it.each([
    ["E7", "error", "status-invalid", "Xong rồi"],
    ["F8", "error", "date-invalid", "31/02/2026"],
    ["E8", "warning", "done-without-result", "Hoàn thành"],
    ["G9", "error", "progress-invalid", 120],
    ["G10", "error", "progress-invalid", "khoảng một nửa"],
    ["G11", "warning", "done-progress-below-100", 50],
    ["F12", "warning", "date-before-plan", 46027],
    ["F13", "warning", "date-after-report", 46204],
    ["E14", "error", "status-invalid", true],
    ["F14", "error", "date-invalid", "ngày mai"],
  ] as const)("%s: %s %s with the value verbatim", (cell, severity, code, value) => {
    expect(result.problems).toContainEqual(
      expect.objectContaining({ file: "bad.xlsx", sheet: "Báo cáo", cell, severity, code, value }),
    );
  });

  it("every problem names its file, and every cell problem its sheet and a real address", () => {
    for (const r of [result, sample]) {
      for (const p of r.problems) {
        expect(r.files.map((f) => f.name)).toContain(p.file);
        expect(p.text.vi.length).toBeGreaterThan(0);
        expect(p.text.en.length).toBeGreaterThan(0);
        if (p.cell !== "") {
          expect(p.sheet).not.toBe("");
          expect(parseAddress(p.cell)).not.toBeNull();
        }
      }
    }
  });

  it("keeps the date a unit saw with a date cell's problem (F12 showed 05/01/2026, not 46027)", () => {
    expect(result.problems.find((p) => p.cell === "F12")).toMatchObject({ value: 46027, date: "2026-01-05" });
    expect(result.problems.find((p) => p.cell === "F8")!.date).toBeUndefined();
  });

  it("invalid values are not merged but the rest of the row is", () => {
    expect(rowOf(result, "BTCTU", 2).status).toBeNull();
    expect(rowOf(result, "BTCTU", 3)).toMatchObject({ status: "done", completedOn: null });
    expect(rowOf(result, "BTCTU", 4)).toMatchObject({ status: "done", progress: null, result: "x" });
  });
});

describe("missing units", () => {
  it("lists every reporting unit that returned nothing, with its tasks", () => {
    const returned = new Set(["BTCTU", "SNV", "16732"]);
    const expected = reportingUnits(plan).filter((u) => !returned.has(u.code));
    expect(sample.missing.map((m) => m.code)).toEqual(expected.map((u) => u.code));
    for (const m of sample.missing) expect(m.tasks).toEqual(owed(m.code));
    expect(sample.totals).toMatchObject({ units: expected.length + 3, returned: 3, missing: expected.length });
    expect(
      sample.byUnit
        .filter((u) => u.returned)
        .map((u) => u.code)
        .sort(),
    ).toEqual([...returned].sort());
  });

  it("a unit whose only file was rejected is missing, with that file named", async () => {
    const r = await consolidate([file("h2.xlsx", await blankForm("SNV", H2))], { plan, asOf: AS_OF, period: H1 });
    expect(r.missing.find((m) => m.code === "SNV")!.rejectedFiles).toEqual(["h2.xlsx"]);
  });
});

describe("a unit that sent twice", () => {
  let v1: Uint8Array;
  let v2: Uint8Array;
  beforeAll(async () => {
    const blank = await blankForm("SNV");
    v1 = setModified(fillForm(blank, [{ task: 2, status: "Đang thực hiện", result: "bản 1" }]), "2026-06-10T08:00:00Z");
    v2 = setModified(fillForm(blank, [{ task: 2, status: "Hoàn thành", result: "bản 2" }]), "2026-06-12T08:00:00Z");
  });

  it.each([
    ["newer first", true],
    ["older first", false],
  ])("the newer form wins (%s)", async (_label, newerFirst) => {
    const files = [file("snv-a.xlsx", v1), file("snv-b.xlsx", v2)];
    const r = await consolidate(newerFirst ? files.reverse() : files, { plan, asOf: AS_OF, period: H1 });
    expect(rowOf(r, "SNV", 2)).toMatchObject({ status: "done", result: "bản 2", file: "snv-b.xlsx" });
    expect(r.files.find((f) => f.name === "snv-a.xlsx")).toMatchObject({
      outcome: "superseded",
      supersededBy: "snv-b.xlsx",
      duplicateOf: null,
    });
    expect(r.files.find((f) => f.name === "snv-b.xlsx")).toMatchObject({
      outcome: "accepted",
      savedAt: "2026-06-12T08:00:00Z",
    });
    // The older version's values that differ from the newer one are still listed.
    expect(problemsOf(r, "snv-a.xlsx")).toContainEqual(
      expect.objectContaining({ code: "superseded-value", value: "bản 1", cell: "H7" }),
    );
  });

  it("the save time of the program beats the file system's, which beats none", async () => {
    const a = stripIdentity(fillForm(await blankForm("SNV"), [{ task: 2, status: "Hoàn thành", result: "A" }]), {});
    const b = fillForm(await blankForm("SNV"), [{ task: 2, status: "Hoàn thành", result: "B" }]);
    const r1 = await consolidate(
      [file("x.xlsx", a, "2026-06-01T00:00:00Z"), file("y.xlsx", b, "2026-06-02T00:00:00Z")],
      {
        plan,
        asOf: AS_OF,
        period: H1,
      },
    );
    expect(rowOf(r1, "SNV", 2).result).toBe("B");
    const r2 = await consolidate([file("x.xlsx", a, "2026-06-03T00:00:00Z"), file("y.xlsx", b)], {
      plan,
      asOf: AS_OF,
      period: H1,
    });
    expect(rowOf(r2, "SNV", 2).result).toBe("A");
  });

  it("the result does not depend on the order of the files", async () => {
    const files = [...(await sampleFiles()), file("snv-a.xlsx", v1), file("snv-b.xlsx", v2)];
    const base = await consolidate(files, { plan, asOf: AS_OF, period: H1 });
    for (const order of [
      [4, 3, 2, 1, 0],
      [2, 0, 4, 1, 3],
      [1, 4, 0, 3, 2],
    ]) {
      const r = await consolidate(
        order.map((i) => files[i]!),
        { plan, asOf: AS_OF, period: H1 },
      );
      expect(r).toEqual(base);
    }
  });

  it("with no save times at all, a stable tie-break by name decides", async () => {
    const a = fillForm(await blankForm("SNV"), [{ task: 2, status: "Hoàn thành", result: "A" }]);
    const b = fillForm(await blankForm("SNV"), [{ task: 2, status: "Hoàn thành", result: "B" }]);
    const r1 = await consolidate([file("snv-1.xlsx", b), file("snv-2.xlsx", a)], { plan, asOf: AS_OF, period: H1 });
    const r2 = await consolidate([file("snv-2.xlsx", a), file("snv-1.xlsx", b)], { plan, asOf: AS_OF, period: H1 });
    expect(r1).toEqual(r2);
    expect(rowOf(r1, "SNV", 2).file).toBe("snv-2.xlsx");
  });
});

describe("previous results", () => {
  it("consolidating B on top of consolidate(A) equals A and B at once; the same files again change nothing", async () => {
    const all = await sampleFiles();
    const late = setModified(
      fillForm(await blankForm("SNV"), [{ task: 2, status: "Hoàn thành", result: "bản bổ sung" }]),
      "2026-06-18T00:00:00Z",
    );
    const a = all.slice(0, 2);
    const b = [all[2]!, file("snv-late.xlsx", late)];
    const first = await consolidate(a, { plan, asOf: AS_OF, period: H1 });
    const progress: string[] = [];
    const stepwise = await consolidate(b, {
      plan,
      asOf: AS_OF,
      period: H1,
      previous: first,
      onProgress: (d, t, f) => void progress.push(`${d}/${t} ${f}`),
    });
    const atOnce = await consolidate([...a, ...b], { plan, asOf: AS_OF, period: H1 });
    expect(stepwise).toEqual(atOnce);
    expect(progress).toEqual(["1/2 cua-lo.xlsx", "2/2 snv-late.xlsx"]);
    expect(rowOf(stepwise, "SNV", 2).result).toBe("bản bổ sung");
    // Round trip through JSON (the summary file) loses nothing.
    const again = await consolidate(a, { plan, asOf: AS_OF, period: H1, previous: JSON.parse(JSON.stringify(first)) });
    expect(again).toEqual(first);
  });
});

describe("bad files", () => {
  it("another period's form is an error; its values are listed, not merged", async () => {
    const h2 = fillForm(await blankForm("SNV", H2), [{ task: 2, status: "Hoàn thành", result: "kỳ sau" }]);
    const r = await consolidate([file("snv-h2.xlsx", h2)], { plan, asOf: AS_OF, period: H1 });
    expect(r.files[0]).toMatchObject({ outcome: "rejected", period: "2026-H2" });
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "other-period", severity: "error", value: "2026-H2" }),
    );
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "not-merged-value", cell: "H7", value: "kỳ sau" }),
    );
    expect(rowOf(r, "SNV", 2).status).toBeNull();
  });

  it("a form whose unit code and visible unit name disagree is an error and not merged", async () => {
    const f = setCells(fillForm(await blankForm("SNV"), [{ task: 2, status: "Hoàn thành", result: "x" }]), "Báo cáo", {
      C3: "Sở Tài chính",
    });
    const r = await consolidate([file("snv.xlsx", f)], { plan, asOf: AS_OF, period: H1 });
    expect(r.files[0]!.outcome).toBe("rejected");
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "unit-mismatch", cell: "C3", value: "Sở Tài chính", severity: "error" }),
    );
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "not-merged-value", cell: "E7", value: "Hoàn thành" }),
    );
    expect(r.missing.map((m) => m.code)).toContain("SNV");
  });

  it("a consolidated workbook sent back in is not a form", async () => {
    const { consolidatedWorkbook } = await import("../../src/workbook/consolidated");
    const bytes = renderXlsx(consolidatedWorkbook(plan, sample));
    const r = await consolidate([file("tong-hop.xlsx", bytes)], { plan, asOf: AS_OF, period: H1 });
    expect(r.files[0]!.outcome).toBe("rejected");
    expect(r.problems[0]).toMatchObject({ code: "wrong-kind", severity: "error" });
  });
});

describe("identifying a file without its metadata", () => {
  it.each([
    ["all three places removed", { properties: true, names: true, sheet: true }, "name"],
    ["only custom properties left", { names: true, sheet: true }, "metadata"],
    ["only hidden names left", { properties: true, sheet: true }, "metadata"],
    ["only the hidden sheet left", { properties: true, names: true }, "metadata"],
  ] as const)("%s", async (_label, which, how) => {
    const f = stripIdentity(
      fillForm(await blankForm("16732"), [{ task: 1, status: "Hoàn thành", result: "ok" }]),
      which,
    );
    const r = await consolidate([file("f.xlsx", f)], { plan, asOf: AS_OF, period: H1 });
    expect(r.files[0]).toMatchObject({ outcome: "accepted", unitCode: "16732", identifiedBy: how, period: "2026-H1" });
    expect(rowOf(r, "16732", 1)).toMatchObject({ status: "done", result: "ok" });
    const byName = r.problems.filter((p) => p.code === "identified-by-name");
    expect(byName).toHaveLength(how === "name" ? 1 : 0);
  });

  it.each([
    ["lower case, no diacritics", "phuong cua lo"],
    ["decomposed (NFD)", "Phường Cửa Lò".normalize("NFD")],
    ["old tone placement and a label", "Đơn vị: PHƯỜNG CỬA LÒ"],
  ])("matches the unit name typed %s", async (_label, name) => {
    const f = stripIdentity(
      setCells(fillForm(await blankForm("16732"), [{ task: 3, status: "Đang thực hiện" }]), "Báo cáo", {
        C3: name,
        K3: null,
      }),
    );
    const r = await consolidate([file("f.xlsx", f)], { plan, asOf: AS_OF, period: H1 });
    expect(r.files[0]).toMatchObject({ unitCode: "16732", identifiedBy: "name", outcome: "accepted" });
    expect(rowOf(r, "16732", 3).status).toBe("in-progress");
  });

  it("finds the unit named anywhere in a table copied into a new file", async () => {
    let f = stripIdentity(
      fillForm(await blankForm("16732"), [{ task: 8, status: "Hoàn thành", result: "đã đào tạo" }]),
    );
    f = setCells(clearRows(f, "Báo cáo", 1, 5), "Báo cáo", { B30: "Đơn vị báo cáo: phường cửa lò" });
    const r = await consolidate([file("copy.xlsx", f)], { plan, asOf: AS_OF, period: H1 });
    expect(r.files[0]).toMatchObject({ unitCode: "16732", identifiedBy: "name", outcome: "accepted", period: null });
    expect(rowOf(r, "16732", 8)).toMatchObject({ status: "done", result: "đã đào tạo" });
    expect(r.problems).toContainEqual(expect.objectContaining({ code: "period-unknown", severity: "warning" }));
  });

  it("refuses a name that matches two units", async () => {
    const registry = {
      ...builtinRegistryData,
      units: [
        ...builtinRegistryData.units,
        { code: "99999", name: "Phường Cửa Lỏ", level: "commune" as const, kind: "Phường" },
      ],
    };
    const twin = buildPlan(builtinPlanData, registry);
    const f = stripIdentity(setCells(await blankForm("16732"), "Báo cáo", { C3: "Phuong Cua Lo", K3: null }));
    const r = await consolidate([file("f.xlsx", f)], { plan: twin, asOf: AS_OF, period: H1 });
    expect(r.files[0]!.outcome).toBe("rejected");
    expect(r.problems).toContainEqual(expect.objectContaining({ code: "unit-ambiguous", severity: "error" }));
    // The exact spelling is not ambiguous.
    const exact = stripIdentity(
      setCells(fillForm(await blankForm("16732"), [{ task: 1, status: "Hoàn thành" }]), "Báo cáo", { K3: null }),
    );
    const r2 = await consolidate([file("f.xlsx", exact)], { plan: twin, asOf: AS_OF, period: H1 });
    expect(r2.files[0]).toMatchObject({ outcome: "accepted", unitCode: "16732" });
  });

  it("a file naming no unit is rejected, its values listed", async () => {
    let f = stripIdentity(fillForm(await blankForm("16732"), [{ task: 1, status: "Hoàn thành", result: "ai gửi?" }]));
    f = clearRows(f, "Báo cáo", 1, 5);
    const r = await consolidate([file("anon.xlsx", f)], { plan, asOf: AS_OF, period: H1 });
    expect(r.files[0]!.outcome).toBe("rejected");
    expect(r.problems).toContainEqual(expect.objectContaining({ code: "unit-not-identified" }));
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "not-merged-value", cell: "H7", value: "ai gửi?" }),
    );
  });
});

describe("rows and columns read by TT and header, not position", () => {
  const code = "BTCTU";
  const last = 6 + owed(code).length;

  it("moved rows are read by TT and reported", async () => {
    const bytes = fillForm(render(swapRows(formSpec(code), 7, 9)), [
      { task: 2, status: "Hoàn thành", result: "hai" },
      { task: 4, status: "Đang thực hiện", result: "bốn" },
    ]);
    const r = await consolidate([file("moved.xlsx", bytes)], { plan, asOf: AS_OF, period: H1 });
    expect(rowOf(r, code, 2)).toMatchObject({ status: "done", result: "hai", row: 9 });
    expect(rowOf(r, code, 4)).toMatchObject({ status: "in-progress", result: "bốn", row: 7 });
    expect(
      r.problems
        .filter((p) => p.code === "row-moved")
        .map((p) => p.cell)
        .sort(),
    ).toEqual(["A7", "A9"]);
    expect(r.problems.filter((p) => p.code === "fixed-changed")).toEqual([]);
  });

  it("a deleted row is reported missing; the rows below still read", async () => {
    const bytes = fillForm(render(deleteRow(formSpec(code), 8)), [{ task: 4, status: "Hoàn thành", result: "bốn" }]);
    const r = await consolidate([file("deleted.xlsx", bytes)], { plan, asOf: AS_OF, period: H1 });
    expect(r.problems).toContainEqual(expect.objectContaining({ code: "row-missing", severity: "error", cell: "A8" }));
    expect(rowOf(r, code, 4)).toMatchObject({ status: "done", row: 8 });
    expect(rowOf(r, code, 3).status).toBeNull();
  });

  it("added and duplicated rows are reported with their values", async () => {
    const blank = fillForm(await blankForm(code), [{ task: 2, status: "Hoàn thành", result: "gốc" }]);
    const added = setCells(blank, "Báo cáo", {
      [`A${last + 1}`]: 9,
      [`E${last + 1}`]: "Hoàn thành",
      [`H${last + 1}`]: "việc không được giao",
      B31: "ghi chú dưới phần ký",
    });
    const dup = setCells(blank, "Báo cáo", { [`A${last + 1}`]: 2, [`H${last + 1}`]: "bản trùng" });
    const r = await consolidate([file("added.xlsx", added)], { plan, asOf: AS_OF, period: H1 });
    const p = (res: ConsolidationResult, cell: string) =>
      res.problems.filter((x) => x.cell === cell).map((x) => [x.code, x.value]);
    expect(p(r, `H${last + 1}`)).toEqual([["row-added", "việc không được giao"]]);
    expect(p(r, `A${last + 1}`)).toEqual([["row-added", 9]]);
    expect(p(r, "B31")).toEqual([["cell-outside", "ghi chú dưới phần ký"]]);
    expect(rowOf(r, code, 2).result).toBe("gốc");
    const d = await consolidate([file("dup.xlsx", dup)], { plan, asOf: AS_OF, period: H1 });
    expect(p(d, `H${last + 1}`)).toEqual([["row-duplicate", "bản trùng"]]);
    expect(rowOf(d, code, 2).result).toBe("gốc");
  });

  it("a row without TT inside the table is reported", async () => {
    const bytes = setCells(await blankForm(code), "Báo cáo", { [`H${last + 1}`]: "dòng thêm không có TT" });
    const r = await consolidate([file("nott.xlsx", bytes)], { plan, asOf: AS_OF, period: H1 });
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "row-not-task", cell: `H${last + 1}`, value: "dòng thêm không có TT" }),
    );
  });

  it("moved columns are read by their headers", async () => {
    const spec = swapColumns(formSpec(code), 5, 8, last); // status ↔ result
    const bytes = setCells(render(spec), "Báo cáo", { H7: "Hoàn thành", E7: "kết quả ở cột E", G7: 100 });
    const r = await consolidate([file("cols.xlsx", bytes)], { plan, asOf: AS_OF, period: H1 });
    expect(rowOf(r, code, 2)).toMatchObject({ status: "done", result: "kết quả ở cột E", progress: 100 });
    expect(r.problems).toContainEqual(expect.objectContaining({ code: "columns-moved", severity: "info" }));
  });

  it("changed fixed cells are reported with expected and found text", async () => {
    const t2 = plan.tasks.find((t) => t.number === 2)!;
    const bytes = setCells(await blankForm(code), "Báo cáo", { B7: "Nội dung đã sửa", C8: "Tháng 12/2026" });
    const r = await consolidate([file("fixed.xlsx", bytes)], { plan, asOf: AS_OF, period: H1 });
    const fixed = r.problems.filter((p) => p.code === "fixed-changed");
    expect(fixed).toEqual([
      expect.objectContaining({ cell: "B7", value: "Nội dung đã sửa", expected: t2.content, severity: "warning" }),
      expect.objectContaining({
        cell: "C8",
        value: "Tháng 12/2026",
        expected: plan.tasks.find((t) => t.number === 3)!.timing,
      }),
    ]);
  });

  it("an untouched form is a blank form: that one warning, and the unit has not reported", async () => {
    const r = await consolidate([file("blank.xlsx", await blankForm(code))], { plan, asOf: AS_OF, period: H1 });
    expect(r.problems.map((p) => [p.code, p.severity])).toEqual([["blank-form", "warning"]]);
    expect(r.files[0]!.outcome).toBe("rejected");
    expect(r.missing.find((m) => m.code === code)).toMatchObject({ rejectedFiles: ["blank.xlsx"] });
  });

  it("a form with one entry has no problems at all", async () => {
    const task = owed(code)[0]!;
    const one = fillForm(await blankForm(code), [{ task, status: "Chưa triển khai" }]);
    const r = await consolidate([file("mot.xlsx", one)], { plan, asOf: AS_OF, period: H1 });
    expect(r.problems).toEqual([]);
    expect(r.files[0]!.outcome).toBe("accepted");
  });
});

describe("period", () => {
  it("defaults to the period most forms name, not the half year holding the report date", async () => {
    const r = await consolidate(await sampleFiles(), { plan, asOf: "2026-07-05" });
    expect(r.period.id).toBe("2026-H1");
  });

  it("with no forms, defaults to the half year holding the report date", async () => {
    const r = await consolidate([], { plan, asOf: "2026-07-05" });
    expect(r.period.id).toBe("2026-H2");
    expect(r.missing).toHaveLength(reportingUnits(plan).length);
  });

  it("reads the period-end date when both metadata and the period line are gone", async () => {
    const f = stripIdentity(setCells(await blankForm("SNV", H2), "Báo cáo", { A2: null }));
    const r = await consolidate([file("h2.xlsx", f)], { plan, asOf: AS_OF, period: H1 });
    expect(r.files[0]).toMatchObject({ period: "2026-H2", outcome: "rejected", identifiedBy: "name" });
  });

  it("reads the period line when metadata is gone", async () => {
    const spec = reportForm(plan, unit("SNV"), H2);
    const r = await consolidate([file("h2.xlsx", stripIdentity(renderXlsx(spec)))], { plan, asOf: AS_OF, period: H1 });
    expect(r.files[0]).toMatchObject({ period: "2026-H2", outcome: "rejected", identifiedBy: "name" });
  });
});

describe("forms of the earlier layout and the signature block", () => {
  it("reads a form whose deadline column is headed 'Hạn trong kỳ' and whose rows have fixed heights", async () => {
    const spec = formSpec("BTCTU");
    const sheet = spec.sheets[0]!;
    const header = sheet.rows[FORM_HEADER_ROW - 1]!.cells;
    header[formColumn("due") - 1] = { value: "Hạn trong kỳ", style: "header" };
    for (const row of sheet.rows) {
      delete row.fit;
      // The earlier signature-less form ended at the footer.
      if (row.cells.some((c) => Object.values(FORM_SIGNATURE).includes(c?.value as never))) row.cells = [];
    }
    const old = fillForm(render(spec), [
      { task: 2, status: "Hoàn thành", completedOn: { date: "2026-06-01" }, result: "Xong" },
    ]);
    const r = await consolidate([file("cu.xlsx", old)], { plan, asOf: AS_OF, period: H1 });
    expect(r.files[0]!.outcome).toBe("accepted");
    expect(problemsOf(r, "cu.xlsx").filter((p) => p.code === "column-missing" || p.code === "columns-moved")).toEqual(
      [],
    );
    expect(rowOf(r, "BTCTU", 2)).toMatchObject({ status: "done", completedOn: "2026-06-01", result: "Xong" });
  });

  it("takes the signature block as part of the form: no note, and 'NGƯỜI LẬP BIỂU' is not the preparer", async () => {
    const filled = fillForm(await blankForm("BTCTU"), [{ task: 2, status: "Đang thực hiện" }]);
    const r = await consolidate([file("moi.xlsx", filled)], { plan, asOf: AS_OF, period: H1 });
    const texts = new Set(Object.values(FORM_SIGNATURE) as string[]);
    expect(problemsOf(r, "moi.xlsx").filter((p) => texts.has(String(p.value)))).toEqual([]);
    expect(rowOf(r, "BTCTU", 2).preparer).toBeNull();
  });
});
