/** The other shapes and sources: a markdown provincial appendix, a table pasted into Excel, a hand-made .docx, hostile files. */
import { strToU8, zipSync } from "fflate";
import { readBook } from "../../src/book";
import { buildImport, builtinBase, ImportError, readImportSource } from "../../src/import";
import { importAppendix, importBookXlsx } from "../../src/jobs/import";
import { builtinRegistryData } from "../../src/plan/builtin";
import { writeDocx, type WCell } from "./docx-writer";
import { PROVINCIAL_MD, pastedSheetXlsx } from "./fixtures";

const enc = (s: string) => new TextEncoder().encode(s);
const communes = builtinRegistryData.units.filter((u) => u.level === "commune").map((u) => u.code);

describe("a five-column provincial appendix as a markdown table", () => {
  const { plan, report } = importAppendix(enc(PROVINCIAL_MD), "tinh.md");

  it("reads TT 1. / 2) / empty, cleans the text without changing a word", () => {
    expect(plan.tasks.map((t) => [t.number, t.content])).toEqual([
      [1, "Xây dựng đề án chuyển đổi số"],
      [2, "Ban hành quy chế\n- quản lý dữ liệu\n- chia sẻ dữ liệu"],
      [3, "Đào tạo kỹ năng số cho cán bộ"],
      [4, "Nâng cấp hạ tầng mạng diện rộng"],
      [5, "Số hoá hồ sơ một cửa"],
      [6, "Tổng kết thực hiện Nghị quyết"],
      [7, "Rà soát thủ tục hành chính"],
    ]);
    expect(plan.tasks.every((t) => t.content === t.content.normalize("NFC"))).toBe(true);
    expect(report.notes.some((n) => n.vi === "dòng 9: TT để trống: nhiệm vụ nhận TT 3.")).toBe(true);
  });

  it("splits agencies, matches abbreviations, gives xã-level leads every commune", () => {
    expect(plan.tasks[1]!.leads.map((l) => l.name)).toEqual(["Sở TT&TT", "Sở Nội vụ"]);
    expect(plan.tasks[2]!.leads.map((l) => l.unit)).toEqual(["SNV", "STC"]);
    expect(plan.tasks[4]!.leads).toEqual([
      { name: "UBND các xã, phường", level: "commune", unit: null, advises: "Ban Thường vụ Đảng ủy xã, phường" },
    ]);
    for (const code of communes) expect(plan.assignments.get(code)).toEqual([5]);
    const stt = report.newAgencies.find((a) => a.name === "Sở Thông tin và Truyền thông")!;
    expect(stt.tasks).toEqual([1, 2]);
    expect(plan.tasks[0]!.leads[0]!.unit).toBe(stt.code);
    expect(plan.tasks[1]!.leads[0]!.unit).toBe(stt.code);
  });

  it("reports the unread deadline, the skipped row, the term it assumed — with where", () => {
    expect(report.unreadDeadlines).toEqual([
      {
        task: 7,
        timing: "Khi có yêu cầu",
        unread: ["Khi có yêu cầu"],
        where: { vi: "dòng 13, cột 3", en: "line 13, column 3" },
      },
    ]);
    expect(report.skipped).toEqual([
      {
        where: { vi: "dòng 15", en: "line 15" },
        reason: { vi: "dòng không có nội dung công việc", en: "the row has no task content" },
        text: "8 | 2023 | Sở Tài chính | UBND tỉnh",
      },
    ]);
    expect(plan.document.years).toEqual({ from: 2021, to: 2025 });
    expect(plan.document.term).toEqual({ from: 2020, to: 2025 });
    expect(report.notes.some((n) => /nhiệm kỳ.*2020–2025/.test(n.vi))).toBe(true);
  });
});

