/**
 * The JSON summary on disk (version 3): written compactly and read back to exactly the result it was
 * written from; summaries of versions 1 and 2 are still read; a damaged one is refused with a message.
 */
import { consolidate, type ConsolidationResult, type FormRecord, type InputFile } from "../../src/consolidate";
import { unpackForms } from "../../src/consolidate/stored";
import { sameJson } from "../../src/util/same-json";
import {
  decodeSummary,
  encodeSummary,
  type StoredEntry,
  type StoredProblem,
  type SummaryV3,
} from "../../src/consolidate/summary";
import { parsePreviousSummary, summaryJson } from "../../src/jobs/consolidate";
import { fillForm, setCells, setModified, type FillRow } from "../helpers/fill-form";
import { AS_OF, blankForm, file, formSpec, H1, plan, render, swapRows } from "./fixtures";

const at = (iso: string) => `${iso}T08:00:00Z`;
const FOOTER = { preparer: "Trần Văn B", phone: "0238 3844 123", preparedOn: { date: "2026-06-15" } } as const;
const rows = (n: number): FillRow[] => [
  {
    task: 2,
    status: n % 2 ? "Hoàn thành" : "Đang thực hiện",
    completedOn: "20/5/2026",
    progress: 100,
    result: `Đã ban hành kế hoạch số ${n}/KH, tổ chức hội nghị`,
  },
  { task: 6, status: "Đang thực hiện", progress: "60%", result: "Đang làm", difficulties: `Thiếu người (${n})` },
  { task: 12, status: "hoan thanh", result: { formula: 'T("Xong")', result: "Xong" } },
];

let files: InputFile[];
let result: ConsolidationResult;
beforeAll(async () => {
  const snv = await blankForm("SNV");
  const btc = await blankForm("BTCTU");
  const resends = Array.from({ length: 6 }, (_, n) =>
    file(`snv-lan-${n}.xlsx`, setModified(fillForm(snv, rows(n % 3), FOOTER), at(`2026-06-1${n}`))),
  );
  files = [
    ...resends,
    // An identical resend, a copy with its rows swapped, a note outside the table, a bad file.
    file("snv-trung.xlsx", resends[5]!.bytes),
    file(
      "snv-doi-dong.xlsx",
      setModified(fillForm(render(swapRows(formSpec("SNV"), 7, 8)), rows(7), FOOTER), at("2026-06-01")),
    ),
    file(
      "btc.xlsx",
      setCells(fillForm(btc, [{ task: 2, status: "Xong rồi", completedOn: { date: "2026-07-01" } }]), "Báo cáo", {
        P5: "ghi chú",
      }),
    ),
    file("hong.xlsx", new Uint8Array([80, 75, 3, 4, 1, 2, 3])),
  ];
  result = await consolidate(files, { plan, asOf: AS_OF, period: H1 });
});

const written = (r: ConsolidationResult): SummaryV3 => JSON.parse(summaryJson(r)) as SummaryV3;
const read = (text: string) => parsePreviousSummary(text, plan, "tong-hop.json");

