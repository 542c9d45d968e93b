import { reviewWorkbook } from "../../jobs/history";
import { parseUserDate } from "../../dates";
import { formatBookProblem } from "../../jobs/book";
import { noPositional, UsageError } from "../args";
import { BOOK_OPTION, commandBook } from "../book";
import { displayName, userPath, writeWhole } from "../files";
import type { Command } from "../io";
import { nodeZip } from "../native-zip";
import { renderXlsx } from "../../xlsx/write";

export const reviewCommand: Command = {
  name: "review",
  summary: {
    vi: "Tạo bảng sơ kết, tổng kết nhiều kỳ (xu hướng, biểu đồ, lịch sử) từ sổ theo dõi",
    en: "Create the multi-period review workbook (trends, chart, history) from the tracking book",
  },
  usage: "review --book SO.xlsx --until DD/MM/YYYY -o So-ket.xlsx",
  options: {
    book: {
      ...BOOK_OPTION,
      help: {
        vi: "Sổ theo dõi có trang Lịch sử (ghi bằng consolidate --book).",
        en: "The tracking book with its Lịch sử sheet (recorded by consolidate --book).",
      },
    },
    until: {
      kind: "value",
      arg: "DD/MM/YYYY",
      help: {
        vi: "Sơ kết đến ngày này: các kỳ kết thúc từ ngày này trở về trước.",
        en: "Review up to this date: the periods that ended by then.",
      },
    },
    out: {
      kind: "value",
      short: "o",
      arg: "FILE.xlsx",
      help: { vi: "Tệp sơ kết cần tạo.", en: "The review workbook to create." },
    },
  },
  async run(args, io) {
    noPositional(args);
    const { options } = args;
    if (typeof options.book !== "string")
      throw new UsageError({ vi: "Thiếu --book SO.xlsx.", en: "Missing --book BOOK.xlsx." });
    const until = typeof options.until === "string" ? parseUserDate(options.until) : null;
    if (!until)
      throw new UsageError({
        vi: "Thiếu hoặc sai --until (ngày/tháng/năm, ví dụ 31/12/2027).",
        en: "Missing or wrong --until (dd/mm/yyyy, e.g. 31/12/2027).",
      });
    if (typeof options.out !== "string" || !/\.xlsx$/i.test(options.out))
      throw new UsageError({ vi: "Thiếu -o TỆP.xlsx.", en: "Missing -o FILE.xlsx." });
    const path = userPath(io, options.out);
    if (path === userPath(io, options.book))
      throw new UsageError({
        vi: "Hãy ghi bảng sơ kết ra tệp khác: sổ theo dõi không bị ghi đè.",
        en: "Write the review to another file: the tracking book is never overwritten.",
      });
    const found = commandBook(io, options.book, { history: true });
    if (!found?.book) return 1;
    const history = found.book.read.history!;
    for (const p of history.problems) {
      const t = formatBookProblem(p);
      io.stderr(`  ${t.vi}\n  ${t.en}\n`);
    }
    const review = reviewWorkbook(found.plan, history.rows, until);
    if ("refused" in review) {
      io.stderr(`${review.refused.vi}\n${review.refused.en}\n`);
      return 1;
    }
    writeWhole(path, renderXlsx(review.spec, { zip: nodeZip }));
    const name = displayName(io, path);
    io.stdout(
      `Đã tạo bảng sơ kết ${name}: ${review.periods.length} kỳ (${review.periods.join(", ")}).\n` +
        `Created the review ${name}: ${review.periods.length} periods (${review.periods.join(", ")}).\n`,
    );
    return 0;
  },
};
