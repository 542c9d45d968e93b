import { todayIso } from "../../dates";
import { trackingXlsx } from "../../jobs/tracking";
import { dateOption, noPositional, UsageError } from "../args";
import { formatBookProblem } from "../../jobs/book";
import { BOOK_OPTION, commandBook } from "../book";
import { displayName, userPath, writeWhole } from "../files";
import type { Command } from "../io";
import { nodeZip } from "../native-zip";

export const templateCommand: Command = {
  name: "template",
  summary: { vi: "Tạo sổ theo dõi (phụ lục + theo dõi)", en: "Create the tracking workbook (appendix + tracking)" },
  usage: "template -o FILE.xlsx [--book SO.xlsx] [--as-of DD/MM/YYYY] [--soon-days N]",
  options: {
    out: {
      kind: "value",
      short: "o",
      arg: "FILE.xlsx",
      help: { vi: "Tệp sổ theo dõi cần tạo.", en: "The workbook to create." },
    },
    "as-of": {
      kind: "value",
      arg: "DD/MM/YYYY",
      help: {
        vi: "Ngày báo cáo ghi trong sổ (mặc định: hôm nay, tự cập nhật mỗi ngày).",
        en: "The report date in the workbook (default: today, which updates itself daily).",
      },
    },
    book: {
      ...BOOK_OPTION,
      help: {
        vi: "Tạo lại sổ từ kế hoạch trong sổ này (giữ nhiệm vụ, đơn vị, phân công, thông tin của cơ quan; ghi mã cho nhiệm vụ mới).",
        en: "Rebuild the book from the plan in this book (keeps the office's tasks, units, assignments and facts; writes ids of new tasks).",
      },
    },
    "soon-days": {
      kind: "value",
      arg: "N",
      help: { vi: 'Số ngày coi là "sắp đến hạn" (mặc định 30).', en: 'Days counted as "due soon" (default 30).' },
    },
  },
  async run(args, io) {
    noPositional(args);
    const { options } = args;
    const out = options.out;
    if (typeof out !== "string")
      throw new UsageError({
        vi: "Thiếu -o TỆP.xlsx (tệp cần tạo).",
        en: "Missing -o FILE.xlsx (the file to create).",
      });
    if (!out.toLowerCase().endsWith(".xlsx"))
      throw new UsageError({ vi: "Tệp cần tạo phải có đuôi .xlsx.", en: "The output file must end in .xlsx." });
    const asOf = dateOption(options["as-of"], "as-of");
    const soonDays = options["soon-days"] === undefined ? 30 : Number(options["soon-days"]);
    if (!Number.isInteger(soonDays) || soonDays < 0 || soonDays > 365)
      throw new UsageError({
        vi: "--soon-days phải là số nguyên từ 0 đến 365.",
        en: "--soon-days must be a whole number from 0 to 365.",
      });
    const path = userPath(io, out);
    if (typeof options.book === "string" && userPath(io, options.book) === path)
      throw new UsageError({
        vi: "Hãy ghi sổ mới ra một tệp khác (-o): sổ đang dùng không bị ghi đè.",
        en: "Write the new book to another file (-o): the book in use is never overwritten.",
      });
    const found = commandBook(io, options.book, { tracking: true, history: true });
    if (!found) return 1;
    // What the office typed on "Theo dõi" (status, completion, notes) goes into the new book.
    const entries = found.book?.read.tracking;
    // So do the recorded periods ("Lịch sử"), their problems said.
    const history = found.book?.read.history;
    for (const p of history?.problems ?? []) {
      const t = formatBookProblem(p);
      io.stderr(`  ${t.vi}\n  ${t.en}\n`);
    }
    const bytes = trackingXlsx(found.plan, {
      asOf,
      today: todayIso(),
      soonDays,
      zip: nodeZip,
      ...(entries ? { entries } : {}),
      ...(history?.present ? { history: history.rows } : {}),
    });
    writeWhole(path, bytes);
    io.stdout(
      `Đã tạo sổ theo dõi: ${displayName(io, path)}\nCreated the tracking workbook: ${displayName(io, path)}\n`,
    );
    return 0;
  },
};
