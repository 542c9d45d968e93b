/**
 * The draft report (.docx): built from a real consolidation of generated, filled forms, written with
 * src/docx, read back (well-formed XML, hostile unit text kept as text) and printed by LibreOffice
 * Writer to PDF, measured with pdftotext -bbox.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import type { ConsolidationResult } from "../../src/consolidate";
import { memorySources, runConsolidation } from "../../src/jobs/consolidate";
import { reportFile } from "../../src/jobs/report";
import { para, renderDocx, type DocModel } from "../../src/docx";
import { reportPeriod } from "../../src/schedule";
import { consolidationReport, taskClass } from "../../src/report/consolidation";
import { parseXml } from "../../src/xlsx/read/xml";
import { convertManyWithLibreOffice } from "../helpers/libreoffice";
import { fillForm } from "../helpers/fill-form";
import { pdfPageSizes, pdfText, pdfWords, type PdfWord } from "../helpers/pdf";
import { blankForm, file, H1, plan } from "../consolidate/fixtures";

/** After the end of June: tasks due "Tháng 6/2026" that are not done are overdue. */
const AS_OF = "2026-07-10";
const HOSTILE = 'Thiếu <w:p>biên chế</w:p> ]]> & "kinh phí" \u0001\u000b cuối';
const LONG = `Kiến nghị dài: ${"bổ sung biên chế cán bộ cấp xã, ".repeat(60)}HẾT.`;
const MM = 72 / 25.4;

async function consolidation(): Promise<ConsolidationResult> {
  const forms = [
    file(
      "ban-to-chuc.xlsx",
      fillForm(await blankForm("BTCTU"), [
        {
          task: 2,
          status: "Hoàn thành",
          completedOn: { date: "2026-06-01" },
          progress: 100,
          result: "Đã giao đủ biên chế cho 130 xã",
          documents: "Quyết định 45/QĐ-UBND",
        },
        { task: 3, status: "Đang thực hiện", progress: 60, result: "Đang rà soát", difficulties: HOSTILE },
        {
          task: 4,
          status: "Hoàn thành",
          completedOn: { date: "2026-06-20" },
          progress: 100,
          result: "Xong",
          proposals: LONG,
        },
      ]),
    ),
    file(
      "so-noi-vu.xlsx",
      fillForm(await blankForm("SNV"), [
        { task: 6, status: "Đang thực hiện", progress: 30, proposals: "Bổ sung kinh phí" },
      ]),
    ),
    file(
      "xa.xlsx",
      fillForm(await blankForm("16732"), [
        { task: 3, status: "Đang thực hiện", progress: 50, difficulties: "Chưa có hướng dẫn" },
        { task: 1, status: "Chưa triển khai" },
      ]),
    ),
  ];
  return (await runConsolidation({ plan, sources: memorySources(forms), asOf: AS_OF, period: H1 })).result;
}

/** The words of a page in reading order, joined. */
const pageText = (words: PdfWord[], page: number): string =>
  words
    .filter((w) => w.page === page)
    .map((w) => w.text)
    .join(" ");

