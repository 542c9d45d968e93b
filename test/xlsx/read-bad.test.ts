import { strToU8, zipSync } from "fflate";
import { detectFormat, readXlsx, XlsxReadError, type InputFormat, type ReadOptions } from "../../src/xlsx/read";
import {
  BILLION_LAUGHS,
  buildCellBomb,
  buildCompoundFile,
  buildForm,
  buildZipBomb,
  patchZip,
  randomBytes,
  zipText,
} from "../helpers/fixtures";

let form: Uint8Array;

beforeAll(async () => {
  form = await buildForm(5, 5);
});

function failure(bytes: Uint8Array, options?: ReadOptions): XlsxReadError {
  try {
    readXlsx(bytes, options);
  } catch (e) {
    if (e instanceof XlsxReadError) return e;
    throw new Error(`expected XlsxReadError, got ${String(e)}`);
  }
  throw new Error("expected readXlsx to fail");
}

function expectUsefulMessage(e: XlsxReadError): void {
  expect(e.text.vi.length).toBeGreaterThan(30);
  expect(e.text.en.length).toBeGreaterThan(30);
  expect(e.text.vi).toBe(e.text.vi.normalize("NFC"));
  expect(e.message).toContain(e.text.vi);
  expect(e.message).toContain(e.text.en);
}

const encryptedOle = (): Uint8Array =>
  buildCompoundFile([
    { name: "EncryptionInfo", data: new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]) },
    { name: "EncryptedPackage", data: randomBytes(6000) },
  ]);
const xlsOle = (): Uint8Array => buildCompoundFile([{ name: "Workbook", data: randomBytes(5000, 7) }]);

