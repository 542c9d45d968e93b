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
    expect(result.syncs).toBe(4);
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

  it("a very hidden owned sheet (Excel refuses to delete one) is made visible, then replaced", async () => {
    const recorder = await firstRender();
    recorder.sheet("Danh mục").visibility = "VeryHidden";
    const oldId = recorder.sheet("Danh mục").id;
    await renderToExcel(recorder.context, secondVersion());
    expect(recorder.sheets.some((s) => s.id === oldId)).toBe(false);
    expect(recorder.sheetNames()).toEqual(["Sheet1", "Ghi chú", "Theo dõi", "Tổng hợp", "Danh mục"]);
  });

  it("an inline list over 255 characters is refused before anything is sent", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    const spec = everyFeatureSpec();
    const v = spec.sheets[0]!.validations.find((x) => x.type === "list")!;
    v.list = Array.from({ length: 30 }, (_, i) => `Đơn vị số ${i + 1}`);
    const error = await expectRenderError(renderToExcel(recorder.context, spec));
    expect(error.text.vi).toContain("tối đa 255");
    expect(error.text.en).toContain("at most 255");
    expect(recorder.syncs).toBe(0);
  });

  it("a table over merged cells is refused before anything is sent", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    const spec = everyFeatureSpec();
    const sheet = spec.sheets.find((s) => s.tables.length > 0)!;
    sheet.merges.push("B5:C5"); // inside the table A3:F6
    const error = await expectRenderError(renderToExcel(recorder.context, spec));
    expect(error.text.en).toContain("overlaps the merged cells");
    expect(recorder.syncs).toBe(0);
  });

  it("freezePanes failing (some builds, OfficeDev/office-js#2196) is reported, never fatal", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    recorder.freezePanesBroken = true;
    const result = await renderToExcel(recorder.context, everyFeatureSpec());
    expect(recorder.sheetNames()).toEqual(["Sheet1", "Theo dõi", "Tổng hợp", "Danh mục"]);
    expect(recorder.cell("Theo dõi", "A4").value).toBe(1);
    expect(recorder.sheet("Theo dõi").protection).not.toBeNull();
    expect(result.warnings.map((w) => w.en)).toEqual([expect.stringContaining("GeneralException")]);
    expect(result.warnings[0]!.vi).toContain("Cố định Ngăn");
  });

  it("fit-to-width dropped by Excel (OfficeDev/office-js#1860) is replaced by a print scale that holds", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    recorder.pageLayoutTabShown = false;
    const result = await renderToExcel(recorder.context, everyFeatureSpec());
    const zoom = recorder.sheet("Theo dõi").pageLayout.zoom as { scale: number };
    expect(zoom.scale).toBeGreaterThanOrEqual(10);
    expect(zoom.scale).toBeLessThanOrEqual(100);
    expect(result.warnings.map((w) => w.en).join(" ")).toContain(`Theo dõi (${zoom.scale} %)`);
  });

  it("an Excel below the manifest's ExcelApi 1.9 refuses the print setup itself (ApiNotFound); nothing is left behind", async () => {
    // Excel does not load the add-in there; this shows the renderer still fails cleanly if it did.
    const recorder = new ExcelRecorder(["Sheet1"], { apiVersion: "1.8" });
    const error = await expectRenderError(renderToExcel(recorder.context, everyFeatureSpec()));
    expect(error.cause).toMatchObject({ code: "ApiNotFound" });
    expect(error.text.en).toContain("ExcelApi 1.9");
    expect(recorder.sheetNames()).toEqual(["Sheet1"]);
  });
});
