/**
 * "Xu hướng" printed by LibreOffice: the native chart (stacked classes + rate lines on a secondary
 * axis) is drawn — its title, its percentage axis — on A4 with the tables, in a sane number of pages.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { consolidate } from "../../src/consolidate";
import { bookWorkbook, recordPeriod } from "../../src/jobs/history";
import { builtinPlan } from "../../src/plan";
import { reportPeriod } from "../../src/schedule";
import type { HistoryRow } from "../../src/workbook/history";
import { TRENDS_SHEET } from "../../src/workbook/trends";
import { renderXlsx } from "../../src/xlsx/write";
import { convertWithLibreOffice, hasLibreOffice } from "../helpers/libreoffice";
import { pdfInfo, pdfText, pdfWords } from "../helpers/pdf";

const plan = builtinPlan();

async function threePeriods(): Promise<HistoryRow[]> {
  let rows: HistoryRow[] = [];
  for (const [id, asOf] of [
    ["2026-H1", "2026-06-20"],
    ["2026-H2", "2026-12-20"],
    ["2027-H1", "2027-06-20"],
  ] as const) {
    const r = recordPeriod(rows, plan, await consolidate([], { plan, asOf, period: reportPeriod(id)! }));
    if ("refused" in r) throw new Error(r.refused.en);
    rows = r.rows;
  }
  // Some units reported done: the stacks differ from period to period.
  return rows.map((r, i) =>
    i % 3 === 0
      ? {
          ...r,
          status: "Hoàn thành",
          deadlineClass: i % 2 ? "Hoàn thành quá hạn" : "Hoàn thành đúng hạn",
          file: "x.xlsx",
        }
      : r,
  );
}

describe("Xu hướng in LibreOffice", () => {
  it("prints the chart with its title and percentage axis, on A4", async () => {
    expect(hasLibreOffice()).toBe(true);
    const spec = bookWorkbook(plan, { asOf: "2027-06-20", today: "2027-06-20", history: await threePeriods() });
    const trends = spec.sheets.find((s) => s.name === TRENDS_SHEET)!;
    expect(trends.charts).toHaveLength(1);
    const dir = mkdtempSync(join(tmpdir(), "nq08-trends-"));
    const input = join(dir, "Xu-huong.xlsx");
    writeFileSync(input, renderXlsx({ ...spec, sheets: [trends], activeSheet: 0, definedNames: [] }));
    const pdf = await convertWithLibreOffice(input, "pdf", join(dir, "pdf"), 180_000);
    const info = pdfInfo(pdf);
    // A4 landscape, the summary, the chart and two tables (17 tasks, 131 units): a few pages, not dozens.
    expect(Math.round(info.width)).toBe(842);
    expect(Math.round(info.height)).toBe(595);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    expect(info.pages).toBeLessThanOrEqual(12);
    const text = pdfText(pdf).replace(/\s+/g, " ");
    // The chart's title exists only in the chart.
    expect(text).toContain("Nhiệm vụ theo phân loại và tỉ lệ đúng hạn, quá hạn qua các kỳ");
    // The secondary axis is labelled in whole percents (the table shows one decimal: 12.5%).
    const words = pdfWords(pdf);
    const axis = words.filter((w) => /^\d{1,3}%$/.test(w.text));
    expect(axis.map((w) => w.text)).toEqual(expect.arrayContaining(["0%", "100%"]));
    // Legend entries under the chart title: each class named twice or more (table header + legend).
    const title = words.find((w) => w.text === "Nhiệm")!;
    const below = words.filter((w) => w.page === title.page && w.yMin > title.yMin);
    expect(below.map((w) => w.text).join(" ")).toMatch(/Tỉ lệ quá hạn/);
  }, 200_000);
});
