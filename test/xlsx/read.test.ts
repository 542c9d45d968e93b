import { detectFormat, readXlsx, type ReadCell, type ReadWorkbook } from "../../src/xlsx/read";
import { isoToSerial } from "../../src/dates";
import { readWithExcelJs } from "../helpers/exceljs-read";
import {
  buildForm,
  buildSampleWorkbook,
  NFC_TITLE,
  NFD_NGHE_AN,
  patchZip,
  SAMPLE_SHEETS,
  zipText,
} from "../helpers/fixtures";

let sampleBytes: Uint8Array;
let sample: ReadWorkbook;

beforeAll(async () => {
  sampleBytes = await buildSampleWorkbook();
  sample = readXlsx(sampleBytes);
});

function cellOf(wb: ReadWorkbook, sheet: string, ref: string): ReadCell {
  const c = wb.sheet(sheet)?.cell(ref);
  if (!c) throw new Error(`no cell ${sheet}!${ref}`);
  return c;
}

describe("readXlsx on an ExcelJS-written form", () => {
  it("detects the format and lists every sheet with its state", () => {
    expect(detectFormat(sampleBytes)).toBe("xlsx");
    expect(sample.format).toBe("xlsx");
    expect(sample.hasMacros).toBe(false);
    expect(sample.sheets.map((s) => [s.name, s.state])).toEqual([
      [SAMPLE_SHEETS.main, "visible"],
      [SAMPLE_SHEETS.list, "hidden"],
      [SAMPLE_SHEETS.config, "veryHidden"],
      [SAMPLE_SHEETS.plain, "visible"],
    ]);
  });

  it.each([
    ["A1", "string", NFC_TITLE],
    ["A2", "string", NFD_NGHE_AN],
    ["A3", "string", "Đơn vị: Sở Nội vụ"],
    ["A4", "string", "  khoảng trắng đầu và cuối  "],
    ["A5", "string", "Dòng 1\nDòng 2 <&> \"trích\" 'nháy'"],
    ["A6", "string", NFC_TITLE],
    ["B2", "number", 42],
    ["B3", "number", 3.14159],
    ["B4", "number", -1e-7],
    ["B5", "number", 1234567.891],
    ["B6", "number", -5],
    ["D2", "boolean", true],
    ["D3", "boolean", false],
    ["E2", "error", "#N/A"],
    ["E3", "error", "#DIV/0!"],
  ])("%s is a %s: %p", (ref, kind, value) => {
    const c = cellOf(sample, SAMPLE_SHEETS.main, ref);
    expect(c.kind).toBe(kind);
    expect(c.value).toBe(value);
    expect(c.formula).toBeUndefined();
  });

  it("keeps NFD text as written (normalising is the consumer's choice)", () => {
    const v = cellOf(sample, SAMPLE_SHEETS.main, "A2").value as string;
    expect(v).not.toBe(v.normalize("NFC"));
    expect(v.normalize("NFC")).toBe("Nghệ An");
  });

  it.each([
    ["C2", "dd/mm/yyyy", isoToSerial("2026-01-15")],
    ["C3", "yyyy-mm-dd hh:mm", isoToSerial("2026-06-30") + 14.5 / 24],
    ["C4", "mm-dd-yy", isoToSerial("2026-01-15")],
    ["C5", '[$-42A]d "tháng" m "năm" yyyy', isoToSerial("2026-01-15")],
    ["C6", "h:mm", 0.5],
  ])("%s is a date with format %s", (ref, numFmt, serial) => {
    const c = cellOf(sample, SAMPLE_SHEETS.main, ref);
    expect(c).toMatchObject({ kind: "number", isDate: true, numFmt });
    expect(c.value as number).toBeCloseTo(serial, 8);
  });

  it.each([
    ["B3", "0.00"],
    ["B5", "#,##0.00"],
    ["B6", "[Red]0.00"],
    ["B7", "0%"],
  ])("%s with format %s is not a date", (ref, numFmt) => {
    expect(cellOf(sample, SAMPLE_SHEETS.main, ref)).toMatchObject({ kind: "number", isDate: false, numFmt });
  });

  it("leaves numFmt out for General", () => {
    expect(cellOf(sample, SAMPLE_SHEETS.main, "B2").numFmt).toBeUndefined();
  });

  it.each([
    ["F2", "B2*2", "number", 84],
    ["F3", 'CONCATENATE("a","b")', "string", "ab"],
    ["F4", "B2>1", "boolean", true],
    ["F5", "B2/0", "error", "#DIV/0!"],
    ["G2", "B2+1", "number", 43],
    ["G3", "B3+1", "number", 4.14159],
    ["G4", "B4+1", "number", 1 - 1e-7],
  ])("%s keeps formula %s and its cached %s result", (ref, formula, kind, value) => {
    expect(cellOf(sample, SAMPLE_SHEETS.main, ref)).toMatchObject({ formula, kind, value });
  });

  it("reports locked from cellXfs protection (default locked)", () => {
    expect(cellOf(sample, SAMPLE_SHEETS.main, "H2").locked).toBe(false);
    expect(cellOf(sample, SAMPLE_SHEETS.main, "H3").locked).toBe(false);
    expect(cellOf(sample, SAMPLE_SHEETS.main, "B2").locked).toBe(true);
  });

  it("reads merges, protection and validations (incl. the x14 list on another sheet)", () => {
    const ws = sample.sheet(SAMPLE_SHEETS.main);
    expect(ws?.merges).toEqual(["A1:F1", "B9:D10"]);
    expect(ws?.protection).toEqual({ sheet: true, hasPassword: true });
    expect(sample.sheet(SAMPLE_SHEETS.plain)?.protection).toEqual({ sheet: true, hasPassword: false });
    expect(sample.sheet(SAMPLE_SHEETS.list)?.protection).toBeNull();
    const dvs = ws?.validations ?? [];
    expect(dvs.find((v) => v.sqref === "I2:I10")).toEqual({
      sqref: "I2:I10",
      type: "list",
      formula1: '"Có,Không"',
      allowBlank: true,
      showErrorMessage: true,
    });
    expect(dvs.find((v) => v.sqref === "J2:J10")).toMatchObject({
      type: "whole",
      formula1: "0",
      formula2: "100",
      allowBlank: false,
      promptTitle: "Tỉ lệ",
      prompt: "Nhập số nguyên từ 0 đến 100",
    });
    expect(dvs.find((v) => v.x14)).toEqual({
      sqref: "K2:K20",
      type: "list",
      formula1: `'${SAMPLE_SHEETS.list}'!$A$1:$A$5`,
      allowBlank: true,
      showErrorMessage: true,
      promptTitle: "Trạng thái",
      prompt: "Chọn trong danh sách",
      x14: true,
    });
  });

  it("reads defined names, custom, app and core properties", () => {
    expect(sample.definedNames).toEqual([
      { name: "DanhSachTrangThai", formula: `'${SAMPLE_SHEETS.list}'!$A$1:$A$5`, hidden: false },
      { name: "PhienBan", formula: `'${SAMPLE_SHEETS.config}'!$B$1`, hidden: false },
    ]);
    expect(sample.customProperties).toEqual({ formId: "NQ08-PL", unitCode: "SNV", kỳBáoCáo: "2026-Q1" });
    expect(sample.app.application).toBe("Microsoft Excel");
    expect(sample.core).toEqual({
      title: "Báo cáo Phụ lục NQ08",
      creator: "Văn phòng Tỉnh uỷ",
      lastModifiedBy: "Sở Nội vụ",
      created: "2026-01-02T08:00:00Z",
      modified: "2026-01-03T09:30:00Z",
    });
  });

  it("gives cells row-major with max row/column, and looks cells up by any spelling of the ref", () => {
    const ws = sample.sheet(SAMPLE_SHEETS.main);
    const order = (ws?.cells ?? []).map((c) => c.row * 100 + c.col);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect([ws?.maxRow, ws?.maxCol]).toEqual([7, 8]);
    expect(ws?.cell("$b$2")?.value).toBe(42);
    expect(ws?.cell("Z99")).toBeUndefined();
    expect(sample.sheet(SAMPLE_SHEETS.main.toUpperCase())?.name).toBe(SAMPLE_SHEETS.main);
  });

  it("reads only the sheets the filter asks for", () => {
    const wb = readXlsx(sampleBytes, { sheetFilter: (n) => n === SAMPLE_SHEETS.config });
    expect(wb.sheets.map((s) => s.name)).toEqual([SAMPLE_SHEETS.config]);
    expect(wb.sheet(SAMPLE_SHEETS.config)?.cell("B1")?.value).toBe(3);
  });

  it("never modifies its input", () => {
    const copy = sampleBytes.slice();
    readXlsx(sampleBytes);
    detectFormat(sampleBytes);
    expect(sampleBytes).toEqual(copy);
  });

  it("agrees with ExcelJS on every value and formula", async () => {
    const ref = await readWithExcelJs(sampleBytes);
    for (const ws of sample.sheets) {
      const theirs = ref.get(ws.name);
      expect(theirs).toBeDefined();
      const mine = new Map(ws.cells.map((c) => [c.ref, c]));
      expect([...mine.keys()].sort()).toEqual([...(theirs?.keys() ?? [])].sort());
      for (const [addr, t] of theirs ?? []) {
        const m = mine.get(addr);
        expect(m?.kind).toBe(t.kind);
        if (typeof t.value === "number") expect(m?.value as number).toBeCloseTo(t.value, 6);
        else expect(m?.value).toBe(t.value);
        expect(m?.formula).toBe(t.formula);
      }
    }
  });
});

