/**
 * A unit that resends its form: the output grows with what differs, not with the number of copies.
 * An identical resend is one line ("bản trùng"); an older copy lists only the values that differ from
 * the copy in use, and says how many did not; the result keeps older copies as their difference
 * from the copy in use, losslessly, so `previous` merges still equal consolidating all at once.
 */
import {
  consolidate,
  evaluate,
  readForm,
  type ConsolidationResult,
  type FormRecord,
  type InputFile,
} from "../../src/consolidate";
import { packForms, unpackForms } from "../../src/consolidate/stored";
import { fillForm, setCells, setModified, type FillRow } from "../helpers/fill-form";
import { AS_OF, blankForm, file, formSpec, H1, H2, plan, problemsOf, render, rowOf, swapRows } from "./fixtures";

const FOOTER = { preparer: "Trần Văn B", phone: "0238 3844 123", preparedOn: { date: "2026-06-15" } } as const;
const ROWS: FillRow[] = [
  { task: 2, status: "Hoàn thành", completedOn: { date: "2026-06-01" }, progress: 100, result: "Đã giao" },
  { task: 6, status: "Đang thực hiện", progress: 40, result: "Đang làm", difficulties: "Thiếu người" },
  { task: 12, status: "hoan thanh", result: "Xong" },
];
const at = (iso: string) => `${iso}T08:00:00Z`;

let blank: Uint8Array;
/** The copy in use: the newest. */
let latest: Uint8Array;
beforeAll(async () => {
  blank = await blankForm("SNV");
  latest = setModified(fillForm(blank, ROWS, FOOTER), at("2026-06-12"));
});

const run = (files: InputFile[], options: { previous?: ConsolidationResult; period?: typeof H1 } = {}) =>
  consolidate(files, { plan, asOf: AS_OF, period: options.period ?? H1, ...options });
const report = (r: ConsolidationResult, name: string) => r.files.find((f) => f.name === name)!;

describe("an identical resend is a duplicate", () => {
  it.each([
    ["the same bytes under another name", () => latest],
    ["the same values saved earlier", () => setModified(latest, at("2026-06-10"))],
    [
      "the same values with the rows in another order",
      () => {
        const moved = setModified(fillForm(render(swapRows(formSpec("SNV"), 7, 8)), ROWS, FOOTER), at("2026-06-10"));
        return moved;
      },
    ],
  ])("%s: one info problem naming the copy in use, no values listed", async (_label, copy) => {
    const r = await run([file("snv.xlsx", latest), file("snv-cu.xlsx", copy())]);
    const use = report(r, "snv.xlsx");
    const dup = report(r, "snv-cu.xlsx");
    expect(use.outcome).toBe("accepted");
    // Either may win when both carry the same save time: the other is the duplicate.
    const [winner, other] = dup.outcome === "superseded" ? [use, dup] : [dup, use];
    expect(other).toMatchObject({ outcome: "superseded", supersededBy: winner.name, duplicateOf: winner.name });
    expect(winner.duplicateOf).toBeNull();
    const own = problemsOf(r, other.name);
    expect(own.map((p) => p.code).filter((c) => c !== "row-moved")).toEqual(["duplicate-of"]);
    expect(own[0]).toMatchObject({ severity: "info", sheet: "", cell: "", value: null });
    expect(own[0]!.text.vi).toContain(winner.name);
    expect(own[0]!.text.vi).toMatch(/^Bản trùng/);
    expect(own[0]!.text.en).toContain(winner.name);
    expect(r.totals.superseded).toBe(1);
  });

  it("a duplicate with a new note outside the table still lists the note", async () => {
    const noted = setModified(setCells(latest, "Báo cáo", { P5: "ghi chú mới" }), at("2026-06-11"));
    const r = await run([file("snv.xlsx", latest), file("snv-ghi-chu.xlsx", noted)]);
    expect(report(r, "snv-ghi-chu.xlsx").duplicateOf).toBe("snv.xlsx");
    expect(problemsOf(r, "snv-ghi-chu.xlsx").map((p) => [p.code, p.cell, p.value])).toEqual([
      ["duplicate-of", "", null],
      ["title-changed", "P5", "ghi chú mới"],
    ]);
  });

  it("the same cells read differently (a date cell and a plain number) are not a duplicate", () => {
    const w = readForm(plan, file("snv.xlsx", latest));
    const copy: FormRecord = {
      ...w,
      name: "snv-so.xlsx",
      hash: "0000000000000000",
      modified: at("2026-06-10"),
      entries: w.entries.map((e) => (e.task === 2 ? { ...e, completedOn: null } : e)),
      problems: [],
    };
    const r = evaluate([w, copy], { plan, asOf: AS_OF, period: H1 });
    expect(report(r, "snv-so.xlsx")).toMatchObject({ outcome: "superseded", duplicateOf: null });
    // Every value is the same verbatim, so none is listed again.
    expect(problemsOf(r, "snv-so.xlsx").map((p) => p.code)).toEqual(["superseded", "superseded-unchanged"]);
  });
});

