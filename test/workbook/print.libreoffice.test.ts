/**
 * What leaders read, printed by LibreOffice on A4 and measured on the PDF (`pdftotext -bbox`):
 * body text size at print scale, columns that fit the page, page numbers and repeated headers,
 * the helper columns left off paper, a 1,000-character result printed whole, and the
 * consolidated workbook in Vietnamese only (no paths, no English).
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { consolidateJob, type ConsolidationOutput } from "../../src/jobs/consolidate";
import { builtinPlan, reportingUnits } from "../../src/plan";
import { OVERDUE_UNREPORTED_LABEL, reportPeriod } from "../../src/schedule";
import { CONSOLIDATED_SHEETS, consolidatedWorkbook } from "../../src/workbook/consolidated";
import { reportForm } from "../../src/workbook/form";
import { FORM_SIGNATURE } from "../../src/workbook/form-layout";
import type { WorkbookSpec } from "../../src/workbook/model";
import { TRACKING_SHEET, trackingWorkbook } from "../../src/workbook/tracking";
import { officialPrint } from "../../src/workbook/print";
import { wrappedRowHeight } from "../../src/workbook/styles";
import { renderXlsx } from "../../src/xlsx/write";
import { fillForm } from "../helpers/fill-form";
import { convertManyWithLibreOffice } from "../helpers/libreoffice";
import {
  medianWordHeight,
  pdfPages,
  pdfPageSizes,
  pdfRawText,
  pdfRowBands,
  pdfWords,
  type PdfWord,
} from "../helpers/pdf";

const plan = builtinPlan();
const period = reportPeriod("2026-H1")!;
const units = reportingUnits(plan);
const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, "");
const only = (spec: WorkbookSpec, name: string): WorkbookSpec => ({
  ...spec,
  sheets: spec.sheets.filter((s) => s.name === name),
  activeSheet: 0,
});
const LONG_PHRASE = "Đã tổ chức quán triệt, xây dựng kế hoạch và triển khai thực hiện đến các chi bộ, đảng viên; ";
/** 1,000 characters of a result, as a unit might write one. */
const LONG = "Đã tổ chức quán triệt, triển khai thực hiện nghị quyết đến toàn thể cán bộ, đảng viên; "
  .repeat(12)
  .slice(0, 1000);
const STATUSES = ["Hoàn thành", "Đang thực hiện", "Chưa triển khai", null];
/** Texts whose rows get wrappedRowHeight's estimate: the plan's tasks, prose of every length, capitals, bold. */
const ESTIMATED: { text: string; short: string; bold: boolean }[] = [
  ...plan.tasks.map((t, i) => ({ text: t.content, short: t.content.slice(0, 90), bold: i % 5 === 0 })),
  ...[1, 3, 6, 11].map((n) => ({ text: LONG_PHRASE.repeat(n).trim(), short: "Đang thực hiện", bold: false })),
  {
    text: "BAN THƯỜNG VỤ TỈNH ỦY CHỈ ĐẠO CÁC CẤP ỦY, TỔ CHỨC ĐẢNG TRIỂN KHAI THỰC HIỆN NGHIÊM TÚC, ĐỒNG BỘ NGHỊ QUYẾT",
    short: "ĐẢNG CỘNG SẢN VIỆT NAM — MẶT TRẬN TỔ QUỐC",
    bold: true,
  },
  {
    text: "Mỗi mùa, mỗi năm: 100% (1.234/1.234) xã, phường hoàn thành; mức 2026-2030 là WWW MMM.",
    short: "mmm www",
    bold: false,
  },
];
const ESTIMATE_WIDTHS = [4, 58, 28];

