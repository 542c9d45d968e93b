/**
 * Returned files are untrusted: a deterministic mutation run (seeded, so a failure reproduces)
 * damages the XML of a real filled form in many small ways. The reader may refuse a file — always
 * with its own XlsxReadError, never a TypeError — and readForm always returns a record whose
 * problems come from the checks, never from an internal failure.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readForm } from "../../src/consolidate";
import { builtinPlan, reportingUnits } from "../../src/plan";
import { reportPeriod } from "../../src/schedule";
import { reportForm } from "../../src/workbook/form";
import { readXlsx, XlsxReadError } from "../../src/xlsx/read";
import { renderXlsx } from "../../src/xlsx/write";
import { fillForm } from "../helpers/fill-form";

const plan = builtinPlan();
const unit = reportingUnits(plan).find((u) => u.code === "SNV")!;
const form = fillForm(renderXlsx(reportForm(plan, unit, reportPeriod("2026-H1")!)), [
  { task: 2, status: "Hoàn thành", result: "Đã giao biên chế", completedOn: "1/6/2026", progress: 100 },
  { task: 6, status: "Đang thực hiện", progress: "60%" },
]);
const parts = unzipSync(form);

function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

const JUNK = [
  "<",
  ">",
  "&",
  '"',
  "=",
  "/",
  '<c r="A1"/>',
  "&#0;",
  "&#xFFFFFFF;",
  "<!--",
  "]]>",
  "<![CDATA[",
  "\u0000",
  't="s"',
  "<v>99999999</v>",
  'r="ZZZZ99999999"',
  's="999"',
  "<f>",
  "</x>",
  "<x:c>",
  "<si>",
  'Id="rId99"',
  'Target="../../../x"',
];

describe("damaged forms never crash the reader or the checks", () => {
  it("XML damaged at random (1,500 variants, every part)", () => {
    const rnd = random(20261130);
    const names = Object.keys(parts);
    const unexpected: string[] = [];
    let refused = 0;
    for (let i = 0; i < 1500; i++) {
      const name = names[rnd(names.length)]!;
      let text = strFromU8(parts[name]!);
      for (let j = 0, k = 1 + rnd(4); j < k; j++) {
        const at = rnd(text.length + 1);
        const op = rnd(3);
        if (op === 0) text = text.slice(0, at) + JUNK[rnd(JUNK.length)] + text.slice(at);
        else if (op === 1) text = text.slice(0, at) + text.slice(at + 1 + rnd(40));
        else text = text.slice(0, at) + text.slice(rnd(text.length));
      }
      const bytes = zipSync({ ...parts, [name]: strToU8(text) });
      try {
        readXlsx(bytes);
      } catch (e) {
        if (e instanceof XlsxReadError) refused++;
        else unexpected.push(`${name}: ${String(e)}`);
      }
      const record = readForm(plan, { name: `hong-${i}.xlsx`, bytes });
      for (const p of record.problems) if (p.code === "read-failed") unexpected.push(`${name}: ${p.text.en}`);
    }
    expect(unexpected).toEqual([]);
    // The run really damaged files: many were refused, and some still read.
    expect(refused).toBeGreaterThan(300);
    expect(refused).toBeLessThan(1500);
  });

  it("cells rewritten with odd types and values (1,000 variants)", () => {
    const rnd = random(14062026);
    const values = [
      "",
      "0",
      "-1",
      "1e308",
      "NaN",
      "abc",
      "31/02/2026",
      "99999999",
      "=1+1",
      "TRUE",
      "#REF!",
      "  ",
      "80%",
      "x".repeat(40000),
    ];
    const types = ["s", "n", "b", "e", "str", "inlineStr", "d", ""];
    const sheet = Object.keys(parts).find(
      (n) => n.startsWith("xl/worksheets/") && strFromU8(parts[n]!).includes("<sheetData"),
    )!;
    const unexpected: string[] = [];
    for (let i = 0; i < 1000; i++) {
      let text = strFromU8(parts[sheet]!);
      const cells = [...text.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(\/>|>.*?<\/c>)/g)];
      for (let j = 0, k = 1 + rnd(6); j < k; j++) {
        const m = cells[rnd(cells.length)]!;
        const t = types[rnd(types.length)]!;
        const v = values[rnd(values.length)]!;
        const body = t === "inlineStr" ? `<is><t>${v}</t></is>` : `<v>${v}</v>`;
        text = text.replace(m[0], `<c r="${m[1]}"${t ? ` t="${t}"` : ""}>${body}</c>`);
      }
      const record = readForm(plan, { name: `o-${i}.xlsx`, bytes: zipSync({ ...parts, [sheet]: strToU8(text) }) });
      expect(Array.isArray(record.problems)).toBe(true);
      for (const p of record.problems) if (p.code === "read-failed") unexpected.push(p.text.en);
    }
    expect(unexpected).toEqual([]);
  });
});