describe("an older copy lists only what differs", () => {
  let older: Uint8Array;
  let r: ConsolidationResult;
  beforeAll(async () => {
    older = setModified(
      fillForm(
        blank,
        [
          { task: 2, status: "Đang thực hiện", progress: 100, result: "Đã giao" }, // status differs; no date
          { task: 6, status: "Đang thực hiện", progress: 40, result: "Đang làm", proposals: "Thêm kinh phí" },
          { task: 12, status: "hoan thanh", result: { formula: 'T("Xong")', result: "Xong" } },
        ],
        { ...FOOTER, phone: "0912 000 000" },
      ),
      at("2026-06-10"),
    );
    r = await run([file("snv.xlsx", latest), file("snv-cu.xlsx", older)]);
  });

  it("is superseded, not a duplicate, and says how many values are the same as the copy in use", () => {
    expect(report(r, "snv-cu.xlsx")).toMatchObject({
      outcome: "superseded",
      supersededBy: "snv.xlsx",
      duplicateOf: null,
    });
    const notes = problemsOf(r, "snv-cu.xlsx").filter((p) => p.cell === "");
    expect(notes.map((p) => p.code)).toEqual(["superseded", "superseded-unchanged"]);
    // The same: task 2 progress and result; task 6 status, progress, result; task 12 status; preparer, date.
    expect(notes[1]!.text.vi).toMatch(/^8 giá trị còn lại/);
    expect(notes[1]!.text.vi).toContain("snv.xlsx");
    expect(notes[1]!.text.en).toMatch(/^8 other values .* read them in that file\.$/);
  });

  it("lists each differing value with its cell, verbatim; a value the copy in use lacks counts as different", () => {
    const listed = problemsOf(r, "snv-cu.xlsx").filter((p) => p.code === "superseded-value");
    expect(listed.map((p) => [p.cell, p.value, p.formula ?? null])).toEqual([
      ["E7", "Đang thực hiện", null],
      ["K8", "Thêm kinh phí", null],
      ["H12", "Xong", 'T("Xong")'], // the same text, but typed as a formula
      ["C16", "0912 000 000", null],
    ]);
    for (const p of listed) expect(p).toMatchObject({ severity: "info", sheet: "Báo cáo" });
  });

  it("does not repeat the findings the copy in use reports at the same cell with the same value", () => {
    // "hoan thanh" in E12 is a status variant in both copies: reported once, on the copy in use.
    expect(problemsOf(r, "snv.xlsx")).toContainEqual(expect.objectContaining({ code: "status-variant", cell: "E12" }));
    expect(problemsOf(r, "snv-cu.xlsx").filter((p) => p.code === "status-variant")).toEqual([]);
    // Its own findings stay: the formula is only in the older copy.
    expect(problemsOf(r, "snv-cu.xlsx")).toContainEqual(
      expect.objectContaining({ code: "formula-input", cell: "H12" }),
    );
  });

  it("a copy with no values is a blank form, not a superseded copy", async () => {
    const empty = await run([file("snv.xlsx", latest), file("snv-trong.xlsx", setModified(blank, at("2026-06-01")))]);
    expect(problemsOf(empty, "snv-trong.xlsx").map((p) => p.code)).toEqual(["blank-form"]);
    expect(empty.files.find((f) => f.name === "snv-trong.xlsx")?.outcome).toBe("rejected");
  });
});

