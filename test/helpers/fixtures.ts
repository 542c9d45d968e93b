/**
 * Builders of test .xlsx files (and of hostile or foreign files) for reader tests. Workbooks are written
 * with ExcelJS (tests only); what ExcelJS cannot write (custom properties, x14 validations) is added by
 * patching the zip with fflate. Everything is built in memory at test time: nothing binary is checked in.
 */
import ExcelJS from "exceljs";
import {
  strFromU8,
  strToU8,
  unzipSync,
  Zip,
  ZipDeflate,
  ZipPassThrough,
  zipSync,
  type ZipInputFile,
  type Zippable,
} from "fflate";
import { crc32 } from "node:zlib";
import { columnLetter } from "../../src/workbook/a1";
import { concat } from "../../src/util/bytes";

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** "Nghệ An" spelled with combining marks (NFD), as some Mac/LibreOffice inputs arrive. */
export const NFD_NGHE_AN = "Nghe\u0323\u0302 An";
export const NFC_TITLE = "Phụ lục nhiệm vụ Kế hoạch triển khai Nghị quyết 08-NQ/TU";

/** Dates are written at UTC midnight/noon so the serials are exact whatever the test machine's zone. */
export const SAMPLE_DATE = new Date(Date.UTC(2026, 0, 15));
export const SAMPLE_DATETIME = new Date(Date.UTC(2026, 5, 30, 14, 30));

export const SAMPLE_SHEETS = { main: "Báo cáo", list: "Danh mục", config: "Cấu hình", plain: "Ghi chú" } as const;

/**
 * A report-form-like workbook exercising every feature the reader handles: strings (shared, rich, NFC
 * and NFD Vietnamese), numbers, dates in several formats, booleans, errors, formulas with cached
 * results (incl. a shared formula), merges, validations, locked/unlocked cells, protection with and
 * without a password, defined names, hidden and veryHidden sheets, core properties.
 */
