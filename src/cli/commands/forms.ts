import { mkdirSync, writeFileSync } from "fs";
import { basename, dirname, join, resolve } from "path";
import { generateForms } from "../../jobs/forms";
import { builtinPlan, reportingUnits } from "../../plan";
import { reportPeriod } from "../../schedule";
import { parseArgs, UsageError } from "../args";
import type { Command } from "../io";

export const formsCommand: Command = {
  name: "forms",
  summary: "Tạo mẫu báo cáo cho mọi đơn vị (thư mục + .zip) / create every unit's report form",
  usage: "forms --period YYYY-H1|YYYY-H2|YYYY -o DIR [--unit CODE]... [--password TEXT]",
  async run(argv, io) {
    const { options, lists, positional } = parseArgs(
      argv,
      { period: "value", out: "value", unit: "values", password: "value" },
      { o: "out" },
    );
    if (positional.length > 0) throw new UsageError(`Unexpected argument ${positional[0]}`);
    if (typeof options.period !== "string") throw new UsageError("Missing --period (e.g. 2026-H1)");
    const period = reportPeriod(options.period);
    if (!period) throw new UsageError(`Unknown period "${options.period}": use YYYY-H1, YYYY-H2 or YYYY`);
    if (typeof options.out !== "string") throw new UsageError("Missing -o DIR");
    const plan = builtinPlan();
    const codes = lists.unit ?? [];
    const all = reportingUnits(plan);
    const unknown = codes.filter((c) => !all.some((u) => u.code === c));
    if (unknown.length > 0) throw new UsageError(`Unknown or non-reporting unit code(s): ${unknown.join(", ")}`);
    const units = codes.length > 0 ? all.filter((u) => codes.includes(u.code)) : all;
    const dir = resolve(options.out);
    mkdirSync(dir, { recursive: true });
    const result = await generateForms(plan, period, {
      units,
      ...(typeof options.password === "string" ? { password: options.password } : {}),
      onProgress: (done, total) => {
        if (done === total || done % 25 === 0) io.stderr(`  ${done}/${total}\n`);
      },
    });
    for (const f of result.files) writeFileSync(join(dir, f.name), f.bytes);
    const zipPath = join(dirname(dir), `${basename(dir)}.zip`);
    writeFileSync(zipPath, result.zip);
    io.stdout(
      `Đã tạo ${result.files.length} mẫu báo cáo (${period.label.vi}) trong ${dir} và ${zipPath}\n` +
        `Created ${result.files.length} report forms (${period.label.en}) in ${dir} and ${zipPath}\n`,
    );
    return 0;
  },
};
