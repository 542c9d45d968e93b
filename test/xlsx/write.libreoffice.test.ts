/**
 * The .xlsx writer against LibreOffice: print to PDF (page size, pages, repeated header, nothing cut
 * off, first page without header) and re-save as .xlsx (validations, protection, custom properties and
 * the solid data bar survive). Two soffice runs in all; each converts several files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { isoToSerial } from "../../src/dates";
import type { WorkbookSpec } from "../../src/workbook/model";
import { renderXlsx } from "../../src/xlsx/write";
import { legacyPasswordHash } from "../../src/xlsx/write/protection";
import { convertManyWithLibreOffice, convertWithLibreOffice } from "../helpers/libreoffice";
import { pdfInfo, pdfPages } from "../helpers/pdf";
import { fullSpec, LONG_LIST, makeSheet, makeSpec } from "./writeFixtures";

const ROWS = 64;
const HEADERS = ["STT", "Nội dung nhiệm vụ", "Thời gian", "Trạng thái"];

/** Long wrapped task texts; each ends with a unique word so a cut-off line is noticed. */
function longText(n: number): string {
  const words =
    "Tiếp tục đẩy mạnh chuyển đổi số, nâng cao chất lượng nguồn nhân lực và hiệu quả quản trị địa phương".split(" ");
  const body = Array.from({ length: 12 + (n % 5) * 6 }, (_, i) => words[(i + n) % words.length]).join(" ");
  return `${body} hoànthành${String(n).padStart(3, "0")}`;
}

function printSpec(): WorkbookSpec {
  const rows = [
    { cells: HEADERS.map((value) => ({ value, style: "header" })) },
    ...Array.from({ length: ROWS }, (_, i) => ({
      // LibreOffice (7.4) does not size rows when it opens an .xlsx, so builders must
      // give wrapped rows a height. Generous: ≈ 60 characters a line in the 70-character column (LibreOffice fits ≈ 80), 16 pt a line.
      height: Math.ceil(longText(i + 1).length / 60) * 16 + 6,
      cells: [
        { value: i + 1, style: "cell" },
        { value: longText(i + 1), style: "cell" },
        { value: { date: "2027-06-30" }, style: "date" },
        { value: LONG_LIST[i % LONG_LIST.length] ?? "", style: "cell" },
      ],
    })),
  ];
  return makeSpec({
    defaultFont: { name: "Times New Roman", size: 12 },
    styles: {
      header: {
        font: { bold: true },
        border: "thin",
        alignment: { horizontal: "center", vertical: "center", wrap: true },
      },
      cell: { border: "thin", alignment: { vertical: "top", wrap: true } },
      date: { border: "thin", numberFormat: "dd/mm/yyyy", alignment: { vertical: "top" } },
    },
    sheets: [
      makeSheet({
        name: "In thử",
        columns: [{ width: 6 }, { width: 70 }, { width: 14 }, { width: 18 }],
        rows,
        freeze: { rows: 1, columns: 0 },
        print: {
          paper: "A4",
          orientation: "landscape",
          marginsMm: { top: 20, bottom: 20, left: 25, right: 15, header: 10, footer: 10 },
          fitToWidth: true,
          repeatRows: { first: 1, last: 1 },
          centerHorizontally: true,
          header: { center: "Trang &P", firstPageDifferent: true },
          footer: { center: "Chân trang NQ08" },
        },
      }),
    ],
  });
}

/** Entity-decoded text (LibreOffice escapes more than we do, e.g. quotes as &quot;). */
function decode(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+);/g, (_, e: string) =>
    e === "lt"
      ? "<"
      : e === "gt"
        ? ">"
        : e === "quot"
          ? '"'
          : e === "apos"
            ? "'"
            : e === "amp"
              ? "&"
              : String.fromCharCode(Number(e.slice(1))),
  );
}

/** Every <name …>…</name> or <name …/> element: decoded attributes and the inner XML as it is. */
function elements(xml: string, name: string): Array<{ attrs: Record<string, string>; body: string }> {
  const re = new RegExp(`<${name}((?:\\s+[\\w:]+="[^"]*")*)\\s*(?:/>|>([\\s\\S]*?)</${name}>)`, "g");
  return [...xml.matchAll(re)].map((m) => ({
    attrs: Object.fromEntries(
      [...(m[1] ?? "").matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1] ?? "", decode(a[2] ?? "")]),
    ),
    body: m[2] ?? "",
  }));
}

