import { mkdirSync, writeFileSync } from "fs";
import { dirname, resolve } from "path";
import { trackingXlsx } from "../../jobs/tracking";
import { builtinPlan } from "../../plan";
import { isoDateOption, parseArgs, todayIso, UsageError } from "../args";
import type { Command } from "../io";

export const templateCommand: Command = {
  name: "template",
  summary: "Tạo sổ theo dõi (phụ lục + theo dõi) / create the tracking workbook",
  usage: "template -o FILE.xlsx [--as-of YYYY-MM-DD] [--soon-days N]",
  async run(argv, io) {
    const { options, positional } = parseArgs(
      argv,
      { out: "value", "as-of": "value", "soon-days": "value" },
      { o: "out" },
    );
    if (positional.length > 0) throw new UsageError(`Unexpected argument ${positional[0]}`);
    const out = options.out;
    if (typeof out !== "string") throw new UsageError("Missing -o FILE.xlsx");
    if (!out.toLowerCase().endsWith(".xlsx")) throw new UsageError("The output file must end in .xlsx");
    const asOf = isoDateOption(options["as-of"], "as-of") ?? todayIso();
    const soonDays = options["soon-days"] === undefined ? 30 : Number(options["soon-days"]);
    if (!Number.isInteger(soonDays) || soonDays < 0 || soonDays > 365)
      throw new UsageError("--soon-days must be a whole number 0–365");
    const bytes = trackingXlsx(builtinPlan(), { asOf, today: todayIso(), soonDays });
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, bytes);
    io.stdout(`Đã tạo sổ theo dõi / Created the tracking workbook: ${out}\n`);
    return 0;
  },
};