describe("printed on A4 by LibreOffice", () => {
  const dir = mkdtempSync(join(tmpdir(), "nq08-print-"));
  const odsDir = mkdtempSync(join(tmpdir(), "nq08-print-ods-"));
  const out = mkdtempSync(join(tmpdir(), "nq08-print-out-"));
  const write = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  const pdf: Record<string, string> = {};
  const words: Record<string, PdfWord[]> = {};
  /** Points of PDF word height per point of font size, measured on 10 pt text printed at 100 %. */
  let perPoint = 0;
  let consolidated: ConsolidationOutput;
  const sheetFiles: Record<string, string> = {};

  beforeAll(async () => {
    const btctu = units.find((u) => u.code === "BTCTU")!;
    const blank = renderXlsx(reportForm(plan, btctu, period));
    const owed = plan.assignments.get("BTCTU")!;
    const long = write(
      "form-long.xlsx",
      fillForm(
        blank,
        owed.map((task, i) => ({ task, status: "Đang thực hiện", result: i === 0 ? LONG : "Đã ban hành kế hoạch." })),
        { preparer: "Nguyễn Văn A", phone: "0912345678", preparedOn: { date: "2026-06-10" } },
      ),
    );
    // Forms from 24 units (folders in their names, as files from an archive have), filled variously.
    const files = units.slice(0, 24).map((u, k) => ({
      name: `bao-cao/thang-6/${u.code}.xlsx`,
      bytes: fillForm(
        renderXlsx(reportForm(plan, u, period)),
        (plan.assignments.get(u.code) ?? []).map((task, i) => ({
          task,
          status: STATUSES[(k + i) % 4]!,
          ...((k + i) % 4 === 0 ? { completedOn: { date: "2026-05-10" } } : {}),
          ...((k + i) % 4 === 3 ? {} : { result: `Kết quả của ${u.name} về nhiệm vụ ${task}: đã ban hành văn bản.` }),
        })),
        { preparer: "Trần Thị B", phone: "0987654321", preparedOn: { date: "2026-06-12" } },
      ),
    }));
    consolidated = await consolidateJob(files, { plan, asOf: "2026-06-20", period });
    const spec = consolidatedWorkbook(plan, consolidated.result);
    for (const [key, name] of Object.entries(CONSOLIDATED_SHEETS))
      sheetFiles[key] = write(`c-${key}.xlsx`, renderXlsx(only(spec, name)));
    const calibration: WorkbookSpec = {
      ...only(spec, CONSOLIDATED_SHEETS.summary),
      defaultFont: { name: "Times New Roman", size: 10 },
      styles: {},
      sheets: [
        {
          name: "x",
          visibility: "visible",
          columns: [{ width: 40 }],
          rows: [{ cells: [{ value: "Chữ cỡ mười điểm in đúng cỡ" }] }],
          merges: [],
          validations: [],
          conditionalFormats: [],
          tables: [],
          showGridLines: false,
        },
      ],
    };
    // Rows as tall as wrappedRowHeight says, printed at 100 %: the estimate against LibreOffice.
    const estimateStyle = (bold: boolean) => ({
      font: { name: "Times New Roman", size: 13, bold },
      border: "thin" as const,
      alignment: { vertical: "top" as const, wrap: true, horizontal: "left" as const },
    });
    const estimate: WorkbookSpec = {
      ...calibration,
      defaultFont: { name: "Times New Roman", size: 13 },
      styles: { plain: estimateStyle(false), bold: estimateStyle(true) },
      sheets: [
        {
          ...calibration.sheets[0]!,
          columns: ESTIMATE_WIDTHS.map((width) => ({ width })),
          rows: [
            { cells: [{ value: "TT", style: "plain" }, { value: "Nội dung", style: "plain" }, null] },
            ...ESTIMATED.map((e, i) => ({
              height: wrappedRowHeight([null, e.text, e.short], ESTIMATE_WIDTHS, 13, e.bold),
              cells: [
                { value: i + 1, style: "plain" },
                { value: e.text, style: e.bold ? "bold" : "plain" },
                { value: e.short, style: e.bold ? "bold" : "plain" },
              ],
            })),
          ],
          print: {
            ...officialPrint({ headerRows: { first: 1, last: 1 } }),
            // At 100 %, so the row heights are the estimate's points.
            fitToWidth: false,
          },
        },
      ],
    };
    // A unit filling the form in LibreOffice saves it (here as .ods): LibreOffice refits the rows
    // whose height is automatic when it opens its own file, as it does while the unit types.
    const [ods] = await convertManyWithLibreOffice([long], "ods", odsDir);
    const inputs = {
      calibration: write("calibration.xlsx", renderXlsx(calibration)),
      estimate: write("estimate.xlsx", renderXlsx(estimate)),
      tracking: write(
        "tracking.xlsx",
        renderXlsx(only(trackingWorkbook(plan, { asOf: "2026-11-30", today: "2026-12-01" }), TRACKING_SHEET)),
      ),
      form: write("form-blank.xlsx", blank),
      formLong: ods!,
      ...sheetFiles,
    };
    const pdfs = await convertManyWithLibreOffice(Object.values(inputs), "pdf", out, 240000);
    Object.keys(inputs).forEach((k, i) => {
      pdf[k] = pdfs[i]!;
      words[k] = pdfWords(pdfs[i]!);
    });
    perPoint = medianWordHeight(words.calibration!) / 10;
  });

  const size = (key: string) => medianWordHeight(words[key]!) / perPoint;

  it("calibrates: 10 pt text at 100 % measures as 10 pt", () => {
    expect(perPoint).toBeGreaterThan(1);
    expect(size("calibration")).toBeCloseTo(10, 5);
  });

  it("prints the body of 'Tổng hợp' at 11 pt or more, every other sheet at 10 pt or more", () => {
    const sizes = Object.fromEntries(
      ["summary", "byTask", "byUnit", "missing", "problems", "tracking", "form", "formLong"].map((k) => [k, size(k)]),
    );
    expect(sizes.summary).toBeGreaterThanOrEqual(11);
    for (const [k, pt] of Object.entries(sizes)) expect({ k, ok: pt >= 10 - 0.05 }).toEqual({ k, ok: true });
  });

  it("keeps every column on the page (A4 landscape, nothing past the right margin)", () => {
    for (const k of ["summary", "byTask", "byUnit", "missing", "problems", "tracking", "form", "formLong"]) {
      for (const s of pdfPageSizes(pdf[k]!)) expect([k, Math.round(s.width)]).toEqual([k, 842]);
      // 15 mm right margin = 42.5 pt: text ends before 842 − 42.5 (centred tables leave more).
      const right = Math.max(...words[k]!.map((w) => w.xMax));
      expect({ k, right: right <= 842 - 42 }).toEqual({ k, right: true });
    }
    const first = pdfPages(pdf.byTask!)[0]!;
    for (const h of ["TT", "Đơn vị", "Tình trạng", "Kết quả thực hiện", "Phân loại"]) expect(first).toContain(h);
  });

  it("numbers pages from page 2 and repeats the header row on every page", () => {
    for (const [k, header] of [
      ["byTask", "Kết quả thực hiện"],
      ["problems", "Giá trị trong tệp"],
      ["tracking", "Nội dung công việc"],
    ] as const) {
      const pages = pdfPages(pdf[k]!);
      expect({ k, pages: pages.length >= 2 }).toEqual({ k, pages: true });
      pages.forEach((page, i) => {
        expect(page).toContain(header);
        if (i > 0) expect(page.split("\n").slice(0, 3).join(" ")).toMatch(new RegExp(`\\b${i + 1}\\b`));
      });
    }
  });

  it("sizes rows by wrappedRowHeight so LibreOffice prints every line inside them, with little to spare", () => {
    const numbers = ESTIMATED.map((_, i) => i + 1);
    const bands = pdfRowBands(pdf.estimate!, "TT", numbers);
    const sorted = (ws: string[]) => ws.map((w) => w.normalize("NFC")).sort();
    let estimated = 0;
    let printed = 0;
    ESTIMATED.forEach((e, i) => {
      const band = bands.get(i + 1);
      // Every word of the row's two cells lies within the row's band: none was pushed below it.
      expect({ row: i + 1, words: sorted(band ?? []) }).toEqual({
        row: i + 1,
        words: sorted(`${e.text} ${e.short}`.split(/\s+/).filter((w) => w !== "")),
      });
      // Lines printed: the distinct baselines between this row's number and the next one's.
      const all = words.estimate!;
      const left = Math.min(...all.map((w) => w.xMin));
      const anchor = (n: number) => all.find((w) => w.text === String(n) && w.xMin < left + 10);
      const a = anchor(i + 1)!;
      const next = anchor(i + 2);
      const end = next && next.page === a.page ? next.yMin - 2 : Infinity;
      const lines = new Set(
        all
          .filter((w) => w.page === a.page && w.xMin > a.xMax && w.yMin >= a.yMin - 2 && w.yMin < end)
          .map((w) => Math.round(w.yMin)),
      );
      estimated += wrappedRowHeight([null, e.text, e.short], ESTIMATE_WIDTHS, 13, e.bold);
      // What LibreOffice's own optimal height gives those lines: 1.108 × size a line and ~3 pt.
      printed += lines.size * 13 * 1.108 + 3;
    });
    // Not wasteful: all rows together within 35 % of what LibreOffice needs for the lines it
    // printed — the height per line is Excel's (1.31 × size), LibreOffice's is 1.108 × size.
    expect(estimated / printed).toBeLessThan(1.35);
  });

  it("prints a 1,000-character result whole, in a row that grew with it", () => {
    expect(squash(pdfRawText(pdf.formLong!))).toContain(squash(LONG));
  });

  it("prints the form's signature block and a deadline column that says what it shows", () => {
    const text = pdfRawText(pdf.form!);
    for (const t of Object.values(FORM_SIGNATURE)) expect(squash(text)).toContain(squash(t));
    expect(squash(text)).toContain(squash("Hạn hoàn thành gần nhất"));
    expect(text).not.toContain("Hạn trong kỳ");
  });

  it("leaves the helper columns off paper", () => {
    const tracking = pdfRawText(pdf.tracking!);
    for (const h of ["Hạn đầu tiên", "Lặp lại", "Đến ngày", "Hạn kế tiếp"]) expect(tracking).not.toContain(h);
    const byTask = pdfRawText(pdf.byTask!);
    for (const h of ["Mã đơn vị", "Điện thoại", "Ngày lập báo cáo", "Tệp"]) expect(byTask).not.toContain(h);
  });

  it("names a task past its deadline with no report 'Quá hạn (chưa báo cáo)' on the tracking sheet", () => {
    expect(squash(pdfRawText(pdf.tracking!))).toContain(squash(OVERDUE_UNREPORTED_LABEL.vi));
  });

  it("prints the consolidated sheets in Vietnamese only: heading block, no paths, no English", () => {
    const text = Object.keys(CONSOLIDATED_SHEETS)
      .map((k) => pdfRawText(pdf[k]!))
      .join("\n");
    for (const t of ["TỈNH ỦY NGHỆ AN", "BAN TỔ CHỨC", "ĐẢNG CỘNG SẢN VIỆT NAM", "Nghệ An, ngày 20 tháng 6 năm 2026"])
      expect(text).toContain(t);
    expect(text).not.toContain("bao-cao");
    // Every "/" is a date's, a count's ("23/138 đơn vị"), a document code's ("08-NQ/TU", "-BC/BTCTU")
    // or the class "Thường xuyên / không có hạn": never a folder's.
    const slashes = text
      .replace(/\d{1,2}\/\d{1,2}\/\d{4}/g, "")
      .replace(/\d+\/\d+/g, "")
      .replace(/[A-ZĐ]+\/[A-ZĐ]+/g, "")
      .replace(/\s\/\s/g, "");
    expect(slashes).not.toContain("/");
    expect(text).not.toMatch(/\b(Error|Warning|Info|Message|English|file|cell|sheet|row|column)\b/i);
    for (const p of consolidated.result.problems) expect(text).not.toContain(p.text.en);
    // The problems' dates print as the unit saw them, never as serial numbers.
    expect(text).not.toMatch(/\b4[5-7]\d{3}\b/);
  });
});