describe("readXlsx on a 40×15 form", () => {
  it("agrees with ExcelJS cell by cell", async () => {
    const bytes = await buildForm(40, 15);
    const wb = readXlsx(bytes);
    const ws = wb.sheets[0];
    expect(ws?.cells).toHaveLength(40 * 15);
    expect([ws?.maxRow, ws?.maxCol]).toEqual([40, 15]);
    const theirs = (await readWithExcelJs(bytes)).get("Biểu mẫu");
    expect(theirs?.size).toBe(40 * 15);
    for (const c of ws?.cells ?? []) {
      const t = theirs?.get(c.ref);
      expect({ ref: c.ref, kind: c.kind, formula: c.formula }).toEqual({
        ref: c.ref,
        kind: t?.kind,
        formula: t?.formula,
      });
      if (typeof t?.value === "number") expect(c.value as number).toBeCloseTo(t.value, 6);
      else expect(c.value).toBe(t?.value);
    }
  });
});

describe("readXlsx on hand-written SpreadsheetML variants", () => {
  const sheetXml = (body: string, prefix = ""): string =>
    `<?xml version="1.0"?><${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${prefix}sheetData>${body}</${prefix}sheetData></${prefix}worksheet>`;
  let base: Uint8Array;
  beforeAll(async () => {
    base = await buildForm(2, 2);
  });
  const withSheet = (xml: string): ReadWorkbook => readXlsx(patchZip(base, { "xl/worksheets/sheet1.xml": xml }));

  it.each([
    ["no prefix", ""],
    ["x: prefix", "x:"],
    ["main: prefix", "main:"],
  ])("matches local names (%s)", (_label, prefix) => {
    const p = prefix;
    const wb = withSheet(
      sheetXml(
        `<${p}row r="3"><${p}c r="B3" t="inlineStr"><${p}is><${p}t>xin chào</${p}t></${p}is></${p}c></${p}row>`,
        p,
      ),
    );
    expect(wb.sheets[0]?.cell("B3")).toMatchObject({ kind: "string", value: "xin chào" });
  });

  it.each([
    ['<c r="A1" t="b"><v>true</v></c>', "boolean", true],
    ['<c r="A1" t="b"><v>false</v></c>', "boolean", false],
    ['<c r="A1" t="b"><v>0</v></c>', "boolean", false],
    ['<c r="A1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>', "string", "ab"],
    [
      '<c r="A1" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>run</t></r><rPh><t>ignored</t></rPh></is></c>',
      "string",
      "rich run",
    ],
    ['<c r="A1" t="e"><v>#REF!</v></c>', "error", "#REF!"],
    ['<c r="A1"><v>1.5E+3</v></c>', "number", 1500],
    ['<c r="A1" t="n"><v> 7 </v></c>', "number", 7],
    ['<c r="A1" t="inlineStr"><is><t><![CDATA[<b>&amp;</b>]]></t></is></c>', "string", "<b>&amp;</b>"],
    ['<c r="A1" t="inlineStr"><is><t>&#7879;&#x1EC7;&lt;&gt;&amp;&quot;&apos;</t></is></c>', "string", "ệệ<>&\"'"],
    ['<c r="A1" t="inlineStr"><is><t>a_x000D_b_x005F_x</t></is></c>', "string", "a\rb_x"],
  ])("reads %s", (cellXml, kind, value) => {
    const c = withSheet(sheetXml(`<row r="1">${cellXml}</row>`)).sheets[0]?.cell("A1");
    expect(c).toMatchObject({ kind, value });
  });

  it('turns a t="d" ISO cell into a serial date', () => {
    const c = withSheet(sheetXml('<row r="1"><c r="A1" t="d"><v>2026-03-31T12:00:00Z</v></c></row>')).sheets[0]?.cell(
      "A1",
    );
    expect(c).toMatchObject({ kind: "number", isDate: true, value: isoToSerial("2026-03-31") + 0.5 });
  });

  it("places cells and rows that omit r", () => {
    const ws = withSheet(sheetXml("<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>")).sheets[0];
    expect(ws?.cells.map((c) => [c.ref, c.value])).toEqual([
      ["A1", 1],
      ["B1", 2],
      ["A2", 3],
    ]);
  });

  it("sorts cells written out of order", () => {
    const ws = withSheet(
      sheetXml('<row r="2"><c r="B2"><v>2</v></c><c r="A2"><v>1</v></c></row><row r="1"><c r="C1"><v>0</v></c></row>'),
    ).sheets[0];
    expect(ws?.cells.map((c) => c.ref)).toEqual(["C1", "A2", "B2"]);
  });

  it("gives shared-formula children their own shifted formula", () => {
    const ws = withSheet(
      sheetXml(
        '<row r="1"><c r="C1"><f t="shared" ref="C1:D3" si="0">A1+$B$1*SUM(A$1:B1)&amp;"A1"&amp;Sheet2!A1</f><v>1</v></c></row>' +
          '<row r="3"><c r="D3"><f t="shared" si="0"/><v>2</v></c></row>',
      ),
    ).sheets[0];
    expect(ws?.cell("D3")?.formula).toBe('B3+$B$1*SUM(B$1:C3)&"A1"&Sheet2!B3');
  });

  it("reports a formula without cached value with an empty value", () => {
    const c = withSheet(sheetXml('<row r="1"><c r="A1"><f>SUM(B1:B2)</f></c></row>')).sheets[0]?.cell("A1");
    expect(c).toMatchObject({ kind: "string", value: "", formula: "SUM(B1:B2)" });
  });

  it("skips empty styled cells", () => {
    const ws = withSheet(sheetXml('<row r="1"><c r="A1" s="0"/><c r="B1"></c><c r="C1"><v>5</v></c></row>')).sheets[0];
    expect(ws?.cells.map((c) => c.ref)).toEqual(["C1"]);
  });

  it("finds parts through relationships with absolute targets and odd names and case", () => {
    const rels = zipText(base, "xl/_rels/workbook.xml.rels").replace(
      'Target="worksheets/sheet1.xml"',
      'Target="/XL/Sheets/Data%201.XML"',
    );
    const ct = zipText(base, "[Content_Types].xml").replace("/xl/worksheets/sheet1.xml", "/xl/sheets/Data 1.xml");
    const moved = patchZip(base, {
      "xl/worksheets/sheet1.xml": null,
      "xl/sheets/Data 1.xml": zipText(base, "xl/worksheets/sheet1.xml"),
      "xl/_rels/workbook.xml.rels": rels,
      "[Content_Types].xml": ct,
    });
    expect(readXlsx(moved).sheets[0]?.cell("A2")?.value).toBe(201);
  });

  it("shifts 1904-system dates to the 1900 system", () => {
    const wbXml = zipText(base, "xl/workbook.xml").replace(/<workbookPr[^>]*\/>/, '<workbookPr date1904="true"/>');
    const bytes = patchZip(base, { "xl/workbook.xml": wbXml });
    const direct = readXlsx(base).sheets[0]?.cell("B2");
    const shifted = readXlsx(bytes).sheets[0]?.cell("B2");
    expect(direct?.isDate).toBe(true);
    expect((shifted?.value as number) - (direct?.value as number)).toBe(1462);
  });

  it("detects a macro-enabled workbook", () => {
    const ct = zipText(base, "[Content_Types].xml").replace(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    );
    const bytes = patchZip(base, { "[Content_Types].xml": ct, "xl/vbaProject.bin": new Uint8Array([1, 2, 3]) });
    expect(detectFormat(bytes)).toBe("xlsm");
    const wb = readXlsx(bytes);
    expect([wb.format, wb.hasMacros]).toEqual(["xlsm", true]);
  });
});