export async function buildSampleWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Văn phòng Tỉnh uỷ";
  wb.lastModifiedBy = "Sở Nội vụ";
  wb.title = "Báo cáo Phụ lục NQ08";
  wb.created = new Date(Date.UTC(2026, 0, 2, 8, 0));
  wb.modified = new Date(Date.UTC(2026, 0, 3, 9, 30));

  const ws = wb.addWorksheet(SAMPLE_SHEETS.main);
  const list = wb.addWorksheet(SAMPLE_SHEETS.list, { state: "hidden" });
  const config = wb.addWorksheet(SAMPLE_SHEETS.config, { state: "veryHidden" });
  const plain = wb.addWorksheet(SAMPLE_SHEETS.plain);

  ws.getCell("A1").value = NFC_TITLE;
  ws.mergeCells("A1:F1");
  ws.getCell("A2").value = NFD_NGHE_AN;
  ws.getCell("A3").value = { richText: [{ text: "Đơn vị: " }, { text: "Sở Nội vụ", font: { bold: true } }] };
  ws.getCell("A4").value = "  khoảng trắng đầu và cuối  ";
  ws.getCell("A5").value = "Dòng 1\nDòng 2 <&> \"trích\" 'nháy'";
  ws.getCell("A6").value = NFC_TITLE; // repeats a shared string

  ws.getCell("B2").value = 42;
  ws.getCell("B3").value = 3.14159;
  ws.getCell("B3").numFmt = "0.00";
  ws.getCell("B4").value = -1e-7;
  ws.getCell("B5").value = 1234567.891;
  ws.getCell("B5").numFmt = "#,##0.00";
  ws.getCell("B6").value = -5;
  ws.getCell("B6").numFmt = "[Red]0.00";
  ws.getCell("B7").value = 0.25;
  ws.getCell("B7").numFmt = "0%";

  ws.getCell("C2").value = SAMPLE_DATE;
  ws.getCell("C2").numFmt = "dd/mm/yyyy";
  ws.getCell("C3").value = SAMPLE_DATETIME;
  ws.getCell("C3").numFmt = "yyyy-mm-dd hh:mm";
  ws.getCell("C4").value = SAMPLE_DATE;
  ws.getCell("C4").numFmt = "mm-dd-yy"; // built-in id 14
  ws.getCell("C5").value = SAMPLE_DATE;
  ws.getCell("C5").numFmt = '[$-42A]d "tháng" m "năm" yyyy';
  ws.getCell("C6").value = 0.5;
  ws.getCell("C6").numFmt = "h:mm";

  ws.getCell("D2").value = true;
  ws.getCell("D3").value = false;

  ws.getCell("E2").value = { error: "#N/A" };
  ws.getCell("E3").value = { error: "#DIV/0!" };

  ws.getCell("F2").value = { formula: "B2*2", result: 84 };
  ws.getCell("F3").value = { formula: 'CONCATENATE("a","b")', result: "ab" };
  ws.getCell("F4").value = { formula: "B2>1", result: true };
  ws.getCell("F5").value = { formula: "B2/0", result: { error: "#DIV/0!" } };
  // A shared formula: G2 is the anchor, G3:G4 refer to it.
  ws.getCell("G2").value = { formula: "B2+1", result: 43, shareType: "shared", ref: "G2:G4" } as ExcelJS.CellValue;
  ws.getCell("G3").value = { sharedFormula: "G2", result: 4.14159 } as ExcelJS.CellValue;
  ws.getCell("G4").value = { sharedFormula: "G2", result: 1 - 1e-7 } as ExcelJS.CellValue;

  // Input cells the unit fills: unlocked; everything else keeps Excel's default (locked).
  for (const ref of ["H2", "H3", "H4"]) {
    ws.getCell(ref).protection = { locked: false };
  }
  ws.getCell("H2").value = "Đang thực hiện";
  ws.getCell("H3").value = 17;

  for (let r = 2; r <= 10; r++) {
    ws.getCell(`I${r}`).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: ['"Có,Không"'],
      showErrorMessage: true,
      errorTitle: "Sai giá trị",
      error: "Chọn Có hoặc Không",
    };
    ws.getCell(`J${r}`).dataValidation = {
      type: "whole",
      operator: "between",
      allowBlank: false,
      formulae: [0, 100],
      showInputMessage: true,
      promptTitle: "Tỉ lệ",
      prompt: "Nhập số nguyên từ 0 đến 100",
      showErrorMessage: true,
    };
  }
  ws.mergeCells("B9:D10");
  await ws.protect("matkhau", { spinCount: 1000, selectLockedCells: true, selectUnlockedCells: true });

  ["Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Quá hạn", "Không thực hiện"].forEach((v, i) => {
    list.getCell(i + 1, 1).value = v;
  });
  config.getCell("A1").value = "formVersion";
  config.getCell("B1").value = 3;
  plain.getCell("A1").value = "Ghi chú tự do";
  await plain.protect("", { spinCount: 1000 });

  wb.definedNames.add(`'${SAMPLE_SHEETS.list}'!$A$1:$A$5`, "DanhSachTrangThai");
  wb.definedNames.add(`'${SAMPLE_SHEETS.config}'!$B$1`, "PhienBan");

  const bytes = await workbookBytes(wb);
  return addX14ListValidation(
    addCustomProperties(bytes, { formId: "NQ08-PL", unitCode: "SNV", kỳBáoCáo: "2026-Q1" }),
    "xl/worksheets/sheet1.xml",
    `'${SAMPLE_SHEETS.list}'!$A$1:$A$5`,
    "K2:K20",
  );
}

