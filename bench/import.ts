/**
 * Importing a plan's appendix: a 300-task .docx (six columns, groups, partners, results, two-paragraph
 * cells, the header repeated mid-table) read, laid out, matched and checked — target ≤ 1 s — and the
 * book written from it. Baseline in the same run: only unzipping the same file with fflate.
 */
import { unzipSync } from "fflate";
import { performance } from "perf_hooks";
import { nodeInflateRaw } from "../src/cli/native-inflate";
import { importAppendix, importBookXlsx } from "../src/jobs/import";
import { writeDocx, type Block } from "../test/import/docx-writer";
import { textTable } from "../test/import/docx-writer";

const fmt = (n: number, d = 1) => n.toFixed(d);
const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

function median(runs: number, fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const LEADS = [
  "Sở Nội vụ",
  "Sở Tài chính",
  "Sở KH&CN",
  "Ban Tổ chức Tỉnh ủy",
  "UBND các xã, phường",
  "Sở Y tế",
  "Các sở, ban, ngành",
];
const TIMINGS = [
  "Quý II/2026 và hằng năm",
  "Tháng 6/2026",
  "Thường xuyên",
  "Cuối năm 2027",
  "2026 - 2030",
  "Trước ngày 30/6/2026",
];

/** A 300-task appendix for the independent writer. */
export function appendixDocx(tasks = 300): Uint8Array {
  const header = ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành", "Sản phẩm"];
  const rows: string[][] = [header];
  for (let i = 0; i < tasks; i++) {
    if (i % 30 === 0)
      rows.push([
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][i / 30]!,
        `NHÓM NHIỆM VỤ ${i / 30 + 1}`,
        "",
        "",
        "",
        "",
      ]);
    if (i === 150) rows.push(header);
    rows.push([
      String(i + 1),
      `Nhiệm vụ ${i + 1}: triển khai nội dung ${i + 1} của Nghị quyết\nbảo đảm tiến độ, chất lượng`,
      LEADS[i % LEADS.length]!,
      "Sở Tư pháp, Văn phòng UBND tỉnh",
      TIMINGS[i % TIMINGS.length]!,
      "Báo cáo",
    ]);
  }
  const blocks: Block[] = [
    { p: "KẾ HOẠCH" },
    { p: "thực hiện Nghị quyết số 01-NQ/TU, ngày 05/01/2026 của Tỉnh ủy về phát triển giai đoạn 2026 - 2030" },
    { table: textTable(rows) },
  ];
  return writeDocx(blocks);
}

export function benchImport(): void {
  console.log("\n0b. Nhập phụ lục từ Word / importing an appendix from a .docx (300 tasks)");
  const bytes = appendixDocx(300);
  let tasks = 0;
  const ours = median(5, () => {
    tasks = importAppendix(bytes, "phu-luc.docx", { inflateRaw: nodeInflateRaw }).plan.tasks.length;
  });
  const result = importAppendix(bytes, "phu-luc.docx", { inflateRaw: nodeInflateRaw });
  const book = median(3, () => importBookXlsx(result, { asOf: "2026-07-01", today: "2026-07-01" }));
  const unzip = median(5, () => unzipSync(bytes));
  line(
    `import ${tasks} tasks (${fmt(bytes.length / 1024)} KB .docx), median of 5`,
    `${fmt(ours)} ms  (target ≤ 1000 ms)`,
  );
  line("then write the book (.xlsx with Kiểm tra nhập)", `${fmt(book)} ms`);
  line("baseline: fflate unzipSync of the same file", `${fmt(unzip)} ms  → import is ${fmt(ours / unzip)}× an unzip`);
}
