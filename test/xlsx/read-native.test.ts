/**
 * The reader's faster paths must not change what it reads or what it refuses:
 * - a native raw-deflate decoder (Node's zlib) gives the same workbook as the built-in one, and zip
 *   bombs are still stopped on that path (the decoder is told the limit; what it returns is checked);
 * - valuesOnly leaves out validations only;
 * - elements a handler skips are passed over, but never in a way that hides a DOCTYPE/ENTITY, a
 *   comment's or CDATA's contents, or a "<" inside an attribute value.
 */
import { strToU8, unzipSync, Zip, ZipPassThrough, type ZipInputFile } from "fflate";
import { deflateRawSync, inflateRawSync } from "zlib";
import { nodeInflateRaw } from "../../src/cli/native-inflate";
import { builtinPlan, reportingUnits } from "../../src/plan";
import { reportPeriod } from "../../src/schedule";
import { reportForm } from "../../src/workbook/form";
import {
  DEFAULT_LIMITS,
  readXlsx,
  XlsxReadError,
  type InflateRaw,
  type ReadOptions,
  type ReadWorkbook,
} from "../../src/xlsx/read";
import { parseXml, type Attrs } from "../../src/xlsx/read/xml";
import { renderXlsx } from "../../src/xlsx/write";
import { filledSample } from "../helpers/fill-form";
import { buildForm, buildSampleWorkbook, buildZipBomb, patchZip, zipText } from "../helpers/fixtures";

/** The workbook as plain data (the sheet()/cell() lookups dropped). */
const plain = (wb: ReadWorkbook): unknown => JSON.parse(JSON.stringify(wb)) as unknown;

function failure(bytes: Uint8Array, options?: ReadOptions): XlsxReadError {
  try {
    readXlsx(bytes, options);
  } catch (e) {
    if (e instanceof XlsxReadError) return e;
    throw new Error(`expected XlsxReadError, got ${String(e)}`);
  }
  throw new Error("expected readXlsx to fail");
}

/** nodeInflateRaw, recording what it was asked for and what it gave back. */
function recording(inner: InflateRaw = nodeInflateRaw) {
  const calls: { maxOutput: number; returned: number | "threw" }[] = [];
  const inflate: InflateRaw = (compressed, maxOutput) => {
    try {
      const out = inner(compressed, maxOutput);
      calls.push({ maxOutput, returned: out.length });
      return out;
    } catch (e) {
      calls.push({ maxOutput, returned: "threw" });
      throw e;
    }
  };
  return { inflate, calls };
}

/** A copy of `template` whose sheet1 entry holds `data` as its (raw deflate) compressed bytes. */
function withRawSheet(template: Uint8Array, data: Uint8Array, size: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [name, content] of Object.entries(unzipSync(template))) {
    if (name === "xl/worksheets/sheet1.xml") {
      const entry: ZipInputFile = { filename: name, size, crc: 0, compression: 8 };
      zip.add(entry);
      entry.ondata?.(null, new Uint8Array(data), true);
    } else {
      const entry = new ZipPassThrough(name);
      zip.add(entry);
      entry.push(content, true);
    }
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let o = 0;
  for (const c of chunks) (out.set(c, o), (o += c.length));
  return out;
}

const plan = builtinPlan();
const period = reportPeriod("2026-H1")!;
const [commune, provincial] = [
  reportingUnits(plan).find((u) => u.level === "commune")!,
  reportingUnits(plan).find((u) => u.level === "provincial")!,
];

let sample: Uint8Array;
let grid: Uint8Array;
let form: Uint8Array;
let filled: Uint8Array;

beforeAll(async () => {
  sample = await buildSampleWorkbook();
  grid = await buildForm(40, 15);
  form = renderXlsx(reportForm(plan, commune, period));
  const tasks = plan.assignments.get(provincial.code)!;
  filled = filledSample(renderXlsx(reportForm(plan, provincial, period)), tasks);
});

const corpus = (): [string, Uint8Array][] => [
  ["an ExcelJS sample workbook (x14 validation, hidden sheets, dates)", sample],
  ["a 40×15 ExcelJS grid", grid],
  ["a blank report form", form],
  ["a filled report form", filled],
];