/** A typical filled form: `rows` × `cols` with a header row, text, numbers, dates and a total formula. */
export async function buildForm(rows = 40, cols = 15): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Biểu mẫu");
  for (let c = 1; c <= cols; c++) ws.getCell(1, c).value = `Cột ${c} — tiêu đề`;
  for (let r = 2; r <= rows; r++) {
    for (let c = 1; c <= cols; c++) {
      const cell = ws.getCell(r, c);
      switch (c % 5) {
        case 0:
          cell.value = `Nội dung ${r}-${c} đơn vị thực hiện`;
          break;
        case 1:
          cell.value = r * 100 + c;
          break;
        case 2:
          cell.value = new Date(Date.UTC(2026, (r + c) % 12, 1 + ((r * c) % 28)));
          cell.numFmt = "dd/mm/yyyy";
          break;
        case 3:
          cell.value = { formula: `A${r}*2`, result: (r * 100 + 1) * 2 };
          break;
        default:
          cell.value = r % 2 === 0;
      }
    }
  }
  return workbookBytes(wb);
}

/** Replace, add (string or bytes) or delete (null) entries of a zip. For building fixtures only. */
export function patchZip(bytes: Uint8Array, edits: Record<string, string | Uint8Array | null>): Uint8Array {
  const files: Zippable = unzipSync(bytes);
  for (const [name, content] of Object.entries(edits)) {
    if (content === null) delete files[name];
    else files[name] = typeof content === "string" ? strToU8(content) : content;
  }
  return zipSync(files);
}

