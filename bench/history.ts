/**
 * Five years in one book at full scale: 3,300 units × 17 tasks, eight periods already recorded
 * (≈ 450,000 rows), the ninth recorded into it (≈ 500,000 rows). Recording a period = reading the
 * book + replacing the period's rows + writing the book again: through the book's history index
 * (only the periods needed are read, the others' segments copied), then for comparison reading and
 * writing the whole history. The book's size is reported. Run alone:
 * node --expose-gc -r ./scripts/register-ts.cjs bench/history.ts [--write FILE]
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { performance } from "perf_hooks";
import { readBook } from "../src/book";
import { nodeInflateRaw } from "../src/cli/native-inflate";
import { nodeZip } from "../src/cli/native-zip";
import type { ConsolidatedRow, ConsolidationResult } from "../src/consolidate/types";
import { recordInBook } from "../src/jobs/history";
import { trackingXlsx } from "../src/jobs/tracking";
import { planVersion, type Plan } from "../src/plan";
import { DEADLINE_CLASS_LABELS, REPORTED_STATUS_LABELS, reportPeriod, type DeadlineClass } from "../src/schedule";
import type { HistoryRow } from "../src/workbook/history";
import { nationalPlan } from "./book";

const fmt = (n: number, d = 1) => n.toFixed(d);
const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

const PERIODS = ["2026-H1", "2026-H2", "2027-H1", "2027-H2", "2028-H1", "2028-H2", "2029-H1", "2029-H2", "2030-H1"];
const STATUSES = ["done", "in-progress", "not-started"] as const;
const CLASSES: DeadlineClass[] = ["done-on-time", "done-late", "in-progress", "overdue", "not-reported"];

/** 3,300 units, each reporting on all 17 tasks (the worst case of the issue). */
export function historyPlan(): Plan {
  const plan = nationalPlan(17, 300, 3000);
  const all = plan.tasks.map((t) => t.number);
  const assignments = new Map(plan.units.map((u) => [u.code, all] as const));
  return { ...plan, assignments, version: planVersion(plan.tasks, assignments) };
}

function fakeRow(plan: Plan, period: string, u: number, t: number): HistoryRow {
  const unit = plan.units[u]!;
  const task = plan.tasks[t]!;
  const k = (u * 31 + t * 7 + period.length) % 10;
  const reported = k < 8;
  const status = reported ? REPORTED_STATUS_LABELS[STATUSES[k % 3]!].vi : "";
  return {
    period,
    unitCode: unit.code,
    unitName: unit.name,
    taskId: task.id,
    task: task.number,
    status,
    deadlineClass: DEADLINE_CLASS_LABELS[CLASSES[reported ? k % 4 : 4]!].vi,
    completedOn: k % 3 === 0 && reported ? "2026-05-10" : null,
    progress: reported ? (k * 13) % 101 : null,
    result: reported && k % 2 === 0 ? `Đã triển khai nội dung ${task.number} tại ${unit.name}` : null,
    documents: reported && k % 4 === 0 ? `Kế hoạch số ${u}/KH` : null,
    difficulties: null,
    proposals: null,
    file: reported ? `${unit.code}.xlsx` : null,
    receivedOn: reported ? "2026-06-18" : null,
    asOf: "2026-06-20",
    source: "",
  };
}

export function fakeResult(plan: Plan, periodId: string): ConsolidationResult {
  const period = reportPeriod(periodId)!;
  const rows: ConsolidatedRow[] = [];
  plan.units.forEach((unit, u) =>
    plan.tasks.forEach((task, t) => {
      const k = (u * 17 + t * 5) % 10;
      const reported = k < 8;
      rows.push({
        task: task.number,
        unitCode: unit.code,
        unitName: unit.name,
        status: reported ? STATUSES[k % 3]! : null,
        completedOn: null,
        progress: reported ? 50 : null,
        result: reported ? `Kết quả ${task.number}` : null,
        documents: null,
        difficulties: null,
        proposals: null,
        preparer: null,
        phone: null,
        preparedOn: null,
        file: reported ? `${unit.code}.xlsx` : null,
        sheet: null,
        row: null,
        deadlineClass: reported ? CLASSES[k % 4]! : "not-reported",
      });
    }),
  );
  return {
    version: 2,
    planId: plan.id,
    asOf: period.to,
    period,
    soonDays: 30,
    files: [],
    rows,
    byTask: [],
    byUnit: [],
    missing: [],
    problems: [],
    totals: {
      files: 0,
      accepted: 0,
      superseded: 0,
      rejected: 0,
      units: plan.units.length,
      returned: 0,
      missing: 0,
      problems: { error: 0, warning: 0, info: 0 },
    },
    forms: [],
  };
}

/** A book holding `periods` recorded periods of the history plan. */
export function historyBook(plan: Plan, periods: number): Uint8Array {
  const rows: HistoryRow[] = [];
  for (const p of PERIODS.slice(0, periods))
    for (let u = 0; u < plan.units.length; u++)
      for (let t = 0; t < plan.tasks.length; t++) rows.push(fakeRow(plan, p, u, t));
  return trackingXlsx(plan, { asOf: "2030-06-20", today: "2030-06-20", history: rows, zip: nodeZip });
}

