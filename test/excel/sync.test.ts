import { DEFAULT_MAX_REQUEST_BYTES, renderToExcel } from "../../src/excel";
import { isoToSerial } from "../../src/dates";
import { ExcelRecorder } from "../helpers/excel-recorder";
import { everyFeatureSpec, formsSpec } from "./fixtures";

async function render(rows: number, sheets: number, maxRequestBytes?: number) {
  const recorder = new ExcelRecorder(["Sheet1"]);
  const progress: [number, number][] = [];
  const options = {
    onProgress: (done: number, total: number) => progress.push([done, total]),
    ...(maxRequestBytes ? { maxRequestBytes } : {}),
  };
  const result = await renderToExcel(recorder.context, formsSpec(rows, sheets), options);
  return { recorder, result, progress };
}

describe("renderToExcel: round trips do not grow with content", () => {
  it.each([
    ["1 sheet", 1],
    ["3 sheets", 3],
  ])("%s: 10 and 3,000 rows take the same number of syncs", async (_label, sheets) => {
    const small = await render(10, sheets);
    const large = await render(3000, sheets);
    expect(small.result.syncs).toBe(3);
    expect(large.result.syncs).toBe(small.result.syncs);
    expect(large.recorder.syncs).toBe(large.result.syncs);
    // Every request stays under the limit the renderer was given.
    for (const bytes of large.recorder.batchBytes) expect(bytes).toBeLessThanOrEqual(DEFAULT_MAX_REQUEST_BYTES);
    // The data really went in: the last row of the last sheet.
    const last = `Báo cáo ${sheets}`;
    expect(large.recorder.cell(last, "A3001").value).toBe(3000);
    expect(large.recorder.cell(last, "E3001").value).toBe(isoToSerial(`2026-0${(3000 % 9) + 1}-15`));
    expect(large.recorder.cell(last, "H3001").formula).toBe("=D3001-E3001");
  });

  it("queues about the same number of commands for 3,000 rows as for 10 (styles per rectangle, values per block)", async () => {
    const small = await render(10, 3);
    const large = await render(3000, 3);
    // Per sheet: one values block, one formula column, one style rectangle per column…
    expect(large.recorder.calls.length).toBeLessThanOrEqual(small.recorder.calls.length + 3 * 4);
    const styleCalls = (r: ExcelRecorder) => r.calls.filter((c) => c.target.includes(".format.borders")).length;
    expect(styleCalls(large.recorder)).toBe(styleCalls(small.recorder));
  });

  it("splits into more syncs only when the payload exceeds maxRequestBytes, each batch under the limit", async () => {
    const limit = 150_000;
    const { recorder, result, progress } = await render(3000, 2, limit);
    expect(result.syncs).toBeGreaterThan(3);
    expect(recorder.batchBytes).toHaveLength(result.syncs);
    for (const bytes of recorder.batchBytes) expect(bytes).toBeLessThanOrEqual(limit);
    // Nothing lost across the batches.
    for (const sheet of ["Báo cáo 1", "Báo cáo 2"]) {
      for (const row of [2, 1500, 3001]) expect(recorder.cell(sheet, `A${row}`).value).toBe(row - 1);
      expect(recorder.cell(sheet, "H3001").formula).toBe("=D3001-E3001");
    }
    expect(recorder.sheet("Báo cáo 2").protection).not.toBeNull();
    expect(progress.at(-1)).toEqual([result.syncs, result.syncs]);
    expect(progress.map((p) => p[0])).toEqual(Array.from({ length: result.syncs }, (_, i) => i + 1));
  });

  it("a small spec with every feature takes 3 syncs: read, write, swap", async () => {
    const recorder = new ExcelRecorder();
    await renderToExcel(recorder.context, everyFeatureSpec());
    expect(recorder.syncs).toBe(3);
    expect(recorder.callsIn(1).every((c) => c.kind === "load")).toBe(true);
    expect(recorder.callsIn(2).some((c) => c.name === "add" && c.target === "workbook.worksheets")).toBe(true);
    expect(recorder.callsIn(3).some((c) => c.name === "name")).toBe(true);
  });
});
