import { strFromU8, unzipSync } from "fflate";
import { consolidateJob, consolidationOutputs, type ConsolidationOutput } from "../../src/jobs/consolidate";
import { decodeSummary, type SummaryV3 } from "../../src/consolidate/summary";
import { DEADLINE_CLASS_LABELS } from "../../src/schedule";
import { serialToIso } from "../../src/dates";
import { CONSOLIDATED_SHEETS, consolidatedBook, problemLines, taskRanges } from "../../src/workbook/consolidated";
import { readXlsx, type ReadSheet, type ReadWorkbook } from "../../src/xlsx/read";
import { fillForm, setModified } from "../helpers/fill-form";
import { AS_OF, blankForm, file, H1, plan } from "./fixtures";

const HYPERLINK = '=HYPERLINK("http://example.com","x")';

/** Rows below the header row whose first cell is "TT", as value arrays keyed by column number. */
function table(sheet: ReadSheet): { header: string[]; rows: Map<number, string | number | boolean>[] } {
  const headerRow = sheet.cells.find((c) => c.col === 1 && c.value === "TT")!.row;
  const byRow = new Map<number, Map<number, string | number | boolean>>();
  for (const c of sheet.cells) {
    if (c.row < headerRow) continue;
    if (!byRow.has(c.row)) byRow.set(c.row, new Map());
    byRow.get(c.row)!.set(c.col, c.value);
  }
  const header = [...byRow.get(headerRow)!.entries()].sort((a, b) => a[0] - b[0]).map((e) => String(e[1]));
  const rows = [...byRow.entries()]
    .filter(([r]) => r > headerRow)
    .sort((a, b) => a[0] - b[0])
    .map((e) => e[1]);
  return { header, rows };
}

