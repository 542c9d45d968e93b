import { dmy } from "../../workbook/form";
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
  writeFileSync,
} from "fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "path";
import type { ConsolidationResult, InputFile } from "../../consolidate/types";
import { consolidateJob } from "../../jobs/consolidate";
import { builtinPlan } from "../../plan";
import { reportPeriod } from "../../schedule";
import { isoDateOption, parseArgs, todayIso, UsageError } from "../args";
import { nodeInflateRaw } from "../native-inflate";
import type { CliIO, Command } from "../io";

/** Files larger than this are not read whole: the reader refuses anything over 50 MB anyway. */
const READ_CAP = 256 * 1024 * 1024;

interface Found {
  path: string;
  name: string;
}

function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : path;
}

/** Every file under a directory, any extension; symlinks only when they stay inside it. */
function walk(root: string, io: CliIO): Found[] {
  const rootReal = realpathSync(root);
  const out: Found[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isSymbolicLink()) {
        let target: string | null = null;
        try {
          target = realpathSync(path);
        } catch {
          target = null;
        }
        const inside = target !== null && (target === rootReal || target.startsWith(rootReal + sep));
        if (inside && statSync(target!).isFile()) out.push({ path: target!, name: displayName(path) });
        else
          io.stderr(
            `  Bỏ qua liên kết ra ngoài thư mục hoặc tới thư mục / Skipped a link leading outside the folder or to a folder: ${displayName(path)}\n`,
          );
      } else if (e.isDirectory()) visit(path);
      else if (e.isFile()) out.push({ path, name: displayName(path) });
      else io.stderr(`  Bỏ qua mục không phải tệp / Skipped a non-file entry: ${displayName(path)}\n`);
    }
  };
  visit(root);
  return out;
}

/** Reads without ever opening for writing; huge files are read only up to the cap (the reader refuses them). */
function readInput(path: string): InputFile & { path: string } {
  const st = statSync(path);
  const size = Math.min(st.size, READ_CAP);
  const bytes = new Uint8Array(size);
  const fd = openSync(path, "r");
  try {
    let off = 0;
    while (off < size) {
      const n = readSync(fd, bytes, off, size - off, off);
      if (n <= 0) break;
      off += n;
    }
  } finally {
    closeSync(fd);
  }
  return { path, name: displayName(path), bytes, lastModified: st.mtime.toISOString() };
}

/**
 * A JSON summary written earlier by this command: late files are added to it and give the same
 * result as consolidating everything at once. Checked for shape and plan, never trusted blindly.
 */
function readPrevious(path: string, planId: string): { result: ConsolidationResult } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    return {
      error:
        `Không đọc được bản tóm tắt trước (${path}): ${e instanceof Error ? e.message : String(e)}\n` +
        `Cannot read the previous summary (${path}).`,
    };
  }
  const r = parsed as Partial<ConsolidationResult> | null;
  if (!r || typeof r !== "object" || r.version !== 1 || !Array.isArray(r.forms) || typeof r.planId !== "string") {
    return {
      error:
        `Tệp ${path} không phải bản tóm tắt JSON do lệnh consolidate tạo ra.\n` +
        `${path} is not a JSON summary written by the consolidate command.`,
    };
  }
  if (r.planId !== planId) {
    return {
      error:
        `Bản tóm tắt ${path} thuộc kế hoạch khác (${r.planId}).\n` +
        `The summary ${path} belongs to another plan (${r.planId}).`,
    };
  }
  return { result: r as ConsolidationResult };
}

export const consolidateCommand: Command = {
  name: "consolidate",
  summary: "Tổng hợp các báo cáo đơn vị gửi về / consolidate the returned report forms",
  usage:
    "consolidate [--as-of YYYY-MM-DD] [--period YYYY-H1] [--previous SUMMARY.json] -o OUT.xlsx [--json SUMMARY.json] FILE_OR_DIR...",
  async run(argv, io) {
    const { options, positional } = parseArgs(
      argv,
      { "as-of": "value", period: "value", out: "value", json: "value", previous: "value" },
      { o: "out" },
    );
    const asOf = isoDateOption(options["as-of"], "as-of") ?? todayIso();
    let period = undefined;
    if (options.period !== undefined) {
      period = reportPeriod(String(options.period)) ?? undefined;
      if (!period) throw new UsageError(`Unknown period "${String(options.period)}": use YYYY-H1, YYYY-H2 or YYYY`);
    }
    if (typeof options.out !== "string") throw new UsageError("Missing -o OUT.xlsx");
    if (positional.length === 0) throw new UsageError("At least one FILE or DIR to consolidate is needed");
    const out = resolve(options.out);
    const json = typeof options.json === "string" ? resolve(options.json) : null;

    const found: Found[] = [];
    for (const arg of positional) {
      const path = resolve(arg);
      let st;
      try {
        st = lstatSync(path);
      } catch {
        io.stderr(`Không tìm thấy / Not found: ${arg}\n`);
        return 1;
      }
      if (st.isDirectory()) found.push(...walk(path, io));
      else found.push({ path: st.isSymbolicLink() ? realpathSync(path) : path, name: displayName(path) });
    }
    for (const target of [out, json]) {
      if (target && found.some((f) => resolve(f.path) === target))
        throw new UsageError(`The output ${target} is also an input; inputs are never overwritten`);
    }
    const files = found.map((f) => ({ ...readInput(f.path), name: f.name }));

    const plan = builtinPlan();
    const previous =
      typeof options.previous === "string" ? readPrevious(resolve(options.previous), plan.id) : undefined;
    if (previous && "error" in previous) {
      io.stderr(`${previous.error}\n`);
      return 1;
    }
    io.stderr(`Đang tổng hợp ${files.length} tệp / Consolidating ${files.length} files\n`);
    const job = await consolidateJob(files, {
      plan,
      asOf,
      ...(period ? { period } : {}),
      ...(previous ? { previous: previous.result } : {}),
      onProgress: (done, total, file) => io.stderr(`  [${done}/${total}] ${file}\n`),
      inflateRaw: nodeInflateRaw,
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, job.xlsx);
    if (json) {
      mkdirSync(dirname(json), { recursive: true });
      writeFileSync(json, job.json);
    }
    const r = job.result;
    const t = r.totals;
    io.stdout(
      `Tổng hợp ${r.period.label.vi}, tính đến ngày ${dmy(r.asOf)}: ${t.files} tệp (được dùng ${t.accepted}, bản cũ ${t.superseded}, không tổng hợp ${t.rejected}); ` +
        `đơn vị đã gửi ${t.returned}/${t.units}, chưa nộp ${t.missing}; ${t.problems.error} lỗi, ${t.problems.warning} cảnh báo, ${t.problems.info} thông tin. ` +
        `Kết quả: ${out}${json ? `, ${json}` : ""}\n` +
        `Consolidated ${r.period.label.en} as of ${r.asOf}: ${t.files} files (${t.accepted} used, ${t.superseded} superseded, ${t.rejected} rejected); ` +
        `${t.returned}/${t.units} units returned, ${t.missing} missing; ${t.problems.error} errors, ${t.problems.warning} warnings, ${t.problems.info} notes. ` +
        `Output: ${out}${json ? `, ${json}` : ""}\n`,
    );
    return 0;
  },
};
