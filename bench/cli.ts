/**
 * The command line as a user runs it (whole processes of the built CLI), and the parallel reading
 * of the consolidation (0, 1, 2, 4 worker threads), each against a baseline in the same run.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { performance } from "perf_hooks";
import type { InputFile } from "../src/consolidate";
import { workerReader } from "../src/cli/workers/pool";
import { nodeZip } from "../src/cli/native-zip";
import { median } from "./book";
import { decodeSummary, type SummaryV3 } from "../src/consolidate/summary";
import { consolidationOutputs, memorySources, runConsolidation, summaryJson } from "../src/jobs/consolidate";
import { builtinPlan, reportingUnits, type Plan } from "../src/plan";
import { reportPeriod } from "../src/schedule";
import { reportForm } from "../src/workbook/form";
import { renderXlsx } from "../src/xlsx/write";
import { fillForm } from "../test/helpers/fill-form";

const ROOT = join(__dirname, "..");
// The `phuluc` command as users run it: the launcher (with its code cache) and the built bundle.
const CLI = join(ROOT, "bin", "phuluc.cjs");
const WORKER = join(ROOT, "build", "cli", "form-worker.js");
const period = reportPeriod("2026-H1")!;
const fmt = (n: number, d = 1) => n.toFixed(d);
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

/** Median wall time of a whole process (first run dropped: disk cache), and its peak RSS. */
function processTime(args: string[], runs: number, cwd: string): { ms: number; rss: number; status: number | null } {
  const times: number[] = [];
  let rss = 0;
  let status: number | null = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    // Run as a user would from that folder: not as an npm script (npm's INIT_CWD would win).
    const { npm_lifecycle_event: _event, INIT_CWD: _initCwd, ...env } = process.env;
    const r = spawnSync(process.execPath, ["-r", join(__dirname, "report-rss.cjs"), ...args], {
      cwd,
      env,
      encoding: "utf8",
    });
    const ms = performance.now() - t0;
    status = r.status;
    const m = /@@maxrss (\d+)/.exec(r.stderr);
    if (m) rss = Math.max(rss, Number(m[1]));
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, rss, status };
}

/** A unit's filled form; `version` changes one result so each resend differs from the last. */
function filled(plan: Plan, blank: Uint8Array, code: string, version: number, modified: string): Uint8Array {
  const rows = (plan.assignments.get(code) ?? []).map((task, j) => ({
    task,
    status: ["Hoàn thành", "Đang thực hiện", "Chưa triển khai"][(j + version) % 3]!,
    result: `Đã ban hành kế hoạch số ${j + 1}/KH, tổ chức hội nghị quán triệt (lần gửi ${version}).`,
    ...((j + version) % 3 === 0 ? { completedOn: "20/5/2026", progress: 100 } : {}),
  }));
  return fillForm(blank, rows, { preparer: "Nguyễn Văn A", phone: "0238 3840 000" }, { modified });
}