describe("version 3 summary", () => {
  it("reads back to exactly the result it was written from", () => {
    const back = read(summaryJson(result));
    expect("result" in back && back.result).toEqual(result);
    expect("result" in back && JSON.stringify(back.result)).toBe(JSON.stringify(result));
    expect(decodeSummary(written(result))).toEqual(result);
  });

  it("a late file merged on top of it equals consolidating everything at once", async () => {
    const first = await consolidate(files.slice(0, 4), { plan, asOf: AS_OF, period: H1 });
    const back = read(summaryJson(first));
    if (!("result" in back)) throw new Error(back.error.en);
    const late = await consolidate(files.slice(4), { plan, asOf: AS_OF, period: H1, previous: back.result });
    expect(late).toEqual(result);
  });

  it("writes each message text once, one file's problems together, and values once", () => {
    const s = written(result);
    expect(s.version).toBe(3);
    expect(new Set(s.texts.map((t) => `${t.vi}|${t.en}`)).size).toBe(s.texts.length);
    expect(s.problems.map((run) => run.file)).toEqual([...new Set(result.problems.map((p) => p.file))]);
    // The values of an older copy are listed by cell; each value is in the copy's record once.
    const older = s.problems
      .flatMap((run) => run.list)
      .filter((i): i is StoredProblem => "code" in i && !("verbatim" in i) && i.code === "superseded-value");
    expect(older.length).toBeGreaterThan(0);
    for (const item of older) {
      expect(typeof item.text).toBe("number");
      expect("value" in item).toBe(false);
    }
    expect(older.some((i) => (i.cells ?? []).length > 1)).toBe(true);
    // A raw value equal to the value read is not repeated; a typed status is.
    const entries = s.forms.filter((f) => f.name.startsWith("snv-lan")).flatMap((f) => f.entries as StoredEntry[]);
    const task2 = entries.filter((e) => e.task === 2);
    expect(task2.length).toBeGreaterThan(0);
    for (const e of task2) {
      expect(e.raw.result).toEqual([]);
      expect(e.raw.status).toEqual([expect.stringMatching(/^(Hoàn thành|Đang thực hiện)$/)]);
    }
    // An older copy's edited text is the copy in use's with its middle replaced.
    expect(entries.some((e) => Array.isArray(e.result) && e.result[1].length < 4)).toBe(true);
    // The findings of reading a file are its record's: the list refers to them.
    expect(s.problems.some((run) => run.list.some((i) => "own" in i))).toBe(true);
    expect(s.forms.some((f) => "verbatim" in f)).toBe(false);
  });

  it("checks what it wrote as JSON compares: key order counts, undefined members do not", () => {
    expect(sameJson({ a: 1, b: [1, "x", null] }, { a: 1, b: [1, "x", null] })).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJson({ a: 1, c: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameJson({ a: "1" }, { a: 1 })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
  });

  it("keeps verbatim what its compact shape could not give back exactly", () => {
    const [a] = result.forms.filter((f) => !f.packed && f.entries.length > 0);
    // Keys in an unusual order and a problem that names another file.
    const odd: FormRecord = {
      ...a!,
      name: "la.xlsx",
      hash: "ffff",
      entries: a!.entries.map(({ raw, ...e }) => ({ raw, ...e }) as FormRecord["entries"][number]),
      problems: [{ ...result.problems[0]!, file: "khac.xlsx" }],
    };
    const r: ConsolidationResult = {
      ...result,
      forms: [...result.forms, odd],
      problems: [...result.problems, { ...result.problems[0]!, value: 42, cell: "Z9", file: "la.xlsx" }],
    };
    const s = encodeSummary(r);
    expect(s.forms.at(-1)).toMatchObject({ verbatim: true });
    expect(JSON.stringify(decodeSummary(JSON.parse(JSON.stringify(s)) as SummaryV3))).toBe(JSON.stringify(r));
  });

  it("refuses a damaged summary, naming it in both languages", () => {
    const s = written(result);
    const cut = { ...s, texts: s.texts.slice(0, 1) };
    const noForms = { ...s, forms: s.forms.filter((f) => !f.name.startsWith("snv-lan-0")) };
    // A key that an assignment would take as the prototype is refused, not followed.
    const proto = JSON.stringify(s).replace('"severity":', '"__proto__":{"polluted":1},"severity":');
    for (const bad of [JSON.stringify(cut), JSON.stringify(noForms), proto]) {
      const r = read(bad);
      expect("error" in r && r.error.vi).toMatch(/tong-hop\.json bị hỏng/);
      expect("error" in r && r.error.en).toMatch(/tong-hop\.json is damaged/);
    }
  });
});

describe("older summaries", () => {
  it("version 2 (the result as it is) still reads", () => {
    const back = read(JSON.stringify(result));
    expect("result" in back && back.result).toEqual(result);
  });

  it("version 1 (every record whole) still reads and merges to the same result", async () => {
    const v1 = { ...result, version: 1, forms: unpackForms(result.forms) };
    const back = read(JSON.stringify(v1));
    if (!("result" in back)) throw new Error(back.error.en);
    expect(back.result.version).toBe(2);
    expect(await consolidate([], { plan, asOf: AS_OF, period: H1, previous: back.result })).toEqual(result);
  });

  it("an unknown version is refused", () => {
    const r = read(JSON.stringify({ ...written(result), version: 4 }));
    expect("error" in r && r.error.en).toMatch(/not a JSON summary/);
  });
});
