import { ExcelRenderError, renderToExcel } from "../../src/excel";
import type { WorkbookSpec } from "../../src/workbook/model";
import { ExcelRecorder, type FakeSheet } from "../helpers/excel-recorder";
import { everyFeatureSpec, formsSpec } from "./fixtures";

/** The spec with one cell changed, so a second render is visibly different. */
function secondVersion(): WorkbookSpec {
  const spec = everyFeatureSpec();
  const first = spec.sheets[0]?.rows[0]?.cells[0];
  if (first) first.value = "BẢNG THEO DÕI (lần 2)";
  return spec;
}

function snapshot(sheet: FakeSheet) {
  return { id: sheet.id, name: sheet.name, cells: JSON.stringify([...sheet.cells]), visibility: sheet.visibility };
}

async function firstRender() {
  const recorder = new ExcelRecorder(["Sheet1"]);
  recorder.addSheet("Ghi chú", { A1: "ghi chú của người dùng", B2: 7 });
  await renderToExcel(recorder.context, everyFeatureSpec());
  return recorder;
}

async function expectRenderError(promise: Promise<unknown>): Promise<ExcelRenderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExcelRenderError);
  return error as ExcelRenderError;
}

describe("renderToExcel: replacing and failing safely", () => {
  it("re-running replaces the owned sheets in place and leaves the user's sheet untouched", async () => {
    const recorder = await firstRender();
    const before = recorder.sheetNames();
    const userSheet = snapshot(recorder.sheet("Ghi chú"));
    const oldIds = ["Theo dõi", "Tổng hợp", "Danh mục"].map((n) => recorder.sheet(n).id);
    const result = await renderToExcel(recorder.context, secondVersion());
    expect(result.syncs).toBe(3);
    expect(recorder.sheetNames()).toEqual(before);
    expect(recorder.cell("Theo dõi", "A1").value).toBe("BẢNG THEO DÕI (lần 2)");
    for (const id of oldIds) expect(recorder.sheets.some((s) => s.id === id)).toBe(false);
    expect(snapshot(recorder.sheet("Ghi chú"))).toEqual(userSheet);
    expect(recorder.cell("Tổng hợp", "B1").formula).toBe("=COUNTA('Theo dõi'!B4:B6)");
    // One table, one set of names: nothing duplicated by the second run.
    expect(recorder.tables.map((t) => t.name)).toEqual(["TheoDoi"]);
    expect(recorder.names.map((n) => [n.name, n.formula])).toEqual([
      ["DanhSach", "='Danh mục'!$A$1:$A$2"],
      ["_PhienBan", '="1.0"'],
    ]);
    // Calls deleting sheets only ever named owned sheets.
    const deleted = recorder.calls
      .filter((c) => c.name === "delete" && c.target.startsWith("workbook.worksheets"))
      .map((c) => c.target);
    expect(deleted).toEqual([
      'workbook.worksheets.getItem("Theo dõi")',
      'workbook.worksheets.getItem("Tổng hợp")',
      'workbook.worksheets.getItem("Danh mục")',
    ]);
  });

  it("puts the new sheets where the previous ones were", async () => {
    const recorder = new ExcelRecorder(["Đầu"]);
    recorder.addSheet("Theo dõi", { A1: "cũ" });
    recorder.addSheet("Cuối");
    await renderToExcel(recorder.context, everyFeatureSpec());
    expect(recorder.sheetNames()).toEqual(["Đầu", "Theo dõi", "Tổng hợp", "Danh mục", "Cuối"]);
  });

  it("deletes an owned sheet the new spec no longer has, but no other sheet", async () => {
    const recorder = await firstRender();
    recorder.addSheet("Bản cũ", { A1: 1 });
    await renderToExcel(recorder.context, everyFeatureSpec(), { ownedSheets: ["Bản cũ"] });
    expect(recorder.sheetNames()).toEqual(["Sheet1", "Ghi chú", "Theo dõi", "Tổng hợp", "Danh mục"]);
  });

  it.each([
    ["the first values write", (c: { name: string }) => c.name === "values"],
    ["a validation rule", (c: { name: string }) => c.name === "rule"],
    ["the protection of the first sheet", (c: { name: string }) => c.name === "protect"],
  ])("Excel failing at %s keeps the previous sheets and removes the temporaries", async (_label, match) => {
    const recorder = await firstRender();
    const before = recorder.sheets.map(snapshot);
    const namesBefore = JSON.stringify(recorder.names);
    const propsBefore = JSON.stringify(recorder.properties);
    recorder.failOn(match, {
      code: "InvalidArgument",
      message: "The argument is invalid or missing or has an incorrect format.",
    });
    const error = await expectRenderError(renderToExcel(recorder.context, secondVersion()));
    expect(recorder.sheets.map(snapshot)).toEqual(before);
    expect(recorder.sheetNames().some((n) => n.startsWith("~"))).toBe(false);
    expect(JSON.stringify(recorder.names)).toBe(namesBefore);
    expect(JSON.stringify(recorder.properties)).toBe(propsBefore);
    expect(error.text.vi).toContain("Các trang tính cũ vẫn giữ nguyên");
    expect(error.text.en).toContain("The existing sheets are unchanged");
    expect(error.text.en).toContain("InvalidArgument: The argument is invalid");
    expect(error.message).toBe(`${error.text.vi} / ${error.text.en}`);
    expect(error.cause).toMatchObject({ code: "InvalidArgument" });
  });

  it("a failure in a later write batch (large payload) still removes every temporary sheet", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    let seen = 0;
    recorder.failOn((c) => c.name === "values" && ++seen === 3);
    await expectRenderError(renderToExcel(recorder.context, formsSpec(3000, 2), { maxRequestBytes: 150_000 }));
    expect(recorder.sheetNames()).toEqual(["Sheet1"]);
    expect(recorder.tables).toEqual([]);
  });

  it("Excel failing at the first step of the swap leaves the previous result and removes the new sheets", async () => {
    const recorder = await firstRender();
    const before = recorder.sheets.map(snapshot);
    recorder.failOn((c) => c.name === "delete");
    const error = await expectRenderError(renderToExcel(recorder.context, secondVersion()));
    expect(recorder.sheets.map(snapshot)).toEqual(before);
    expect(error.text.en).toContain("The existing sheets are unchanged");
  });

  it("on a first render, a failed swap removes the sheets it had already renamed", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    recorder.failOn((c) => c.name === "position" || c.target.startsWith("workbook.properties"));
    await expectRenderError(renderToExcel(recorder.context, everyFeatureSpec()));
    expect(recorder.sheetNames()).toEqual(["Sheet1"]);
  });

  it("a swap that fails after deleting the old sheets says the replacement is incomplete", async () => {
    const recorder = await firstRender();
    recorder.failOn((c) => c.target.startsWith("workbook.properties"));
    const error = await expectRenderError(renderToExcel(recorder.context, secondVersion()));
    expect(error.text.en).toContain("the replacement is incomplete");
    expect(error.text.vi).toContain("Hãy chạy lại");
    expect(recorder.sheet("Ghi chú").cells.get("A1")?.value).toBe("ghi chú của người dùng");
  });

  it("a table name held by a user's table gets a suffix and a warning", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    recorder.addTable("Sheet1", "TheoDoi", "A1:B3");
    const result = await renderToExcel(recorder.context, everyFeatureSpec());
    expect(recorder.tablesOf("Theo dõi").map((t) => t.name)).toEqual(["TheoDoi_2"]);
    expect(recorder.tablesOf("Sheet1").map((t) => t.name)).toEqual(["TheoDoi"]);
    expect(result.warnings.map((w) => w.en)).toEqual([
      'Table name "TheoDoi" is already in use in the workbook; the new table is named "TheoDoi_2".',
    ]);
    // The formula that used the table follows it to its new name.
    expect(recorder.cell("Tổng hợp", "B3").formula).toBe("=ROWS(TheoDoi_2[STT])");
  });

  it.each([
    ["an invalid sheet name", "Báo/cáo"],
    ["a name longer than 31 characters", "Một tên trang tính dài quá ba mươi mốt ký tự"],
  ])("rejects %s before touching the workbook", async (_label, name) => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    const spec = everyFeatureSpec();
    (spec.sheets[0] as { name: string }).name = name;
    const error = await expectRenderError(renderToExcel(recorder.context, spec));
    expect(error.text.en).toContain(name);
    expect(recorder.syncs).toBe(0);
  });

  it("Excel without ExcelApi 1.2 is refused with a message pointing to the .xlsx file", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    const error = await expectRenderError(
      renderToExcel(recorder.context, everyFeatureSpec(), { isSetSupported: (_s, v) => v === "1.1" }),
    );
    expect(error.text.vi).toContain(".xlsx");
    expect(error.text.en).toContain("Download the .xlsx file");
    expect(recorder.syncs).toBe(0);
  });

  it("Excel 2019 (ExcelApi 1.7) renders what it can and warns about validation, grid lines and print setup", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    const supported = (_set: string, v: string) => Number(v.split(".")[1]) <= 7;
    const result = await renderToExcel(recorder.context, everyFeatureSpec(), { isSetSupported: supported });
    const sheet = recorder.sheet("Theo dõi");
    expect(sheet.validations.size).toBe(0);
    expect(sheet.pageLayout).toEqual({});
    expect(sheet.showGridlines).toBe(true);
    expect(sheet.conditionalFormats.map((c) => c.props.stopIfTrue)).toEqual([undefined, undefined]);
    expect(recorder.cell("Theo dõi", "B4").format["format.indentLevel"]).toBeUndefined();
    expect(sheet.freeze).toEqual({ rows: 3, columns: 2 });
    expect(recorder.cell("Theo dõi", "A4").value).toBe(1);
    expect(result.warnings.map((w) => w.en)).toEqual([
      expect.stringContaining("data validation"),
      expect.stringContaining("hiding gridlines"),
      expect.stringContaining("stop-if-true"),
      expect.stringContaining("print setup"),
      expect.stringContaining("cell indentation"),
    ]);
    for (const w of result.warnings) expect(w.vi).toContain("tải tệp .xlsx");
  });
});