describe("a table pasted into Excel: two-row header, merged cells", () => {
  const { plan, report } = importAppendix(pastedSheetXlsx(), "dan.xlsx");

  it("reads the header over two rows and the groups from merged rows", () => {
    expect(report.tables[0]!.columns).toEqual([
      { field: "number", header: "TT" },
      { field: "content", header: "Nội dung nhiệm vụ" },
      { field: "lead", header: "Cơ quan thực hiện Chủ trì" },
      { field: "partners", header: "Cơ quan thực hiện Phối hợp" },
      { field: "timing", header: "Tiến độ" },
      { field: "result", header: "Kết quả" },
    ]);
    expect(report.groups).toEqual([
      { label: "A", title: "CÔNG TÁC TUYÊN TRUYỀN", tasks: 2 },
      { label: "B", title: "CÔNG TÁC CÁN BỘ", tasks: 2 },
    ]);
  });

  it("gives a lead merged over two rows to both tasks; keeps multi-line cells", () => {
    expect(plan.tasks.map((t) => t.lead)).toEqual([
      "Ban Tuyên giáo và Dân vận Tỉnh ủy",
      "Ban Tuyên giáo và Dân vận Tỉnh ủy",
      "Ban Tổ chức Tỉnh ủy",
      "UBND tỉnh",
    ]);
    expect(plan.tasks[1]!.content).toBe("Tổ chức hội nghị quán triệt\nở cấp tỉnh");
    expect(plan.tasks[1]!.partners).toBe("Các sở, ban, ngành");
    expect(plan.assignments.get("BTGDVTU")).toEqual([1, 2]);
    expect(report.collectives).toEqual([{ name: "Các sở, ban, ngành", tasks: [2] }]);
  });

  it("writes a book that reads back without errors", () => {
    const read = readBook(importBookXlsx({ plan, report }, { asOf: "2026-07-01", today: "2026-07-01" }));
    expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(read.plan!.tasks.map((t) => t.group?.label)).toEqual(["A", "A", "B", "B"]);
  });
});

describe("a hand-made .docx: what Word documents carry", () => {
  const c = (text: string, extra: Partial<WCell> = {}): WCell => ({ paras: text ? text.split("\n") : [], ...extra });
  const docx = writeDocx([
    { p: "KẾ HOẠCH" },
    {
      p: "thực hiện Nghị quyết số 05-NQ/TU, ngày 10/01/2026 của Tỉnh ủy về cải cách hành chính giai đoạn 2026 - 2030, nhiệm kỳ 2025 - 2030",
    },
    {
      table: {
        headerRows: 2,
        rows: [
          [
            c("TT", { vMerge: "restart" }),
            c("Nội dung", { vMerge: "restart" }),
            c("Cơ quan thực hiện", { span: 2 }),
            c("Thời hạn", { vMerge: "restart" }),
          ],
          [
            c("", { vMerge: "continue" }),
            c("", { vMerge: "continue" }),
            c("Chủ trì"),
            c("Phối hợp"),
            c("", { vMerge: "continue" }),
          ],
          [c("(1)"), c("(2)"), c("(3)"), c("(4)"), c("(5)")],
          [c("I. NHÓM THỂ CHẾ", { span: 5 })],
          [
            c("1."),
            c("Rà soát\u00ad văn bản\u00a0quy phạm", { footnote: true }),
            c("Sở Tư pháp", { vMerge: "restart" }),
            c("Sở Nội vụ"),
            c("Quý I/2026"),
          ],
          [
            c("2)"),
            c("Ban hành quy định:\n• phân cấp\n• ủy quyền"),
            c("", { vMerge: "continue" }),
            c(""),
            c("Chậm nhất trong tháng 6/2026"),
          ],
          [
            c(""),
            c("Công khai thủ tục".normalize("NFD")),
            c("Văn phòng UBND tỉnh"),
            c("các sở, ban, ngành"),
            c("Hằng năm"),
          ],
        ],
      },
    },
    { p: "(tiếp theo, bảng sang trang không lặp tiêu đề)" },
    { table: { rows: [[c("4"), c("Tổng kết thực hiện"), c("Sở Nội vụ"), c(""), c("Năm 2030")]] } },
  ]);
  const { plan, report } = importAppendix(docx, "tay.docx");

  it("reads merged headers, the column-number row, groups, footnotes, bullets, soft hyphens", () => {
    expect(plan.tasks.map((t) => [t.number, t.content, t.lead, t.partners ?? "", t.timing, t.group?.label])).toEqual([
      [1, "Rà soát văn bản quy phạm", "Sở Tư pháp", "Sở Nội vụ", "Quý I/2026", "I"],
      [2, "Ban hành quy định:\n- phân cấp\n- ủy quyền", "Sở Tư pháp", "", "Chậm nhất trong tháng 6/2026", "I"],
      [3, "Công khai thủ tục", "Văn phòng UBND tỉnh", "các sở, ban, ngành", "Hằng năm", "I"],
      // A second table with no header and as many columns goes on with the first one's columns.
      [4, "Tổng kết thực hiện", "Sở Nội vụ", "", "Năm 2030", "I"],
    ]);
    expect(report.unreadDeadlines).toEqual([]);
    expect(plan.document.term).toEqual({ from: 2025, to: 2030 });
    expect(report.notes.map((n) => n.vi)).toContain("bảng 1, dòng 7: TT để trống: nhiệm vụ nhận TT 3.");
  });
});