describe("order, previous results and stored forms", () => {
  let files: InputFile[];
  beforeAll(async () => {
    const v = (n: number, rows: FillRow[]) => setModified(fillForm(blank, rows, FOOTER), at(`2026-06-0${n}`));
    const cuaLo = fillForm(await blankForm("16732"), [{ task: 1, status: "Hoàn thành", result: "Đã quán triệt" }]);
    files = [
      file("snv-1.xlsx", v(1, ROWS.slice(0, 1))),
      file("snv-2.xlsx", v(2, ROWS)),
      file("snv-2-lan-nua.xlsx", v(2, ROWS)),
      file("snv-3.xlsx", v(3, [{ ...ROWS[0]!, result: "Đã giao xong" }, ...ROWS.slice(1)])),
      file("snv-4.xlsx", v(4, ROWS)),
      file("snv-4-ban-sao.xlsx", v(4, ROWS)),
      file("cua-lo.xlsx", cuaLo),
      file("snv-h2.xlsx", fillForm(await blankForm("SNV", H2), ROWS.slice(1))),
    ];
  });

  it("the result does not depend on the order of the files", async () => {
    const base = await run(files);
    expect(base.files.filter((f) => f.duplicateOf).length).toBeGreaterThanOrEqual(3);
    for (const order of [
      [7, 6, 5, 4, 3, 2, 1, 0],
      [3, 0, 6, 1, 7, 4, 2, 5],
      [5, 4, 7, 2, 0, 1, 6, 3],
    ])
      expect(
        await run(
          order.map((i) => files[i]!),
          {},
        ),
      ).toEqual(base);
  });

  it.each([
    ["the older copies first", [0, 1, 2, 6, 7], [3, 4, 5]],
    ["the newest copies first", [4, 5, 7], [0, 1, 2, 3, 6]],
    ["one at a time", [0], [1, 2, 3, 4, 5, 6, 7]],
  ])("consolidating on top of a previous result equals all at once (%s)", async (_label, first, then) => {
    const atOnce = await run(files);
    const earlier = await run(first.map((i) => files[i]!));
    const stepwise = await run(
      then.map((i) => files[i]!),
      { previous: JSON.parse(JSON.stringify(earlier)) as ConsolidationResult },
    );
    expect(stepwise).toEqual(atOnce);
    expect(JSON.stringify(stepwise)).toBe(JSON.stringify(atOnce));
    // The same files again change nothing.
    expect(await run([], { previous: atOnce })).toEqual(atOnce);
  });

  it("a previous result re-evaluated for another period equals consolidating its files for that period", async () => {
    const h1 = await run(files);
    expect(h1.forms.some((f) => f.packed)).toBe(true);
    const h2 = await run(files, { period: H2 });
    expect(await run([], { previous: h1, period: H2 })).toEqual(h2);
    expect(evaluate(h1.forms, { plan, asOf: AS_OF, period: H2 })).toEqual(h2);
  });

  it("older copies are stored as their difference from the copy in use, and restored exactly", async () => {
    const r = await run(files);
    const fresh = files.map((f) => readForm(plan, f)).sort((a, b) => a.name.localeCompare(b.name));
    const restored = unpackForms(r.forms).sort((a, b) => a.name.localeCompare(b.name));
    expect(restored).toEqual(fresh);
    const inUse = rowOf(r, "SNV", 2).file!;
    for (const f of r.forms) {
      const rep = report(r, f.name);
      if (rep.outcome === "superseded") expect(f.packed).toMatchObject({ base: inUse });
      else expect(f.packed).toBeUndefined();
    }
    // A duplicate's stored form holds nothing of its own.
    const dup = r.files.find((f) => f.name.startsWith("snv-4") && f.duplicateOf)!;
    expect(r.forms.find((f) => f.name === dup.name)).toMatchObject({
      entries: [],
      problems: [],
      packed: { base: dup.duplicateOf, without: [], sameFooter: true },
    });
  });

  it("a stored form whose base is missing is refused, not guessed", async () => {
    const r = await run(files);
    const packed = r.forms.filter((f) => f.packed);
    expect(() => unpackForms(packed)).toThrow(/previous summary is damaged/);
  });

  it("packing never changes a record it cannot restore exactly", () => {
    const a = readForm(plan, file("a.xlsx", latest));
    // Problems naming another file cannot be taken from the base (which names its own).
    const b: FormRecord = { ...a, name: "b.xlsx", hash: "b", problems: a.problems.map((p) => ({ ...p })) };
    // Entries out of task order would come back sorted: such a record is kept whole.
    const c: FormRecord = { ...a, name: "c.xlsx", hash: "c", entries: [...a.entries].reverse() };
    const [, packedB, keptC] = packForms([a, b, c], (r) => (r === a ? undefined : a));
    expect(packedB!.packed).toBeDefined();
    expect(keptC).toBe(c);
    expect(unpackForms([a, packedB!, keptC!])).toEqual([a, b, c]);
  });
});

