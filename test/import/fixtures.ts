/** The appendices the import tests read: the seed (text, .docx two ways) and three shapes made by the team. */
import { readFileSync } from "fs";
import { join } from "path";
import type { Sheet, WorkbookSpec } from "../../src/workbook/model";
import { SheetBuilder } from "../../src/workbook/sheet-builder";
import { DEFAULT_TYPOGRAPHY, standardStyles } from "../../src/workbook/styles";
import { renderXlsx } from "../../src/xlsx/write";
import type { Block } from "./docx-writer";
import { textTable } from "./docx-writer";

export const SEED_PATH = join(__dirname, "..", "fixtures", "seed-ke-hoach-08-NQ-TU.txt");

export function seedText(): string {
  return readFileSync(SEED_PATH, "utf8");
}

/** The seed as prose lines and its tab-separated tables (each with its header), markup removed. */
export function seedParts(): { prose: string[]; tables: string[][][] } {
  const prose: string[] = [];
  const tables: string[][][] = [];
  let current: string[][] | null = null;
  for (const raw of seedText().split("\n")) {
    if (raw.includes("\t")) {
      current ??= [];
      current.push(raw.split("\t").map((c) => c.replace(/<\/?b>/g, "")));
      continue;
    }
    if (current) tables.push(current);
    current = null;
    const line = raw.replace(/\*\*|^#+\s*|^\*|\*$/g, "").trim();
    if (line && !/^-+$/.test(line)) prose.push(line);
  }
  if (current) tables.push(current);
  return { prose, tables };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The seed as one HTML table whose header repeats on every page (thead), for LibreOffice Writer. */
export function seedHtml(): string {
  const { prose, tables } = seedParts();
  const [header, ...first] = tables[0]!;
  const body = [...first, ...tables.slice(1).flatMap((t) => t.slice(1))];
  return html(prose, [
    `<table border="1"><thead><tr>${header!.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>` +
      body.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("") +
      "</tbody></table>",
  ]);
}

function html(prose: string[], tables: string[]): string {
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>phu luc</title></head><body>` +
    prose.map((p) => `<p>${esc(p)}</p>`).join("") +
    tables.join("<p></p>") +
    "</body></html>"
  );
}

/** The seed for the independent writer: its prose, then its three tables as in the source (header on each). */
export function seedBlocks(): Block[] {
  const { prose, tables } = seedParts();
  return [...prose.map((p) => ({ p })), ...tables.map((t) => ({ table: textTable(t) }))];
}

// ---- Shape 1: a six-column national-style appendix, groups, partners and results, ≥ 100 tasks ----

export const NATIONAL_TIMINGS = [
  "6/2025",
  "06/2025",
  "Tháng 10/2025",
  "Quý II/2025",
  "2025",
  "2025 - 2026",
  "2025-2026",
  "2025 và những năm tiếp theo",
  "Thường xuyên",
  "Nhiệm vụ thường xuyên",
  "Hằng năm",
  "hằng năm",
  "Cuối năm 2026",
  "Đầu năm 2027",
  "Trước ngày 30/6/2026",
  "Chậm nhất ngày 15/3/2026",
  "Sơ kết giữa nhiệm kỳ",
];
/** The one phrase no reader can date: it must be reported with its cell. */
export const UNREAD_TIMING = "Theo tiến độ dự án";
const LEADS = [
  "Bộ Nội vụ",
  "Bộ Tài chính",
  "Bộ KH&CN",
  "Bộ Tư pháp",
  "Văn phòng Chính phủ",
  "Các bộ, ngành, địa phương",
  "Bộ Giáo dục và Đào tạo",
  "Bộ Công an; Bộ Quốc phòng",
];
const PARTNERS = ["Các bộ, ngành liên quan", "Bộ Tư pháp, Văn phòng Chính phủ", "Bộ Công an và Bộ Quốc phòng", ""];
const RESULTS = ["Nghị định của Chính phủ", "Quyết định của Thủ tướng Chính phủ", "Báo cáo", "Đề án"];
const GROUPS = [
  "HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH",
  "PHÁT TRIỂN NGUỒN NHÂN LỰC",
  "HẠ TẦNG SỐ VÀ DỮ LIỆU",
  "HỢP TÁC QUỐC TẾ",
  "KIỂM TRA, GIÁM SÁT, SƠ KẾT",
];
export const NATIONAL_PER_GROUP = 22;

export interface NationalTask {
  group: number;
  /** The TT as printed: restarts at 1 in each group. */
  tt: string;
  content: string;
  lead: string;
  partners: string;
  timing: string;
  result: string;
}

export function nationalTasks(): NationalTask[] {
  const out: NationalTask[] = [];
  GROUPS.forEach((_, g) => {
    for (let i = 0; i < NATIONAL_PER_GROUP; i++) {
      const k = g * NATIONAL_PER_GROUP + i;
      out.push({
        group: g,
        tt: String(i + 1),
        // Every tenth task's text is two paragraphs in one cell.
        content:
          `Nhiệm vụ ${k + 1}: xây dựng, trình ban hành văn bản hướng dẫn thực hiện nội dung số ${k + 1} của Nghị quyết` +
          (k % 10 === 0 ? "\nBảo đảm tiến độ, chất lượng" : ""),
        lead: LEADS[k % LEADS.length]!,
        partners: PARTNERS[k % PARTNERS.length]!,
        timing: k === 7 ? UNREAD_TIMING : NATIONAL_TIMINGS[k % NATIONAL_TIMINGS.length]!,
        result: RESULTS[k % RESULTS.length]!,
      });
    }
  });
  return out;
}

export const NATIONAL_PROSE = [
  "KẾ HOẠCH",
  "thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ giai đoạn 2025 - 2030",
  "Các nhiệm vụ được triển khai trong nhiệm kỳ 2021 - 2026 và những năm tiếp theo.",
  "PHỤ LỤC",
  "DANH MỤC NHIỆM VỤ TRIỂN KHAI NGHỊ QUYẾT",
  "(Kèm theo Kế hoạch số 01/KH-BCĐ)",
];
export const NATIONAL_HEADER = [
  "STT",
  "Tên nhiệm vụ",
  "Cơ quan chủ trì",
  "Cơ quan phối hợp",
  "Thời hạn hoàn thành",
  "Sản phẩm",
];

const ROMAN = ["I", "II", "III", "IV", "V"];

/** National style in HTML for LibreOffice: header in thead (repeats on each page), group rows spanning all columns. */
export function nationalHtml(): string {
  const rows: string[] = [];
  let last = -1;
  for (const t of nationalTasks()) {
    if (t.group !== last) {
      rows.push(`<tr><td colspan="6"><b>${ROMAN[t.group]}. ${esc(GROUPS[t.group]!)}</b></td></tr>`);
      last = t.group;
    }
    rows.push(
      `<tr>${[t.tt, t.content, t.lead, t.partners, t.timing, t.result]
        .map(
          (c) =>
            `<td>${c
              .split("\n")
              .map((p) => `<p>${esc(p)}</p>`)
              .join("")}</td>`,
        )
        .join("")}</tr>`,
    );
  }
  return html(NATIONAL_PROSE, [
    `<table border="1"><thead><tr>${NATIONAL_HEADER.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>`,
  ]);
}

/** National style for the independent writer: TT "I" / title rows, the table split in two with the header repeated. */
export function nationalBlocks(): Block[] {
  const rows: string[][] = [NATIONAL_HEADER];
  let last = -1;
  const tasks = nationalTasks();
  tasks.forEach((t, i) => {
    if (t.group !== last) {
      rows.push([ROMAN[t.group]!, GROUPS[t.group]!, "", "", "", ""]);
      last = t.group;
    }
    rows.push([t.tt, t.content, t.lead, t.partners, t.timing, t.result]);
    if (i === 60) rows.push(NATIONAL_HEADER); // a header written again where the page broke
  });
  return [...NATIONAL_PROSE.map((p) => ({ p })), { table: textTable(rows) }];
}

// ---- Shape 2: a five-column provincial one like the seed, as a markdown pipe table, with hard cases ----

/** Cells as a user's document carries them: NBSP, soft hyphen, decomposed letters, footnote marks, markup. */
export const PROVINCIAL_MD = [
  "# KẾ HOẠCH",
  "",
  "thực hiện Nghị quyết số 12-NQ/TU, ngày 02/3/2021 của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số giai đoạn 2021 - 2025",
  "",
  "| STT | Nhiệm vụ | Thời gian hoàn thành | Đơn vị chủ trì | Cấp trình |",
  "|:---:|---|---|---|---|",
  "| 1. | **Xây dựng** đề án chuyển\u00a0đổi số¹ | Quý II/2021 | Sở Thông tin và Truyền thông | UBND tỉnh |",
  "| 2) | Ban hành quy chế<br>- quản lý dữ liệu<br>- chia sẻ dữ liệu | Tháng 10/2021 | Sở TT&TT, Sở Nội vụ | UBND tỉnh |",
  "|  | Đào tạo kỹ năng số cho cán bộ | Hằng năm | Sở Nội vụ và Sở Tài chính | UBND tỉnh |",
  `| 4 | ${"Nâng cấp hạ tầng".normalize("NFD")} mạng diện rộng | Cuối năm 2022 | Sở Khoa học và Công nghệ | UBND tỉnh |`,
  "| 5 | Số hoá hồ sơ một cửa | 2021-2022 | UBND các xã, phường | Ban Thường vụ Đảng ủy xã, phường |",
  "| 6 | Tổng kết thực hiện Nghị quyết | Cuối nhiệm kỳ | Ban Tổ chức Tỉnh ủy | Ban Thường vụ Tỉnh ủy |",
  "| 7 | Rà soát thủ tục hành chính | Khi có yêu cầu | Văn phòng UBND tỉnh | UBND tỉnh |",
  "|  |  |  |  |  |",
  "| 8 |  | 2023 | Sở Tài chính | UBND tỉnh |",
].join("\n");

// ---- Shape 3: a table pasted into Excel, two-row header, merged cells, written with the project's writer ----

export function pastedSheetXlsx(): Uint8Array {
  const s = new SheetBuilder(
    "Sheet1",
    [8, 50, 24, 24, 18, 18].map((width) => ({ width })),
  );
  s.merge(1, 1, 1, 6, "PHỤ LỤC NHIỆM VỤ", "title");
  s.merge(3, 1, 4, 1, "TT", "header");
  s.merge(3, 2, 4, 2, "Nội dung nhiệm vụ", "header");
  s.merge(3, 3, 3, 4, "Cơ quan thực hiện", "header");
  s.set(4, 3, "Chủ trì", "header");
  s.set(4, 4, "Phối hợp", "header");
  s.merge(3, 5, 4, 5, "Tiến độ", "header");
  s.merge(3, 6, 4, 6, "Kết quả", "header");
  s.merge(5, 1, 5, 6, "A. CÔNG TÁC TUYÊN TRUYỀN", "cellBold");
  s.line(6, 1, [
    1,
    "Tuyên truyền Nghị quyết",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Báo Nghệ An",
    "Tháng 6/2026",
    "Kế hoạch",
  ]);
  s.line(7, 1, [2, "Tổ chức hội nghị quán triệt\nở cấp tỉnh", null, "Các sở, ban, ngành", "Quý III/2026", "Hội nghị"]);
  s.merge(6, 3, 7, 3, "Ban Tuyên giáo và Dân vận Tỉnh ủy", "cell");
  s.merge(8, 1, 8, 6, "B. CÔNG TÁC CÁN BỘ", "cellBold");
  s.line(9, 1, [3, "Rà soát quy hoạch cán bộ", "Ban Tổ chức Tỉnh ủy", "Sở Nội vụ", "Quý IV/2026", "Báo cáo"]);
  s.line(10, 1, [
    4,
    "Đánh giá cán bộ cơ sở",
    "UBND tỉnh",
    "Sở Nội vụ; Ủy ban MTTQ Việt Nam tỉnh",
    "Hằng năm",
    "Báo cáo",
  ]);
  const sheet: Sheet = s.build();
  const spec: WorkbookSpec = {
    properties: { title: "pasted", subject: "", creator: "" },
    customProperties: {},
    defaultFont: { name: "Times New Roman", size: 12 },
    styles: standardStyles(DEFAULT_TYPOGRAPHY),
    sheets: [sheet],
    definedNames: [],
    activeSheet: 0,
  };
  return renderXlsx(spec);
}
