/**
 * The reader's shortcuts for batches of forms must read exactly what the full parser reads and
 * refuse exactly what it refuses:
 * - a sheet's rows in the plain shape (values, formulas, shared formulas) are read by a scanner; any
 *   other shape makes it decline and the parser reads the rows from the first;
 * - parts identical byte for byte to a part of an earlier file (styles, relationships, properties)
 *   are parsed once, with the limits counted as if inflated, and never confused with another part.
 */
import { strToU8, unzipSync, zipSync } from "fflate";
import { nodeInflateRaw } from "../../src/cli/native-inflate";
import { builtinPlan, reportingUnits } from "../../src/plan";
import { reportPeriod } from "../../src/schedule";
import { reportForm } from "../../src/workbook/form";
import {
  readXlsx,
  XlsxReadError,
  type InflateRaw,
  type ReadCell,
  type ReadOptions,
  type ReadWorkbook,
} from "../../src/xlsx/read";
import { renderXlsx } from "../../src/xlsx/write";
import { filledSample } from "../helpers/fill-form";
import { patchZip, zipText } from "../helpers/fixtures";

const plan = builtinPlan();
const period = reportPeriod("2026-H1")!;
const unit = reportingUnits(plan).find((u) => u.level === "provincial")!;
const SHEET = "xl/worksheets/sheet1.xml";

const plain = (wb: ReadWorkbook): unknown => JSON.parse(JSON.stringify(wb)) as unknown;

/** A decoder of its own: nothing read before is reused for it (the cache is per decoder). */
const freshDecoder = (): InflateRaw => (c, max) => nodeInflateRaw(c, max);

function failure(bytes: Uint8Array, options?: ReadOptions): { code: string; part: string | undefined } {
  try {
    readXlsx(bytes, options);
  } catch (e) {
    if (e instanceof XlsxReadError) return { code: e.code, part: e.part };
    throw e;
  }
  throw new Error("expected readXlsx to fail");
}

/** The same sheet with a comment opening its rows: the scanner declines it, the parser reads it. */
function forParser(bytes: Uint8Array): Uint8Array {
  const xml = zipText(bytes, SHEET);
  expect(xml).toContain("<sheetData>");
  return patchZip(bytes, { [SHEET]: xml.replace("<sheetData>", "<sheetData><!-- parser -->") });
}

/** Cells given to a sink, and how often the sink was told to start again (the scanner declined). */
function viaSink(bytes: Uint8Array): { cells: ReadCell[]; restarts: number } {
  const out = { cells: [] as ReadCell[], restarts: 0 };
  readXlsx(bytes, {
    cellSink: (name) =>
      name === "Báo cáo"
        ? {
            cell: (c) => void out.cells.push(c),
            restart: () => {
              out.restarts++;
              out.cells = [];
            },
          }
        : undefined,
  });
  return out;
}

let form: Uint8Array;
let filled: Uint8Array;

beforeAll(() => {
  form = renderXlsx(reportForm(plan, unit, period));
  const tasks = plan.assignments.get(unit.code)!;
  filled = filledSample(form, tasks);
});

/** A sheet part around the given rows, in the form's own sheet (its styles stay valid). */
function withRows(rows: string, extra = ""): Uint8Array {
  const xml = zipText(form, SHEET);
  const start = xml.indexOf("<sheetData>");
  const end = xml.indexOf("</sheetData>") + "</sheetData>".length;
  return patchZip(form, { [SHEET]: `${xml.slice(0, start)}<sheetData>${rows}</sheetData>${extra}${xml.slice(end)}` });
}

