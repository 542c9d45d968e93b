/**
 * Never lose data: every non-empty cell of every readable input file appears in the output —
 * as consolidated data, or in the problems list with its sheet, cell and value verbatim — unless it
 * is one of the form's own fixed cells, unchanged. An older copy of a unit's form lists only what
 * differs from the copy in use: each value it does not list must be the in-use copy's, verbatim.
 */
import {
  consolidate,
  readForm,
  type ConsolidationResult,
  type FormRecord,
  type InputFile,
  type RawValue,
} from "../../src/consolidate";
import { columnLetter } from "../../src/workbook/a1";
import { FORM_COLUMNS } from "../../src/workbook/form-layout";
import { SheetBuilder } from "../../src/workbook/sheet-builder";
import { readXlsx, type ReadCell } from "../../src/xlsx/read";
import { fillForm, setCells, setModified, type FillRow, type FillValue } from "../helpers/fill-form";
import { AS_OF, blankForm, file, formSpec, H1, H2, owed, plan, render } from "./fixtures";

/** Deterministic choices (xorshift), so a failure can be replayed. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  return {
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

const STATUS: FillValue[] = [
  "Hoàn thành",
  "Đang thực hiện",
  "Chưa triển khai",
  "hoan thanh",
  "Đã hoàn thành",
  "Xong rồi",
  3,
  "ĐANG TRIỂN KHAI",
];
const DATES: FillValue[] = [
  { date: "2026-06-01" },
  "30/6/2026",
  "31/02/2026",
  "2026-06-05",
  "5.6.2026",
  46180,
  "hôm qua",
  { date: "2025-01-01" },
];
const PROGRESS: FillValue[] = [100, 80, "80%", { percent: 0.45 }, 120, "nhiều", -5, "50,5"];
const TEXT: FillValue[] = [
  "Đã ban hành kế hoạch",
  '=HYPERLINK("http://x","y")',
  "+84 912",
  "@all",
  "x".repeat(2100),
  42,
  true,
  { formula: "1+1", result: 2 },
  { formula: 'T("chữ")', result: "chữ" },
];

function randomRows(code: string, seed: number): FillRow[] {
  const r = rng(seed);
  return owed(code)
    .filter(() => r.chance(0.8))
    .map((task) => {
      const row: FillRow = { task };
      if (r.chance(0.9)) row.status = r.pick(STATUS);
      if (r.chance(0.6)) row.completedOn = r.pick(DATES);
      if (r.chance(0.6)) row.progress = r.pick(PROGRESS);
      for (const key of ["result", "documents", "difficulties", "proposals"] as const)
        if (r.chance(0.5)) row[key] = r.pick(TEXT);
      return row;
    });
}

interface Case {
  input: InputFile;
  /** The same file before the unit typed anything: its cells are the form's own. */
  template: Uint8Array;
}

async function cases(): Promise<Case[]> {
  const out: Case[] = [];
  const codes = ["BTCTU", "SNV", "STC", "16732", "17110", "17125"];
  for (const [i, code] of codes.entries()) {
    const template = await blankForm(code);
    let bytes = fillForm(template, randomRows(code, i + 1), {
      preparer: i % 2 ? "Lê Văn C" : null,
      phone: i % 3 ? 912345678 : "0912 345 678",
      preparedOn: i % 2 ? { date: "2026-06-15" } : "15/6/2026",
    });
    if (i % 2 === 0)
      bytes = setCells(bytes, "Báo cáo", { P3: "ghi chú lề", A40: "dưới cùng", [`N${7 + (i % 3)}`]: "cột thêm" });
    out.push({ input: file(`${code}.xlsx`, setModified(bytes, `2026-06-1${i}T00:00:00Z`)), template });
  }
  // An older version of a unit's form (superseded), another period's form, a mismatched one.
  const snvOld = fillForm(await blankForm("SNV"), randomRows("SNV", 99));
  out.push({
    input: file("SNV-cu.xlsx", setModified(snvOld, "2026-06-01T00:00:00Z")),
    template: await blankForm("SNV"),
  });
  const h2 = await blankForm("SXD", H2);
  out.push({ input: file("SXD-H2.xlsx", fillForm(h2, randomRows("SXD", 7), { preparer: "Kỳ sau" })), template: h2 });
  const tct = await blankForm("TCT");
  out.push({
    input: file("TCT-sai-ten.xlsx", setCells(fillForm(tct, randomRows("TCT", 8)), "Báo cáo", { C3: "Sở Xây dựng" })),
    template: tct,
  });
  // A form with an extra sheet of notes.
  const spec = formSpec("UBKTTU");
  const notes = new SheetBuilder("Ghi chú", [{ width: 20 }]);
  notes.line(1, 1, ["ghi chú thêm", 12, true]);
  spec.sheets.splice(1, 0, notes.build());
  const withNotes = render(spec);
  out.push({ input: file("UBKTTU.xlsx", fillForm(withNotes, randomRows("UBKTTU", 5))), template: withNotes });
  // Resends of BTCTU's form (which has notes outside the table): the same bytes under another name,
  // the same values saved earlier, and the same values with one more note — duplicates all three.
  const btc = out[0]!;
  out.push({ input: file("BTCTU-gui-lai.xlsx", btc.input.bytes), template: btc.template });
  out.push({
    input: file("BTCTU-luu-truoc.xlsx", setModified(btc.input.bytes, "2026-06-05T00:00:00Z")),
    template: btc.template,
  });
  const noted = setCells(btc.input.bytes, "Báo cáo", { P5: "ghi chú mới" });
  out.push({
    input: file("BTCTU-ghi-chu.xlsx", setModified(noted, "2026-06-06T00:00:00Z")),
    template: btc.template,
  });
  return out;
}

