import { existsSync, readFileSync, statSync } from "fs";
import { join } from "path";
import { dmy } from "../../dates";
import { countEn } from "../../i18n";
import {
  consolidationBaseName,
  consolidationOutputs,
  consolidationStatus,
  parsePreviousSummary,
  runConsolidation,
} from "../../jobs/consolidate";
import { reportFile } from "../../jobs/report";
import { reportPeriod } from "../../schedule";
import { dateOption, UsageError } from "../args";
import { BOOK_OPTION, commandBook } from "../book";
import { recordIntoBookFile } from "../history";
import { displayName, findSources, userPath, writeWhole } from "../files";
import type { Command } from "../io";
import { nodeInflateRaw } from "../native-inflate";
import { nodeZip } from "../native-zip";
import { progressBar } from "../progress";
import { workerCount, workerReader } from "../workers/pool";

/** Rejected files named on the console; the workbook's "Kiểm tra" sheet lists them all. */
const REJECTED_SHOWN = 20;

/** The built worker sits beside the built CLI; run from the TypeScript sources there is none (this thread reads). */
function workerScript(): string | null {
  const built = join(__dirname, "form-worker.js");
  return existsSync(built) ? built : null;
}

export function periodOption(value: string | true | undefined): ReturnType<typeof reportPeriod> | undefined {
  if (value === undefined) return undefined;
  const period = typeof value === "string" ? reportPeriod(value) : null;
  if (!period)
    throw new UsageError({
      vi: `Kỳ báo cáo "${String(value)}" không hợp lệ: dùng NĂM-H1 (6 tháng đầu năm), NĂM-H2 (6 tháng cuối năm) hoặc NĂM, ví dụ 2026-H1.`,
      en: `Report period "${String(value)}" is not valid: use YEAR-H1 (first half), YEAR-H2 (second half) or YEAR, e.g. 2026-H1.`,
    });
  return period;
}