/** Shapes Excel, LibreOffice and other writers use for plain rows. */
const PLAIN_SHAPES: [string, string][] = [
  [
    "formulas with entities, shared formulas (master and followers), cached results",
    '<row r="7"><c r="A7" s="1"><v>1</v></c><c r="L7" s="1" t="str"><f>IF($E7="","Chưa &amp; &lt;x&gt;",1)</f><v>Chưa &amp; &lt;x&gt;</v></c></row>' +
      '<row r="8"><c r="A8"><f t="shared" ref="A8:A10" si="0">B8*2</f><v>4</v></c></row>' +
      '<row r="9"><c r="A9"><f t="shared" si="0"/><v>6</v></c></row>' +
      '<row r="10"><c r="A10"><f t="shared" si="0"></f><v>8</v></c></row>',
  ],
  [
    "every value type, empty and self-closing values, attributes in any order and quoting",
    '<row r="1" spans="1:6" x14ac:dyDescent="0.25"><c t="b" r="A1"><v>1</v></c><c r=\'B1\' t=\'e\'><v>#N/A</v></c>' +
      '<c r="C1" t="d"><v>2026-06-30T00:00:00</v></c><c r="D1" t="s"><v>0</v></c><c r="E1"><v/></c><c r="F1"></c>' +
      '<c r="G1" s="-1" cm="1"><v>1.5e3</v></c><c r="H1" t="str"><v>&#7889;&#x1EA1;</v></c></row>',
  ],
  [
    "references written otherwise, cells and rows without a number, a cell outside its row",
    '<row r="2"><c r="$B$2"><v>1</v></c><c r="c2"><v>2</v></c><c><v>3</v></c></row><row><c><v>4</v></c></row>' +
      '<row r="5"/><row r="6"><c r="A30"><v>5</v></c><c r="A6"><v>6</v></c></row>',
  ],
  [
    "white space between elements and inside start tags",
    '\n  <row r="3" >\n    <c r="A3"\n       s="2" >\n      <f>1+1</f>\n      <v>2</v>\n    </c>\n  </row>\n',
  ],
];

describe("the plain-rows scanner", () => {
  it("reads a generated form and a filled one without declining, exactly as the parser", () => {
    for (const bytes of [form, filled]) {
      const sink = viaSink(bytes);
      expect(sink.restarts).toBe(0);
      const scanned = readXlsx(bytes);
      expect(plain(scanned)).toEqual(plain(readXlsx(forParser(bytes))));
      expect(sink.cells).toEqual(scanned.sheets[0]!.cells);
      expect(scanned.sheets[0]!.cells.length).toBeGreaterThan(50);
    }
    expect(readXlsx(filled).sheets[0]!.cells.some((c) => c.formula === 'T("chữ")')).toBe(true);
  });

  it.each(PLAIN_SHAPES)("reads %s as the parser does", (_label, rows) => {
    const bytes = withRows(rows);
    expect(viaSink(bytes).restarts).toBe(0);
    const scanned = readXlsx(bytes);
    expect(plain(scanned)).toEqual(plain(readXlsx(forParser(bytes))));
    expect(scanned.sheets[0]!.cells.length).toBeGreaterThan(0);
  });

  it.each([
    ["inline text", '<row r="1"><c r="A1" t="inlineStr"><is><t>chữ</t></is></c></row>'],
    ["a comment inside a value", '<row r="1"><c r="A1"><v>1<!-- x -->2</v></c></row>'],
    ["CDATA", '<row r="1"><c r="A1" t="str"><v><![CDATA[a<b]]></v></c></row>'],
    ["prefixed elements", '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'],
    ["white space in an end tag", '<row r="1"><c r="A1"><v>1</v ></c></row>'],
    ["an entity in an attribute", '<row r="1"><c r="A&#49;"><v>1</v></c></row>'],
    ["a rich value element", '<row r="1"><c r="A1"><v>1</v><extLst/></c></row>'],
    ["text between cells", '<row r="1"><c r="A1"><v>1</v></c>x<c r="B1"><v>2</v></c></row>'],
    [
      "a shared formula's follower before its master",
      '<row r="1"><c r="A1"><f t="shared" si="0"/><v>1</v></c></row>' +
        '<row r="2"><c r="A2"><f t="shared" ref="A1:A3" si="0">B2</f><v>2</v></c></row>' +
        '<row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row>',
    ],
  ])("declines %s, and the parser's reading stands", (_label, rows) => {
    const bytes = withRows(rows);
    expect(viaSink(bytes).restarts).toBe(1);
    expect(plain(readXlsx(bytes))).toEqual(plain(readXlsx(forParser(bytes))));
  });

  it.each([
    ["an undefined entity in a value", '<row r="1"><c r="A1" t="str"><v>&bogus;</v></c></row>'],
    ["a number that is not one", '<row r="1"><c r="A1"><v>12abc</v></c></row>'],
    ["a shared string that does not exist", '<row r="1"><c r="A1" t="s"><v>99999</v></c></row>'],
    ["a bad cell reference", '<row r="1"><c r="1A"><v>1</v></c></row>'],
    ["a bad row number", '<row r="0"><c r="A1"><v>1</v></c></row>'],
    ["a bad date", '<row r="1"><c r="A1" t="d"><v>30/06/2026</v></c></row>'],
    ["an unclosed cell", '<row r="1"><c r="A1"><v>1</v></row>'],
  ])("refuses %s exactly as the parser does", (_label, rows) => {
    const bytes = withRows(rows);
    const e = failure(bytes);
    expect(e.code).toBe("corrupt");
    expect(e).toEqual(failure(forParser(bytes)));
  });

  it("stops at the cell limit exactly where the parser does", () => {
    const cells = Array.from({ length: 30 }, (_, i) => `<c r="A${i + 1}"><v>${i}</v></c>`);
    const bytes = withRows(cells.map((c, i) => `<row r="${i + 1}">${c}</row>`).join(""));
    const limits = { maxCells: 20 };
    const e = failure(bytes, { limits });
    expect(e.code).toBe("too-many-cells");
    expect(e).toEqual(failure(forParser(bytes), { limits }));
  });

  it("a <sheetData> hidden inside a skipped element is not read as the sheet's rows", () => {
    const hidden = '<sheetPr><sheetData><row r="1"><c r="Z1"><v>666</v></c></row></sheetData></sheetPr>';
    const xml = zipText(form, SHEET).replace(/<sheetPr>.*?<\/sheetPr>/, hidden);
    expect(xml).toContain(hidden);
    const wb = readXlsx(patchZip(form, { [SHEET]: xml }));
    expect(wb.sheets[0]!.cell("Z1")).toBeUndefined();
    expect(plain(wb)).toEqual(plain(readXlsx(form)));
  });
});

