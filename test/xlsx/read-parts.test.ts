import { inflateSync } from "fflate";
import { shiftFormula } from "../../src/xlsx/read/formula";
import { resolveTarget, relsPartOf } from "../../src/xlsx/read/package";
import { isBuiltinDateId, isDateFormatCode } from "../../src/xlsx/read/styles";
import { parseXml, xmlBool, type Attrs } from "../../src/xlsx/read/xml";
import { XlsxReadError } from "../../src/xlsx/read";
import { deflatedZeros } from "../helpers/fixtures";

describe("date number formats", () => {
  it.each([
    ["dd/mm/yyyy", true],
    ["yyyy-mm-dd hh:mm", true],
    ["yyyy\\-mm\\-dd\\ hh:mm", true],
    ["[$-42A]d mmmm yyyy", true],
    ['d "tháng" m "năm" yyyy', true],
    ["h:mm AM/PM", true],
    ["[h]:mm:ss", true],
    ["[mm]", true],
    ["General", false],
    ["[Red]0.00", false],
    ["[RED]#,##0;[Blue]-#,##0", false],
    ['0.00 "ngày"', false],
    ["#,##0\\ \\d", false],
    ["0.00E+00", false],
    ["_-* #,##0_-;-* #,##0_-", false],
    ["@", false],
    ["[$₫-42A]#,##0", false],
    ["", false],
  ])("%p → %p", (code, isDate) => {
    expect(isDateFormatCode(code)).toBe(isDate);
  });

  it("knows the built-in date ids", () => {
    const ids = Array.from({ length: 60 }, (_, i) => i).filter(isBuiltinDateId);
    expect(ids).toEqual([
      14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55,
      56, 57, 58,
    ]);
  });
});

describe("shared formula shifting", () => {
  it.each([
    ["A1+B2", 1, 1, "B2+C3"],
    ["$A$1+A$1+$A1", 2, 2, "$A$1+C$1+$A3"],
    ['SUM(A1:A3)&"A1"', 1, 0, 'SUM(A2:A4)&"A1"'],
    ["'Sheet 1'!A1*LOG10(B1)", 0, 1, "'Sheet 1'!B1*LOG10(C1)"],
    ["Table1[Col1]+A1", 1, 0, "Table1[Col1]+A2"],
    ["A1-1", -1, 0, "#REF!-1"],
    ["TRUE+XFD1", 0, 0, "TRUE+XFD1"],
  ])("%s moved by (%i, %i) → %s", (formula, dr, dc, expected) => {
    expect(shiftFormula(formula, dr, dc)).toBe(expected);
  });
});

describe("part names", () => {
  it.each([
    ["xl/workbook.xml", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"],
    ["xl/workbook.xml", "/xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"],
    ["xl/workbook.xml", "../customXml/item1.xml", "customXml/item1.xml"],
    ["xl/workbook.xml", "./styles.xml", "xl/styles.xml"],
    ["", "xl/workbook.xml", "xl/workbook.xml"],
  ])("%s + %s → %s", (source, target, resolved) => {
    expect(resolveTarget(source, target)).toBe(resolved);
  });

  it("finds the .rels of a part", () => {
    expect(relsPartOf("xl/workbook.xml")).toBe("xl/_rels/workbook.xml.rels");
    expect(relsPartOf("")).toBe("_rels/.rels");
  });
});

describe("XML tokenizer", () => {
  function events(xml: string): string[] {
    const out: string[] = [];
    parseXml(xml, "t.xml", {
      open: (n: string, a: Attrs, sc: boolean) =>
        out.push(
          `<${n}${Object.entries(a)
            .map(([k, v]) => ` ${k}=${v}`)
            .join("")}${sc ? "/" : ""}>`,
        ),
      close: (n: string) => out.push(`</${n}>`),
      text: (t: string) => out.push(t),
    });
    return out;
  }

  it("reports local names, decoded attributes, text, CDATA; skips comments and PIs", () => {
    expect(
      events(
        '<?xml version="1.0"?><!-- c --><x:a xmlns:x="u" r:id=\'r1\' v="&lt;&#65;&#x42;&quot;\tz"><?pi x?><b/>t&amp;u<![CDATA[<&>]]></x:a >',
      ),
    ).toEqual(['<a x=u id=r1 v=<AB" z>', "<b/>", "</b>", "t&u", "<&>", "</a>"]);
  });

  it.each([
    ["<a><b></a></b>"],
    ["<a>"],
    ["<a b=1/>"],
    ['<a b="1"c="2"/>'],
    ['<a b="<"/>'],
    ["<a>&unknown;</a>"],
    ["<a>&#0;</a>"],
    ["<a>&#xD800;</a>"],
    ["text<a/>"],
    ["<a/><b/>"],
    [""],
    ["<a><!-- x </a>"],
    ["<a><![CDATA[x</a>"],
    ["<a></b>"],
  ])("rejects %p as corrupt", (xml) => {
    let error: unknown;
    try {
      events(xml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XlsxReadError);
    expect((error as XlsxReadError).code).toBe("corrupt");
    expect((error as XlsxReadError).part).toBe("t.xml");
  });

  it.each(["<!DOCTYPE a><a/>", '<a><!ENTITY x "y"></a>', "<!doctype a><a/>"])("refuses %p", (xml) => {
    expect(() => events(xml)).toThrow(expect.objectContaining({ code: "forbidden-xml" }));
  });

  it.each([
    ["1", true],
    ["true", true],
    ["0", false],
    ["false", false],
    [undefined, true],
    ["maybe", true],
  ])("xmlBool(%p) with default true → %p", (v, expected) => {
    expect(xmlBool(v, true)).toBe(expected);
  });
});

describe("test fixture: hand-built deflate of zeros", () => {
  it("inflates to exactly that many zeros", () => {
    const out = inflateSync(deflatedZeros(100_003));
    expect(out.length).toBe(100_003);
    expect(out.every((b) => b === 0)).toBe(true);
  });
});