const FIELD_OF_COLUMN = new Map(FORM_COLUMNS.map((c, i) => [columnLetter(i + 1), c.key] as const));

function filled(c: ReadCell): boolean {
  return c.formula !== undefined || !(c.kind === "string" && (c.value as string).trim() === "");
}

/** Where a record holds a cell's value: a task's field or a footer field. */
function fieldAt(
  r: FormRecord,
  sheet: string,
  ref: string,
): { task: number | null; key: string; raw: RawValue } | null {
  for (const e of r.entries)
    for (const [key, raw] of Object.entries(e.raw))
      if (e.sheet === sheet && raw.cell === ref) return { task: e.task, key, raw };
  for (const [key, raw] of Object.entries(r.footer.raw))
    if (raw.sheet === sheet && raw.cell === ref) return { task: null, key, raw };
  return null;
}

/** Why a cell is in the output, or null when it is lost. */
function accounted(
  result: ConsolidationResult,
  records: Map<string, FormRecord>,
  name: string,
  sheet: string,
  c: ReadCell,
): string | null {
  const listed = (file: string) =>
    result.problems.some((p) => p.file === file && p.sheet === sheet && p.cell === c.ref && p.value === c.value);
  if (listed(name)) return "problem";
  const fileReport = result.files.find((f) => f.name === name)!;
  if (fileReport.outcome === "superseded") {
    // Not listed again because the copy in use holds it: the same finding there, or the same value
    // (verbatim, formula included) for the same task and field.
    const winner = fileReport.supersededBy!;
    if (listed(winner)) return "winner-problem";
    const mine = fieldAt(records.get(name)!, sheet, c.ref);
    if (!mine || mine.raw.value !== c.value) return null;
    const w = records.get(winner)!;
    const theirs =
      mine.task === null
        ? w.footer.raw[mine.key as keyof FormRecord["footer"]["raw"]]
        : w.entries.find((e) => e.task === mine.task)?.raw[mine.key as keyof FormRecord["entries"][number]["raw"]];
    return theirs && theirs.value === mine.raw.value && theirs.formula === mine.raw.formula ? "winner-value" : null;
  }
  if (fileReport.outcome !== "accepted") return null;
  const key = FIELD_OF_COLUMN.get(c.ref.replace(/\d+$/, ""));
  const row = result.rows.find((r) => r.file === name && r.row === c.row);
  if (row && key && key in row && (row as unknown as Record<string, unknown>)[key] !== null) return "row";
  // Footer values are carried on every row of the unit.
  const unitRow = result.rows.find((r) => r.file === name);
  if (unitRow && c.col === 3 && [unitRow.preparer, unitRow.phone, unitRow.preparedOn].some((v) => v !== null)) {
    const text = typeof c.value === "number" && !c.isDate ? String(c.value) : c.value;
    if ([unitRow.preparer, unitRow.phone].includes(text as string) || (c.isDate && unitRow.preparedOn !== null))
      return "footer";
    if (typeof c.value === "string" && unitRow.preparedOn !== null) return "footer";
  }
  return null;
}

describe("never lose data", () => {
  let all: Case[];
  let result: ConsolidationResult;
  const records = new Map<string, FormRecord>();
  beforeAll(async () => {
    all = await cases();
    for (const c of all) records.set(c.input.name, readForm(plan, c.input));
    result = await consolidate(
      all.map((c) => c.input),
      { plan, asOf: AS_OF, period: H1 },
    );
  });

  it("covers accepted, superseded and rejected files, and duplicates", () => {
    const outcomes = new Set(result.files.map((f) => f.outcome));
    expect([...outcomes].sort()).toEqual(["accepted", "rejected", "superseded"]);
    expect(result.files.filter((f) => f.duplicateOf).length).toBe(3);
  });

  it("every non-empty cell of every file is consolidated or listed with its value", () => {
    const lost: string[] = [];
    let checked = 0;
    for (const { input, template } of all) {
      const wb = readXlsx(input.bytes);
      const blank = readXlsx(template);
      for (const sheet of wb.sheets) {
        if (sheet.name === "_nq08") continue;
        const before = blank.sheet(sheet.name);
        for (const c of sheet.cells) {
          if (!filled(c)) continue;
          const orig = before?.cell(c.ref);
          // The form's own cell, unchanged (fixed text, TT, dates, the class formula).
          if (orig && orig.value === c.value && orig.formula === c.formula && orig.kind === c.kind) continue;
          checked++;
          if (!accounted(result, records, input.name, sheet.name, c))
            lost.push(`${input.name} ${sheet.name}!${c.ref} = ${JSON.stringify(c.value)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(lost).toEqual([]);
  });
});
