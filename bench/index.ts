/**
 * npm run bench — speed and memory figures, each with a baseline run in the same process on the
 * same inputs (machines are noisy; ratios travel better than seconds). Targets from the issues:
 * - forms for every unit: a few seconds; an optional password must not cost seconds per file;
 * - consolidation: ≥ 5× the ExcelJS reader; 3,000 forms in about 1–2 s; memory well under 1 GB;
 * - task pane: small initial JavaScript, time to interactive (vs a blank page in the same browser);
 * - the book (plan source): 300 tasks × 3,300 units read and checked in ≤ 0.5 s (vs ExcelJS loading it);
 * - importing an appendix: a 300-task .docx in ≤ 1 s.
 * - the book's history: nine periods × 3,300 units × 17 tasks, recording a period (target ≤ 2 s).
 */
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { performance } from "perf_hooks";
import { consolidate, type InputFile } from "../src/consolidate";
import {
  builtinPlan,
  builtinPlanData,
  builtinRegistryData,
  buildPlan,
  reportingUnits,
  type Plan,
  type Unit,
} from "../src/plan";
import { reportPeriod } from "../src/schedule";
import { reportForm } from "../src/workbook/form";
import { renderXlsx } from "../src/xlsx/write";
import { nodeInflateRaw } from "../src/cli/native-inflate";
import { readXlsx, type InflateRaw, type ReadOptions } from "../src/xlsx/read";
import { fillForm } from "../test/helpers/fill-form";
import { readFormWithExcelJS, writeWithExcelJS } from "./exceljs-baselines";
import { benchBook, planThroughBook } from "./book";
import { benchCli, benchParallel } from "./cli";
import { benchFormats } from "./formats";
import { benchImport } from "./import";
import { benchHistory } from "./history";