describe("output proportional to what differs", () => {
  /** Copies of one read record under other names (and, unless `sameBytes`, other hashes and save times). */
  function copies(record: FormRecord, n: number, sameBytes: boolean): FormRecord[] {
    return Array.from({ length: n }, (_, i) => {
      const name = `snv-lan-${String(i).padStart(2, "0")}.xlsx`;
      const stamp = new Date(Date.UTC(2026, 5, 1, i)).toISOString();
      return {
        ...record,
        name,
        hash: sameBytes ? record.hash : `${record.hash.slice(0, 8)}${String(i).padStart(8, "0")}`,
        modified: sameBytes ? record.modified : stamp,
        problems: record.problems.map((p) => ({ ...p, file: name })),
      };
    });
  }

  it.each([
    ["the same bytes", true],
    ["the same values, saved at other times", false],
  ])("20 identical resends (%s) add little more than one line each", (_label, sameBytes) => {
    const one = readForm(plan, file("snv.xlsx", latest));
    const result = (n: number) => evaluate(copies(one, n, sameBytes), { plan, asOf: AS_OF, period: H1 });
    const perCopy = (JSON.stringify(result(20)).length - JSON.stringify(result(1)).length) / 19;
    // A copy costs its file report, its stored header and one "duplicate-of" line: well under 2 kB.
    expect(perCopy).toBeLessThan(2000);
    const r = result(20);
    expect(r.problems.filter((p) => p.code === "duplicate-of")).toHaveLength(19);
    expect(r.problems.filter((p) => p.code === "superseded-value")).toHaveLength(0);
  });
});

describe("forms from before dates were zero-padded", () => {
  it("a title written as 14/6/2026 is the form's own title, not an edit", async () => {
    const { blankForm, plan: p } = await import("./fixtures");
    const { patchZip, zipText } = await import("../helpers/fixtures");
    const { readForm } = await import("../../src/consolidate");
    const bytes = await blankForm("SNV");
    const strings = zipText(bytes, "xl/sharedStrings.xml");
    expect(strings).toContain("đến ngày 14/06/2026");
    const old = patchZip(bytes, {
      "xl/sharedStrings.xml": strings.replace("đến ngày 14/06/2026", "đến ngày 14/6/2026"),
    });
    const record = readForm(p, { name: "cu.xlsx", bytes: old });
    expect(record.usable).toBe(true);
    expect(record.problems.filter((x) => x.code === "title-changed")).toEqual([]);
  });
});