describe("the consolidated workbook", () => {
  let out: ConsolidationOutput;
  let wb: ReadWorkbook;
  let parts: Record<string, Uint8Array>;
  beforeAll(async () => {
    const btc = fillForm(await blankForm("BTCTU"), [
      { task: 2, status: "Hoàn thành", completedOn: { date: "2026-06-01" }, result: HYPERLINK },
      { task: 3, status: "Đang thực hiện", progress: 50 },
      { task: 4, status: "Xong rồi" },
    ]);
    const cuaLo = fillForm(await blankForm("16732"), [{ task: 1, status: "Hoàn thành", result: "Đã quán triệt" }]);
    out = await consolidateJob(
      [
        file("btc.xlsx", btc),
        file("cua-lo.xlsx", cuaLo),
        file("rac.txt", new TextEncoder().encode("không phải bảng tính")),
      ],
      {
        plan,
        asOf: AS_OF,
        period: H1,
      },
    );
    wb = readXlsx(out.xlsx);
    parts = unzipSync(out.xlsx);
  });

  it("has the five sheets, then the hidden identity sheet", () => {
    expect(wb.sheets.map((s) => s.name)).toEqual([...Object.values(CONSOLIDATED_SHEETS), "_nq08"]);
    expect(wb.sheets.map((s) => s.state)).toEqual([
      "visible",
      "visible",
      "visible",
      "visible",
      "visible",
      "veryHidden",
    ]);
    expect(wb.customProperties).toMatchObject({
      NQ08_Kind: "consolidated",
      NQ08_Period: "2026-H1",
      NQ08_PlanId: plan.id,
    });
    expect(out.fileName).toBe("Tong-hop-NQ08-2026-H1.xlsx");
    expect(decodeSummary(JSON.parse(out.json) as SummaryV3)).toEqual(out.result);
  });

  it("'Tổng hợp' shows the per-task counts, totals, report date and period", () => {
    const sheet = wb.sheet(CONSOLIDATED_SHEETS.summary)!;
    const { header, rows } = table(sheet);
    const classes = [
      "done-on-time",
      "done-late",
      "in-progress",
      "due-soon",
      "overdue",
      "ongoing",
      "not-reported",
    ] as const;
    expect(header.slice(4, 11)).toEqual(classes.map((c) => DEADLINE_CLASS_LABELS[c].vi));
    out.result.byTask.forEach((t, i) => {
      const r = rows[i]!;
      expect([r.get(1), r.get(3), r.get(4), ...classes.map((_, j) => r.get(5 + j))]).toEqual([
        t.task,
        t.owed,
        t.reported,
        ...classes.map((c) => t.counts[c]),
      ]);
    });
    // Summed over tasks, the counts are unit-task pairs, and the total row says so.
    const total = rows[out.result.byTask.length]!;
    expect(total.get(1)).toBe("Cộng (lượt đơn vị – nhiệm vụ)");
    expect(total.get(3)).toBe(out.result.rows.length);
    // Rates are fractions shown as percentages, drawn as text bars that print in grey too.
    const rate = header.indexOf("Tỷ lệ đã báo cáo") + 1;
    expect(rows[0]!.get(rate)).toBeCloseTo(out.result.byTask[0]!.reported / out.result.byTask[0]!.owed, 3);
    expect(String(rows[0]!.get(rate + 1))).toMatch(/^[█░]{8}$/);
    const dateCell = sheet.cells.find((c) => c.isDate)!;
    expect(serialToIso(dateCell.value as number)).toBe(AS_OF);
    expect(sheet.cells.some((c) => typeof c.value === "string" && c.value.includes("6 tháng đầu năm 2026"))).toBe(true);
    expect(
      sheet.cells.some(
        (c) => typeof c.value === "string" && c.value.includes(`Đơn vị đã gửi: 2/${out.result.totals.units}`),
      ),
    ).toBe(true);
    const xml = strFromU8(parts["xl/worksheets/sheet1.xml"]!);
    expect((xml.match(/<cfRule type="dataBar"/g) ?? []).length).toBe(0);
    expect(sheet.cells.some((c) => c.value === "Chú thích:")).toBe(true);
  });

  it("'Theo nhiệm vụ' has each task once, one row per unit beneath, values as text, never formulas", () => {
    const sheet = wb.sheet(CONSOLIDATED_SHEETS.byTask)!;
    const { header, rows } = table(sheet);
    const tasks = [...new Set(out.result.rows.map((r) => r.task))];
    expect(rows).toHaveLength(out.result.rows.length + tasks.length);
    // A heading leaves the TT column blank and names the task in the next one.
    const headings = rows.filter((r) => r.get(1) === undefined);
    expect(headings.map((r) => r.get(2))).toEqual(
      tasks.map((n) => `Nhiệm vụ ${n}. ${plan.tasks.find((t) => t.number === n)!.content}`),
    );
    const resultCol = header.indexOf("Kết quả thực hiện") + 1;
    const link = sheet.cells.find((c) => c.value === HYPERLINK)!;
    expect(link).toMatchObject({ kind: "string", col: resultCol });
    expect(link.formula).toBeUndefined();
    expect(sheet.cells.filter((c) => c.formula !== undefined)).toEqual([]);
    const cls = header.indexOf("Phân loại") + 1;
    expect(rows.filter((r) => r.get(cls) === DEADLINE_CLASS_LABELS["done-on-time"].vi)).toHaveLength(
      out.result.rows.filter((r) => r.deadlineClass === "done-on-time").length,
    );
    const sheetXml = strFromU8(parts["xl/worksheets/sheet2.xml"]!);
    // Merged task headings cannot sit in an Excel table; the highlighting still follows the class,
    // and one more rule makes the headings bold on grey.
    expect(sheetXml).not.toContain("<tablePart");
    expect((sheetXml.match(/<cfRule type="expression"/g) ?? []).length).toBe(7);
  });

  it("'Theo đơn vị' has each unit once as a heading, the tasks it reported beneath; one that sent nothing, its heading only", () => {
    const sheet = wb.sheet(CONSOLIDATED_SHEETS.byUnit)!;
    const { header, rows } = table(sheet);
    expect(header.slice(0, 7)).toEqual([
      "TT",
      "Nhiệm vụ (tóm tắt)",
      "Tình trạng",
      "Tiến độ (%)",
      "Ngày hoàn thành",
      "Kết quả thực hiện",
      "Phân loại",
    ]);
    const expected: (string | number)[] = [];
    for (const u of out.result.byUnit) {
      expected.push(`${u.name} (${u.code})`);
      if (u.returned)
        expected.push(
          ...out.result.rows
            .filter((r) => r.unitCode === u.code)
            .map((r) => r.task)
            .sort((a, b) => a - b),
        );
    }
    // Each row: a heading (TT blank, the unit named in column B) or a task (its TT).
    expect(rows.map((r) => (r.get(1) === undefined ? String(r.get(2)).split(":")[0]! : r.get(1)!))).toEqual(expected);
    const reported = out.result.byUnit.find((u) => u.returned)!;
    const heading = rows.find((r) => String(r.get(2)).startsWith(`${reported.name} (${reported.code})`))!;
    expect(heading.get(2)).toContain(`đã báo cáo ${reported.reported}/${reported.owed} nhiệm vụ`);
    const resultCol = header.indexOf("Kết quả thực hiện") + 1;
    expect(sheet.cells.find((c) => c.value === HYPERLINK)).toMatchObject({ kind: "string", col: resultCol });
  });

  it("'Chưa nộp' and 'Kiểm tra' list missing units (their tasks as runs) and every problem", () => {
    const missing = table(wb.sheet(CONSOLIDATED_SHEETS.missing)!).rows;
    expect(missing.map((r) => r.get(2))).toEqual(out.result.missing.map((m) => m.code));
    expect(missing.map((r) => r.get(5))).toEqual(out.result.missing.map((m) => taskRanges(m.tasks)));
    expect(taskRanges([8, 1, 2, 3, 4, 5, 10, 11, 13, 14, 15])).toBe("1–5, 8, 10, 11, 13–15");
    const problems = table(wb.sheet(CONSOLIDATED_SHEETS.problems)!).rows;
    expect(problems).toHaveLength(out.result.problems.length);
    out.result.problems.forEach((p, i) => {
      const r = problems[i]!;
      expect([r.get(2), r.get(3) ?? "", r.get(4) ?? "", r.get(6), r.get(7) ?? null]).toEqual([
        p.file,
        p.sheet,
        p.cell,
        p.text.vi,
        p.value,
      ]);
    });
    expect(out.result.problems.map((p) => p.file)).toEqual(expect.arrayContaining(["btc.xlsx", "rac.txt"]));
    // One language only: no English column (English by option, below).
    expect(table(wb.sheet(CONSOLIDATED_SHEETS.problems)!).header).not.toContain("Message (English)");
  });

  it("writes the problems' messages in English when asked, and only in English", async () => {
    const en = readXlsx(consolidationOutputs(plan, out.result, { lang: "en" }).workbook.bytes);
    const rows = table(en.sheet(CONSOLIDATED_SHEETS.problems)!).rows;
    out.result.problems.forEach((p, i) => {
      expect(rows[i]!.get(6)).toBe(p.text.en);
      expect([...rows[i]!.values()]).not.toContain(p.text.vi);
    });
  });

  it("heads every printed sheet as a Party document", () => {
    for (const name of Object.values(CONSOLIDATED_SHEETS)) {
      const texts = wb.sheet(name)!.cells.map((c) => c.value);
      expect(texts).toEqual(
        expect.arrayContaining(["TỈNH ỦY NGHỆ AN", "BAN TỔ CHỨC", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số        -BC/BTCTU"]),
      );
    }
  });

  it("prints on A4 landscape, fit to width, official margins, header row repeated; Times New Roman", () => {
    for (let i = 1; i <= 5; i++) {
      const xml = strFromU8(parts[`xl/worksheets/sheet${i}.xml`]!);
      expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"/);
      expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape"/);
      expect(xml).toMatch(/<pageSetup [^>]*fitToWidth="1"/);
      expect(xml).toMatch(/<pageSetup [^>]*fitToHeight="0"/);
      expect(xml).toMatch(/<pageMargins left="1\.18\d*" right="0\.59\d*" top="0\.78\d*" bottom="0\.78\d*"/);
    }
    const workbookXml = strFromU8(parts["xl/workbook.xml"]!);
    expect((workbookXml.match(/_xlnm\.Print_Titles/g) ?? []).length).toBe(5);
    expect(strFromU8(parts["xl/styles.xml"]!)).toContain('<name val="Times New Roman"/>');
  });

  it("the same files given again (on top of the previous result) give the same bytes", async () => {
    const again = await consolidateJob([file("rac.txt", new TextEncoder().encode("không phải bảng tính"))], {
      plan,
      asOf: AS_OF,
      period: H1,
      previous: out.result,
    });
    expect(Buffer.from(again.xlsx).equals(Buffer.from(out.xlsx))).toBe(true);
    expect(again.json).toBe(out.json);
  });
});

describe("'Kiểm tra' when units resend", () => {
  it("prints an older copy's differing values as one row naming each cell and value, not a row per value", async () => {
    const blank = await blankForm("SNV");
    const rows = (status: string, result: string) => [
      { task: 2, status, result },
      { task: 6, status, result: `${result} (6)` },
      { task: 12, status, result: `${result} (12)` },
    ];
    const newest = setModified(fillForm(blank, rows("Hoàn thành", "Bản cuối")), "2026-06-12T08:00:00Z");
    const older = (n: number) =>
      file(
        `snv-${n}.xlsx`,
        setModified(fillForm(blank, rows("Đang thực hiện", `Bản ${n}`)), `2026-06-0${n}T08:00:00Z`),
      );
    const out = await consolidateJob([file("snv.xlsx", newest), older(1), older(2), older(3)], {
      plan,
      asOf: AS_OF,
      period: H1,
    });
    const values = out.result.problems.filter((p) => p.code === "superseded-value");
    // Three older copies, each differing in status and result on three tasks.
    expect(values.filter((p) => p.file === "snv-1.xlsx")).toHaveLength(6);
    const sheet = table(readXlsx(out.xlsx).sheet(CONSOLIDATED_SHEETS.problems)!).rows;
    const grouped = sheet.filter((r) => r.get(10) === "superseded-value");
    expect(grouped).toHaveLength(3);
    for (const n of [1, 2, 3]) {
      const row = grouped.find((r) => r.get(2) === `snv-${n}.xlsx`)!;
      expect(row.get(4)).toBe("6 ô");
      const mine = values.filter((p) => p.file === `snv-${n}.xlsx`);
      const text = String(row.get(6));
      expect(text.startsWith(mine[0]!.text.vi)).toBe(true);
      for (const p of mine) expect(text).toContain(`${p.cell}: ${String(p.value)}`);
      expect(row.get(7)).toBeUndefined();
    }
    // Every problem still has its row: the layout maps a copy's values to that copy's one row.
    const { layout } = consolidatedBook(plan, out.result);
    const { lineOf } = problemLines(out.result.problems);
    expect(layout.problems).toHaveLength(out.result.problems.length);
    const rowOfLine = new Map<number, number>();
    lineOf.forEach((line, i) => {
      if (!rowOfLine.has(line)) rowOfLine.set(line, layout.problems[i]!);
      expect(layout.problems[i]).toBe(rowOfLine.get(line));
    });
    expect(new Set(rowOfLine.values()).size).toBe(rowOfLine.size);
    expect(new Set(values.map((p) => layout.problems[out.result.problems.indexOf(p)])).size).toBe(3);

    // The copies not used come last, below the print area; the printed facts line says so.
    const old = (r: Map<number, unknown>) => /^snv-\d\.xlsx$/.test(String(r.get(2)));
    const firstOld = sheet.findIndex(old);
    expect(firstOld).toBeGreaterThanOrEqual(0);
    expect(sheet.slice(firstOld).every(old)).toBe(true);
    const workbookXml = strFromU8(unzipSync(out.xlsx)["xl/workbook.xml"]!);
    const area = /name="_xlnm\.Print_Area" localSheetId="4">[^<]*\$H\$(\d+)</.exec(workbookXml);
    const firstOldRow = Math.min(
      ...out.result.problems
        .filter((p) => p.file.startsWith("snv-"))
        .map((p) => layout.problems[out.result.problems.indexOf(p)]!),
    );
    expect(Number(area![1])).toBe(firstOldRow - 1);
    const facts = readXlsx(out.xlsx)
      .sheet(CONSOLIDATED_SHEETS.problems)!
      .cells.map((c) => String(c.value))
      .find((v) => v.includes("không in"));
    expect(facts).toContain(`${sheet.length - firstOld} dòng cuối trang`);
  });

  it("bounds a copy's list and says how many values it left to the file", async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      file: "x.xlsx",
      sheet: "Báo cáo",
      cell: `H${i + 7}`,
      severity: "info" as const,
      code: "superseded-value" as const,
      text: { vi: "Giá trị của bản cũ hơn.", en: "An older value." },
      value: "Nội dung rất dài ".repeat(10),
    }));
    const { lines } = problemLines(many);
    expect(lines).toHaveLength(1);
    const none = await consolidateJob([], { plan, asOf: AS_OF, period: H1 });
    const result = { ...none.result, problems: many };
    const sheet = table(
      readXlsx(consolidationOutputs(plan, result).workbook.bytes).sheet(CONSOLIDATED_SHEETS.problems)!,
    );
    const text = String(sheet.rows[0]!.get(6));
    expect(text.length).toBeLessThan(1000);
    expect(text).toMatch(/còn \d+ ô \(xem trong tệp\)$/);
    expect(sheet.rows[0]!.get(4)).toBe("40 ô");
  });
});
