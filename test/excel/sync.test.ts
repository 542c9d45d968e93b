import { DEFAULT_MAX_REQUEST_BYTES, renderToExcel } from "../../src/excel";
import { isoToSerial } from "../../src/dates";
import { ExcelRecorder } from "../helpers/excel-recorder";
import type { Row, WorkbookSpec } from "../../src/workbook/model";
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
    expect(small.result.syncs).toBe(4);
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
    expect(result.syncs).toBeGreaterThan(4);
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

  it("a small spec with every feature takes 4 syncs: read, write, swap, freeze panes", async () => {
    const recorder = new ExcelRecorder();
    await renderToExcel(recorder.context, everyFeatureSpec());
    expect(recorder.syncs).toBe(4);
    expect(recorder.callsIn(1).every((c) => c.kind === "load")).toBe(true);
    expect(recorder.callsIn(2).some((c) => c.name === "add" && c.target === "workbook.worksheets")).toBe(true);
    expect(recorder.callsIn(3).some((c) => c.name === "name")).toBe(true);
    const last = recorder.callsIn(4).map((c) => c.name);
    expect(last.filter((n) => n.startsWith("freeze")).length).toBeGreaterThan(0);
    expect(last.every((n) => n.startsWith("freeze") || n === "getRange")).toBe(true);
  });
});

describe("request size as Office.js sends it", () => {
  it("serialises a batch as the runtime's RichApi request: object paths, Instantiate/Query/Method/SetProperty actions", async () => {
    const recorder = new ExcelRecorder(["A"], { keepRequests: true });
    const ws = recorder.context.workbook.worksheets;
    ws.load("items/name");
    ws.getItem("A").getRange("A1:B1").values = [["Hà Nội", 1]];
    ws.getItem("A").getRange("A1:B1").merge(false);
    await recorder.context.sync();
    const body = recorder.requests[0] as {
      Actions: { ActionType: number; Name: string; ObjectPathId: number; ArgumentInfo?: { Arguments: unknown[] } }[];
      ObjectPaths: Record<string, { ObjectPathType: number; Name: string; ArgumentInfo?: { Arguments: unknown[] } }>;
    };
    // workbook, worksheets, Query; getItem, getRange, SetProperty; getItem, getRange, Method.
    expect(body.Actions.map((a) => a.ActionType)).toEqual([1, 1, 2, 1, 1, 4, 1, 1, 3]);
    expect(body.Actions.find((a) => a.ActionType === 4)).toMatchObject({
      Name: "Values",
      ArgumentInfo: { Arguments: [[["Hà Nội", 1]]] },
    });
    expect(body.Actions.at(-1)).toMatchObject({ Name: "Merge", ArgumentInfo: { Arguments: [false] } });
    const paths = Object.values(body.ObjectPaths);
    expect(paths.filter((p) => p.ObjectPathType === 3).map((p) => [p.Name, p.ArgumentInfo?.Arguments])).toEqual([
      ["GetItem", ["A"]],
      ["GetRange", ["A1:B1"]],
      ["GetItem", ["A"]],
      ["GetRange", ["A1:B1"]],
    ]);
    expect(recorder.batchBytes[0]).toBe(Buffer.byteLength(JSON.stringify(body), "utf8"));
  });

  it("500,000 history rows of long Vietnamese text: every request under 5 MB with a margin, syncs by bytes not rows", async () => {
    const texts = Array.from({ length: 40 }, (_, i) =>
      `Tiếp tục triển khai đồng bộ các giải pháp nâng cao hiệu lực, hiệu quả công tác chỉ đạo, điều hành của Ủy ban nhân dân tỉnh Nghệ An; đẩy mạnh chuyển đổi số, cải cách hành chính, tháo gỡ khó khăn vướng mắc (lần ${i + 1}).`.normalize(
        "NFC",
      ),
    );
    const rows = 500_000;
    const spec = historySpec(rows, texts);
    const recorder = new ExcelRecorder(["Sheet1"], { storeCells: false });
    const result = await renderToExcel(recorder.context, spec);
    const total = recorder.batchBytes.reduce((a, b) => a + b, 0);
    const largest = Math.max(...recorder.batchBytes);
    // Excel on the web refuses a request over 5 MB; the renderer's 4 MB split must hold with 10 % to spare.
    expect(largest).toBeLessThanOrEqual(0.9 * 5_000_000);
    expect(largest).toBeLessThanOrEqual(DEFAULT_MAX_REQUEST_BYTES);
    // Batches are filled: the count follows the bytes (read + swap + freeze + ⌈payload / limit⌉ and a little slack).
    expect(result.syncs).toBeLessThanOrEqual(3 + Math.ceil(total / (0.7 * DEFAULT_MAX_REQUEST_BYTES)));
    // Commands per request stay few: values go in blocks, never a command per row.
    expect(recorder.calls.length).toBeLessThan(rows / 100);
    // Every row was written, once.
    const written = recorder.calls
      .filter((c) => c.name === "values")
      .map((c) => /getRange\("A(\d+):C(\d+)"\)/.exec(c.target)!)
      .map((m) => [Number(m[1]), Number(m[2])] as const)
      .sort((a, b) => a[0] - b[0]);
    expect(written[0]![0]).toBe(1);
    written.forEach(([top], i) => {
      if (i > 0) expect(top).toBe(written[i - 1]![1] + 1);
    });
    expect(written.at(-1)![1]).toBe(rows + 1);
    console.log(
      `500,000-row history: ${(total / 1e6).toFixed(1)} MB in ${recorder.batchBytes.length} requests (${result.syncs} syncs), largest ${(largest / 1e6).toFixed(2)} MB`,
    );
  }, 600_000);
});

/** A history sheet: a number, a date-like code and two long Vietnamese texts per row. */
function historySpec(rows: number, texts: string[]): WorkbookSpec {
  const body: Row[] = [{ cells: ["STT", "Nội dung", "Kết quả"].map((value) => ({ value, style: "h" })) }];
  for (let i = 0; i < rows; i++) {
    body.push({
      cells: [
        { value: i + 1, style: "b" },
        { value: texts[i % texts.length] as string, style: "b" },
        { value: texts[(i * 7) % texts.length] as string, style: "b" },
      ],
    });
  }
  return {
    properties: { title: "Lịch sử", subject: "", creator: "" },
    customProperties: {},
    defaultFont: { name: "Times New Roman", size: 13 },
    styles: { h: { font: { bold: true }, border: "thin" }, b: { border: "thin", alignment: { wrap: true } } },
    sheets: [
      {
        name: "Lịch sử",
        visibility: "visible",
        columns: [{ width: 8 }, { width: 60 }, { width: 60 }],
        rows: body,
        merges: [],
        validations: [],
        conditionalFormats: [],
        tables: [],
        freeze: { rows: 1, columns: 0 },
        showGridLines: true,
      },
    ],
    definedNames: [],
    activeSheet: 0,
  };
}
