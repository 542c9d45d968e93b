/**
 * The .xlsx writer, read back by a real reader (ExcelJS, test-only) and by unzipping the package.
 * LibreOffice round trips live in write.libreoffice.test.ts.
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { isoToSerial } from "../../src/dates";
import type { Cell, Sheet, WorkbookSpec } from "../../src/workbook/model";
import { renderXlsx, WorkbookSpecError } from "../../src/xlsx/write";
import { APPLICATION_NAME } from "../../src/xlsx/write/docProps";
import { legacyPasswordHash } from "../../src/xlsx/write/protection";
import { columnWidthPoints } from "../../src/excel/units";
import { columnWidthPixels, maxDigitWidthPx } from "../../src/workbook/metrics";
import { dataBarGuid, fileColumnWidth } from "../../src/xlsx/write/worksheet";
import { everyFeatureSpec } from "../excel/fixtures";
import { fullSpec, LONG_LIST, makeSheet, makeSpec } from "./writeFixtures";

/** ExcelJS reads these but its type definitions leave them out. */
interface WorksheetInternals {
  dataValidations: { model: Record<string, DataValidationModel> };
  conditionalFormattings: Array<{ ref: string; rules: CfRuleModel[] }>;
  sheetProtection: Record<string, boolean | undefined>;
  model: { tables?: TableModel[] };
}
interface DataValidationModel {
  type: string;
  formulae: unknown[];
  operator?: string;
  allowBlank?: boolean;
  showInputMessage?: boolean;
  showErrorMessage?: boolean;
  promptTitle?: string;
  prompt?: string;
  errorStyle?: string;
  errorTitle?: string;
  error?: string;
}
interface CfRuleModel {
  type: string;
  priority: number;
  formulae?: string[];
  stopIfTrue?: boolean;
  cfvo?: Array<{ type: string; value?: number }>;
  color?: { argb: string };
  style?: {
    font?: { bold?: boolean; italic?: boolean; color?: { argb: string } };
    fill?: { fgColor?: { argb: string } };
  };
}
interface TableModel {
  name: string;
  tableRef: string;
  columns: Array<{ name: string }>;
  autoFilterRef?: string;
  style: { theme: string; showRowStripes: boolean };
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet & WorksheetInternals {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws as ExcelJS.Worksheet & WorksheetInternals;
}

/** The package's parts as text. */
function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, data] of Object.entries(unzipSync(bytes))) out[path] = strFromU8(data);
  return out;
}

function part(bytes: Uint8Array, path: string): string {
  const text = parts(bytes)[path];
  if (text === undefined) throw new Error(`no part ${path}`);
  return text;
}

