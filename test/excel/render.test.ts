import { renderToExcel } from "../../src/excel";
import { RENDERED_FEATURES } from "../../src/excel/features";
import {
  activeSheetOp,
  definedNameOps,
  freezeOps,
  Notes,
  planWrite,
  propertyOps,
  visibilityOps,
} from "../../src/excel/plan";
import { nameKey } from "../../src/excel/refs";
import { columnWidthPoints, mmToPoints } from "../../src/excel/units";
import { isoToSerial } from "../../src/dates";
import { ExcelRecorder } from "../helpers/excel-recorder";
import { everyFeatureSpec } from "./fixtures";

async function renderEveryFeature() {
  const recorder = new ExcelRecorder(["Sheet1"]);
  const spec = everyFeatureSpec();
  const result = await renderToExcel(recorder.context, spec);
  return { recorder, spec, result };
}

describe("renderToExcel: every model feature", () => {
  it("adds the sheets after the user's, in spec order, with no temporary sheet left, in 4 round trips (read, write, swap, freeze panes)", async () => {
    const { recorder, result } = await renderEveryFeature();
    expect(recorder.sheetNames()).toEqual(["Sheet1", "Theo dõi", "Tổng hợp", "Danh mục"]);
    expect(result.sheets).toEqual(["Theo dõi", "Tổng hợp", "Danh mục"]);
    expect(result.syncs).toBe(4);
    expect(recorder.syncs).toBe(4);
    expect(result.warnings).toEqual([]);
  });

  it("writes each contiguous block of values with one range.values, dates as serial numbers", async () => {
    const { recorder } = await renderEveryFeature();
    const values = recorder.calls.filter((c) => c.name === "values");
    // Theo dõi: row 1 and rows 3–6 (row 2 is empty); Tổng hợp: rows 1–3; Danh mục: rows 1–2.
    expect(values.map((c) => c.target.replace(/^.*getRange\("([^"]+)"\)$/, "$1"))).toEqual([
      "A1",
      "A3:F6",
      "A1:B3",
      "A1:A2",
    ]);
    expect(values[1]?.value).toEqual([
      ["STT", "Nhiệm vụ", "Hạn", "Ẩn", "Tỷ lệ", "Trạng thái"],
      [1, "Nhiệm vụ một", isoToSerial("2026-06-30"), true, 0.5, ""],
      [2, "=chuỗi không phải công thức", isoToSerial("2026-12-31"), false, 0.25, "Hoàn thành"],
      [3, "-", "", "01/2026", "", ""],
    ]);
    expect(recorder.cell("Theo dõi", "C4")).toMatchObject({
      value: isoToSerial("2026-06-30"),
      format: { numberFormat: "dd/mm/yyyy" },
    });
    // A date without a number format of its own still gets a date format.
    expect(recorder.cell("Theo dõi", "C5").format.numberFormat).toBe("dd/mm/yyyy");
    expect(recorder.cell("Theo dõi", "D4").value).toBe(true);
    expect(recorder.cell("Tổng hợp", "B2").value).toBe(42);
    expect(recorder.cell("Danh mục", "A2").value).toBe("b");
  });

  it("keeps text that Excel would turn into a formula or number as text, via the '@' format set before the value", async () => {
    const { recorder } = await renderEveryFeature();
    const b5 = recorder.cell("Theo dõi", "B5");
    expect(b5).toMatchObject({ value: "=chuỗi không phải công thức", format: { numberFormat: "@" } });
    expect(b5.formula).toBeUndefined();
    expect(recorder.cell("Theo dõi", "B6")).toMatchObject({ value: "-", format: { numberFormat: "@" } });
    expect(recorder.cell("Theo dõi", "D6")).toMatchObject({ value: "01/2026", format: { numberFormat: "@" } });
    // Plain text keeps the style's format (none here).
    expect(recorder.cell("Theo dõi", "B4").format.numberFormat).toBeUndefined();
    const firstNumberFormat = recorder.calls.findIndex((c) => c.name === "numberFormat");
    const firstValues = recorder.calls.findIndex((c) => c.name === "values");
    expect(firstNumberFormat).toBeLessThan(firstValues);
  });

  it("writes formulas with range.formulas; cross-sheet and table references end up on the final names", async () => {
    const { recorder } = await renderEveryFeature();
    expect(recorder.cell("Theo dõi", "F4").formula).toBe('=IF(C4<DATE(2026,7,1),"Quá hạn","")');
    expect(recorder.cell("Theo dõi", "E6").formula).toBe("='Tổng hợp'!B2/100");
    expect(recorder.cell("Tổng hợp", "B1").formula).toBe("=COUNTA('Theo dõi'!B4:B6)");
    expect(recorder.cell("Tổng hợp", "B3").formula).toBe("=ROWS(TheoDoi[STT])");
    const formulas = recorder.calls.filter((c) => c.name === "formulas");
    // Written against the temporary names (Excel renames them along with the sheets and tables).
    expect(formulas.map((c) => c.value)).toEqual([
      [['=IF(C4<DATE(2026,7,1),"Quá hạn","")']],
      [[expect.stringMatching(/^='~[a-z0-9]{6}-1'!B2\/100$/)]],
      [[expect.stringMatching(/^=COUNTA\('~[a-z0-9]{6}-0'!B4:B6\)$/)]],
      [[expect.stringMatching(/^=ROWS\(_[a-z0-9]{6}_0\[STT\]\)$/)]],
    ]);
  });

  it("applies the default font to the whole sheet and each style once per rectangle", async () => {
    const { recorder } = await renderEveryFeature();
    const sheet = recorder.sheet("Theo dõi");
    expect(sheet.sheetFormat).toEqual({ "format.font.name": "Times New Roman", "format.font.size": 13 });
    expect(recorder.cell("Theo dõi", "A1").format).toMatchObject({
      "format.font.name": "Times New Roman",
      "format.font.size": 14,
      "format.font.bold": true,
      "format.font.color": "#C00000",
      "format.horizontalAlignment": "Center",
      "format.verticalAlignment": "Center",
      "format.wrapText": true,
    });
    expect(recorder.cell("Theo dõi", "C3").format).toMatchObject({
      "format.font.size": 13,
      "format.font.bold": true,
      "format.font.italic": true,
      "format.font.underline": "Single",
      "format.fill.color": "#D9E1F2",
      "format.borders.EdgeTop.style": "Continuous",
      "format.borders.EdgeTop.weight": "Thin",
      "format.borders.EdgeTop.color": "#000000",
      "format.borders.InsideVertical.style": "Continuous",
    });
    // One header row: no inside horizontal line is asked for.
    expect(recorder.cell("Theo dõi", "C3").format["format.borders.InsideHorizontal.style"]).toBeUndefined();
    expect(recorder.cell("Theo dõi", "B4").format).toMatchObject({
      "format.verticalAlignment": "Top",
      "format.horizontalAlignment": "Left",
      "format.indentLevel": 1,
      "format.borders.InsideHorizontal.style": "Continuous",
    });
    expect(recorder.cell("Theo dõi", "C6").format).toMatchObject({
      "format.borders.EdgeLeft.style": "Dot",
      "format.protection.locked": false,
    });
    expect(recorder.cell("Theo dõi", "E4").format).toMatchObject({
      "format.borders.EdgeBottom.weight": "Medium",
      numberFormat: "0%",
    });
    expect(recorder.cell("Theo dõi", "F5").format).toMatchObject({
      "format.fill.color": "#FFF2CC",
      "format.horizontalAlignment": "Justify",
      "format.protection.locked": false,
    });
    // "header" covers A3:F3 and "body" A4:B6 — one rectangle each, not one call per cell.
    const fills = recorder.calls.filter(
      (c) => c.target.endsWith(".format.fill") && !c.target.includes("conditionalFormats") && c.name === "color",
    );
    expect(fills.map((c) => c.target.replace(/^.*getRange\("([^"]+)"\).*$/, "$1"))).toEqual(["A3:F3", "F4:F6"]);
  });

  it("sets column widths in points from characters of the default font, hidden columns and row heights", async () => {
    const { recorder, spec } = await renderEveryFeature();
    const sheet = recorder.sheet("Theo dõi");
    // Times New Roman 13: digit width 9 px, padding 7 px → 6 chars = 61 px = 45.75 pt.
    expect(sheet.columns.get(1)).toEqual({ "format.columnWidth": 45.75 });
    expect(sheet.columns.get(2)).toEqual({ "format.columnWidth": columnWidthPoints(40, spec.defaultFont) });
    expect(sheet.columns.get(4)).toEqual({
      "format.columnWidth": columnWidthPoints(14, spec.defaultFont),
      columnHidden: true,
    });
    // Columns C and D have the same width but only D is hidden: two commands.
    const widthCalls = recorder.calls.filter(
      (c) => c.name === "columnWidth" && c.target.includes("~") && c.target.includes("-0"),
    );
    expect(widthCalls.map((c) => c.target.replace(/^.*getRange\("([^"]+)"\).*$/, "$1"))).toEqual([
      "A:A",
      "B:B",
      "C:C",
      "D:D",
      "E:E",
      "F:F",
    ]);
    expect(sheet.rows.get(1)).toEqual({ "format.rowHeight": 30 });
    expect(sheet.rows.get(3)).toEqual({ "format.rowHeight": 42 });
    // Row 4 takes input (Row.fit): autofit, never a manual height that would stop it growing.
    expect(sheet.rows.get(4)).toEqual({ "format.autofitRows": true });
    expect(sheet.rows.get(5)).toBeUndefined();
  });

  it("merges, freezes, hides grid lines, colours the tab and sets visibility", async () => {
    const { recorder } = await renderEveryFeature();
    const theoDoi = recorder.sheet("Theo dõi");
    expect(theoDoi.merges).toEqual(["A1:F1"]);
    expect(theoDoi.freeze).toEqual({ rows: 3, columns: 2 });
    expect(theoDoi.showGridlines).toBe(false);
    expect(theoDoi.tabColor).toBe("#1F4E79");
    expect(theoDoi.visibility).toBe("Visible");
    expect(recorder.sheet("Tổng hợp")).toMatchObject({
      freeze: { rows: 1, columns: 0 },
      showGridlines: true,
      visibility: "Hidden",
    });
    expect(recorder.sheet("Danh mục")).toMatchObject({ freeze: { rows: 0, columns: 1 }, visibility: "VeryHidden" });
    expect(recorder.activeSheetId).toBe(theoDoi.id);
  });

  it("adds data validations: inline list, date, decimal, whole number, text length, with prompt and alert", async () => {
    const { recorder } = await renderEveryFeature();
    const v = recorder.sheet("Theo dõi").validations;
    expect(Object.fromEntries(v)).toEqual({
      "F4:F6": {
        rule: { list: { inCellDropDown: true, source: "Đang thực hiện,Hoàn thành,Quá hạn" } },
        ignoreBlanks: true,
        prompt: { showPrompt: true, title: "Trạng thái", message: "Chọn từ danh sách" },
        errorAlert: {
          showAlert: true,
          style: "Stop",
          title: "Sai giá trị",
          message: "Chọn một giá trị trong danh sách",
        },
      },
      "C4:C6": {
        rule: { date: { operator: "Between", formula1: "2026-01-01", formula2: "2030-12-31" } },
        ignoreBlanks: true,
        errorAlert: { showAlert: true, style: "Warning", title: "Ngày", message: "Ngày trong giai đoạn 2026–2030" },
      },
      "E4:E6": {
        rule: { decimal: { operator: "Between", formula1: 0, formula2: 1 } },
        ignoreBlanks: false,
        errorAlert: { showAlert: true, style: "Information", title: "Tỷ lệ", message: "Từ 0 đến 100%" },
      },
      "A4:A6": {
        rule: { wholeNumber: { operator: "GreaterThanOrEqualTo", formula1: 1 } },
        ignoreBlanks: true,
        errorAlert: { showAlert: true, style: "Stop", title: "STT", message: "Số nguyên" },
      },
      "B4:B6": {
        rule: { textLength: { operator: "LessThanOrEqualTo", formula1: 500 } },
        ignoreBlanks: true,
        errorAlert: { showAlert: true, style: "Stop", title: "Dài", message: "Tối đa 500 ký tự" },
      },
    });
  });

  it("adds conditional formats: an expression with font and fill, and a data bar with colour and bounds", async () => {
    const { recorder } = await renderEveryFeature();
    const cfs = recorder.sheet("Theo dõi").conditionalFormats;
    expect(cfs.map(({ address, type, props }) => ({ address, type, props }))).toEqual([
      {
        address: "A4:F6",
        type: "Custom",
        props: {
          "custom.rule.formula": '=$F4="Quá hạn"',
          "custom.format.font.bold": true,
          "custom.format.font.italic": false,
          "custom.format.font.color": "#9C0006",
          "custom.format.fill.color": "#FFC7CE",
          stopIfTrue: true,
        },
      },
      {
        address: "E4:E6",
        type: "DataBar",
        props: {
          "dataBar.positiveFormat.fillColor": "#638EC6",
          "dataBar.positiveFormat.gradientFill": false,
          "dataBar.lowerBoundRule": { type: "Number", formula: "0" },
          "dataBar.upperBoundRule": { type: "Number", formula: "1" },
        },
      },
    ]);
  });

  it("creates the table with its final name, style and stripes", async () => {
    const { recorder } = await renderEveryFeature();
    expect(
      recorder
        .tablesOf("Theo dõi")
        .map(({ name, address, hasHeaders, props }) => ({ name, address, hasHeaders, props })),
    ).toEqual([
      {
        name: "TheoDoi",
        address: "A3:F6",
        hasHeaders: true,
        props: { style: "TableStyleLight9", showBandedRows: true },
      },
    ]);
  });

  it("protects with the allow flags and the password, after everything else on that sheet", async () => {
    const { recorder } = await renderEveryFeature();
    expect(recorder.sheet("Theo dõi").protection).toEqual({
      options: {
        allowAutoFilter: true,
        allowDeleteColumns: false,
        allowDeleteRows: false,
        allowEditObjects: false,
        allowEditScenarios: false,
        allowFormatCells: false,
        allowFormatColumns: true,
        allowFormatRows: false,
        allowInsertColumns: false,
        allowInsertHyperlinks: false,
        allowInsertRows: false,
        allowPivotTables: false,
        allowSort: true,
        selectionMode: "Normal",
      },
      password: "nq08",
    });
    expect(recorder.sheet("Tổng hợp").protection).toBeNull();
  });

  it("sets up printing: A4, orientation, margins in points, fit to width, titles, area, centring, header/footer", async () => {
    const { recorder } = await renderEveryFeature();
    expect(recorder.sheet("Theo dõi").pageLayout).toEqual({
      paperSize: "A4",
      orientation: "Landscape",
      topMargin: mmToPoints(20),
      bottomMargin: mmToPoints(20),
      leftMargin: mmToPoints(30),
      rightMargin: mmToPoints(15),
      headerMargin: mmToPoints(10),
      footerMargin: mmToPoints(10),
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHorizontally: true,
      printTitleRows: "$3:$3",
      printArea: "A1:F6",
      "headersFooters.state": "FirstAndDefault",
      "headersFooters.defaultForAllPages.centerHeader": "&P",
      "headersFooters.defaultForAllPages.centerFooter": "Trang &P/&N",
      "headersFooters.firstPage.centerHeader": "",
      "headersFooters.firstPage.centerFooter": "Trang &P/&N",
    });
    expect(mmToPoints(20)).toBe(56.69);
    expect(recorder.sheet("Tổng hợp").pageLayout).toEqual({
      paperSize: "A4",
      orientation: "Portrait",
      topMargin: mmToPoints(15),
      bottomMargin: mmToPoints(15),
      leftMargin: mmToPoints(20),
      rightMargin: mmToPoints(10),
      headerMargin: mmToPoints(8),
      footerMargin: mmToPoints(8),
      centerHorizontally: false,
    });
  });

  it("adds defined names (after the sheets have their final names) and document properties", async () => {
    const { recorder } = await renderEveryFeature();
    expect(recorder.names.map(({ name, formula, visible }) => ({ name, formula, visible }))).toEqual([
      { name: "DanhSach", formula: "='Danh mục'!$A$1:$A$2", visible: true },
      { name: "_PhienBan", formula: '="1.0"', visible: false },
    ]);
    expect(recorder.properties).toEqual({
      title: "Theo dõi Phụ lục NQ 08",
      subject: "Kế hoạch triển khai Nghị quyết 08-NQ/TU",
      author: "Văn phòng Tỉnh ủy",
      company: "Tỉnh ủy Nghệ An",
      comments: "Sổ theo dõi",
      keywords: "NQ08; phụ lục",
    });
    expect(Object.fromEntries(recorder.customProperties)).toEqual({
      "NQ08.FormId": "theo-doi-v1",
      "NQ08.Unit": "XA001",
    });
    // Workbook-level changes wait for the swap, so a failed write leaves them alone.
    const lastBatch = recorder.syncs - 1; // the swap; the last sync only freezes panes
    const workbookLevel = recorder.calls.filter(
      (c) => c.kind !== "load" && /^workbook\.(names|properties)/.test(c.target),
    );
    expect(workbookLevel.length).toBeGreaterThan(0);
    expect(workbookLevel.every((c) => c.batch === lastBatch)).toBe(true);
  });

  it("covers every feature listed in RENDERED_FEATURES with at least one operation", () => {
    const spec = everyFeatureSpec();
    const notes = new Notes();
    const tempSheetNames = spec.sheets.map((_, i) => `~t-${i}`);
    const tempTableNames = new Map(spec.sheets.flatMap((s) => s.tables).map((t, i) => [nameKey(t.name), `_t_${i}`]));
    const ops = [
      ...planWrite({ spec, tempSheetNames, tempTableNames, chunkBytes: 1_000_000 }, notes),
      ...freezeOps(spec),
      ...definedNameOps(spec, []),
      ...propertyOps(spec),
      ...visibilityOps(spec),
      ...activeSheetOp(spec),
    ];
    const covered = new Set(ops.flatMap((op) => op.features));
    expect(RENDERED_FEATURES.filter((f) => !covered.has(f))).toEqual([]);
  });
});
