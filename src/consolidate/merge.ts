/**
 * Records → the consolidation on a report date: which file of each unit wins, the (task, unit)
 * rows with their deadline class, the counts, the units that sent nothing, every problem.
 * A pure function of the SET of records: input order never matters.
 */
import { reportingUnits, tasksOf } from "../plan/plan";
import type { IsoDate, Plan } from "../plan/types";
import { classify, taskSchedule, periodContaining, reportPeriod, type ReportPeriod } from "../schedule";
import type { DeadlineClass } from "../schedule/types";
import { compareVi } from "../text/vietnamese";
import { M } from "./messages";
import type {
  ClassCounts,
  ConsolidatedRow,
  ConsolidationResult,
  FileOutcome,
  FileReport,
  FormRecord,
  MissingUnit,
  Problem,
  Severity,
  TaskSummary,
  UnitSummary,
} from "./types";

export const CLASS_ORDER: DeadlineClass[] = [
  "done-on-time",
  "done-late",
  "in-progress",
  "due-soon",
  "overdue",
  "ongoing",
  "not-reported",
];

const zeroCounts = (): ClassCounts => ({
  "done-on-time": 0,
  "done-late": 0,
  "in-progress": 0,
  "due-soon": 0,
  overdue: 0,
  ongoing: 0,
  "not-reported": 0,
});

/** A total order on records: name (Vietnamese order, then code points), then content hash. */
export function compareRecords(a: FormRecord, b: FormRecord): number {
  return (
    compareVi(a.name, b.name) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0)
  );
}

/** The same file (name and content) given twice counts once; the result is sorted. */
export function uniqueRecords(records: FormRecord[]): FormRecord[] {
  const seen = new Map<string, FormRecord>();
  for (const r of records) {
    const key = `${r.name}\u0000${r.hash}`;
    if (!seen.has(key)) seen.set(key, r);
  }
  return [...seen.values()].sort(compareRecords);
}

/** The save time the newer-wins rule uses: the program's own (core.modified), else the file system's. */
export function savedAt(r: FormRecord): string | null {
  for (const t of [r.modified, r.lastModified]) if (t && !Number.isNaN(Date.parse(t))) return t;
  return null;
}

/** > 0 when `a` is the newer form: known save time beats unknown, later beats earlier, then name, then hash. */
export function newer(a: FormRecord, b: FormRecord): number {
  const ta = savedAt(a);
  const tb = savedAt(b);
  if (ta !== null && tb !== null) {
    const d = Date.parse(ta) - Date.parse(tb);
    if (d !== 0) return d;
  } else if (ta !== null || tb !== null) return ta !== null ? 1 : -1;
  return compareRecords(a, b);
}

/** Default period: the one most usable forms name (ties → the later one); none → the half year holding asOf. */
export function defaultPeriod(records: FormRecord[], asOf: IsoDate): ReportPeriod {
  const votes = new Map<string, number>();
  for (const r of records)
    if (r.usable && !r.unitMismatch && r.period) votes.set(r.period, (votes.get(r.period) ?? 0) + 1);
  let best: ReportPeriod | null = null;
  let bestVotes = 0;
  for (const [id, n] of votes) {
    const p = reportPeriod(id);
    if (!p) continue;
    if (n > bestVotes || (n === bestVotes && best && (p.to > best.to || (p.to === best.to && p.id > best.id)))) {
      best = p;
      bestVotes = n;
    }
  }
  return best ?? periodContaining(asOf);
}

function count(problems: Problem[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const p of problems) c[p.severity]++;
  return c;
}

function listValues(r: FormRecord, code: string, text: Problem["text"], severity: Severity = "info"): Problem[] {
  const out: Problem[] = [];
  const push = (sheet: string, v: { cell: string; value: Problem["value"]; formula?: string }) => {
    const p: Problem = { file: r.name, sheet, cell: v.cell, severity, code, text, value: v.value };
    if (v.formula !== undefined) p.formula = v.formula;
    out.push(p);
  };
  for (const e of r.entries) for (const v of Object.values(e.raw)) push(e.sheet, v);
  for (const v of Object.values(r.footer.raw)) push(v.sheet, v);
  return out;
}