describe("native raw-deflate decoder", () => {
  it.each(corpus().map(([label]) => [label]))("reads %s exactly as the built-in decoder does", (label) => {
    const bytes = corpus().find(([l]) => l === label)![1];
    const native = recording();
    const viaNative = readXlsx(bytes, { inflateRaw: native.inflate });
    expect(native.calls.length).toBeGreaterThan(3);
    expect(plain(viaNative)).toEqual(plain(readXlsx(bytes)));
    expect(plain(readXlsx(bytes, { inflateRaw: nodeInflateRaw, valuesOnly: true }))).toEqual(
      plain(readXlsx(bytes, { valuesOnly: true })),
    );
  });

  it.each([
    ["declaring its true size", false],
    ["lying about its size", true],
  ])("stops a 200 MB zip bomb %s, never asked for more than the limit", (_label, lie) => {
    const bomb = buildZipBomb(form, 200 * 1024 * 1024, lie);
    const native = recording();
    const e = failure(bomb, { inflateRaw: native.inflate });
    expect(e.code).toBe("zip-bomb");
    expect(e.part).toBe("xl/worksheets/sheet1.xml");
    expect(native.calls.length).toBeGreaterThan(0);
    for (const c of native.calls) {
      expect(c.maxOutput).toBeLessThanOrEqual(DEFAULT_LIMITS.maxEntryBytes + 1);
      if (c.returned !== "threw") expect(c.returned).toBeLessThanOrEqual(c.maxOutput);
    }
    // The bomb's part was cut short by zlib itself (it threw rather than return 200 MB).
    expect(native.calls.some((c) => c.returned === "threw")).toBe(true);
  });

  it.each([
    ["one part", { maxEntryBytes: 2 * 1024 * 1024, maxRatio: 1e9 }],
    ["all parts", { maxTotalBytes: 2 * 1024 * 1024, maxRatio: 1e9 }],
    ["the ratio", { maxRatio: 50 }],
  ])("caps the actual inflated bytes of %s on the native path", (_label, limits) => {
    const bomb = buildZipBomb(form, 3 * 1024 * 1024);
    expect(failure(bomb, { limits }).code).toBe("zip-bomb");
    expect(failure(bomb, { limits, inflateRaw: nodeInflateRaw }).code).toBe("zip-bomb");
  });

  it("checks the limits on what a decoder returns, even one that ignores maxOutput", () => {
    const bomb = buildZipBomb(form, 3 * 1024 * 1024);
    const careless: InflateRaw = (compressed) => inflateRawSync(compressed);
    expect(failure(bomb, { limits: { maxEntryBytes: 2 * 1024 * 1024 }, inflateRaw: careless }).code).toBe("zip-bomb");
  });

  it("falls back to the built-in decoder when the native one throws", () => {
    const broken: InflateRaw = () => {
      throw new Error("no native decoder today");
    };
    expect(plain(readXlsx(filled, { inflateRaw: broken }))).toEqual(plain(readXlsx(filled)));
  });

  it.each([
    ["truncated", (d: Uint8Array) => d.subarray(0, Math.floor(d.length / 2))],
    ["garbage", () => strToU8("\xff\xff\xff\xff not deflate at all")],
  ])("reports %s deflate data of a part as the built-in decoder does", (_label, damage) => {
    const xml = strToU8(zipText(form, "xl/worksheets/sheet1.xml"));
    const bad = withRawSheet(form, damage(deflateRawSync(xml)), xml.length);
    const builtIn = failure(bad);
    const native = failure(bad, { inflateRaw: nodeInflateRaw });
    expect(builtIn.code).toBe("corrupt");
    expect([native.code, native.part]).toEqual([builtIn.code, builtIn.part]);
  });
});

