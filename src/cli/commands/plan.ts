import { describePlan, hasErrors } from "../../jobs/book";
import { builtinPlan } from "../../plan";
import type { Plan } from "../../plan/types";
import { noPositional, UsageError } from "../args";
import { BOOK_OPTION, printBookProblems, readBookOption } from "../book";
import type { Command } from "../io";

export const planCommand: Command = {
  name: "plan",
  summary: {
    vi: "In kế hoạch và phân công; kiểm tra sổ theo dõi",
    en: "Print the plan and its assignments; check a book",
  },
  usage: "plan [--json] [--book SO.xlsx [--check]]",
  options: {
    json: {
      kind: "flag",
      help: { vi: "In dạng JSON (cho chương trình khác đọc).", en: "Print as JSON (for other programs)." },
    },
    book: BOOK_OPTION,
    check: {
      kind: "flag",
      help: {
        vi: "Chỉ kiểm tra sổ: liệt kê mọi lỗi (trang, ô); mã thoát 1 khi có lỗi.",
        en: "Only check the book: list every problem (sheet, cell); exit status 1 when there are errors.",
      },
    },
  },
  async run(args, io) {
    noPositional(args);
    const book = readBookOption(io, args.options.book);
    if (args.options.check && !book)
      throw new UsageError({ vi: "--check cần --book SO.xlsx.", en: "--check needs --book BOOK.xlsx." });
    let plan: Plan = builtinPlan();
    if (book) {
      const { read, name } = book;
      const failed = !read.plan || hasErrors(read.problems);
      if (args.options.check || read.problems.length > 0) printBookProblems(io, read, name);
      if (args.options.check) return failed ? 1 : 0;
      if (!read.plan) return 1;
      plan = read.plan;
      if (failed) {
        io.stderr(
          "Sổ có lỗi: kế hoạch dưới đây bỏ qua các dòng lỗi.\nThe book has errors: the plan below leaves out the rows in error.\n",
        );
      }
      if (args.options.json) io.stdout(JSON.stringify(describePlan(plan), null, 2) + "\n");
      else printPlan(io, plan);
      return failed ? 1 : 0;
    }
    if (args.options.json) io.stdout(JSON.stringify(describePlan(plan), null, 2) + "\n");
    else printPlan(io, plan);
    return 0;
  },
};

function printPlan(io: { stdout: (t: string) => void }, plan: Plan): void {
  let group = "";
  for (const t of plan.tasks) {
    const g = t.group ? `${t.group.label}. ${t.group.title}` : "";
    if (g && g !== group) io.stdout(`${g}\n`);
    group = g;
    io.stdout(`${t.number}. ${t.content}\n   ${t.timing} — ${t.lead} — ${t.issuer}\n`);
  }
  const reporting = plan.units.filter((u) => (plan.assignments.get(u.code) ?? []).length > 0).length;
  io.stdout(`\n${reporting} đơn vị báo cáo / reporting units\n`);
}