describe("renderXlsx read back with ExcelJS", () => {
  const spec = fullSpec();
  const bytes = renderXlsx(spec);
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet & WorksheetInternals;
  beforeAll(async () => {
    wb = await load(bytes);
    ws = sheetOf(wb, "Báo cáo");
  });

  it.each<[string, unknown, ExcelJS.ValueType]>([
    ["A1", "BÁO CÁO TIẾN ĐỘ  ", ExcelJS.ValueType.String],
    ["B4", 'Nhiệm vụ 1 & <kiểm thử> "trích dẫn"\nxuống dòng', ExcelJS.ValueType.String],
    ["B5", "  khoảng trắng đầu cuối  ", ExcelJS.ValueType.String],
    ["A4", 1, ExcelJS.ValueType.Number],
    ["C7", -12.5, ExcelJS.ValueType.Number],
    ["E4", 0.5, ExcelJS.ValueType.Number],
    ["F4", true, ExcelJS.ValueType.Boolean],
    ["F5", false, ExcelJS.ValueType.Boolean],
    ["C4", new Date("2026-03-15T00:00:00Z"), ExcelJS.ValueType.Date],
    ["C5", new Date("2030-12-31T00:00:00Z"), ExcelJS.ValueType.Date],
    ["A6", { formula: "A4+A5", result: 3 }, ExcelJS.ValueType.Formula],
    ["B6", { formula: 'IF(A4=1,"một","khác")', result: "một" }, ExcelJS.ValueType.Formula],
    ["D6", { formula: "A4=1", result: true }, ExcelJS.ValueType.Formula],
    ["D5", null, ExcelJS.ValueType.Null],
  ])("cell %s has value %p", (ref, value, type) => {
    expect(ws.getCell(ref).value).toEqual(value);
    expect(ws.getCell(ref).type).toBe(type);
  });

  it("writes dates as serial numbers with the style's format", () => {
    const xml = part(bytes, "xl/worksheets/sheet1.xml");
    expect(xml).toContain(`<c r="C4" s="5"><v>${isoToSerial("2026-03-15")}</v></c>`);
    expect(ws.getCell("C4").numFmt).toBe("dd/mm/yyyy");
  });

  it("writes formulas without '=' and with their cached result (t=\"str\" for text)", () => {
    const xml = part(bytes, "xl/worksheets/sheet1.xml");
    expect(xml).toContain('<c r="B6" s="3" t="str"><f>IF(A4=1,"một","khác")</f><v>một</v></c>');
    // C6 has no result: the workbook asks for a full calculation on load.
    expect(xml).toContain('<c r="C6" s="5"><f>C4+1</f></c>');
    expect(part(bytes, "xl/workbook.xml")).toContain('fullCalcOnLoad="1"');
  });

  it("keeps xml:space=preserve for leading and trailing spaces", () => {
    const sst = part(bytes, "xl/sharedStrings.xml");
    expect(sst).toContain('<t xml:space="preserve">  khoảng trắng đầu cuối  </t>');
    expect(sst).toContain("<t>Nội dung</t>");
  });

  it("writes fonts, fills, borders, number formats, alignment and protection", () => {
    expect(ws.getCell("A1").font).toEqual({ bold: true, size: 16, name: "Times New Roman" });
    expect(ws.getCell("A3").font).toEqual({ bold: true, size: 13, name: "Times New Roman" });
    expect(ws.getCell("A3").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } });
    // ExcelJS calls vertical "center" "middle".
    expect(ws.getCell("A3").alignment).toEqual({ horizontal: "center", vertical: "middle", wrapText: true });
    expect(ws.getCell("B4").alignment).toEqual({ horizontal: "left", vertical: "top", wrapText: true, indent: 1 });
    expect(ws.getCell("A7").font).toEqual({
      italic: true,
      underline: true,
      size: 10,
      color: { argb: "FFC00000" },
      name: "Arial",
    });
    for (const [ref, line] of [
      ["A3", "thin"],
      ["D4", "dotted"],
      ["E4", "medium"],
    ] as const) {
      const b = ws.getCell(ref).border;
      expect([b.left?.style, b.right?.style, b.top?.style, b.bottom?.style]).toEqual([line, line, line, line]);
    }
    expect(ws.getCell("E4").numFmt).toBe("0%");
    expect(ws.getCell("D4").protection).toEqual({ locked: false, hidden: false });
    expect(ws.getCell("D5").protection).toEqual({ locked: false, hidden: false });
    // Cells without a style keep Excel's default: locked.
    expect(ws.getCell("F4").protection?.locked).not.toBe(false);
    expect(ws.getCell("A4").protection?.locked).not.toBe(false);
  });

  it("uses the default font as the Normal style and deduplicates identical styles", () => {
    const styles = part(bytes, "xl/styles.xml");
    expect(styles).toMatch(/<fonts count="\d+"><font><sz val="13"\/><name val="Times New Roman"\/><\/font>/);
    expect(styles).toContain('<cellStyle name="Normal" xfId="0" builtinId="0"/>');
    const xfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(styles)?.[1]?.match(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g) ?? [];
    expect(new Set(xfs).size).toBe(xfs.length);
    // "center" and "centerCopy" are equal: nine named styles, one duplicate, plus the default → 9 formats.
    expect(xfs).toHaveLength(Object.keys(spec.styles).length);
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>');
  });

  it.each([
    // Times New Roman 13: MDW 9 px, padding 2·ceil(9/4)+1 = 7 px.
    [{ name: "Times New Roman", size: 13 }, 6, 61, 6.77734375, 45.75],
    [{ name: "Times New Roman", size: 13 }, 46, 421, 46.77734375, 315.75],
    // Calibri 11: MDW 7 px, padding 5 px (ECMA-376's example).
    [{ name: "Calibri", size: 11 }, 10, 75, 10.7109375, 56.25],
  ])("%o, %d chars: %d px, stored as %d, the same %d pt the add-in sets", (font, chars, px, stored, points) => {
    expect(columnWidthPixels(chars, font)).toBe(px);
    expect(fileColumnWidth(chars, font)).toBe(stored);
    expect(columnWidthPoints(chars, font)).toBe(points);
    // Excel's reading of the stored width (ECMA-376 §18.3.1.13) gives back exactly the shared pixels.
    const mdw = maxDigitWidthPx(font);
    expect(Math.trunc(((256 * stored + Math.trunc(128 / mdw)) / 256) * mdw)).toBe(px);
  });

  it("writes column widths (plus Excel's cell padding), hidden columns, row heights and merges", () => {
    const font = spec.defaultFont;
    spec.sheets[0]?.columns.forEach((c, i) => {
      const width = ws.getColumn(i + 1).width ?? 0;
      expect(width).toBe(fileColumnWidth(c.width, font));
      expect(width).toBeGreaterThan(c.width);
      expect(width).toBeLessThan(c.width + 1);
    });
    expect(fileColumnWidth(10, { name: "Calibri", size: 11 })).toBe(10.7109375); // Excel's own value for 10 characters
    expect(fileColumnWidth(8.43, { name: "Calibri", size: 11 })).toBe(9.140625); // Excel's default column
    expect(ws.getColumn(6).hidden).toBe(true);
    expect(ws.getColumn(5).hidden).toBe(false);
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.getRow(3).height).toBe(45);
    expect(part(bytes, "xl/worksheets/sheet1.xml")).toContain('<row r="1" ht="30" customHeight="1">');
    expect(ws.model.merges).toEqual(["A1:E1"]);
  });

  it("writes the view: frozen panes, grid lines, tab colour, sheet states, active tab", () => {
    expect(ws.views[0]).toMatchObject({
      state: "frozen",
      xSplit: 1,
      ySplit: 3,
      topLeftCell: "B4",
      showGridLines: false,
    });
    expect(ws.properties.tabColor).toEqual({ argb: "FFC00000" });
    expect(ws.state).toBe("visible");
    expect(sheetOf(wb, "Danh mục").state).toBe("hidden");
    expect(sheetOf(wb, "Cấu hình").state).toBe("veryHidden");
    expect(sheetOf(wb, "Danh mục").views[0]?.showGridLines).not.toBe(false);
  });

  it("writes the active tab", async () => {
    const two = makeSpec({ sheets: [makeSheet({ name: "Một" }), makeSheet({ name: "Hai" })], activeSheet: 1 });
    const book = await load(renderXlsx(two));
    expect(book.views[0]?.activeTab).toBe(1);
    expect(sheetOf(book, "Hai").views[0]).toMatchObject({ state: "normal" });
    expect(part(renderXlsx(two), "xl/worksheets/sheet2.xml")).toContain('tabSelected="1"');
    expect(part(renderXlsx(two), "xl/worksheets/sheet1.xml")).not.toContain("tabSelected");
  });

  it("writes data validations with prompts, errors and bounds", () => {
    const dv = ws.dataValidations.model;
    expect(dv.D4).toEqual({
      type: "list",
      formulae: [`"${LONG_LIST.join(",")}"`],
      allowBlank: true,
      showInputMessage: true,
      showErrorMessage: true,
      promptTitle: "Trạng thái",
      prompt: "Chọn một trạng thái trong danh sách.",
      errorStyle: "stop",
      errorTitle: "Sai giá trị",
      error: "Chỉ chọn trong danh sách.",
    });
    expect(dv.D6?.type).toBe("list");
    expect(dv.C5).toMatchObject({
      type: "date",
      operator: "between",
      formulae: [new Date("2026-01-01T00:00:00Z"), new Date("2030-12-31T00:00:00Z")],
      errorStyle: "warning",
      errorTitle: "Ngày",
    });
    expect(dv.E4).toMatchObject({ type: "decimal", operator: "between", formulae: [0, 1], errorStyle: "information" });
    expect(dv.E4?.allowBlank).toBeFalsy();
    expect(dv.A4).toMatchObject({ type: "whole", operator: "greaterThanOrEqual", formulae: [1] });
    expect(dv.B4).toMatchObject({ type: "textLength", operator: "lessThanOrEqual", formulae: [2000] });
    expect(dv.C4?.showInputMessage).toBeFalsy();
  });

  it("writes the list inline and date bounds as serials", () => {
    const xml = part(bytes, "xl/worksheets/sheet1.xml");
    expect(xml).toContain(`<formula1>"${LONG_LIST.join(",")}"</formula1>`);
    expect(xml).toContain(
      `<formula1>${isoToSerial("2026-01-01")}</formula1><formula2>${isoToSerial("2030-12-31")}</formula2>`,
    );
  });

  it("writes conditional formats in spec order with dxf styles and an Excel 2007 data bar", () => {
    const cf = ws.conditionalFormattings;
    expect(cf.map((c) => [c.ref, c.rules[0]?.type, c.rules[0]?.priority])).toEqual([
      ["A4:E6", "expression", 1],
      ["E4:E6", "dataBar", 2],
      ["C4:C6", "expression", 3],
    ]);
    expect(cf[0]?.rules[0]?.formulae).toEqual(['$D4="Quá hạn"']);
    expect(cf[0]?.rules[0]?.style?.font).toEqual({ bold: true, color: { argb: "FF9C0006" } });
    expect(cf[0]?.rules[0]?.style?.fill?.fgColor).toEqual({ argb: "FFFFC7CE" });
    expect(cf[1]?.rules[0]?.cfvo).toEqual([
      { type: "num", value: 0 },
      { type: "num", value: 1 },
    ]);
    expect(cf[1]?.rules[0]?.color).toEqual({ argb: "FF638EC6" });
    expect(cf[2]?.rules[0]?.formulae).toEqual(["C4<TODAY()"]);
    const xml = part(bytes, "xl/worksheets/sheet1.xml");
    expect(xml).toContain('stopIfTrue="1"');
  });

  it("writes a data bar without max up to the range's maximum", () => {
    const sheet = makeSheet({ conditionalFormats: [{ kind: "dataBar", range: "A1:A9", color: "00B050", min: 0.1 }] });
    const xml = part(renderXlsx(makeSpec({ sheets: [sheet] })), "xl/worksheets/sheet1.xml");
    expect(xml).toContain('<cfvo type="num" val="0.1"/><cfvo type="max"/><color rgb="FF00B050"/>');
    expect(xml).toContain('<x14:cfvo type="num"><xm:f>0.1</xm:f></x14:cfvo><x14:cfvo type="max"/>');
  });

  it("writes each data bar's Excel 2010 twin: solid (gradient=0), joined by a reproducible id, in the last extLst", () => {
    const xml = part(bytes, "xl/worksheets/sheet1.xml");
    const id = dataBarGuid(0, 1); // sheet 1, conditional format 2
    expect(id).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    // The Excel 2007 rule points to its twin.
    expect(xml).toContain(
      '<color rgb="FF638EC6"/></dataBar><extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" ' +
        `xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id>${id}</x14:id></ext></extLst></cfRule>`,
    );
    // The twin, in MS-XLSX's element order: cfvo, cfvo, negativeFillColor, axisColor; then the range.
    expect(xml).toContain(
      '</headerFooter><extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" ' +
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings>' +
        '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
        `<x14:cfRule type="dataBar" id="${id}">` +
        '<x14:dataBar minLength="0" maxLength="100" gradient="0">' +
        '<x14:cfvo type="num"><xm:f>0</xm:f></x14:cfvo><x14:cfvo type="num"><xm:f>1</xm:f></x14:cfvo>' +
        '<x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule>' +
        "<xm:sqref>E4:E6</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst></worksheet>",
    );
    // One twin per data bar, and only for data bars.
    expect(xml.match(/<x14:id>/g)).toHaveLength(1);
    expect(xml.match(/<x14:cfRule /g)).toHaveLength(1);
    // ExcelJS joins the two halves into one rule.
    const bar = ws.conditionalFormattings[1]?.rules[0] as CfRuleModel & { gradient?: boolean; x14Id?: string };
    expect(bar).toMatchObject({ type: "dataBar", gradient: false, x14Id: id, color: { argb: "FF638EC6" } });
    expect(ws.conditionalFormattings).toHaveLength(3);
  });

  it.each([
    [0, 0, "{DA7ABA20-0000-4000-8000-000000000000}"],
    [2, 10, "{DA7ABA20-0000-4000-8000-00000200000A}"],
  ])("data bar ids are derived from sheet %d and rule %d: %s", (sheet, rule, id) => {
    expect(dataBarGuid(sheet, rule)).toBe(id);
  });

  it("gives data bars on different sheets different ids, and no extLst to sheets without data bars", () => {
    const bar = { kind: "dataBar" as const, range: "A1:A3", color: "00B050" };
    const three = makeSpec({
      sheets: [
        makeSheet({ name: "Một", conditionalFormats: [bar] }),
        makeSheet({ name: "Hai", conditionalFormats: [bar, { ...bar, range: "B1:B3" }] }),
        makeSheet({ name: "Ba" }),
      ],
    });
    const out = renderXlsx(three);
    const ids = [1, 2, 3].flatMap((n) =>
      [...part(out, `xl/worksheets/sheet${n}.xml`).matchAll(/<x14:cfRule type="dataBar" id="([^"]+)"/g)].map(
        (m) => m[1],
      ),
    );
    expect(ids).toEqual([dataBarGuid(0, 0), dataBarGuid(1, 0), dataBarGuid(1, 1)]);
    expect(new Set(ids).size).toBe(3);
    expect(part(out, "xl/worksheets/sheet3.xml")).not.toContain("extLst");
  });

  it("puts the extLst after tableParts: the last child of <worksheet>", () => {
    const xml = part(renderXlsx(everyFeatureSpec()), "xl/worksheets/sheet1.xml");
    expect(xml).toMatch(
      /<\/tableParts><extLst><ext uri="\{78C0D931-6437-407d-A8EE-F0AAD7539E65\}"[^>]*><x14:conditionalFormattings>.*<\/extLst><\/worksheet>$/,
    );
  });

  it("writes false in a conditional format's style as val=0, so the rule turns bold/italic off", () => {
    const sheet = makeSheet({
      conditionalFormats: [
        { kind: "expression", range: "A1:A3", formula: "A1>0", style: { font: { bold: false, italic: false } } },
        { kind: "expression", range: "B1:B3", formula: "B1>0", style: { font: { bold: true, italic: false } } },
      ],
    });
    const styles = part(renderXlsx(makeSpec({ sheets: [sheet] })), "xl/styles.xml");
    expect(styles).toContain('<dxfs count="2"><dxf><font><b val="0"/><i val="0"/></font></dxf>');
    expect(styles).toContain('<dxf><font><b/><i val="0"/></font></dxf></dxfs>');
  });

  it("gives a date in a cell without a number format the shared date format, keeping the rest of its style", async () => {
    const sheet = makeSheet({
      rows: [
        {
          cells: [
            { value: { date: "2026-12-31" } },
            { value: { date: "2026-12-30" }, style: "center" },
            { value: 5, style: "center" },
            { value: { date: "2026-12-29" } },
          ],
        },
      ],
    });
    const base = makeSpec({ sheets: [sheet] });
    const spec2 = { ...base, styles: { ...base.styles, center: { alignment: { horizontal: "center" as const } } } };
    const out = renderXlsx(spec2);
    const book = await load(out);
    const s = sheetOf(book, "Trang tính");
    expect(s.getCell("A1").value).toEqual(new Date("2026-12-31T00:00:00Z"));
    expect(s.getCell("A1").numFmt).toBe("dd/mm/yyyy");
    expect(s.getCell("B1").numFmt).toBe("dd/mm/yyyy");
    expect(s.getCell("B1").alignment).toMatchObject({ horizontal: "center" });
    expect(s.getCell("C1").numFmt).toBeUndefined();
    const xml = part(out, "xl/worksheets/sheet1.xml");
    // Both bare dates share one format variant; the styled date has its own.
    const styleOf = (ref: string): string | undefined => new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(xml)?.[1];
    expect(styleOf("A1")).toBe(styleOf("D1"));
    expect(styleOf("A1")).not.toBe(styleOf("B1"));
    expect(part(out, "xl/styles.xml")).toContain('formatCode="dd/mm/yyyy"');
  });

  it("writes sheet protection: legacy hash and Excel's inverted allow flags", () => {
    expect(ws.sheetProtection).toMatchObject({ sheet: true, formatColumns: true, autoFilter: true });
    expect(ws.sheetProtection.formatRows).toBeUndefined();
    expect(ws.sheetProtection.sort).toBeUndefined();
    expect(ws.sheetProtection.selectLockedCells).toBeUndefined(); // undefined = allowed in ExcelJS
    const xml = part(bytes, "xl/worksheets/sheet1.xml");
    const tag = /<sheetProtection [^>]*\/>/.exec(xml)?.[0] ?? "";
    expect(tag).toContain(`password="${legacyPasswordHash("secret")}"`);
    for (const [attr, value] of [
      ["selectLockedCells", "0"],
      ["selectUnlockedCells", "0"],
      ["formatColumns", "0"],
      ["formatRows", "1"],
      ["sort", "1"],
      ["autoFilter", "0"],
      ["sheet", "1"],
    ]) {
      expect(tag).toContain(` ${attr}="${value}"`);
    }
  });

  it.each([
    ["secret", "DAA7"], // the published reference value of Excel's legacy sheet password hash
    ["", "CE4B"],
  ])("hashes the password %p as %s", (password, hash) => {
    expect(legacyPasswordHash(password)).toBe(hash);
  });

  it("writes protection without a password attribute when there is no password", () => {
    const sheet = makeSheet({
      protection: {
        allow: {
          selectLockedCells: false,
          selectUnlockedCells: true,
          formatColumns: false,
          formatRows: true,
          sort: true,
          autoFilter: false,
        },
      },
    });
    const tag = /<sheetProtection [^>]*\/>/.exec(
      part(renderXlsx(makeSpec({ sheets: [sheet] })), "xl/worksheets/sheet1.xml"),
    )?.[0];
    expect(tag).toBe(
      '<sheetProtection sheet="1" objects="1" scenarios="1" selectLockedCells="1" selectUnlockedCells="0" formatColumns="1" formatRows="0" sort="0" autoFilter="1"/>',
    );
  });

  it("writes the page setup: A4 landscape, margins in inches, fit to width, centring", () => {
    const m = spec.sheets[0]?.print?.marginsMm;
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    });
    for (const side of ["top", "bottom", "left", "right", "header", "footer"] as const) {
      expect(ws.pageSetup.margins?.[side]).toBeCloseTo((m?.[side] ?? NaN) / 25.4, 10);
    }
  });

  it("writes print titles and print area as sheet-local defined names", () => {
    expect(ws.pageSetup.printTitlesRow).toBe("3:3");
    expect(ws.pageSetup.printArea).toBe("A1:E7");
    const xml = part(bytes, "xl/workbook.xml");
    expect(xml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'Báo cáo'!$3:$3</definedName>`);
    expect(xml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">'Báo cáo'!$A$1:$E$7</definedName>`);
  });

  it("writes header and footer with a bare first page", () => {
    expect(ws.headerFooter).toEqual({
      differentFirst: true,
      oddHeader: "&CTrang &P/&N",
      oddFooter: "&CPhụ lục NQ08 && kế hoạch",
      firstFooter: "&CPhụ lục NQ08 && kế hoạch",
    });
    expect(part(bytes, "xl/worksheets/sheet1.xml")).toContain("<firstHeader/>");
  });

  it("writes the spec's defined names with their hidden flag", () => {
    expect(wb.definedNames.model).toContainEqual({ name: "DanhSachTrangThai", ranges: ["'Danh mục'!$A$2:$A$5"] });
    const xml = part(bytes, "xl/workbook.xml");
    expect(xml).toContain(`<definedName name="DanhSachTrangThai" hidden="1">'Danh mục'!$A$2:$A$5</definedName>`);
    expect(xml).toContain(`<definedName name="KyBaoCao">"2026-06"</definedName>`);
  });

  it("writes tables with columns named from the header cells, autoFilter, style, rels and content type", () => {
    const tables = sheetOf(wb, "Danh mục").model.tables ?? [];
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({
      name: "DanhMucTrangThai",
      tableRef: "A1:B5",
      autoFilterRef: "A1:B5",
      columns: [{ name: "Trạng thái" }, { name: "Mã_x000a_số" }],
      style: { theme: "TableStyleMedium2", showRowStripes: true },
    });
    const p = parts(bytes);
    expect(p["xl/worksheets/_rels/sheet2.xml.rels"]).toContain('Target="../tables/table1.xml"');
    expect(p["xl/worksheets/sheet2.xml"]).toContain('<tableParts count="1"><tablePart r:id="rId1"/></tableParts>');
    expect(p["[Content_Types].xml"]).toContain(
      '<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>',
    );
  });

  it("writes document properties: core, app (our own name) and custom", async () => {
    expect(wb.title).toBe("Báo cáo Phụ lục NQ08");
    expect(wb.subject).toBe("Tiến độ nhiệm vụ");
    expect(wb.creator).toBe("Văn phòng Tỉnh ủy");
    expect(wb.description).toBe("Biểu mẫu báo cáo");
    expect(wb.keywords).toBe("NQ08; báo cáo");
    const app = part(bytes, "docProps/app.xml");
    expect(app).toContain(`<Application>${APPLICATION_NAME}</Application>`);
    expect(app).not.toContain("Microsoft");
    expect(app).toContain("<Company>Tỉnh ủy Nghệ An</Company>");
    const custom = part(bytes, "docProps/custom.xml");
    const props = [
      ...custom.matchAll(
        /<property fmtid="([^"]+)" pid="(\d+)" name="([^"]+)"><vt:lpwstr>([^<]*)<\/vt:lpwstr><\/property>/g,
      ),
    ];
    expect(props.map((m) => [m[1], m[2], m[3], m[4]])).toEqual([
      ["{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", "2", "Mã biểu mẫu", "NQ08-BC-01"],
      ["{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", "3", "Kỳ báo cáo", "2026-06"],
      ["{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", "4", "Đơn vị", "Sở Nội vụ &amp; &lt;VP&gt;"],
    ]);
    expect(part(bytes, "_rels/.rels")).toContain('Target="docProps/custom.xml"');
  });

  it("leaves the custom part out when there are no custom properties", () => {
    const p = parts(renderXlsx(makeSpec()));
    expect(p["docProps/custom.xml"]).toBeUndefined();
    expect(p["_rels/.rels"]).not.toContain("custom");
    expect(p["[Content_Types].xml"]).not.toContain("custom");
  });

  it("writes created/modified only when given", async () => {
    expect(part(bytes, "docProps/core.xml")).not.toContain("dcterms:modified");
    const when = new Date("2026-05-04T03:02:01.555Z");
    const book = await load(renderXlsx(spec, { modified: when }));
    expect(book.modified?.toISOString()).toBe("2026-05-04T03:02:01.000Z");
    expect(book.created?.toISOString()).toBe("2026-05-04T03:02:01.000Z");
  });
});