export const consolidateCommand: Command = {
  name: "consolidate",
  summary: {
    vi: "Tổng hợp các báo cáo đơn vị gửi về (tệp, thư mục, tệp .zip)",
    en: "Consolidate the returned report forms (files, folders, .zip archives)",
  },
  usage:
    "consolidate [--book SO.xlsx] [--as-of DD/MM/YYYY] [--period 2026-H1] [-o OUT.xlsx|FOLDER] [--json SUMMARY.json] [--report BAO-CAO.docx] [--lang en] FILE_OR_FOLDER...",
  details: {
    vi: "Đọc mọi tệp trong các tệp, thư mục và tệp nén .zip đã nêu; mỗi tệp được kiểm tra từng ô. Mã thoát 0: mọi tệp được tổng hợp, không lỗi; 1: có tệp không tổng hợp được hoặc có lỗi (kết quả vẫn được ghi); 2: gọi lệnh sai.",
    en: "Reads every file in the files, folders and .zip archives given; each file is checked cell by cell. Exit status 0: every file consolidated, no errors; 1: some files rejected or errors found (the outputs are still written); 2: usage error.",
  },
  options: {
    book: {
      ...BOOK_OPTION,
      help: {
        vi: "Đọc kế hoạch từ sổ theo dõi này và ghi kết quả kỳ vào trang Lịch sử của sổ (giữ bản trước: SO.truoc-<kỳ>.xlsx).",
        en: "Read the plan from this tracking book and record the period in its Lịch sử sheet (previous version kept as SO.truoc-<period>.xlsx).",
      },
    },
    "as-of": {
      kind: "value",
      arg: "DD/MM/YYYY",
      help: {
        vi: "Ngày tính hạn (mặc định: hôm nay).",
        en: "The report date deadlines are judged on (default: today).",
      },
    },
    period: {
      kind: "value",
      arg: "2026-H1",
      help: {
        vi: "Kỳ báo cáo: NĂM-H1, NĂM-H2 hoặc NĂM (mặc định: kỳ mà đa số tệp ghi).",
        en: "Report period: YEAR-H1, YEAR-H2 or YEAR (default: the period most files name).",
      },
    },
    out: {
      kind: "value",
      short: "o",
      arg: "OUT.xlsx",
      help: {
        vi: "Tệp tổng hợp .xlsx, hoặc thư mục để ghi (mặc định: Tong-hop-NQ08-<kỳ>.xlsx tại thư mục hiện tại).",
        en: "The consolidated .xlsx, or a folder to write it in (default: Tong-hop-NQ08-<period>.xlsx here).",
      },
    },
    json: {
      kind: "value",
      arg: "SUMMARY.json",
      help: {
        vi: "Ghi thêm bản tóm tắt JSON (dùng cho --previous khi có tệp nộp muộn).",
        en: "Also write the JSON summary (for --previous when late files arrive).",
      },
    },
    report: {
      kind: "value",
      arg: "BAO-CAO.docx",
      help: {
        vi: "Ghi thêm dự thảo báo cáo kết quả (Word, .docx) để văn phòng chỉnh sửa.",
        en: "Also write the draft results report (Word, .docx) for the office to edit.",
      },
    },
    previous: {
      kind: "value",
      arg: "SUMMARY.json",
      help: {
        vi: "Bản tóm tắt JSON của lần tổng hợp trước: các tệp mới được thêm vào.",
        en: "The JSON summary of an earlier consolidation: the new files are added to it.",
      },
    },
    lang: {
      kind: "value",
      arg: "vi|en",
      help: {
        vi: "Ngôn ngữ các thông báo lỗi ở trang Kiểm tra: vi (mặc định) hoặc en.",
        en: 'Language of the problem messages on the "Kiểm tra" sheet: vi (default) or en.',
      },
    },
    jobs: {
      kind: "value",
      arg: "N",
      help: {
        vi: "Số luồng đọc tệp song song (mặc định: theo số lõi CPU khi có nhiều tệp; 0 = một luồng).",
        en: "Worker threads reading files in parallel (default: one per CPU core for many files; 0 = none).",
      },
    },
  },
  async run({ options, positional }, io) {
    const asOf = dateOption(options["as-of"], "as-of");
    const period = periodOption(options.period);
    if (positional.length === 0)
      throw new UsageError({
        vi: "Cần nêu ít nhất một tệp hoặc thư mục báo cáo để tổng hợp.",
        en: "At least one report file or folder to consolidate is needed.",
      });
    const lang = options.lang ?? "vi";
    if (lang !== "vi" && lang !== "en")
      throw new UsageError({
        vi: `--lang chỉ nhận vi hoặc en: "${String(lang)}".`,
        en: `--lang takes vi or en: "${String(lang)}".`,
      });
    let jobs: number | undefined;
    if (options.jobs !== undefined) {
      jobs = Number(options.jobs);
      if (!Number.isInteger(jobs) || jobs < 0 || jobs > 64)
        throw new UsageError({
          vi: "--jobs phải là số nguyên từ 0 đến 64.",
          en: "--jobs must be a whole number from 0 to 64.",
        });
    }
    // Outputs: checked before any work, so a typo costs nothing and an input is never overwritten.
    const outArg = typeof options.out === "string" ? options.out : ".";
    const outPath = userPath(io, outArg);
    const outIsFolder = /[\\/]$/.test(outArg) || (existsSync(outPath) && statSync(outPath).isDirectory());
    if (!outIsFolder && !/\.xlsx$/i.test(outPath))
      throw new UsageError({
        vi: `Tệp kết quả phải có đuôi .xlsx (hoặc là một thư mục): "${outArg}".`,
        en: `The output must end in .xlsx (or be a folder): "${outArg}".`,
      });
    const found = findSources(io, positional);
    if ("missing" in found) {
      io.stderr(`Không tìm thấy: ${found.missing}\nNot found: ${found.missing}\n`);
      return 1;
    }
    for (const note of found.notes) io.stderr(`  ${note}\n`);

    const jsonPath = typeof options.json === "string" ? userPath(io, options.json) : null;
    const reportPath = typeof options.report === "string" ? userPath(io, options.report) : null;
    if (options.report !== undefined && (reportPath === null || !/\.docx$/i.test(reportPath)))
      throw new UsageError({
        vi: `Tệp báo cáo phải có đuôi .docx: "${String(options.report)}".`,
        en: `The report must end in .docx: "${String(options.report)}".`,
      });
    // With --book the consolidation is also recorded into the book's history (src/cli/history.ts).
    const planned = commandBook(io, options.book, { tracking: true, history: true });
    if (!planned) return 1;
    const plan = planned.plan;
    if (planned.book && [outIsFolder ? null : outPath, jsonPath, reportPath].includes(planned.book.path))
      throw new UsageError({
        vi: "Tệp kết quả không được trùng tệp sổ theo dõi (sổ được cập nhật riêng).",
        en: "An output cannot be the tracking book (the book is updated on its own).",
      });
    let previous;
    if (typeof options.previous === "string") {
      const path = userPath(io, options.previous);
      let text: string;
      try {
        text = readFileSync(path, "utf8");
      } catch {
        io.stderr(
          `Không đọc được bản tóm tắt trước: ${options.previous}\nCannot read the previous summary: ${options.previous}\n`,
        );
        return 1;
      }
      const parsed = parsePreviousSummary(text, plan, displayName(io, path));
      if ("error" in parsed) {
        io.stderr(`${parsed.error.vi}\n${parsed.error.en}\n`);
        return 1;
      }
      previous = parsed.result;
    }

    const inputs = new Set(found.sources.map((s) => s.path));
    for (const target of [outIsFolder ? null : outPath, jsonPath, reportPath])
      if (target && inputs.has(target))
        throw new UsageError({
          vi: `Tệp kết quả ${displayName(io, target)} cũng là tệp đầu vào; tệp đầu vào không bao giờ bị ghi đè.`,
          en: `The output ${displayName(io, target)} is also an input; inputs are never overwritten.`,
        });

    const bytes = found.sources.reduce((n, s) => n + s.size, 0);
    const script = workerScript();
    // About 25 kB a form: the byte count tells "many forms" even when they come in one archive.
    const count = script ? workerCount(Math.max(found.sources.length, Math.round(bytes / 25_000)), jobs) : 0;
    const reader = workerReader(plan, { count, script: script ?? "" });
    const bar = progressBar(io, { vi: "tệp", en: "files" });
    let run;
    try {
      run = await runConsolidation({
        plan,
        sources: found.sources,
        asOf,
        ...(period ? { period } : {}),
        ...(previous ? { previous } : {}),
        reader,
        inflateRaw: nodeInflateRaw,
        onProgress: (done, total, name) => bar.update(done, total, name),
      });
    } finally {
      bar.finish();
      await reader.close();
    }
    const { result } = run;
    for (const s of run.skipped) io.stderr(`  ${s.name}: ${s.reason.vi} / ${s.reason.en}\n`);

    const outputs = consolidationOutputs(plan, result, { zip: nodeZip, lang });
    const xlsxPath = outIsFolder ? join(outPath, `${consolidationBaseName(plan, result)}.xlsx`) : outPath;
    try {
      writeWhole(xlsxPath, outputs.workbook.bytes);
      if (jsonPath) writeWhole(jsonPath, outputs.summary.bytes);
      if (reportPath) writeWhole(reportPath, reportFile(plan, result, { zip: nodeZip }).bytes);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      io.stderr(`Không ghi được kết quả (${detail}).\nCould not write the output (${detail}).\n`);
      return 1;
    }
    // A rejected file is what the office must chase: name each with its first error, on stderr.
    const rejected = result.files.filter((f) => f.outcome === "rejected");
    for (const f of rejected.slice(0, REJECTED_SHOWN)) {
      const why = result.problems.find((p) => p.file === f.name && p.severity === "error");
      io.stderr(`  ✗ ${f.name}${why ? `: ${why.text.vi}\n    ${why.text.en}` : ""}\n`);
    }
    if (rejected.length > REJECTED_SHOWN)
      io.stderr(
        `  … và ${rejected.length - REJECTED_SHOWN} tệp khác (xem trang "Kiểm tra") / and ${rejected.length - REJECTED_SHOWN} more (see the "Kiểm tra" sheet)\n`,
      );
    const t = result.totals;
    const written = [xlsxPath, ...[jsonPath, reportPath].filter((p): p is string => p !== null)]
      .map((p) => displayName(io, p))
      .join(", ");
    io.stdout(
      `Tổng hợp ${result.period.label.vi}, tính đến ngày ${dmy(result.asOf)}: ${t.files} tệp (được dùng ${t.accepted}, bản cũ ${t.superseded}, không tổng hợp ${t.rejected}); ` +
        `đơn vị đã gửi ${t.returned}/${t.units}, chưa nộp ${t.missing}; ${t.problems.error} lỗi, ${t.problems.warning} cảnh báo, ${t.problems.info} thông tin. ` +
        `Kết quả: ${written}\n` +
        `Consolidated ${result.period.label.en} as of ${dmy(result.asOf)}: ${countEn(t.files, "file")} (${t.accepted} used, ${t.superseded} superseded, ${t.rejected} rejected); ` +
        `${t.returned}/${t.units} units returned, ${t.missing} missing; ${countEn(t.problems.error, "error")}, ${countEn(t.problems.warning, "warning")}, ${countEn(t.problems.info, "note")}. ` +
        `Output: ${written}\n`,
    );
    const recorded = planned.book ? recordIntoBookFile(io, planned.book, result) : 0;
    return Math.max(consolidationStatus(result), recorded);
  },
};