describe("the draft report", () => {
  let dir: string;
  let result: ConsolidationResult;
  let vi: Uint8Array;
  let pdfVi: string;
  let pdfEn: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "report-"));
    result = await consolidation();
    vi = reportFile(plan, result).bytes;
    writeFileSync(join(dir, "bao-cao-vi.docx"), vi);
    writeFileSync(join(dir, "bao-cao-en.docx"), reportFile(plan, result, { lang: "en" }).bytes);
    [pdfVi, pdfEn] = (await convertManyWithLibreOffice(
      [join(dir, "bao-cao-vi.docx"), join(dir, "bao-cao-en.docx")],
      "pdf",
      join(dir, "pdf"),
    )) as [string, string];
  }, 180000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("says what the consolidation found: units reported and owed, tasks by class, overdue units named", () => {
    const text = pdfText(pdfVi).replace(/\s+/g, " ");
    const t = result.totals;
    expect(text).toContain("BÁO CÁO");
    expect(text).toMatch(/kết quả thực hiện Kế hoạch triển khai thực hiện Nghị quyết số 08-NQ\/TU/);
    expect(text).toContain("6 tháng đầu năm 2026");
    expect(text).toContain(
      `Có ${t.units} cơ quan, đơn vị, địa phương phải báo cáo; đã có ${t.returned} đơn vị gửi báo cáo`,
    );
    expect(text).toContain(`còn ${t.missing} đơn vị chưa gửi báo cáo`);
    // Task 3 is due in June: both units still working on it on 10/7 are named as overdue.
    const overdue = result.rows.filter((r) => r.task === 3 && r.deadlineClass === "overdue").map((r) => r.unitName);
    expect(overdue.length).toBe(2);
    const line = /Nhiệm vụ 3:.*?đơn vị quá hạn \(2\): ([^.]*)\./.exec(text);
    expect(line?.[1]?.split("; ").sort()).toEqual([...overdue].sort());
    // Tasks by class: every task is counted once.
    const counted = [...text.matchAll(/(\d+) nhiệm vụ \(số ([\d, ]+)\)/g)];
    expect(counted.reduce((n, m) => n + Number(m[1]), 0)).toBe(plan.tasks.length);
    expect(taskClass(result.byTask.find((s) => s.task === 3)!)).toBe("overdue");
    // The units' own words, verbatim, under their task.
    expect(text).toContain("Chưa có hướng dẫn");
    expect(text).toContain("Bổ sung kinh phí");
    expect(text).toContain('Thiếu <w:p>biên chế</w:p> ]]> & "kinh phí"');
    expect(text).toContain("HẾT.");
  });

  it("prints on A4 with the heading block, body of 13–14 pt, the official margins and page numbers", () => {
    const sizes = pdfPageSizes(pdfVi);
    const words = pdfWords(pdfVi);
    // Portrait pages first, then the landscape appendix; all A4 (595 × 842 pt).
    const portrait = sizes.filter((s) => Math.abs(s.width - 595.3) < 1 && Math.abs(s.height - 841.9) < 1).length;
    const landscape = sizes.filter((s) => Math.abs(s.width - 841.9) < 1 && Math.abs(s.height - 595.3) < 1).length;
    expect(portrait).toBeGreaterThanOrEqual(2);
    expect(landscape).toBeGreaterThanOrEqual(2);
    expect(portrait + landscape).toBe(sizes.length);

    const first = pageText(words, 1);
    expect(first).toMatch(/^ĐẢNG BỘ TỈNH NGHỆ AN/);
    expect(first).toContain("BAN TỔ CHỨC");
    expect(first).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(first).toMatch(/Số -BC\/BTCTU/);
    expect(first).toMatch(/Nghệ An, ngày tháng năm 2026/);
    // The star sits under the issuing office, the Party's name right of it.
    const star = words.find((w) => w.page === 1 && w.text === "*")!;
    const office = words.find((w) => w.page === 1 && w.text === "CHỨC")!;
    expect(star.yMin).toBeGreaterThan(office.yMax);
    expect(words.find((w) => w.page === 1 && w.text === "CỘNG")!.xMin).toBeGreaterThan(office.xMax);

    // Text size: pdftotext's word box for Liberation Serif (Times New Roman's metric twin, what
    // LibreOffice prints it with here) is 1.3 × the font size (measured: 11 pt → 14.3, 13 → 16.9, 14 → 18.2).
    const medianPt = (page: number): number => {
      const lower = words.filter((w) => w.page === page && /^[a-zà-ỹđ]+$/u.test(w.text) && w.yMin > 20 * MM);
      expect(lower.length).toBeGreaterThan(40);
      const pts = lower.map((w) => (w.yMax - w.yMin) / 1.3).sort((a, b) => a - b);
      return pts[Math.floor(pts.length / 2)]!;
    };
    expect(medianPt(1)).toBeCloseTo(14, 0); // the body
    const firstAppendixPage = sizes.findIndex((s) => s.width > s.height) + 1;
    expect(medianPt(firstAppendixPage + 1)).toBeGreaterThanOrEqual(12.9); // the appendix table, 13 pt

    // Margins 20/20/30/15 mm: text within them (the page number sits in the top margin's header band).
    // The appendix's table text sits a cell padding (1.5 mm) inside the margin.
    const firstLandscape = sizes.findIndex((s) => s.width > s.height) + 1;
    for (const [page, slack] of [
      [1, 2],
      [2, 2],
      [firstLandscape + 1, 6],
    ] as const) {
      const { width, height } = sizes[page - 1]!;
      const onPage = words.filter((w) => w.page === page && !/^\d+$/.test(w.text));
      expect(Math.min(...onPage.map((w) => w.xMin))).toBeGreaterThanOrEqual(30 * MM - 1);
      expect(Math.min(...onPage.map((w) => w.xMin))).toBeLessThan(30 * MM + slack);
      expect(Math.max(...onPage.map((w) => w.xMax))).toBeLessThanOrEqual(width - 15 * MM + 1);
      expect(Math.min(...onPage.map((w) => w.yMin))).toBeGreaterThanOrEqual(20 * MM - 1);
      expect(Math.max(...onPage.map((w) => w.yMax))).toBeLessThanOrEqual(height - 20 * MM + 1);
    }
    // Page numbers: none on page 1, "2" centred at the top of page 2, and on through the appendix.
    const topNumber = (page: number) =>
      words.find((w) => w.page === page && /^\d+$/.test(w.text) && w.yMax < 20 * MM)?.text;
    expect(topNumber(1)).toBeUndefined();
    sizes.forEach((_s, i) => {
      if (i > 0) expect(topNumber(i + 1)).toBe(String(i + 1));
    });
  });

  it("puts the results appendix in a table whose header row repeats on every page", () => {
    const sizes = pdfPageSizes(pdfVi);
    const words = pdfWords(pdfVi);
    const appendixPages = sizes.map((s, i) => (s.width > s.height ? i + 1 : 0)).filter((p) => p > 0);
    expect(pageText(words, appendixPages[0]!)).toContain("PHỤ LỤC");
    for (const page of appendixPages) {
      const text = pageText(words, page);
      expect(text).toContain("Kết quả thực hiện; văn bản đã ban hành");
      expect(text).toContain("Tình trạng");
    }
    const all = appendixPages.map((p) => pageText(words, p)).join(" ");
    expect(all).toContain("Đã giao đủ biên chế cho 130 xã");
    expect(all).toContain("Quyết định 45/QĐ-UBND");
    expect(all).toContain("01/06/2026");
  });

  it("has no English in the Vietnamese report, and the English one reads in English", () => {
    const text = pdfText(pdfVi);
    for (const word of [
      "Report",
      "Task",
      "Unit",
      "units",
      "Overdue",
      "Status",
      "Progress",
      "the",
      "of",
      "and",
      "reported",
    ])
      expect(text).not.toMatch(new RegExp(`\\b${word}\\b`));
    const en = pdfText(pdfEn).replace(/\s+/g, " ");
    expect(en).toContain("REPORT");
    expect(en).toContain("Results; documents issued");
    expect(en).toContain(`${result.totals.units} units owe a report`);
  });

  it("is a well-formed package whose untrusted unit text came through as text", () => {
    const parts = unzipSync(vi);
    for (const name of [
      "[Content_Types].xml",
      "_rels/.rels",
      "word/document.xml",
      "word/styles.xml",
      "word/settings.xml",
      "word/header1.xml",
      "docProps/core.xml",
    ])
      expect(parts[name]).toBeDefined();
    const xml = strFromU8(parts["word/document.xml"]!);
    // The project's strict XML reader parses it (it throws on anything malformed); the hostile text reads
    // back as the unit typed it, less the control characters XML cannot carry.
    let inText = false;
    const texts: string[] = [];
    parseXml(xml, "word/document.xml", {
      open: (name) => void (inText = name === "t"),
      close: () => void (inText = false),
      text: (t) => void (inText && texts.push(t)),
    });
    expect(texts).toContain('Thiếu <w:p>biên chế</w:p> ]]> & "kinh phí"  cuối');
    expect(texts.join("")).toContain("HẾT.");
    expect(xml).not.toContain("<w:p>biên");
    // eslint-disable-next-line no-control-regex -- the forbidden characters must be gone
    expect(xml).not.toMatch(/[\u0001\u000b]/);
    // Editable: real paragraphs and tables, no text boxes, no fixed row heights; the appendix header repeats.
    expect(xml).not.toMatch(/txbx|w:pict|w:drawing|w:trHeight/);
    expect(xml).toContain("<w:tblHeader/>");
    // Heading block: the Party's name underlined, the place-and-date line in italics.
    expect(xml).toMatch(
      /<w:b\/><w:bCs\/><w:sz w:val="30"\/><w:szCs w:val="30"\/><w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">ĐẢNG CỘNG SẢN VIỆT NAM</,
    );
    expect(xml).toMatch(/<w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">Nghệ An, ngày /);
    expect(xml).toMatch(/w:orient="landscape"/);
    expect(strFromU8(parts["word/styles.xml"]!)).toContain('w:ascii="Times New Roman"');
  });

  it("the document model is the same for the same result (the writer only renders it)", () => {
    expect(JSON.stringify(consolidationReport(plan, result))).toBe(JSON.stringify(consolidationReport(plan, result)));
    expect(reportFile(plan, result).bytes).toEqual(vi);
  });

  it("titles the report from the plan and the period: the year period says “năm 2026”", () => {
    const titleOf = (id: string): string => {
      const model = consolidationReport(plan, { ...result, period: reportPeriod(id)! });
      const blocks = model.sections[0]!.blocks.filter((b) => b.kind === "paragraph" && b.style === "Title");
      return blocks.map((b) => (b.kind === "paragraph" ? b.runs.map((r) => r.text).join("") : "")).join("\n");
    };
    expect(titleOf("2026")).toMatch(
      /^BÁO CÁO\nkết quả thực hiện Kế hoạch triển khai thực hiện Nghị quyết số 08-NQ\/TU.*\nnăm 2026\n/s,
    );
    expect(titleOf("2026-H2")).toContain("\n6 tháng cuối năm 2026\n");
    expect(titleOf("2027-H1")).toContain("\n6 tháng đầu năm 2027\n");
  });
});