describe("text cells are never formulas", () => {
  const injected = ["=1+1", "+SUM(A1)", "-2", "@x", '=HYPERLINK("http://x","y")', "\t=1"];
  const spec = makeSpec({ sheets: [makeSheet({ rows: injected.map((v) => ({ cells: [{ value: v }] })) })] });
  const bytes = renderXlsx(spec);

  it.each(injected.map((v, i) => [v, i + 1] as const))("%p comes back as a string", async (text, row) => {
    const ws = sheetOf(await load(bytes), "Trang tính");
    expect(ws.getCell(`A${row}`).value).toBe(text);
    expect(ws.getCell(`A${row}`).type).toBe(ExcelJS.ValueType.String);
  });

  it("has no <f> element at all", () => {
    const xml = part(bytes, "xl/worksheets/sheet1.xml");
    expect(xml).not.toContain("<f>");
    expect(xml.match(/t="s"/g)).toHaveLength(injected.length);
  });
});

describe("XML escaping", () => {
  it("drops characters XML 1.0 forbids, keeps tabs and line breaks, escapes _xHHHH_", async () => {
    const cells: Cell[] = [
      { value: "a\u0000b\u0001c\u000Bd\u001Fe\uFFFEf" },
      { value: "dòng 1\r\ndòng 2\ttab" },
      { value: "mã _x0041_ thật" },
      { value: "😀 \uD800 lẻ" },
    ];
    const spec = makeSpec({
      sheets: [makeSheet({ name: "X", rows: [{ cells }] })],
      properties: { title: "t\u0007itle", subject: "s", creator: "c" },
    });
    const bytes = renderXlsx(spec);
    const ws = sheetOf(await load(bytes), "X");
    expect(ws.getCell("A1").value).toBe("abcdef");
    expect(ws.getCell("B1").value).toBe("dòng 1\r\ndòng 2\ttab");
    expect(ws.getCell("D1").value).toBe("😀  lẻ");
    expect(part(bytes, "xl/sharedStrings.xml")).toContain("<t>mã _x005F_x0041_ thật</t>");
    expect(part(bytes, "docProps/core.xml")).toContain("<dc:title>title</dc:title>");
  });
});