export async function benchCli(dist?: string): Promise<void> {
  console.log("\n4. Dòng lệnh, cả tiến trình / the command line as whole processes (`phuluc`, bin/phuluc.cjs)");
  const work = mkdtempSync(join(tmpdir(), "nq08-bench-cli-"));
  try {
    const bare = processTime(["-e", "0"], 7, work);
    const start = processTime([CLI, "deadline", "Năm 2026"], 7, work);
    line("baseline: bare `node -e 0`", `${fmt(bare.ms)} ms`);
    line(
      'start: `phuluc deadline "Năm 2026"`',
      `${fmt(start.ms)} ms  → ${fmt(start.ms / bare.ms, 2)}× bare node (target ≤ 2.5×)`,
    );

    const plan = builtinPlan();
    const units = reportingUnits(plan);
    const blanks = new Map(units.map((u) => [u.code, renderXlsx(reportForm(plan, u, period))] as const));
    // 150 returned forms: every unit once, twelve resend a corrected form.
    const inbox = join(work, "gui-ve");
    mkdirSync(inbox);
    units.forEach((u) =>
      writeFileSync(
        join(inbox, `${u.code}.xlsx`),
        filled(plan, blanks.get(u.code)!, u.code, 1, "2026-06-16T08:00:00Z"),
      ),
    );
    units
      .slice(0, 150 - units.length)
      .forEach((u) =>
        writeFileSync(
          join(inbox, `${u.code}-sua.xlsx`),
          filled(plan, blanks.get(u.code)!, u.code, 2, "2026-06-18T08:00:00Z"),
        ),
      );
    const args = (dir: string, jobs?: number) => [
      CLI,
      "consolidate",
      "--as-of",
      "30/06/2026",
      "-o",
      "kq.xlsx",
      "--json",
      "kq.json",
      ...(jobs !== undefined ? ["--jobs", String(jobs)] : []),
      dir,
    ];
    const r150 = processTime(args(inbox), 5, work);
    line("150 forms, whole process, outputs written", `${fmt(r150.ms)} ms  (target ≤ 300 ms; exit ${r150.status})`);

    // 2,760 files: every unit resends 20 times; one in four resends is identical to the one before.
    const resends = join(work, "gui-lai");
    mkdirSync(resends);
    let n = 0;
    for (const u of units) {
      let last: Uint8Array = new Uint8Array(0);
      for (let v = 1; v <= 20; v++) {
        const bytes =
          v % 4 === 0
            ? last
            : filled(plan, blanks.get(u.code)!, u.code, v, `2026-06-${String(v).padStart(2, "0")}T08:00:00Z`);
        writeFileSync(join(resends, `${u.code}-lan-${v}.xlsx`), bytes);
        last = bytes;
        n++;
      }
    }
    let cliMs = 0;
    for (const jobs of [0, undefined]) {
      const r = processTime(args(resends, jobs), 3, work);
      const json = statSync(join(work, "kq.json")).size;
      if (jobs === undefined) cliMs = r.ms;
      line(
        `${n} files (20 resends a unit), ${jobs === 0 ? "one thread (--jobs 0)" : "default workers"}`,
        `${fmt(r.ms)} ms, JSON ${mb(json)}, peak RSS ${mb(r.rss)}  (targets ≤ 3 s, ≤ 5 MB, ≤ 500 MB)`,
      );
    }
    // The compact summary against the result written as it is (version 2), and what each costs.
    const text = readFileSync(join(work, "kq.json"), "utf8");
    const result = decodeSummary(JSON.parse(text) as SummaryV3);
    const asIs = Buffer.byteLength(JSON.stringify(result));
    const plain = await median(3, () => JSON.stringify(result));
    const compact = await median(3, () => summaryJson(result));
    const read = await median(3, () => decodeSummary(JSON.parse(text) as SummaryV3));
    line(
      "JSON summary (version 3) vs the result as it is (v2)",
      `${mb(Buffer.byteLength(text))} vs ${mb(asIs)} → ${fmt(asIs / Buffer.byteLength(text))}× smaller (target ≤ 5 MB)`,
    );
    line(
      "writing it (encode, check, stringify) vs JSON.stringify",
      `${fmt(compact)} ms vs ${fmt(plain)} ms; reading back ${fmt(read)} ms`,
    );
    if (dist) await benchPageConsolidation(dist, resends, cliMs);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The whole consolidation job (read, check, merge, workbook and JSON written) on 0–4 worker threads. */
export async function benchParallel(plan: Plan, files: InputFile[]): Promise<void> {
  console.log(
    `\n5. Đọc song song / parallel reading: ${files.length} forms of ${files.length} units, whole job with outputs written`,
  );
  const out = mkdtempSync(join(tmpdir(), "nq08-bench-par-"));
  try {
    let single = 0;
    for (const count of [0, 1, 2, 4]) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const reader = workerReader(plan, { count, script: WORKER });
        try {
          const { result } = await runConsolidation({
            plan,
            sources: memorySources(files),
            asOf: "2026-06-30",
            period,
            reader,
          });
          // Written as the command line writes them (Node's zlib).
          const o = consolidationOutputs(plan, result, { zip: nodeZip });
          writeFileSync(join(out, o.workbook.name), o.workbook.bytes);
          writeFileSync(join(out, o.summary.name), o.summary.bytes);
        } finally {
          await reader.close();
        }
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const ms = times[1]!;
      if (count === 0) single = ms;
      line(
        count === 0 ? "one thread (baseline)" : `${count} worker thread(s)`,
        `${fmt(ms)} ms${count === 0 ? "  (target ≤ 2 s on 2 cores with workers)" : `  → speed-up ${fmt(single / ms, 2)}×`}`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The same 2,760 files consolidated by the browser page (Web Workers), from the click to the result. */
export async function benchPageConsolidationForTest(d: string, f: string, c: number): Promise<void> {
  return benchPageConsolidation(d, f, c);
}

async function benchPageConsolidation(dist: string, folder: string, cliMs: number): Promise<void> {
  if (!existsSync("/usr/bin/chromium")) return;
  const { chromium } = await import("playwright-core");
  const { serveDirectory } = await import("../test/addin/static-server");
  const server = await serveDirectory(dist);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    const paths = readdirSync(folder).map((f) => join(folder, f));
    const times: number[] = [];
    for (let i = 0; i < 2; i++) {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/taskpane.html?page=consolidate`);
      await page.getByTestId("consolidate-file-input").setInputFiles(paths);
      await page.getByTestId("consolidate-as-of").fill("2026-06-30");
      const t0 = performance.now();
      await Promise.all([
        page.waitForEvent("download", { timeout: 300_000 }),
        page.getByTestId("consolidate-run").click(),
      ]);
      times.push(performance.now() - t0);
      await page.close();
    }
    const ms = Math.min(...times);
    line(
      `browser page, same ${paths.length} files (Web Workers)`,
      `${fmt(ms)} ms, click to download  (target ≤ 2.5 s; ${fmt(ms / cliMs, 2)}× the CLI)`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}