const SST = "xl/sharedStrings.xml";

/** The form with its shared strings replaced by `items` (<si> elements), and read the parser's way too. */
function withStrings(items: string): { scanned: ReadWorkbook; parsed: ReadWorkbook } {
  const xml = zipText(form, SST);
  const open = xml.indexOf(">", xml.indexOf("<sst")) + 1;
  const body = `${xml.slice(0, open)}${items}</sst>`;
  // Enough strings for every index the sheet uses: the form's own, after the ones under test.
  const own = xml.slice(open, xml.indexOf("</sst>"));
  const bytes = patchZip(form, { [SST]: body.replace("</sst>", `${own}</sst>`) });
  const viaParser = patchZip(form, { [SST]: `${xml.slice(0, open)}<!-- parser -->${items}${own}</sst>` });
  return { scanned: readXlsx(bytes), parsed: readXlsx(viaParser) };
}

describe("the plain shared-strings scanner", () => {
  it.each([
    [
      "plain strings, entities, kept spaces, _x escapes",
      '<si><t>chữ &amp; &lt;số&gt;</t></si><si><t xml:space="preserve">  a  </t></si><si><t>_x000D_x</t></si><si><t/></si>',
    ],
    ["white space between elements", "\n<si>\n <t>a</t>\n</si>\n"],
    ["rich text runs (declined)", "<si><r><rPr><b/></rPr><t>đậm</t></r><r><t> thường</t></r></si>"],
    ["phonetic runs (declined)", '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>'],
    ["a comment inside (declined)", "<si><t>a<!-- x -->b</t></si>"],
  ])("reads %s as the parser does", (_label, items) => {
    const { scanned, parsed } = withStrings(items);
    expect(plain(scanned)).toEqual(plain(parsed));
    const title = scanned.sheets[0]!.cell("A1")!;
    expect(title.kind).toBe("string");
  });

  it("refuses an undefined entity as the parser does", () => {
    const xml = zipText(form, SST);
    const bytes = patchZip(form, { [SST]: xml.replace("<si><t>", "<si><t>&bogus;") });
    const e = failure(bytes);
    expect(e).toEqual({ code: "corrupt", part: SST });
    expect(failure(patchZip(form, { [SST]: xml.replace("<si><t>", "<!-- x --><si><t>&bogus;") }))).toEqual(e);
  });
});

/** `bytes` with each part stored as given (no compression), so stored bytes can be compared. */
function stored(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 0 });
}

