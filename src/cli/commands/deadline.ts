import { builtinPlan } from "../../plan";
import { contextFromPlan, nextDue, parseSchedule } from "../../schedule";
import { dateOption, UsageError } from "../args";
import type { Command } from "../io";

export const deadlineCommand: Command = {
  name: "deadline",
  summary: {
    vi: "Đọc thời hạn từ cụm từ thời gian (mỗi cụm một dòng JSON)",
    en: "Read deadlines from timing phrases (one JSON line each)",
  },
  usage: 'deadline [--as-of DD/MM/YYYY] "PHRASE"...',
  options: {
    "as-of": {
      kind: "value",
      arg: "DD/MM/YYYY",
      help: {
        vi: "Ngày để tính hạn kế tiếp (mặc định: hôm nay).",
        en: "The date the next deadline is counted from (default: today).",
      },
    },
  },
  async run({ options, positional }, io) {
    const asOf = dateOption(options["as-of"], "as-of");
    if (positional.length === 0)
      throw new UsageError({
        vi: 'Cần ít nhất một cụm từ thời gian, ví dụ "Quý II/2026 và hằng năm".',
        en: 'At least one timing phrase is needed, e.g. "Quý II/2026 và hằng năm".',
      });
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
