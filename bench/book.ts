/**
 * The book as the plan's source at national scale: 300 tasks × 3,300 units. Reading and checking it
 * (target ≤ 0.5 s) against a baseline in the same run (ExcelJS loading the same file), and forms for
 * its units at today's per-form speed.
 */
import ExcelJS from "exceljs";
import { performance } from "perf_hooks";
import { readBook } from "../src/book";
import { nodeInflateRaw } from "../src/cli/native-inflate";
import { trackingXlsx } from "../src/jobs/tracking";
import { builtinPlan, builtinPlanData, builtinRegistryData, buildPlan, planVersion, reportingUnits } from "../src/plan";
import type { Plan, Unit } from "../src/plan/types";
import { reportPeriod } from "../src/schedule";
import { reportForm } from "../src/workbook/form";
import { renderXlsx } from "../src/xlsx/write";

const fmt = (n: number, d = 1) => n.toFixed(d);
const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

/** Median of `runs` timings in this process (a first run warms the JIT and is dropped). */
export async function median(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * A national-scale plan: the built-in tasks' texts repeated to `tasks` tasks, `provincial` bodies and
 * `communes` communes; each commune reports on 5 tasks and each body on 3, spread over all tasks.
 */
export function nationalPlan(tasks = 300, provincial = 300, communes = 3000): Plan {
  const units: Unit[] = [
    ...builtinRegistryData.units.filter((u) => u.level === "provincial"),
    ...Array.from({ length: provincial }, (_, i) => ({
      code: `CQ${String(i + 1).padStart(4, "0")}`,
      name: `Cơ quan thử nghiệm ${String(i + 1).padStart(4, "0")}`,
      level: "provincial" as const,
      kind: "Cơ quan hành chính",
    })),
    ...Array.from({ length: communes }, (_, i) => ({
      code: String(90000 + i),
      name: `Xã Thử Nghiệm ${String(i + 1).padStart(4, "0")}`,
      level: "commune" as const,
      kind: "Xã",
    })),
  ];
  const source = builtinPlanData.tasks;
  const data = {
    ...builtinPlanData,
    tasks: Array.from({ length: tasks }, (_, i) => ({ ...source[i % source.length]!, number: i + 1 })),
  };
  const plan = buildPlan(data, { province: "Thử nghiệm", units });
  const assignments = new Map<string, number[]>();
  plan.units.forEach((u, i) => {
    const n = u.level === "commune" ? 5 : 3;
    const list = Array.from({ length: n }, (_, k) => ((i * 7 + k * 61) % tasks) + 1);
    assignments.set(
      u.code,
      [...new Set(list)].sort((a, b) => a - b),
    );
  });
  return { ...plan, assignments, version: planVersion(plan.tasks, assignments) };
}

/** A plan as the office's book gives it: written by the template, read back (for other benches). */
export function planThroughBook(plan: Plan): Plan {
  const read = readBook(trackingXlsx(plan, { asOf: "2026-06-30", today: "2026-06-30" }), {
    inflateRaw: nodeInflateRaw,
  });
  if (!read.plan || read.problems.some((p) => p.severity === "error"))
    throw new Error(`bench book has errors: ${JSON.stringify(read.problems.slice(0, 3))}`);
  return read.plan;
}

export async function benchBook(): Promise<void> {
  const plan = nationalPlan();
  const units = plan.units.length;
  const marks = [...plan.assignments.values()].reduce((n, l) => n + l.length, 0);
  console.log(
    `\n0. Sổ theo dõi là nguồn kế hoạch / the book as the plan's source (${plan.tasks.length} tasks × ${units} units, ${marks} assignments)`,
  );
  const t0 = performance.now();
  const bytes = trackingXlsx(plan, { asOf: "2026-06-30", today: "2026-06-30" });
  const write = performance.now() - t0;
  line("writing the book (template)", `${fmt(write)} ms  (${fmt(bytes.length / 1024 / 1024, 2)} MB)`);
  for (const [label, options] of [
    ["built-in JS inflate (browser)", {}],
    ["Node zlib inflate (CLI)", { inflateRaw: nodeInflateRaw }],
  ] as const) {
    let problems = 0;
    const ms = await median(5, () => {
      const read = readBook(bytes, options);
      if (!read.plan) throw new Error("the bench book did not read");
      problems = read.problems.length;
    });
    line(`ours: read + check, ${label}`, `${fmt(ms)} ms  (target ≤ 500 ms; ${problems} problems)`);
    if (label.startsWith("Node")) {
      const exceljs = await median(1, async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      });
      line(
        "baseline: ExcelJS only loading the same book",
        `${fmt(exceljs)} ms  → ours is ${fmt(exceljs / ms)}× faster`,
      );
    }
  }
  const read = readBook(bytes, { inflateRaw: nodeInflateRaw }).plan!;
  const period = reportPeriod("2026-H1")!;
  const sample = reportingUnits(read).slice(-300);
  const national = await median(3, () => sample.map((u) => renderXlsx(reportForm(read, u, period))));
  const today = builtinPlan();
  const todayUnits = reportingUnits(today);
  const builtin = await median(3, () => todayUnits.map((u) => renderXlsx(reportForm(today, u, period))));
  const per = national / sample.length;
  const perToday = builtin / todayUnits.length;
  line(`forms from the national book (${sample.length} units)`, `${fmt(per, 2)} ms/form`);
  line("baseline: forms from the built-in plan", `${fmt(perToday, 2)} ms/form  → ratio ${fmt(per / perToday, 2)}×`);
}