export interface EvaluateOptions {
  plan: Plan;
  asOf: IsoDate;
  period?: ReportPeriod;
  soonDays?: number;
}

export function evaluate(recordsIn: FormRecord[], options: EvaluateOptions): ConsolidationResult {
  const { plan, asOf } = options;
  const soonDays = options.soonDays ?? 30;
  const records = uniqueRecords(recordsIn);
  const period = options.period ?? defaultPeriod(records, asOf);

  // 1. Which records may be merged, and which one wins per unit.
  const outcome = new Map<FormRecord, FileOutcome>();
  const extra = new Map<FormRecord, { before: Problem[]; after: Problem[] }>();
  const note = (r: FormRecord) => {
    let e = extra.get(r);
    if (!e) extra.set(r, (e = { before: [], after: [] }));
    return e;
  };
  const winners = new Map<string, FormRecord>();
  for (const r of records) {
    if (!r.usable) {
      outcome.set(r, "rejected");
      continue;
    }
    if (r.period !== null && r.period !== period.id) {
      outcome.set(r, "rejected");
      const found = reportPeriod(r.period)?.label.vi ?? r.period;
      note(r).before.push({
        file: r.name,
        sheet: "",
        cell: "",
        severity: "error",
        code: "other-period",
        text: M.otherPeriod(found, period.label.vi),
        value: r.period,
      });
      note(r).after.push(...listValues(r, "not-merged-value", M.notMerged()));
      continue;
    }
    if (r.unitMismatch) {
      outcome.set(r, "rejected");
      note(r).after.push(...listValues(r, "not-merged-value", M.notMerged()));
      continue;
    }
    if (r.period === null)
      note(r).before.push({
        file: r.name,
        sheet: "",
        cell: "",
        severity: "warning",
        code: "period-unknown",
        text: M.periodUnknown(period.label.vi),
        value: null,
      });
    const code = r.unitCode!;
    const current = winners.get(code);
    if (!current || newer(r, current) > 0) winners.set(code, r);
  }
  const supersededBy = new Map<FormRecord, string>();
  for (const r of records) {
    if (outcome.has(r)) continue;
    const w = winners.get(r.unitCode!)!;
    if (w === r) {
      outcome.set(r, "accepted");
      for (const e of r.entries) {
        const c = e.raw.completedOn;
        if (e.completedOn !== null && e.completedOn > asOf && c)
          note(r).after.push({
            file: r.name,
            sheet: e.sheet,
            cell: c.cell,
            severity: "warning",
            code: "date-after-report",
            text: M.dateAfterReport(asOf),
            value: c.value,
            ...(c.formula !== undefined ? { formula: c.formula } : {}),
          });
      }
    } else {
      outcome.set(r, "superseded");
      supersededBy.set(r, w.name);
      note(r).before.push({
        file: r.name,
        sheet: "",
        cell: "",
        severity: "info",
        code: "superseded",
        text: M.superseded(w.name),
        value: null,
      });
      note(r).after.push(...listValues(r, "superseded-value", M.supersededValue()));
    }
  }

  // 2. Problems and file reports, file by file in a fixed order.
  const problems: Problem[] = [];
  const perRecord = new Map<FormRecord, Problem[]>();
  const files: FileReport[] = records.map((r) => {
    const e = extra.get(r);
    const list = [...(e?.before ?? []), ...r.problems, ...(e?.after ?? [])];
    perRecord.set(r, list);
    problems.push(...list);
    return {
      name: r.name,
      outcome: outcome.get(r)!,
      unitCode: r.unitCode,
      unitName: r.unitName,
      period: r.period,
      identifiedBy: r.identifiedBy,
      savedAt: savedAt(r),
      hash: r.hash,
      supersededBy: supersededBy.get(r) ?? null,
      problems: count(list),
    };
  });

  // 3. Rows: every (task, unit that owes it), reported or not.
  const units = reportingUnits(plan);
  const rows: ConsolidatedRow[] = [];
  // Per unit, in the order they are produced (thousands of units: no scans of all rows per unit).
  const rowsOf = new Map<string, ConsolidatedRow[]>();
  const recordsOf = new Map<string, FormRecord[]>();
  for (const r of records) {
    if (r.unitCode === null) continue;
    const list = recordsOf.get(r.unitCode);
    if (list) list.push(r);
    else recordsOf.set(r.unitCode, [r]);
  }
  const byTask: TaskSummary[] = [];
  for (const task of plan.tasks) {
    const schedule = taskSchedule(plan, task.number);
    const summary: TaskSummary = {
      task: task.number,
      content: task.content,
      owed: 0,
      reported: 0,
      counts: zeroCounts(),
    };
    for (const unit of units) {
      if (!(plan.assignments.get(unit.code) ?? []).includes(task.number)) continue;
      const w = winners.get(unit.code) ?? null;
      const e = w?.entries.find((x) => x.task === task.number) ?? null;
      const cls = classify(schedule, e ? { status: e.status, completedOn: e.completedOn } : null, asOf, { soonDays });
      const row: ConsolidatedRow = {
        task: task.number,
        unitCode: unit.code,
        unitName: unit.name,
        status: e?.status ?? null,
        completedOn: e?.completedOn ?? null,
        progress: e?.progress ?? null,
        result: e?.result ?? null,
        documents: e?.documents ?? null,
        difficulties: e?.difficulties ?? null,
        proposals: e?.proposals ?? null,
        preparer: w?.footer.preparer ?? null,
        phone: w?.footer.phone ?? null,
        preparedOn: w?.footer.preparedOn ?? null,
        file: w?.name ?? null,
        sheet: e?.sheet ?? null,
        row: e?.row ?? null,
        deadlineClass: cls,
      };
      rows.push(row);
      const own = rowsOf.get(unit.code);
      if (own) own.push(row);
      else rowsOf.set(unit.code, [row]);
      summary.owed++;
      if (e?.status) summary.reported++;
      summary.counts[cls]++;
    }
    byTask.push(summary);
  }

  // 4. Units: returned or not, their counts and problems; the ones that sent nothing usable.
  const byUnit: UnitSummary[] = [];
  const missing: MissingUnit[] = [];
  for (const unit of units) {
    const own = recordsOf.get(unit.code) ?? [];
    const w = winners.get(unit.code) ?? null;
    const unitRows = rowsOf.get(unit.code) ?? [];
    const counts = zeroCounts();
    for (const r of unitRows) counts[r.deadlineClass]++;
    byUnit.push({
      code: unit.code,
      name: unit.name,
      returned: w !== null,
      file: w?.name ?? null,
      files: own.map((r) => r.name),
      owed: unitRows.length,
      reported: unitRows.filter((r) => r.status !== null).length,
      counts,
      problems: count(own.flatMap((r) => perRecord.get(r)!)),
    });
    if (!w)
      missing.push({
        code: unit.code,
        name: unit.name,
        tasks: tasksOf(plan, unit.code).map((t) => t.number),
        rejectedFiles: own.filter((r) => outcome.get(r) === "rejected").map((r) => r.name),
      });
  }

  const n = (o: FileOutcome) => files.filter((f) => f.outcome === o).length;
  return {
    version: 1,
    planId: plan.id,
    asOf,
    period,
    soonDays,
    files,
    rows,
    byTask,
    byUnit,
    missing,
    problems,
    totals: {
      files: files.length,
      accepted: n("accepted"),
      superseded: n("superseded"),
      rejected: n("rejected"),
      units: units.length,
      returned: units.length - missing.length,
      missing: missing.length,
      problems: count(problems),
    },
    forms: records,
  };
}