describe("valuesOnly", () => {
  it.each(corpus().map(([label]) => [label]))("reads %s the same, validations left out", (label) => {
    const bytes = corpus().find(([l]) => l === label)![1];
    const full = readXlsx(bytes);
    const values = readXlsx(bytes, { valuesOnly: true });
    const strip = (wb: ReadWorkbook) => ({
      ...(plain(wb) as object),
      sheets: wb.sheets.map((s) => ({ ...(JSON.parse(JSON.stringify(s)) as object), validations: [] })),
    });
    expect(plain(values)).toEqual(strip(full));
    expect(values.sheets.every((s) => s.validations.length === 0)).toBe(true);
  });

  it("still reads validations without it (the form has them, the sample has an x14 one)", () => {
    expect(readXlsx(form).sheets[0]!.validations.length).toBeGreaterThan(3);
    expect(readXlsx(sample).sheets.some((s) => s.validations.some((v) => v.x14))).toBe(true);
  });

  it("passes over prefixed sections of a worksheet too", () => {
    const xml = zipText(form, "xl/worksheets/sheet1.xml")
      .replace(/<(\/?)([A-Za-z]+[ />])/g, "<$1x:$2")
      .replace("<x:worksheet xmlns=", "<x:worksheet xmlns:x=");
    const prefixed = patchZip(form, { "xl/worksheets/sheet1.xml": xml });
    expect(xml).toContain("<x:dataValidations");
    expect(plain(readXlsx(prefixed))).toEqual(plain(readXlsx(form)));
    expect(plain(readXlsx(prefixed, { valuesOnly: true }))).toEqual(plain(readXlsx(form, { valuesOnly: true })));
  });

  it.each([
    ["a DOCTYPE", "<!DOCTYPE x>", "forbidden-xml"],
    ["an ENTITY", '<!ENTITY x "y">', "forbidden-xml"],
    ["unbalanced tags behind a comment", "<!-- c --><a></b>", "corrupt"],
    ['"<" in an attribute value', '<dataValidation sqref="</dataValidations>"/>', "corrupt"],
  ])("still refuses %s inside a skipped section", (_label, inject, code) => {
    const xml = zipText(form, "xl/worksheets/sheet1.xml").replace(
      /(<dataValidations[^>]*>)/,
      (m: string) => m + inject,
    );
    expect(xml).toContain(inject);
    const bytes = patchZip(form, { "xl/worksheets/sheet1.xml": xml });
    expect(failure(bytes, { valuesOnly: true }).code).toBe(code);
    expect(failure(bytes).code).toBe(code);
  });

  it("still refuses a DOCTYPE in the prolog of a part whose content is mostly skipped", () => {
    const styles = zipText(form, "xl/styles.xml").replace("<styleSheet", "<!DOCTYPE styleSheet><styleSheet");
    expect(failure(patchZip(form, { "xl/styles.xml": styles }), { valuesOnly: true }).code).toBe("forbidden-xml");
  });
});

describe("XML tokenizer: skipped elements", () => {
  function events(xml: string, skip = "skip"): string[] {
    const out: string[] = [];
    parseXml(xml, "t.xml", {
      open: (n: string, a: Attrs, sc: boolean) => {
        out.push(`<${n}${Object.keys(a).length ? ` ${Object.keys(a).join(" ")}` : ""}${sc ? "/" : ""}>`);
        return n === skip;
      },
      close: (n: string) => {
        out.push(`</${n}>`);
      },
      text: (t: string) => {
        out.push(t);
      },
    });
    return out;
  }

  const expected = ["<r>", "<skip a>", "</skip>", "<y/>", "</y>", "t", "</r>"];

  it.each([
    ["plain content", '<r><skip a="1"><x b=">"/>text<z>more</z></skip><y/>t</r>'],
    ["a prefix", '<p:r><p:skip a="1"><p:x/>&amp;</p:skip  ><p:y/>t</p:r>'],
    ["a comment (parsed, held back)", '<r><skip a="1"><!-- </skip> --><x/></skip><y/>t</r>'],
    ["CDATA (parsed, held back)", '<r><skip a="1"><![CDATA[</skip>]]></skip><y/>t</r>'],
    ["a processing instruction", '<r><skip a="1"><?pi </skip>?></skip><y/>t</r>'],
    ["an element of the same name inside", '<r><skip a="1"><skip><skip/></skip></skip><y/>t</r>'],
    ["an apostrophe-quoted value holding a quote", "<r><skip a='1'><x v='\"'/></skip><y/>t</r>"],
  ])("reports only open and close of the skipped element (%s)", (_label, xml) => {
    expect(events(xml)).toEqual(expected);
  });

  it.each([
    ["<r><skip><x a='<'/></skip></r>", "corrupt"],
    ['<r><skip><x a="</skip>"/></skip></r>', "corrupt"],
    // Taken at face value, the "</skip>" inside the value would end the section and leave a well-formed rest.
    ['<r><skip><x a="</skip><y/>"/></r>', "corrupt"],
    ["<r><skip><!-- x --><a></b></skip></r>", "corrupt"],
    ["<r><skip><!-- x -->&bogus;</skip></r>", "corrupt"],
    ["<r><skip><x></skip>", "corrupt"],
    ["<r><skip></skip ", "corrupt"],
    ["<r><skip><!DOCTYPE r></skip></r>", "forbidden-xml"],
    ['<r><skip><!ENTITY e "x"></skip></r>', "forbidden-xml"],
  ])("still rejects %p", (xml, code) => {
    expect(() => events(xml)).toThrow(expect.objectContaining({ code, part: "t.xml" }));
  });
});