describe("readXlsx refuses bad input with a code and a message", () => {
  const cases: [string, () => Uint8Array, InputFormat, XlsxReadError["code"]][] = [
    ["an empty file", () => new Uint8Array(0), "empty", "empty"],
    ["random bytes", () => randomBytes(3000), "unknown", "not-xlsx"],
    ["a CSV text file", () => strToU8("Mã đơn vị,Giá trị\nSNV,12\n"), "text", "not-xlsx"],
    [
      "an HTML page named .xls",
      () => strToU8("\ufeff<html><body><table><tr><td>1</td></tr></table></body></html>"),
      "text",
      "not-xlsx",
    ],
    ["an OLE2 file with EncryptionInfo (password-protected .xlsx)", encryptedOle, "encrypted", "encrypted"],
    ["an OLE2 workbook (.xls)", xlsOle, "xls", "xls"],
    ["a zip without a workbook", () => zipSync({ "readme.txt": strToU8("xin chào") }), "zip", "not-xlsx"],
    [
      "a damaged OpenDocument spreadsheet",
      () =>
        zipSync({
          mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
          "content.xml": strToU8("<office:document-content><table:table"),
        }),
      "ods",
      "corrupt",
    ],
    [
      "an OpenDocument spreadsheet without content.xml",
      () => zipSync({ mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }] }),
      "ods",
      "missing-part",
    ],
    ["an .xlsx without xl/workbook.xml", () => patchZip(form, { "xl/workbook.xml": null }), "xlsx", "missing-part"],
    [
      "an .xlsx without its worksheet",
      () => patchZip(form, { "xl/worksheets/sheet1.xml": null }),
      "xlsx",
      "missing-part",
    ],
    ["a truncated .xlsx", () => form.slice(0, Math.floor(form.length * 0.7)), "zip", "corrupt"],
  ];

  it.each(cases)("%s", (_label, make, format, code) => {
    const bytes = make();
    expect(detectFormat(bytes)).toBe(format);
    const e = failure(bytes);
    expect(e.code).toBe(code);
    expectUsefulMessage(e);
  });

  it("tells an .xls sender to save as .xlsx", () => {
    expect(failure(xlsOle()).text.vi).toBe(
      "Tệp Excel cũ (.xls). Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx rồi gửi lại.",
    );
  });

  it("rejects a file over maxFileBytes before unzipping", () => {
    const e = failure(form, { limits: { maxFileBytes: 1000 } });
    expect(e.code).toBe("too-large");
    expectUsefulMessage(e);
  });

  it("reports damaged compressed data as corrupt, naming the part", () => {
    // Overwrite the middle of the worksheet's deflate stream; the central directory stays intact.
    const bytes = form.slice();
    const name = strToU8("xl/worksheets/sheet1.xml");
    let at = -1;
    for (let i = 0; i < bytes.length - 4 && at < 0; i++) {
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 3 && bytes[i + 3] === 4) {
        const n = (bytes[i + 26] ?? 0) | ((bytes[i + 27] ?? 0) << 8);
        if (n === name.length && name.every((b, k) => bytes[i + 30 + k] === b)) at = i;
      }
    }
    const start = at + 30 + name.length + ((bytes[at + 28] ?? 0) | ((bytes[at + 29] ?? 0) << 8));
    for (let i = start + 20; i < start + 120; i++) bytes[i] = 0xff;
    const e = failure(bytes);
    expect(e.code).toBe("corrupt");
    expect(e.part).toBe("xl/worksheets/sheet1.xml");
  });

  it.each([
    ["an unclosed element", '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>'],
    ["a truncated document", '<worksheet><sheetData><row r="1">'],
    [
      "an undefined entity",
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row></sheetData></worksheet>',
    ],
    ["an unquoted attribute", "<worksheet><sheetData><row r=1></row></sheetData></worksheet>"],
    ["two roots", "<worksheet/><worksheet/>"],
    ["a bad cell reference", '<worksheet><sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData></worksheet>'],
    ["a non-numeric number", '<worksheet><sheetData><row r="1"><c r="A1"><v>abc</v></c></row></sheetData></worksheet>'],
    [
      "a missing shared string",
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>999</v></c></row></sheetData></worksheet>',
    ],
  ])("reports malformed worksheet XML (%s) as corrupt with the part name", (_label, xml) => {
    const e = failure(patchZip(form, { "xl/worksheets/sheet1.xml": xml }));
    expect(e.code).toBe("corrupt");
    expect(e.part).toBe("xl/worksheets/sheet1.xml");
    expect(e.text.en).toContain("xl/worksheets/sheet1.xml");
  });

  it("refuses DOCTYPE/ENTITY (billion laughs) in sharedStrings", () => {
    const e = failure(patchZip(form, { "xl/sharedStrings.xml": BILLION_LAUGHS }));
    expect(e.code).toBe("forbidden-xml");
    expect(e.part).toBe("xl/sharedStrings.xml");
    expectUsefulMessage(e);
  });

  it("refuses an external-entity DOCTYPE in the workbook part", () => {
    const wb = zipText(form, "xl/workbook.xml").replace(
      "<workbook",
      '<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><workbook',
    );
    expect(failure(patchZip(form, { "xl/workbook.xml": wb })).code).toBe("forbidden-xml");
  });

  it.each([
    ["declaring its true size", false],
    ["lying about its size", true],
  ])("stops a 200 MB zip bomb %s", (_label, lie) => {
    const bomb = buildZipBomb(form, 200 * 1024 * 1024, lie);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const e = failure(bomb);
    expect(e.code).toBe("zip-bomb");
    expect(e.part).toBe("xl/worksheets/sheet1.xml");
    expectUsefulMessage(e);
  });

  it("caps the actual inflated bytes of a part even at a modest ratio", () => {
    const bomb = buildZipBomb(form, 3 * 1024 * 1024);
    expect(failure(bomb, { limits: { maxEntryBytes: 2 * 1024 * 1024, maxRatio: 1e9 } }).code).toBe("zip-bomb");
    expect(failure(bomb, { limits: { maxTotalBytes: 2 * 1024 * 1024, maxRatio: 1e9 } }).code).toBe("zip-bomb");
  });

  it("refuses a zip with too many entries", () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 50; i++) files[`f${i}.txt`] = strToU8("x");
    expect(failure(zipSync(files), { limits: { maxEntries: 20 } }).code).toBe("zip-bomb");
  });

  it("stops a cell-count bomb", () => {
    const bomb = buildCellBomb(form, 120_000);
    expect(readXlsx(bomb, { limits: { maxCells: 120_000 } }).sheets[0]?.cells).toHaveLength(120_000);
    const e = failure(bomb, { limits: { maxCells: 100_000 } });
    expect(e.code).toBe("too-many-cells");
    expectUsefulMessage(e);
  });

  it("applies a lower cell limit across sheets", () => {
    expect(failure(form, { limits: { maxCells: 10 } }).code).toBe("too-many-cells");
    expect(readXlsx(form, { limits: { maxCells: 25 } }).sheets[0]?.cells).toHaveLength(25);
  });
});