const period = reportPeriod("2026-H1")!;
const fmt = (n: number, d = 1) => n.toFixed(d);
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Median of `runs` timings (first run warms the JIT and is dropped). */
async function median(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await time(fn)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function benchForms(): Promise<void> {
  console.log("\n1. Mẫu báo cáo cho mọi đơn vị / report forms for every unit");
  const plan = builtinPlan();
  const units = reportingUnits(plan);
  const ours = await median(3, () => units.map((u) => renderXlsx(reportForm(plan, u, period))));
  const withPassword = await median(3, () =>
    units.map((u) => renderXlsx(reportForm(plan, u, period, { password: "NQ08-2026" }))),
  );
  const sample = units.slice(0, 10);
  const exceljs =
    (await median(1, () => Promise.all(sample.map((u) => writeWithExcelJS(reportForm(plan, u, period)))))) /
    sample.length;
  const exceljsPw =
    (await median(1, async () => {
      for (const u of sample.slice(0, 3))
        await writeWithExcelJS(reportForm(plan, u, period, { password: "NQ08-2026" }));
    })) / 3;
  line(
    `ours, ${units.length} forms (describe + render .xlsx)`,
    `${fmt(ours)} ms  (${fmt(ours / units.length, 2)} ms/form)`,
  );
  line(`ours, with a sheet password`, `${fmt(withPassword)} ms  (${fmt(withPassword / units.length, 2)} ms/form)`);
  line(
    `baseline ExcelJS writer, per form`,
    `${fmt(exceljs, 2)} ms/form  → ours is ${fmt(exceljs / (ours / units.length))}× faster`,
  );
  line(
    `baseline ExcelJS writer with password (SHA-512), per form`,
    `${fmt(exceljsPw, 1)} ms/form  → ours is ${fmt(exceljsPw / (withPassword / units.length))}× faster`,
  );
}

/** A registry of `n` synthetic communes (national scale) so every form is a distinct unit. */
function syntheticPlan(n: number): Plan {
  const provincial = builtinRegistryData.units.filter((u) => u.level === "provincial");
  const communes: Unit[] = Array.from({ length: n }, (_, i) => ({
    code: String(90000 + i),
    name: `Xã Thử Nghiệm ${String(i + 1).padStart(4, "0")}`,
    level: "commune",
    kind: "Xã",
  }));
  // Through the office's book, as a real run with --book gets its plan (written, then read back).
  return planThroughBook(buildPlan(builtinPlanData, { province: "Thử nghiệm", units: [...provincial, ...communes] }));
}

function filledForms(plan: Plan, count: number): InputFile[] {
  const units = reportingUnits(plan).slice(0, count);
  return units.map((u, i) => {
    const tasks = plan.assignments.get(u.code)!;
    const rows = tasks.map((task, j) => ({
      task,
      status: ["Hoàn thành", "Đang thực hiện", "đã hoàn thành", "Chưa triển khai"][(i + j) % 4]!,
      completedOn: (i + j) % 4 === 0 ? { date: "2026-05-20" } : (i + j) % 4 === 2 ? "30/6/2026" : null,
      progress: (i + j) % 4 === 1 ? "60%" : (i + j) % 4 === 0 ? 100 : null,
      result:
        (i + j) % 2 === 0 ? `Đã ban hành kế hoạch số ${i + 1}/KH-UBND, tổ chức ${j + 2} hội nghị quán triệt.` : null,
    }));
    const bytes = fillForm(renderXlsx(reportForm(plan, u, period)), rows, {
      preparer: "Nguyễn Văn A",
      phone: "0238 3840 000",
    });
    return { name: `${u.code}.xlsx`, bytes, lastModified: "2026-06-20T08:00:00Z" };
  });
}

async function benchConsolidation(count: number): Promise<{ plan: Plan; files: InputFile[] }> {
  const plan = syntheticPlan(Math.max(count, 130));
  const files = filledForms(plan, count);
  const bytes = files.reduce((s, f) => s + f.bytes.length, 0);
  console.log(`\n2. Tổng hợp ${count} mẫu / consolidating ${count} returned forms (${mb(bytes)})`);
  const sample = files.slice(0, Math.min(files.length, 150));
  const exceljs = await time(async () => {
    for (const f of sample) await readFormWithExcelJS(f.bytes);
  });
  const perExcel = exceljs.ms / sample.length;
  line(
    `baseline ExcelJS reader (read only, ${sample.length} forms)`,
    `${fmt(perExcel, 3)} ms/form  (${fmt(1000 / perExcel, 0)} forms/s)`,
  );
  // Both decoders, so nobody reads the Node figure as the browser's: the browser (task pane, web page)
  // has only the built-in JavaScript inflate; the CLI passes Node's zlib.
  const paths: [string, InflateRaw | undefined][] = [
    ["built-in JS inflate (as in the browser)", undefined],
    ["Node zlib inflate (CLI)", nodeInflateRaw],
  ];
  for (const [label, inflateRaw] of paths) {
    const read = inflateRaw ? { inflateRaw } : {};
    console.log(`  — ${label}`);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const ours = await time(() => consolidate(files, { plan, asOf: "2026-06-30", period, ...read }));
    const heapAfter = process.memoryUsage().heapUsed;
    const rssNow = process.memoryUsage().rss;
    const rssOurs = process.resourceUsage().maxRSS * 1024;
    // The reader as consolidation uses it (values only), and the full read (validations too). Each
    // workbook is dropped at once, as the consolidation does (holding 3,000 only measures the GC).
    const readAll = (options: ReadOptions) => () => {
      for (const f of files) readXlsx(f.bytes, options);
    };
    const readValues = await median(1, readAll({ valuesOnly: true, ...read }));
    const readFull = await median(1, readAll(read));
    const perOurs = ours.ms / count;
    const rows = ours.value.rows.filter((r) => r.status !== null).length;
    line(
      "ours: read + check + merge + summarise",
      `${fmt(ours.ms)} ms  (${fmt(perOurs, 3)} ms/form, ${fmt(1000 / perOurs, 0)} forms/s)`,
    );
    line(
      "ours: reader alone (readXlsx, values only)",
      `${fmt(readValues)} ms  (${fmt(readValues / count, 3)} ms/form)`,
    );
    line("ours: reader alone (readXlsx, everything)", `${fmt(readFull)} ms  (${fmt(readFull / count, 3)} ms/form)`);
    line("ratio: ours (full consolidation) vs ExcelJS (reading only)", `${fmt(perExcel / perOurs)}×`);
    line("ratio: our reader (values only) vs ExcelJS reader", `${fmt(perExcel / (readValues / count))}×`);
    line("reported rows consolidated / problems", `${rows} / ${ours.value.problems.length}`);
    line(
      "heap held by the result / RSS after / peak RSS so far",
      `${mb(heapAfter - heapBefore)} / ${mb(rssNow)} / ${mb(rssOurs)}`,
    );
  }
  return { plan, files };
}

async function benchPage(): Promise<string> {
  console.log("\n3. Trang ngăn tác vụ / task pane page");
  const out = process.env.BENCH_DIST ?? join(mkdtempSync(join(tmpdir(), "nq08-bench-")), "dist");
  if (!existsSync(join(out, "taskpane.html"))) {
    execFileSync(process.execPath, [require.resolve("webpack/bin/webpack.js"), "--mode", "production"], {
      env: { ...process.env, ADDIN_OUT_DIR: out },
      stdio: "ignore",
    });
  }
  const html = readFileSync(join(out, "taskpane.html"), "utf8");
  // Minified HTML may drop the quotes around attribute values.
  const scripts = [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+)/g)]
    .map((m) => m[1]!)
    .filter((s) => !/^https?:/.test(s));
  const initial = scripts.reduce((s, src) => s + statSync(join(out, src)).size, 0);
  line("initial JavaScript (before any action)", `${fmt(initial / 1024, 0)} KiB in ${scripts.length} file(s)`);
  if (!existsSync("/usr/bin/chromium")) {
    line("time to interactive", "skipped: /usr/bin/chromium is not installed");
    return out;
  }
  const { chromium } = await import("playwright-core");
  const { serveDirectory } = await import("../test/addin/static-server");
  const server = await serveDirectory(out);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  try {
    const page = await browser.newPage();
    const measure = async (url: string, selector: string) => {
      const t0 = performance.now();
      await page.goto(url);
      await page.waitForSelector(selector);
      return performance.now() - t0;
    };
    await measure(`${server.origin}/taskpane.html`, "[data-mode]");
    const tti = [] as number[];
    const blank = [] as number[];
    for (let i = 0; i < 5; i++) {
      tti.push(await measure(`${server.origin}/taskpane.html?page=consolidate`, "[data-mode]"));
      blank.push(await measure(`${server.origin}/assets/icon-32.png`, "img"));
    }
    tti.sort((a, b) => a - b);
    blank.sort((a, b) => a - b);
    line("time to interactive, median of 5 (browser mode)", `${fmt(tti[2]!)} ms`);
    line(
      "baseline: a static asset page in the same browser",
      `${fmt(blank[2]!)} ms  → ratio ${fmt(tti[2]! / blank[2]!)}×`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

async function main(): Promise<void> {
  console.log(`npm run bench — Node ${process.version}, ${new Date().toISOString()}`);
  // The CLI figures run the built command line: build it from the current sources first.
  execFileSync(process.execPath, [join(__dirname, "..", "scripts", "build-cli.mjs")], { stdio: "inherit" });
  await benchBook();
  benchImport();
  await benchForms();
  await benchConsolidation(150);
  const big = await benchConsolidation(3000);
  const dist = await benchPage();
  await benchCli(dist);
  await benchParallel(big.plan, big.files);
  await benchFormats();
  await benchHistory();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
