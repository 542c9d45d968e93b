import { statSync } from "fs";
import { todayIso } from "../../dates";
import { importAppendix, importBookXlsx, ImportError, importJson } from "../../jobs/import";
import { reportLines } from "../../import";
import { UsageError } from "../args";
import { BOOK_OPTION, commandBook } from "../book";
import { displayName, readCapped, userPath, writeWhole } from "../files";
import type { Command } from "../io";
import { nodeInflateRaw } from "../native-inflate";
import { nodeZip } from "../native-zip";
import { progressBar } from "../progress";

export const importCommand: Command = {
  name: "import",
  summary: {
    vi: "Nhập phụ lục của một kế hoạch (Word .docx, bảng Excel, văn bản) thành sổ theo dõi",
    en: "Import a plan's appendix (Word .docx, Excel table, text) into a tracking book",
  },
  usage: "import FILE -o SO.xlsx [--json PLAN.json] [--book SO-CU.xlsx]",
  details: {
    vi: 'FILE: tài liệu Word (.docx), bảng tính có bảng phụ lục dán vào (.xlsx), hoặc văn bản (.txt, .md: bảng markdown hoặc các dòng cách nhau bằng Tab). Kết quả kiểm tra nhập in ra đây, ghi vào trang "Kiểm tra nhập" của sổ và vào tệp JSON.',
    en: 'FILE: a Word document (.docx), a workbook with the appendix table pasted in (.xlsx), or text (.txt, .md: markdown tables or tab-separated rows). The import report is printed here, written to the book\'s "Kiểm tra nhập" sheet and to the JSON.',
  },
  options: {
    out: {
      kind: "value",
      short: "o",
      arg: "SO.xlsx",
      help: { vi: "Sổ theo dõi cần tạo.", en: "The tracking book to create." },
    },
    json: {
      kind: "value",
      arg: "PLAN.json",
      help: {
        vi: "Ghi thêm kế hoạch và kết quả kiểm tra nhập ra tệp JSON.",
        en: "Also write the plan and the import report to this JSON file.",
      },
    },
    book: {
      ...BOOK_OPTION,
      help: {
        vi: "Dùng đơn vị và thông tin (nhiệm kỳ…) của sổ này để khớp cơ quan; mặc định: danh sách đơn vị có sẵn.",
        en: "Match agencies to this book's units and use its facts (term…); default: the built-in unit list.",
      },
    },
  },
  async run(args, io) {
    const { options, positional } = args;
    if (positional.length !== 1)
      throw new UsageError({
        vi: positional.length === 0 ? "Thiếu tệp phụ lục cần nhập." : "Mỗi lần chỉ nhập một tệp.",
        en: positional.length === 0 ? "Missing the appendix file to import." : "Import one file at a time.",
      });
    const out = options.out;
    if (typeof out !== "string" || !out.toLowerCase().endsWith(".xlsx"))
      throw new UsageError({
        vi: "Thiếu -o SO.xlsx (sổ theo dõi cần tạo, đuôi .xlsx).",
        en: "Missing -o BOOK.xlsx (the tracking book to create, ending in .xlsx).",
      });
    const input = userPath(io, positional[0]!);
    const name = displayName(io, input);
    try {
      if (!statSync(input).isFile()) throw new Error("not a file");
    } catch {
      throw new UsageError({
        vi: `Không tìm thấy tệp "${positional[0]}".`,
        en: `The file "${positional[0]}" was not found.`,
      });
    }
    const outPath = userPath(io, out);
    const jsonPath = typeof options.json === "string" ? userPath(io, options.json) : null;
    if (outPath === input || jsonPath === input)
      throw new UsageError({
        vi: "Tệp kết quả phải khác tệp phụ lục đang nhập.",
        en: "The output must be another file than the appendix being imported.",
      });
    const found = commandBook(io, options.book);
    if (!found) return 1;
    const bar = progressBar(io, { vi: "bước", en: "steps" });
    let result;
    try {
      result = importAppendix(readCapped(input), name, {
        book: found.book ? found.plan : null,
        inflateRaw: nodeInflateRaw,
        onStage: (done, total, label) => bar.update(done, total, `${label.vi} / ${label.en}`),
      });
    } catch (error) {
      bar.finish();
      if (!(error instanceof ImportError)) throw error;
      io.stderr(`${error.text.vi}\n${error.text.en}\n`);
      return 1;
    }
    bar.finish();
    const today = todayIso();
    writeWhole(outPath, importBookXlsx(result, { asOf: today, today, zip: nodeZip }));
    if (jsonPath) writeWhole(jsonPath, `${JSON.stringify(importJson(result), null, 2)}\n`);
    for (const line of reportLines(result.report)) {
      const at = line.where.vi ? `[${line.where.vi}] ` : "";
      const atEn = line.where.en ? `[${line.where.en}] ` : "";
      io.stdout(`${at}${line.text.vi}\n${atEn}${line.text.en}\n`);
    }
    const written = [outPath, ...(jsonPath ? [jsonPath] : [])].map((p) => displayName(io, p)).join(", ");
    io.stdout(
      `Đã nhập ${result.report.tasks} nhiệm vụ từ ${name} vào: ${written} (xem trang "Kiểm tra nhập").\n` +
        `Imported ${result.report.tasks} tasks from ${name} into: ${written} (see the "Kiểm tra nhập" sheet).\n`,
    );
    return 0;
  },
};
