import { mkdirSync, writeFileSync } from "fs";
import { basename, dirname, join } from "path";
import { generateForms } from "../../jobs/forms";
import { reportingUnits } from "../../plan";
import { noPositional, UsageError } from "../args";
import { prefillFromHistory } from "../../jobs/history";
import { BOOK_OPTION, commandBook } from "../book";
import { displayName, userPath, writeWhole } from "../files";
import type { Command } from "../io";
import { nodeZip } from "../native-zip";
import { progressBar } from "../progress";
import { periodOption } from "./consolidate";

export const formsCommand: Command = {
  name: "forms",
  summary: {
    vi: "Tạo mẫu báo cáo cho mọi đơn vị (thư mục + tệp .zip)",
    en: "Create every unit's report form (a folder + a .zip)",
  },
  usage: "forms --period 2026-H1 -o FOLDER [--book SO.xlsx] [--unit CODE]... [--password TEXT]",
  options: {
    period: {
      kind: "value",
      arg: "2026-H1",
      help: { vi: "Kỳ báo cáo: NĂM-H1, NĂM-H2 hoặc NĂM.", en: "Report period: YEAR-H1, YEAR-H2 or YEAR." },
    },
    out: {
      kind: "value",
      short: "o",
      arg: "FOLDER",
      help: {
        vi: "Thư mục ghi các mẫu; tệp .zip cùng tên được ghi bên cạnh.",
        en: "Folder for the forms; a .zip of the same name is written beside it.",
      },
    },
    unit: {
      kind: "values",
      arg: "CODE",
      help: { vi: "Chỉ tạo cho đơn vị có mã này (nêu nhiều lần được).", en: "Only this unit's form (may repeat)." },
    },
    book: BOOK_OPTION,
    password: {
      kind: "value",
      arg: "TEXT",
      help: { vi: "Mật khẩu bảo vệ các ô cố định.", en: "Password protecting the fixed cells." },
    },
  },
  async run(args, io) {
    noPositional(args);
    const { options, lists } = args;
    if (typeof options.period !== "string")
      throw new UsageError({ vi: "Thiếu --period (ví dụ 2026-H1).", en: "Missing --period (e.g. 2026-H1)." });
    const period = periodOption(options.period)!;
    if (typeof options.out !== "string") throw new UsageError({ vi: "Thiếu -o THƯ_MỤC.", en: "Missing -o FOLDER." });
    const found = commandBook(io, options.book, { history: true });
    if (!found) return 1;
    const plan = found.plan;
    // A book with recorded periods: each unit's rows start from its last report (src/jobs/history.ts).
    const rows = found.book?.read.history?.rows ?? [];
    const prefill = rows.length > 0 ? prefillFromHistory(plan, rows, period) : undefined;
    const codes = lists.unit ?? [];
    const all = reportingUnits(plan);
    const unknown = codes.filter((c) => !all.some((u) => u.code === c));
    if (unknown.length > 0)
      throw new UsageError({
        vi: `Không có đơn vị báo cáo nào mang mã: ${unknown.join(", ")} (xem: phuluc plan).`,
        en: `No reporting unit has the code(s): ${unknown.join(", ")} (see: phuluc plan).`,
      });
    const units = codes.length > 0 ? all.filter((u) => codes.includes(u.code)) : all;
    const dir = userPath(io, options.out);
    mkdirSync(dir, { recursive: true });
    const bar = progressBar(io, { vi: "mẫu", en: "forms" });
    const result = await generateForms(plan, period, {
      units,
      ...(typeof options.password === "string" ? { password: options.password } : {}),
      onProgress: (done, total) => bar.update(done, total),
      zip: nodeZip,
      ...(prefill ? { prefillByUnit: prefill } : {}),
    });
    bar.finish();
    for (const f of result.files) writeFileSync(join(dir, f.name), f.bytes);
    const zipPath = join(dirname(dir), `${basename(dir)}.zip`);
    writeWhole(zipPath, result.zip);
    const [d, z] = [displayName(io, dir), displayName(io, zipPath)];
    io.stdout(
      `Đã tạo ${result.files.length} mẫu báo cáo (${period.label.vi}) trong ${d} và ${z}\n` +
        `Created ${result.files.length} report forms (${period.label.en}) in ${d} and ${z}\n` +
        (prefill
          ? `${prefill.size} đơn vị có mẫu điền sẵn kết quả kỳ trước.\n${prefill.size} units' forms start from their last report.\n`
          : ""),
    );
    return 0;
  },
};