describe("WorkbookSpecError", () => {
  const withSheet = (overrides: Partial<Sheet>): WorkbookSpec => makeSpec({ sheets: [makeSheet(overrides)] });
  const listValidation = (list: string[], extra: object = {}): Partial<Sheet> => ({
    validations: [
      {
        range: "A1:A3",
        type: "list",
        list,
        allowBlank: true,
        error: { title: "e", message: "m", style: "stop" },
        ...extra,
      },
    ],
  });
  const header = (values: Cell["value"][]): Partial<Sheet> => ({
    rows: [{ cells: values.map((value) => ({ value })) }, { cells: [{ value: 1 }] }],
    tables: [
      {
        name: "Bang",
        range: `A1:${String.fromCharCode(64 + values.length)}2`,
        style: "TableStyleLight1",
        showRowStripes: true,
      },
    ],
  });

  it.each<[string, WorkbookSpec, RegExp]>([
    ["no sheets", makeSpec({ sheets: [] }), /at least one sheet/],
    ["sheet name too long", withSheet({ name: "x".repeat(32) }), /1–31 characters/],
    ["empty sheet name", withSheet({ name: "" }), /1–31 characters/],
    ["sheet name with /", withSheet({ name: "Quý 1/2026" }), /cannot contain/],
    ["sheet name with [", withSheet({ name: "a[1]" }), /cannot contain/],
    ["sheet name with apostrophe at the end", withSheet({ name: "Tổng'" }), /apostrophe/],
    ["reserved sheet name", withSheet({ name: "History" }), /reserved/],
    [
      "duplicate sheet names (case-insensitive)",
      makeSpec({ sheets: [makeSheet({ name: "Đơn vị" }), makeSheet({ name: "ĐƠN VỊ" })] }),
      /same name/,
    ],
    ["active sheet out of range", makeSpec({ activeSheet: 3 }), /activeSheet 3/],
    ["hidden active sheet", withSheet({ visibility: "hidden" }), /must be visible/],
    ["overlapping merges", withSheet({ merges: ["A1:C2", "C2:D4"] }), /merge 2 \("C2:D4"\): overlaps merge 1/],
    ["single-cell merge", withSheet({ merges: ["B2:B2"] }), /at least two cells/],
    ["malformed merge range", withSheet({ merges: ["A1:"] }), /not an A1 range/],
    ["range outside the grid", withSheet({ merges: ["A1:XFE2"] }), /outside Excel's grid/],
    [
      "prompt title too long",
      withSheet(listValidation(["a"], { prompt: { title: "x".repeat(33), message: "m" } })),
      /prompt title has 33 characters, Excel allows 32/,
    ],
    [
      "prompt message too long",
      withSheet(listValidation(["a"], { prompt: { title: "t", message: "x".repeat(256) } })),
      /prompt message has 256 characters, Excel allows 255/,
    ],
    [
      "error title too long",
      withSheet(listValidation(["a"], { error: { title: "x".repeat(33), message: "m", style: "stop" } })),
      /error title has 33/,
    ],
    [
      "error message too long",
      withSheet(listValidation(["a"], { error: { title: "t", message: "x".repeat(256), style: "stop" } })),
      /error message has 256/,
    ],
    [
      "inline list too long",
      withSheet(listValidation(Array.from({ length: 30 }, (_, i) => `Mục số ${i}`))),
      /inline list has \d+ characters, Excel allows 255/,
    ],
    ["list entry with a comma", withSheet(listValidation(["a, b"])), /contains a comma/],
    ["empty list", withSheet(listValidation([])), /needs entries/],
    [
      "between without max",
      withSheet({
        validations: [
          {
            range: "A1",
            type: "decimal",
            operator: "between",
            min: 0,
            allowBlank: true,
            error: { title: "", message: "", style: "stop" },
          },
        ],
      }),
      /needs max/,
    ],
    [
      "date validation with number bounds",
      withSheet({
        validations: [
          {
            range: "A1",
            type: "date",
            operator: "greaterThanOrEqual",
            min: 5,
            allowBlank: true,
            error: { title: "", message: "", style: "stop" },
          },
        ],
      }),
      /needs \{date\} bounds/,
    ],
    [
      "unknown style",
      withSheet({ rows: [{ cells: [{ value: 1, style: "nope" }] }] }),
      /cell A1: style "nope" is not defined/,
    ],
    [
      "invalid date",
      withSheet({ rows: [{ cells: [null, { value: { date: "2026-02-30" } }] }] }),
      /cell B1: "2026-02-30" is not a date/,
    ],
    ["non-finite number", withSheet({ rows: [{ cells: [{ value: Number.NaN }] }] }), /not a number Excel can store/],
    ["text too long", withSheet({ rows: [{ cells: [{ value: "x".repeat(32768) }] }] }), /32767/],
    ["row too tall", withSheet({ rows: [{ height: 410, cells: [] }] }), /row 1: height 410/],
    ["column too wide", withSheet({ columns: [{ width: 256 }] }), /column A: width 256/],
    ["bad colour", withSheet({ tabColor: "#FF0000" }), /not RRGGBB/],
    ["non-ASCII password", withSheet({ protection: { password: "mật khẩu", allow: allowAll() } }), /printable ASCII/],
    [
      "bad table name",
      withSheet({ ...header(["a", "b"]), tables: [{ name: "A1", range: "A1:B2", style: "s", showRowStripes: false }] }),
      /table name "A1" is not valid/,
    ],
    ["table header not text", withSheet(header(["a", 2])), /header cell in column 2 must be non-empty text/],
    ["duplicate table headers", withSheet(header(["Tên", "tên"])), /appears twice/],
    [
      "merge inside a table",
      withSheet({ ...header(["a", "b"]), merges: ["A2:B2"] }),
      /tables cannot hold merged cells/,
    ],
    [
      "table name clashing with a defined name",
      makeSpec({
        sheets: [makeSheet(header(["a", "b"]))],
        definedNames: [{ name: "BANG", formula: "1", hidden: false }],
      }),
      /clashes with table "Bang"/,
    ],
    [
      "invalid defined name",
      makeSpec({ definedNames: [{ name: "Tên có dấu cách", formula: "1", hidden: false }] }),
      /not a valid Excel name/,
    ],
    [
      "header/footer too long",
      withSheet({ print: { ...print(), footer: { center: "x".repeat(254) } } }),
      /footer longer than 255/,
    ],
    ["bad repeat rows", withSheet({ print: { ...print(), repeatRows: { first: 3, last: 2 } } }), /repeatRows 3–2/],
    ["custom property value too long", makeSpec({ customProperties: { k: "x".repeat(256) } }), /longer than 255/],
    [
      "custom property names differing only in case",
      makeSpec({ customProperties: { Ky: "1", KY: "2" } }),
      /given twice/,
    ],
  ])("rejects %s", (_what, spec, message) => {
    expect(() => renderXlsx(spec)).toThrow(WorkbookSpecError);
    expect(() => renderXlsx(spec)).toThrow(message);
  });

  it("finds overlapping merges among many as a check of every pair would, and names the same pair", () => {
    // Random rectangles on a small grid (so some overlap): written when no two overlap, else refused
    // naming the first merge, in order, that overlaps an earlier one and the earliest such one.
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const letter = (c: number) => String.fromCharCode(64 + c);
    let written = 0;
    let refused = 0;
    for (let round = 0; round < 300; round++) {
      const boxes = Array.from({ length: 2 + rnd(40) }, () => {
        const top = 1 + rnd(60);
        const left = 1 + rnd(8);
        const bottom = top + rnd(4);
        const right = left + (bottom === top ? 1 + rnd(2) : rnd(3));
        return { top, left, bottom, right };
      });
      const refs = boxes.map((b) => `${letter(b.left)}${b.top}:${letter(b.right)}${b.bottom}`);
      let clash: [number, number] | null = null;
      for (let i = 0; i < boxes.length && !clash; i++)
        for (let j = 0; j < i && !clash; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          if (a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom) clash = [i, j];
        }
      const spec = withSheet({ merges: refs });
      if (clash) {
        refused++;
        expect(() => renderXlsx(spec)).toThrow(
          `merge ${clash[0] + 1} ("${refs[clash[0]]}"): overlaps merge ${clash[1] + 1} (`,
        );
      } else {
        written++;
        const xml = part(renderXlsx(spec), "xl/worksheets/sheet1.xml");
        expect(xml).toContain(`<mergeCells count="${refs.length}">`);
        expect([...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1])).toEqual(refs);
      }
    }
    expect(written).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(30);
  });

  function allowAll(): NonNullable<Sheet["protection"]>["allow"] {
    return {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      sort: true,
      autoFilter: true,
    };
  }
  function print(): NonNullable<Sheet["print"]> {
    return {
      paper: "A4",
      orientation: "portrait",
      marginsMm: { top: 20, bottom: 20, left: 30, right: 15, header: 10, footer: 10 },
      fitToWidth: false,
      centerHorizontally: false,
    };
  }
});

describe("determinism", () => {
  it("renders the same description to the same bytes", () => {
    const a = renderXlsx(fullSpec());
    const b = renderXlsx(fullSpec());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const when = new Date("2026-01-02T03:04:05Z");
    expect(
      Buffer.from(renderXlsx(fullSpec(), { modified: when })).equals(
        Buffer.from(renderXlsx(fullSpec(), { modified: when })),
      ),
    ).toBe(true);
  });

  it("changes the bytes when the description changes", () => {
    const spec = fullSpec();
    spec.customProperties["Kỳ báo cáo"] = "2026-12";
    expect(Buffer.from(renderXlsx(spec)).equals(Buffer.from(renderXlsx(fullSpec())))).toBe(false);
  });
});