/** Overwrites the declared CRC-32 and size of `name` in the central directory and local header. */
function declare(bytes: Uint8Array, name: string, crc: number, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const key = strToU8(name);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    const central = sig === 0x02014b50;
    if (!central && sig !== 0x04034b50) continue;
    const nameAt = i + (central ? 46 : 30);
    const nameLen = view.getUint16(i + (central ? 28 : 26), true);
    if (nameLen !== key.length || !key.every((b, k) => out[nameAt + k] === b)) continue;
    view.setUint32(i + (central ? 16 : 14), crc, true);
    view.setUint32(i + (central ? 24 : 22), size, true);
  }
  return out;
}

function crcOf(bytes: Uint8Array, name: string): { crc: number; size: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const key = strToU8(name);
  for (let i = 0; i + 46 < bytes.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLen = view.getUint16(i + 28, true);
    if (nameLen === key.length && key.every((b, k) => bytes[i + 46 + k] === b))
      return { crc: view.getUint32(i + 16, true), size: view.getUint32(i + 24, true) };
  }
  throw new Error(`no ${name}`);
}

describe("parts shared by many files", () => {
  it("reads a batch the same with a warm cache as each file alone", () => {
    const files = [form, filled, form, filled];
    const warm = files.map((b) => plain(readXlsx(b, { inflateRaw: nodeInflateRaw })));
    const alone = files.map((b) => plain(readXlsx(b, { inflateRaw: freshDecoder() })));
    expect(warm).toEqual(alone);
    expect(files.map((b) => plain(readXlsx(b)))).toEqual(alone);
  });

  it.each([
    ["all parts", { maxTotalBytes: 4000, maxRatio: 1e9 }],
    ["one part", { maxEntryBytes: 2000, maxRatio: 1e9 }],
  ])("counts a known part against the limits of %s as if it had been inflated", (_label, limits) => {
    readXlsx(form, { inflateRaw: nodeInflateRaw });
    readXlsx(form);
    const fresh = failure(form, { limits, inflateRaw: freshDecoder() });
    expect(fresh.code).toBe("zip-bomb");
    expect(failure(form, { limits, inflateRaw: nodeInflateRaw })).toEqual(fresh);
    expect(failure(form, { limits })).toEqual(fresh);
  });

  it("gives each read its own names and properties: changing one file's does not reach the next", () => {
    const first = readXlsx(filled);
    const before = plain(readXlsx(filled));
    first.definedNames[0]!.name = "changed";
    first.definedNames.pop();
    first.customProperties["NQ08_UnitCode"] = "changed";
    first.core.modified = "changed";
    first.app.application = "changed";
    expect(plain(readXlsx(filled))).toEqual(before);
  });

  it("never takes one part for another with the same name, declared checksum and size", () => {
    const files = unzipSync(form);
    const styles = new TextDecoder().decode(files["xl/styles.xml"]);
    // The same length, another meaning: the date format becomes a number format.
    const dated = styles.replace('formatCode="dd/mm/yyyy"', 'formatCode="0.00000000"');
    expect(dated.length).toBe(styles.length);
    expect(dated).not.toBe(styles);
    const original = stored(files);
    const { crc, size } = crcOf(original, "xl/styles.xml");
    const twin = declare(stored({ ...files, "xl/styles.xml": strToU8(dated) }), "xl/styles.xml", crc, size);
    expect(crcOf(twin, "xl/styles.xml")).toEqual({ crc, size });

    const a = readXlsx(original);
    const b = readXlsx(twin);
    const number = (wb: ReadWorkbook) => wb.sheets[0]!.cells.find((c) => c.kind === "number")!;
    expect([number(a).isDate, number(a).numFmt]).toEqual([true, "dd/mm/yyyy"]);
    expect([number(b).isDate, number(b).numFmt]).toEqual([false, "0.00000000"]);
    expect(plain(b)).toEqual(plain(readXlsx(twin, { inflateRaw: freshDecoder() })));
    expect(plain(a)).toEqual(plain(readXlsx(original, { inflateRaw: freshDecoder() })));
  });

  it("refuses a damaged part every time, never from a cache", () => {
    const broken = patchZip(form, { "xl/styles.xml": "<styleSheet><numFmts></styleSheet>" });
    expect(failure(broken).code).toBe("corrupt");
    expect(failure(broken)).toEqual(failure(broken, { inflateRaw: freshDecoder() }));
    expect(failure(broken).part).toBe("xl/styles.xml");
  });
});