/** Milliseconds of wall time and of this process's CPU time (the machine is shared: CPU time is steadier). */
interface Timed {
  ms: number;
  cpuMs: number;
}

function timed<T>(f: () => T): Timed & { value: T } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

const secs = (t: Timed) => `${fmt(t.ms / 1000, 2)} s (CPU ${fmt(t.cpuMs / 1000, 2)} s)`;

function recordOnce(book: Uint8Array, plan: Plan, index: boolean) {
  const read = timed(() =>
    readBook(book, { tracking: true, history: true, inflateRaw: nodeInflateRaw, historyIndex: index }),
  );
  const history = read.value.history;
  if (!history || (index && !history.indexed)) throw new Error("history not read back");
  const result = fakeResult(plan, PERIODS[8]!);
  const record = timed(() => recordInBook(read.value, result, { asOf: result.asOf, today: result.asOf, zip: nodeZip }));
  const update = record.value;
  if ("refused" in update) throw new Error(update.refused.en);
  return { read, record, update, total: { ms: read.ms + record.ms, cpuMs: read.cpuMs + record.cpuMs } };
}

export async function benchHistory(): Promise<void> {
  console.log("\n7. Lịch sử 9 kỳ trong sổ / nine periods of history in the book");
  const plan = historyPlan();
  const perPeriod = plan.units.length * plan.tasks.length;
  let t0 = performance.now();
  const book = historyBook(plan, 8);
  const writeMs = performance.now() - t0;
  line(
    `sổ 8 kỳ (${8 * perPeriod} dòng) / book of 8 periods`,
    `${fmt(book.length / 1024 / 1024)} MB, written in ${fmt(writeMs / 1000, 2)} s`,
  );
  // The book's history index vouches for "Lịch sử": only the periods recording needs are read, the
  // others' compressed segments are copied. Timed in a fresh process, as `consolidate --book` runs
  // (this one is full of the book just built: its collector and compiled code would weigh on it).
  const dir = mkdtempSync(join(tmpdir(), "bench-history-"));
  const file = join(dir, "So-8-ky.xlsx");
  writeFileSync(file, book);
  const out = process.argv.indexOf("--write");
  const child = execFileSync(
    process.execPath,
    [...process.execArgv, __filename, "--record", file, ...(out > 0 ? ["--write", process.argv[out + 1]!] : [])],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  const fast = JSON.parse(child) as { read: Timed; record: Timed; total: Timed; rows: number; bytes: number };
  line("đọc sổ (chỉ mục lịch sử) / read the book (history index)", secs(fast.read));
  line(`ghi kỳ thứ 9 + viết sổ (${fast.rows} dòng) / record the 9th period + write`, secs(fast.record));
  line("tổng: đọc + ghi + viết / total: read + record + write", `${secs(fast.total)}, target ≤ 2 s`);
  line("sổ 9 kỳ / book of 9 periods", `${fmt(fast.bytes / 1024 / 1024)} MB`);
  rmSync(dir, { recursive: true, force: true });
  global.gc?.();
  // For comparison: the same recording reading and writing the whole history (a book re-saved by Excel).
  const slow = recordOnce(book, plan, false);
  line("so sánh, đọc cả lịch sử / for comparison, read the whole history", secs(slow.read));
  line("   ghi + viết cả sổ / record + write the whole book", secs(slow.record));
  line("   tổng / total", `${secs(slow.total)}; sổ / book ${fmt(slow.update.bytes.length / 1024 / 1024)} MB`);
  // The machine is shared: a plain JSON.stringify of the same rows, timed in the same run, is the yardstick.
  t0 = performance.now();
  const json = JSON.stringify(slow.read.value.history!.rows).length;
  const jsonMs = performance.now() - t0;
  line(
    `JSON.stringify của ${slow.read.value.history!.rows.length} dòng / of the rows (baseline)`,
    `${fmt(jsonMs / 1000, 2)} s (${fmt(json / 1024 / 1024, 0)} MB); nhanh / fast = ${fmt(fast.total.ms / jsonMs, 1)}×`,
  );
  line("bộ nhớ / heap used after", `${fmt(process.memoryUsage().heapUsed / 1024 / 1024, 0)} MB`);
}

/** The child's part: record the 9th period into the book file, print the timings as JSON. */
function recordChild(file: string): void {
  const plan = historyPlan();
  const fast = recordOnce(new Uint8Array(readFileSync(file)), plan, true);
  const out = process.argv.indexOf("--write");
  if (out > 0 && process.argv[out + 1]) writeFileSync(process.argv[out + 1]!, fast.update.bytes);
  const strip = (t: Timed) => ({ ms: t.ms, cpuMs: t.cpuMs });
  process.stdout.write(
    JSON.stringify({
      read: strip(fast.read),
      record: strip(fast.record),
      total: fast.total,
      rows: fast.update.rows,
      bytes: fast.update.bytes.length,
    }),
  );
}

if (require.main === module) {
  const at = process.argv.indexOf("--record");
  if (at > 0) recordChild(process.argv[at + 1]!);
  else void benchHistory();
}
