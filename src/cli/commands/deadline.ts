import { builtinPlan } from "../../plan";
import { contextFromPlan, nextDue, parseSchedule } from "../../schedule";
import { isoDateOption, parseArgs, todayIso, UsageError } from "../args";
import type { Command } from "../io";

export const deadlineCommand: Command = {
  name: "deadline",
  summary: "Đọc thời hạn từ cụm từ thời gian / read deadlines from timing phrases (JSON lines)",
  usage: "deadline [--as-of YYYY-MM-DD] PHRASE...",
  async run(argv, io) {
    const { options, positional } = parseArgs(argv, { "as-of": "value" });
    const asOf = isoDateOption(options["as-of"], "as-of") ?? todayIso();
    if (positional.length === 0)
      throw new UsageError("Cần ít nhất một cụm từ thời gian / At least one timing phrase is needed");
    const ctx = contextFromPlan(builtinPlan());
    for (const phrase of positional) {
      const s = parseSchedule(phrase, ctx);
      const line = {
        text: s.text,
        parsed: s.parsed,
        due: s.due,
        repeat: s.repeat,
        until: s.until,
        nextDue: nextDue(s, asOf),
        start: s.start,
        milestones: s.milestones,
        unread: s.unread,
      };
      io.stdout(JSON.stringify(line) + "\n");
    }
    return 0;
  },
};