export function zipText(bytes: Uint8Array, name: string): string {
  const entry = unzipSync(bytes, { filter: (f) => f.name === name })[name];
  if (!entry) throw new Error(`fixture: no ${name}`);
  return strFromU8(entry);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** docProps/custom.xml with string properties, plus its relationship and content type. */
export function addCustomProperties(bytes: Uint8Array, props: Record<string, string>): Uint8Array {
  const body = Object.entries(props)
    .map(
      ([k, v], i) =>
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${escapeXml(k)}"><vt:lpwstr>${escapeXml(v)}</vt:lpwstr></property>`,
    )
    .join("");
  const custom =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
    `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${body}</Properties>`;
  const ct = zipText(bytes, "[Content_Types].xml").replace(
    "</Types>",
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
  );
  const rels = zipText(bytes, "_rels/.rels").replace(
    "</Relationships>",
    '<Relationship Id="rIdCustom1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
  );
  return patchZip(bytes, { "docProps/custom.xml": custom, "[Content_Types].xml": ct, "_rels/.rels": rels });
}

/** The x14 extension-list form of a list validation, as Excel writes when the source is on another sheet. */
export function addX14ListValidation(bytes: Uint8Array, sheetPart: string, source: string, sqref: string): Uint8Array {
  const xml = zipText(bytes, sheetPart);
  const ext =
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
    '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
    '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" promptTitle="Trạng thái" prompt="Chọn trong danh sách">' +
    `<x14:formula1><xm:f>${escapeXml(source)}</xm:f></x14:formula1><xm:sqref>${sqref}</xm:sqref>` +
    "</x14:dataValidation></x14:dataValidations></ext></extLst>";
  const patched = xml.includes("<extLst>")
    ? xml.replace("<extLst>", ext.slice(0, -"</extLst>".length))
    : xml.replace("</worksheet>", `${ext}</worksheet>`);
  return patchZip(bytes, { [sheetPart]: patched });
}

/** The "billion laughs" entity expansion attack. */
export const BILLION_LAUGHS =
  '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
  Array.from({ length: 9 }, (_, i) => {
    const prev = i === 0 ? "lol" : `lol${i}`;
    return ` <!ENTITY lol${i + 1} "${`&${prev};`.repeat(10)}">\n`;
  }).join("") +
  ']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>';

/** Bits packed LSB-first as DEFLATE wants; Huffman codes go in most-significant bit first. */
class BitWriter {
  private out: Uint8Array<ArrayBuffer>;
  private bit = 0;
  constructor(capacity: number) {
    this.out = new Uint8Array(capacity);
  }
  bits(value: number, n: number): void {
    for (let i = 0; i < n; i++) {
      if ((value >>> i) & 1) this.out[this.bit >>> 3] = (this.out[this.bit >>> 3] ?? 0) | (1 << (this.bit & 7));
      this.bit++;
    }
  }
  code(code: number, n: number): void {
    for (let i = n - 1; i >= 0; i--) this.bits((code >>> i) & 1, 1);
  }
  bytes(): Uint8Array<ArrayBuffer> {
    return this.out.slice(0, (this.bit + 7) >>> 3);
  }
}

/**
 * Raw DEFLATE of `n` zero bytes in one fixed-Huffman block: a literal 0, then back-references of
 * length 258 at distance 1 (13 bits each, so ~160:1), then literals for the rest. Built directly in
 * a few milliseconds, without ever holding the expanded bytes.
 */
export function deflatedZeros(n: number): Uint8Array<ArrayBuffer> {
  const matches = Math.floor((n - 1) / 258);
  const rest = n - 1 - matches * 258;
  const w = new BitWriter(Math.ceil((3 + 8 + matches * 13 + rest * 8 + 7) / 8) + 1);
  w.bits(1, 1); // BFINAL
  w.bits(1, 2); // BTYPE = fixed Huffman
  w.code(0x30, 8); // literal 0
  for (let i = 0; i < matches; i++) {
    w.code(0xc5, 8); // length code 285 = 258
    w.code(0, 5); // distance code 0 = 1
  }
  for (let i = 0; i < rest; i++) w.code(0x30, 8);
  w.code(0, 7); // end of block
  return w.bytes();
}

/**
 * A workbook whose first worksheet inflates to `zeroBytes` zeros, while the file stays ~1/160 of
 * that. `lieAboutSize` declares a tiny uncompressed size in the headers, as hostile files do.
 */
export function buildZipBomb(template: Uint8Array, zeroBytes = 200 * 1024 * 1024, lieAboutSize = false): Uint8Array {
  const original = unzipSync(template);
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  const bombName = "xl/worksheets/sheet1.xml";
  for (const [name, data] of Object.entries(original)) {
    if (name === bombName) {
      const zeros = Buffer.alloc(1024 * 1024);
      let crc = 0;
      for (let left = zeroBytes; left > 0; left -= zeros.length)
        crc = crc32(zeros.subarray(0, Math.min(left, zeros.length)), crc);
      const file: ZipInputFile = { filename: name, size: lieAboutSize ? 1000 : zeroBytes, crc, compression: 8 };
      zip.add(file);
      file.ondata?.(null, deflatedZeros(zeroBytes), true);
    } else {
      const entry = new ZipPassThrough(name);
      zip.add(entry);
      entry.push(data, true);
    }
  }
  zip.end();
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** A worksheet with `cells` numeric cells (rows of 100, each with its reference), streamed into the zip. */
export function buildCellBomb(template: Uint8Array, cells: number): Uint8Array {
  const original = unzipSync(template);
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, data] of Object.entries(original)) {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    if (name !== "xl/worksheets/sheet1.xml") {
      entry.push(data, true);
      continue;
    }
    entry.push(
      strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
      ),
    );
    const perRow = 100;
    for (let r = 1; r * perRow <= cells + perRow - 1; r++) {
      let row = `<row r="${r}">`;
      for (let c = 0; c < perRow && (r - 1) * perRow + c < cells; c++) {
        row += `<c r="${columnLetter(c + 1)}${r}"><v>${(r * 7919 + c * 104729) % 1000003}</v></c>`;
      }
      entry.push(strToU8(`${row}</row>`));
    }
    entry.push(strToU8("</sheetData></worksheet>"), true);
  }
  zip.end();
  return concat(chunks);
}

/**
 * A minimal but well-formed OLE2 compound file (MS-CFB v3, 512-byte sectors) holding the given streams
 * in regular sectors — e.g. EncryptionInfo + EncryptedPackage, which is how Office stores an .xlsx
 * protected by an open password.
 */