describe("the .docx writer", () => {
  it("keeps any text as text: markup, CDATA ends, control characters, 200,000 characters in one run", () => {
    const hostile = `<w:p><w:r><w:t>x</w:t></w:r></w:p> ]]> <![CDATA[ & &amp; "' \u0000\u0007\uFFFE\uD800 tab\tand\r\nlines`;
    const long = "Lời văn rất dài. ".repeat(12_500);
    const model: DocModel = {
      title: hostile,
      subject: "",
      creator: "",
      language: "vi-VN",
      font: 'Times "New" <Roman>',
      bodyPt: 14,
      sections: [{ orientation: "portrait", pageNumbers: "every", blocks: [para(hostile), para(long)] }],
    };
    const parts = unzipSync(renderDocx(model));
    for (const name of ["word/document.xml", "word/styles.xml", "docProps/core.xml"]) {
      let depth = 0;
      parseXml(strFromU8(parts[name]!), name, {
        open: () => void depth++,
        close: () => void depth--,
      });
      expect(depth).toBe(0);
    }
    const texts: string[] = [];
    let inText = false;
    parseXml(strFromU8(parts["word/document.xml"]!), "document.xml", {
      open: (name) => void (inText = name === "t"),
      close: () => void (inText = false),
      text: (t) => void (inText && texts.push(t)),
    });
    // Line breaks and tabs become <w:br/> and <w:tab/>; only the characters XML cannot carry are gone.
    expect(texts).toEqual(["<w:p><w:r><w:t>x</w:t></w:r></w:p> ]]> <![CDATA[ & &amp; \"'  tab", "and", "lines", long]);
    const xml = strFromU8(parts["word/document.xml"]!);
    expect(xml).toContain('tab</w:t><w:tab/><w:t xml:space="preserve">and</w:t><w:br/>');
  });
});
