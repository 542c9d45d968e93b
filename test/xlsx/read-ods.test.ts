/** The .ods reader on hand-made OpenDocument files: each construct LibreOffice writes, and hostile ones. */
import { strToU8, zipSync } from "fflate";
import { readXlsx, XlsxReadError } from "../../src/xlsx/read";
import { isoToSerial } from "../../src/dates";

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"';

function ods(body: string, extra: { styles?: string; meta?: string; prolog?: string } = {}): Uint8Array {
  return zipSync({
    mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
    "content.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?>${extra.prolog ?? ""}<office:document-content ${NS}><office:automatic-styles>${extra.styles ?? ""}</office:automatic-styles><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`,
    ),
    ...(extra.meta
      ? {
          "meta.xml": strToU8(
            `<office:document-meta ${NS}><office:meta>${extra.meta}</office:meta></office:document-meta>`,
          ),
        }
      : {}),
  });
}

function failure(bytes: Uint8Array): XlsxReadError {
  try {
    readXlsx(bytes);
  } catch (e) {
    if (e instanceof XlsxReadError) return e;
    throw e;
  }
  throw new Error("expected a failure");
}

describe("reading .ods", () => {
  it("reads values, types, repeats, merges, hidden sheets, protection, names and meta.xml", () => {
    const wb = readXlsx(
      ods(
        `<table:table table:name="Báo cáo" table:protected="true">
          <table:table-row>
            <table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Tiêu đề</text:p></table:table-cell>
            <table:covered-table-cell/>
            <table:table-cell office:value-type="percentage" office:value="0.45"><text:p>45%</text:p></table:table-cell>
            <table:table-cell office:value-type="date" office:date-value="2026-06-30"><text:p>30/06/2026</text:p></table:table-cell>
          </table:table-row>
          <table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
          <table:table-row>
            <table:table-cell table:number-columns-repeated="2"/>
            <table:table-cell table:style-name="open" office:value-type="string"><text:p>Kết quả<text:s text:c="2"/>hai</text:p><text:p>dòng <text:span>hai</text:span></text:p><office:annotation><text:p>ghi chú</text:p></office:annotation></table:table-cell>
            <table:table-cell table:formula="of:=[.C1]*100" office:value-type="float" office:value="45"><text:p>45</text:p></table:table-cell>
            <table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>
            <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>
          </table:table-row>
        </table:table>
        <table:table table:name="_nq08" table:style-name="hid"><table:table-row><table:table-cell office:value-type="float" office:value="3" table:number-columns-repeated="2"/></table:table-row></table:table>
        <table:named-expressions><table:named-expression table:name="NQ08_UnitCode" table:expression="of:=&quot;SNV&quot;"/></table:named-expressions>`,
        {
          styles:
            '<style:style style:name="open" style:family="table-cell"><style:table-cell-properties style:cell-protect="none"/></style:style><style:style style:name="hid" style:family="table"><style:table-properties table:display="false"/></style:style>',
          meta: '<dc:title>Báo cáo</dc:title><dc:date>2026-06-16T08:00:00</dc:date><meta:user-defined meta:name="NQ08_Period">2026-H1</meta:user-defined>',
        },
      ),
    );
    expect(wb.format).toBe("ods");
    const s = wb.sheet("Báo cáo")!;
    expect(s.protection).toEqual({ sheet: true, hasPassword: false });
    expect(s.merges).toEqual(["A1:B1"]);
    expect(s.cell("C1")).toMatchObject({ kind: "number", value: 0.45, numFmt: "0%" });
    expect(s.cell("D1")).toMatchObject({ kind: "number", value: isoToSerial("2026-06-30"), isDate: true });
    // Three repeated empty rows: the next row is row 5.
    expect(s.cell("C5")).toMatchObject({ kind: "string", value: "Kết quả  hai\ndòng hai", locked: false });
    expect(s.cell("D5")).toMatchObject({ value: 45, formula: "[.C1]*100", locked: true });
    expect(s.cell("E5")).toMatchObject({ kind: "error", value: "#DIV/0!" });
    expect(s.cell("F5")).toMatchObject({ kind: "boolean", value: true });
    expect(wb.sheet("_nq08")).toMatchObject({ state: "hidden" });
    expect(wb.sheet("_nq08")!.cells.map((c) => c.ref)).toEqual(["A1", "B1"]);
    expect(wb.definedNames).toEqual([{ name: "NQ08_UnitCode", formula: '="SNV"', hidden: false }]);
    expect(wb.customProperties).toEqual({ NQ08_Period: "2026-H1" });
    expect(wb.core).toEqual({ title: "Báo cáo", modified: "2026-06-16T08:00:00" });
  });

  it("stops a repeated-cell bomb at the cell limit, quickly", () => {
    const bomb = ods(
      '<table:table table:name="x"><table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row></table:table>',
    );
    const t0 = Date.now();
    expect(failure(bomb).code).toBe("too-many-cells");
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it("refuses DOCTYPE and entities, and names a damaged part", () => {
    const laughs = ods("", { prolog: '<!DOCTYPE x [<!ENTITY a "aaaa">]>' });
    expect(failure(laughs).code).toBe("forbidden-xml");
    const bad = ods(
      '<table:table table:name="x"><table:table-row><table:table-cell office:value-type="float" office:value="abc"/></table:table-row></table:table>',
    );
    const e = failure(bad);
    expect(e.code).toBe("corrupt");
    expect(e.text.vi).toContain("content.xml");
  });
});