export function buildCompoundFile(streams: { name: string; data: Uint8Array }[]): Uint8Array {
  const SECTOR = 512;
  const ENDOFCHAIN = 0xfffffffe;
  const FREESECT = 0xffffffff;
  const FATSECT = 0xfffffffd;
  const NOSTREAM = 0xffffffff;
  // Streams under 4096 bytes belong in the mini stream; pad so that regular sectors are legal.
  const padded = streams.map((s) => {
    const size = Math.max(4096, s.data.length);
    const d = new Uint8Array(Math.ceil(size / SECTOR) * SECTOR);
    d.set(s.data);
    return { name: s.name, data: d, size };
  });
  const dirEntries = 1 + padded.length;
  const dirSectors = Math.ceil((dirEntries * 128) / SECTOR);
  const dataSectors = padded.reduce((s, p) => s + p.data.length / SECTOR, 0);
  const totalSectors = 1 + dirSectors + dataSectors; // FAT + directory + data
  if (totalSectors > SECTOR / 4) throw new Error("fixture: compound file too big for one FAT sector");
  const out = new Uint8Array(SECTOR * (1 + totalSectors));
  const dv = new DataView(out.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => (out[i] = b));
  dv.setUint16(0x18, 0x3e, true);
  dv.setUint16(0x1a, 3, true);
  dv.setUint16(0x1c, 0xfffe, true);
  dv.setUint16(0x1e, 9, true);
  dv.setUint16(0x20, 6, true);
  dv.setUint32(0x2c, 1, true); // FAT sectors
  dv.setUint32(0x30, 1, true); // first directory sector
  dv.setUint32(0x38, 4096, true);
  dv.setUint32(0x3c, ENDOFCHAIN, true);
  dv.setUint32(0x44, ENDOFCHAIN, true);
  for (let i = 0; i < 109; i++) dv.setUint32(0x4c + i * 4, i === 0 ? 0 : FREESECT, true);
  const sectorOffset = (s: number): number => (s + 1) * SECTOR;
  const fat = new Array<number>(SECTOR / 4).fill(FREESECT);
  fat[0] = FATSECT;
  for (let s = 1; s <= dirSectors; s++) fat[s] = s === dirSectors ? ENDOFCHAIN : s + 1;
  let next = 1 + dirSectors;
  const starts: number[] = [];
  for (const p of padded) {
    const n = p.data.length / SECTOR;
    starts.push(next);
    for (let k = 0; k < n; k++) fat[next + k] = k === n - 1 ? ENDOFCHAIN : next + k + 1;
    out.set(p.data, sectorOffset(next));
    next += n;
  }
  fat.forEach((v, i) => dv.setUint32(sectorOffset(0) + i * 4, v, true));
  const writeEntry = (
    index: number,
    name: string,
    type: number,
    child: number,
    right: number,
    start: number,
    size: number,
  ) => {
    const at = sectorOffset(1) + index * 128;
    for (let i = 0; i < name.length; i++) dv.setUint16(at + i * 2, name.charCodeAt(i), true);
    dv.setUint16(at + 0x40, (name.length + 1) * 2, true);
    out[at + 0x42] = type;
    out[at + 0x43] = 1; // black
    dv.setUint32(at + 0x44, NOSTREAM, true);
    dv.setUint32(at + 0x48, right, true);
    dv.setUint32(at + 0x4c, child, true);
    dv.setUint32(at + 0x74, start, true);
    dv.setUint32(at + 0x78, size, true);
  };
  writeEntry(0, "Root Entry", 5, padded.length > 0 ? 1 : NOSTREAM, NOSTREAM, ENDOFCHAIN, 0);
  padded.forEach((p, i) =>
    writeEntry(i + 1, p.name, 2, NOSTREAM, i + 1 < padded.length ? i + 2 : NOSTREAM, starts[i] ?? 0, p.size),
  );
  return out;
}

/** Deterministic pseudo-random bytes (xorshift), never starting with a known signature. */
export function randomBytes(n: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out[0] = 0x01;
  return out;
}