describe("files that cannot be imported say why, naming the file, in both languages", () => {
  const bomb = () => {
    const zeros = new Uint8Array(40 * 1024 * 1024).fill(0x20);
    return zipSync({
      "[Content_Types].xml": strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      "word/document.xml": zeros,
    });
  };
  const ole = new Uint8Array(4096);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  ole.set(
    [..."WordDocument"].flatMap((ch) => [ch.charCodeAt(0), 0]),
    1024,
  );
  const cases: Array<[string, () => Uint8Array, RegExp, RegExp]> = [
    ["bom.docx", bomb, /nén bất thường/, /compressed abnormally/],
    ["entity.docx", () => writeDocx([{ p: "x" }], { doctype: true }), /DOCTYPE\/ENTITY/, /DOCTYPE\/ENTITY/],
    [
      "macro.docm",
      () => writeDocx([{ p: "x" }], { contentType: "application/vnd.ms-word.document.macroEnabled.main+xml" }),
      /có macro/,
      /macro-enabled/,
    ],
    [
      "van-ban.docx",
      () => writeDocx([{ p: "KẾ HOẠCH" }, { p: "Không có bảng." }]),
      /không có bảng nào/,
      /has no table/,
    ],
    [
      "bang-khac.docx",
      () =>
        writeDocx([
          {
            table: {
              rows: [
                [{ paras: ["Họ tên"] }, { paras: ["Chức vụ"] }],
                [{ paras: ["A"] }, { paras: ["B"] }],
              ],
            },
          },
        ]),
      /không bảng nào là phụ lục/,
      /none is a task appendix/,
    ],
    ["cu.doc", () => ole, /Word 97–2003/, /Word 97–2003/],
    ["rong.txt", () => new Uint8Array(0), /rỗng/, /empty/],
    [
      "anh.png",
      () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]),
      /không phải tài liệu Word/,
      /not a Word document/,
    ],
    ["hong.docx", () => new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), /hỏng/, /damaged/],
  ];
  it.each(cases)("%s", (file, bytes, vi, en) => {
    let error: unknown;
    try {
      importAppendix(bytes(), file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    const text = (error as ImportError).text;
    expect(text.vi).toContain(file);
    expect(text.en).toContain(file);
    expect(text.vi).toMatch(vi);
    expect(text.en).toMatch(en);
  });

  it("a text with no table at all", () => {
    expect(() => buildImport(readImportSource(enc("Chỉ có chữ.\nKhông có bảng."), "a.txt"), builtinBase())).toThrow(
      /không có bảng nào/,
    );
  });
});