describe("renderXlsx with LibreOffice", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "xlsx-write-lo-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints landscape A4 pages with the header row on every page and no text cut off", async () => {
    const long = join(dir, "long.xlsx");
    const full = join(dir, "full.xlsx");
    writeFileSync(long, renderXlsx(printSpec()));
    writeFileSync(full, renderXlsx(fullSpec()));
    const [longPdf, fullPdf] = await convertManyWithLibreOffice([long, full], "pdf", join(dir, "pdf"));

    const info = pdfInfo(longPdf as string);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    expect(Math.abs(info.width - 842)).toBeLessThanOrEqual(1);
    expect(Math.abs(info.height - 595)).toBeLessThanOrEqual(1);

    const pages = pdfPages(longPdf as string);
    expect(pages).toHaveLength(info.pages);
    pages.forEach((page) => {
      for (const h of HEADERS) expect(page).toContain(h);
      expect(page).toContain("Chân trang NQ08");
    });
    // First page bare, numbers from page 2.
    expect(pages[0]).not.toMatch(/Trang \d/);
    expect(pages[1]).toContain("Trang 2");

    const all = pages.join("\n");
    for (let n = 1; n <= ROWS; n++) expect(all).toContain(`hoànthành${String(n).padStart(3, "0")}`);

    // The kitchen-sink workbook opens and prints its visible sheet.
    const fullText = pdfPages(fullPdf as string).join("\n");
    expect(fullText).toContain("BÁO CÁO TIẾN ĐỘ");
    expect(fullText).toContain("15/03/2026");
  });

  it("keeps validations, sheet protection, the solid data bar and custom properties when LibreOffice re-saves the file", async () => {
    const input = join(dir, "resave.xlsx");
    writeFileSync(input, renderXlsx(fullSpec()));
    const out = await convertWithLibreOffice(input, "xlsx", join(dir, "resaved"));
    const files = unzipSync(new Uint8Array(readFileSync(out)));
    const text = (path: string): string => {
      const data = files[path];
      if (!data) throw new Error(`re-saved file has no ${path}`);
      return strFromU8(data);
    };

    const sheet = text("xl/worksheets/sheet1.xml");
    const validations = elements(sheet, "dataValidation");
    const list = validations.find((v) => v.attrs.type === "list");
    expect(list?.attrs).toMatchObject({
      sqref: "D4:D6",
      promptTitle: "Trạng thái",
      prompt: "Chọn một trạng thái trong danh sách.",
      errorTitle: "Sai giá trị",
      error: "Chỉ chọn trong danh sách.",
      errorStyle: "stop",
    });
    expect(decode(list?.body ?? "")).toContain(`<formula1>"${LONG_LIST.join(",")}"</formula1>`);
    expect(validations.map((v) => v.attrs.type).sort()).toEqual(["date", "decimal", "list", "textLength", "whole"]);
    const date = validations.find((v) => v.attrs.type === "date");
    expect(decode(date?.body ?? "")).toContain(
      `<formula1>${isoToSerial("2026-01-01")}</formula1><formula2>${isoToSerial("2030-12-31")}</formula2>`,
    );

    const [protection] = elements(sheet, "sheetProtection");
    expect(protection?.attrs.sheet).toMatch(/^(1|true)$/);
    expect(protection?.attrs.password?.toUpperCase()).toBe(legacyPasswordHash("secret"));
    // Forbidden actions stay forbidden (absent attributes default to "protected" for these).
    for (const forbidden of ["formatRows", "sort"]) expect(protection?.attrs[forbidden] ?? "1").toMatch(/^(1|true)$/);
    for (const allowed of ["formatColumns", "autoFilter"]) expect(protection?.attrs[allowed]).toMatch(/^(0|false)$/);

    // The data bar survives, still solid: LibreOffice read the x14 twin (without it, it re-saves gradient="true").
    const bar = elements(sheet, "cfRule").find((r) => r.attrs.type === "dataBar");
    expect(bar?.body).toMatch(
      /<cfvo type="num" val="0"\s*(?:\/>|><\/cfvo>)<cfvo type="num" val="1"\s*(?:\/>|><\/cfvo>)/,
    );
    expect(bar?.body).toMatch(/<color rgb="FF638EC6"/);
    const id = /<x14:id>([^<]+)<\/x14:id>/.exec(bar?.body ?? "")?.[1];
    const twin = elements(sheet, "x14:cfRule").find((r) => r.attrs.id === id);
    expect(twin?.attrs.type).toBe("dataBar");
    expect(elements(twin?.body ?? "", "x14:dataBar")[0]?.attrs.gradient).toMatch(/^(0|false)$/);
    expect(sheet).toContain("<xm:sqref>E4:E6</xm:sqref>");

    const custom = elements(text("docProps/custom.xml"), "property").map((p) => [
      p.attrs.name,
      decode(p.body.replace(/<[^>]+>/g, "")),
    ]);
    expect(Object.fromEntries(custom)).toEqual(fullSpec().customProperties);
  });
});
