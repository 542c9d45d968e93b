/**
 * Records → the consolidation on a report date: which file of each unit wins, the (task, unit)
 * rows with their deadline class, the counts, the units that sent nothing, every problem.
 * An older copy of a unit's form lists only what differs from the copy in use (an identical one
 * is a single "bản trùng" line), so the output grows with what changed, not with resends.
 * A pure function of the SET of records: input order never matters.
 */
import { reportingUnits, tasksOf } from "../plan/plan";
import type { IsoDate, Plan } from "../plan/types";
import { classify, taskSchedule, periodContaining, reportPeriod, type ReportPeriod } from "../schedule";
import type { DeadlineClass } from "../schedule/types";
import { compareVi } from "../text/vietnamese";
import { M } from "./messages";
import { packForms, unpackForms } from "./stored";
import type {
  ClassCounts,
  ConsolidatedRow,
  ConsolidationResult,
  FileOutcome,
  FileReport,
  FooterKey,
  FormRecord,
  InputKey,
  MissingUnit,
  Problem,
  ProblemCode,
  RawValue,
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

/** A value typed into a form, with the sheet it is on. */
interface SheetValue {
  sheet: string;
  value: RawValue;
}

/** Every value of a record, task rows first (in row order), then the footer. */
function valuesOf(r: FormRecord): SheetValue[] {
  const out: SheetValue[] = [];
  for (const e of r.entries) for (const v of Object.values(e.raw)) out.push({ sheet: e.sheet, value: v });
  for (const v of Object.values(r.footer.raw)) out.push({ sheet: v.sheet, value: v });
  return out;
}

function valueProblems(r: FormRecord, values: SheetValue[], code: ProblemCode, text: Problem["text"]): Problem[] {
  return values.map(({ sheet, value: v }) => {
    const p: Problem = { file: r.name, sheet, cell: v.cell, severity: "info", code, text, value: v.value };
    if (v.formula !== undefined) p.formula = v.formula;
    if (v.date !== undefined) p.date = v.date;
    return p;
  });
}

function listValues(r: FormRecord, code: ProblemCode, text: Problem["text"]): Problem[] {
  return valueProblems(r, valuesOf(r), code, text);
}

/** The same value verbatim (a formula counts: the formula is part of what was typed). */
function sameRaw(a: RawValue, b: RawValue | undefined): boolean {
  return b !== undefined && a.value === b.value && a.formula === b.formula;
}

/**
 * The values of `r` that the copy in use `w` does not hold verbatim for the same task and field (or
 * footer field), in listing order, and how many it does. By task and field, not by cell: a moved
 * row holds the same values at other addresses.
 */
function compareValues(r: FormRecord, w: FormRecord): { differ: SheetValue[]; same: number } {
  const differ: SheetValue[] = [];
  let same = 0;
  const inUse = new Map(w.entries.map((e) => [e.task, e] as const));
  for (const e of r.entries) {
    const other = inUse.get(e.task);
    for (const [key, v] of Object.entries(e.raw) as [InputKey, RawValue][]) {
      if (sameRaw(v, other?.raw[key])) same++;
      else differ.push({ sheet: e.sheet, value: v });
    }
  }
  for (const [key, v] of Object.entries(r.footer.raw) as [FooterKey, RawValue & { sheet: string }][]) {
    if (sameRaw(v, w.footer.raw[key])) same++;
    else differ.push({ sheet: v.sheet, value: v });
  }
  return { differ, same };
}

const ENTRY_FIELDS = ["status", "completedOn", "progress", "result", "documents", "difficulties", "proposals"] as const;

/**
 * A resend with nothing new: every value of each copy is in the other verbatim, and what was read
 * from them is the same too (the same number may be a date in one file and a plain number in another).
 */
function sameContent(r: FormRecord, w: FormRecord, values: { differ: SheetValue[]; same: number }): boolean {
  if (values.differ.length > 0 || values.same !== valuesOf(w).length) return false;
  const mine = new Map(r.entries.map((e) => [e.task, e] as const));
  const inUse = new Map(w.entries.map((e) => [e.task, e] as const));
  for (const task of new Set([...mine.keys(), ...inUse.keys()])) {
    const a = mine.get(task);
    const b = inUse.get(task);
    for (const f of ENTRY_FIELDS) if ((a?.[f] ?? null) !== (b?.[f] ?? null)) return false;
  }
  const fa = r.footer;
  const fb = w.footer;
  return fa.preparer === fb.preparer && fa.phone === fb.phone && fa.preparedOn === fb.preparedOn;
}

/** A finding without its file: two copies with equal keys report the same thing at the same place. */
function findingKey(p: Problem): string {
  return JSON.stringify([
    p.code,
    p.severity,
    p.sheet,
    p.cell,
    p.value,
    p.formula ?? null,
    p.expected ?? null,
    p.text.vi,
    p.text.en,
  ]);
}

/** A usable form on which no task has any value typed: a blank form sent back. */
export function isBlankForm(r: FormRecord): boolean {
  return r.usable && r.entries.every((e) => Object.keys(e.raw).length === 0);
}

/** Why a rejected file did not count, as the "Chưa nộp" list says it. */
function rejectedWhy(r: FormRecord): Problem["text"] {
  if (isBlankForm(r) && !r.unitMismatch) return M.missingBlank();
  // Unreadable, or not a form at all and known to be the unit's only by its name or content.
  if (!r.usable && (r.identifiedBy === "file-name" || r.problems.some((p) => p.code.startsWith("read-"))))
    return M.missingUnreadable();
  return M.missingRejected();
}

export interface EvaluateOptions {
  plan: Plan;
  asOf: IsoDate;
  period?: ReportPeriod;
  soonDays?: number;
}

/**
 * Records (fresh, or a previous result's `forms`, packed or not) → the consolidation. A pure
 * function of the SET of records: order, and how they were stored, never matter.
 */
export function evaluate(recordsIn: readonly FormRecord[], options: EvaluateOptions): ConsolidationResult {
  const { plan, asOf } = options;
  const soonDays = options.soonDays ?? 30;
  const records = uniqueRecords(unpackForms(recordsIn));
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
    if (isBlankForm(r)) {
      // "Gửi mẫu trống": nothing reported, so the unit has not reported (a footer alone is listed).
      outcome.set(r, "rejected");
      note(r).before.push({
        file: r.name,
        sheet: "",
        cell: "",
        severity: "warning",
        code: "blank-form",
        text: M.blankForm(),
        value: null,
      });
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
  const supersededBy = new Map<FormRecord, FormRecord>();
  const duplicateOf = new Map<FormRecord, string>();
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
      // An older copy: only what differs from the copy in use is listed; the rest is read there.
      outcome.set(r, "superseded");
      supersededBy.set(r, w);
      const values = compareValues(r, w);
      const fileNote = (code: ProblemCode, text: Problem["text"]): Problem => ({
        file: r.name,
        sheet: "",
        cell: "",
        severity: "info",
        code,
        text,
        value: null,
      });
      if (r.hash === w.hash || sameContent(r, w, values)) {
        duplicateOf.set(r, w.name);
        note(r).before.push(fileNote("duplicate-of", M.duplicateOf(w.name)));
      } else {
        note(r).before.push(fileNote("superseded", M.superseded(w.name)));
        if (values.same > 0)
          note(r).before.push(fileNote("superseded-unchanged", M.supersededUnchanged(values.same, w.name)));
        note(r).after.push(...valueProblems(r, values.differ, "superseded-value", M.supersededValue()));
      }
    }
  }

  // 2. Problems and file reports, file by file in a fixed order.
  const problems: Problem[] = [];
  const perRecord = new Map<FormRecord, Problem[]>();
  const findingsOf = new Map<FormRecord, Set<string>>();
  /** What the copy in use reports, by finding: an older copy does not repeat it. */
  const winnerFindings = (w: FormRecord): Set<string> => {
    let keys = findingsOf.get(w);
    if (!keys) {
      const e = extra.get(w);
      keys = new Set([...(e?.before ?? []), ...w.problems, ...(e?.after ?? [])].map(findingKey));
      findingsOf.set(w, keys);
    }
    return keys;
  };
  const files: FileReport[] = records.map((r) => {
    const e = extra.get(r);
    let list = [...(e?.before ?? []), ...r.problems, ...(e?.after ?? [])];
    const w = supersededBy.get(r);
    if (w) {
      // Codes of the copy notes and listed values never occur on the copy in use, so only the
      // older copy's own findings (the same cell, value and text as in the copy in use) drop out.
      const seen = winnerFindings(w);
      list = list.filter((p) => !seen.has(findingKey(p)));
    }
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
      supersededBy: w?.name ?? null,
      duplicateOf: duplicateOf.get(r) ?? null,
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
      // A task added to the book after the unit's form was made: not asked, rather than not reported.
      const notAsked = e === null && w?.askedTasks !== undefined && !w.askedTasks.includes(task.number);
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
        ...(notAsked ? { notAsked: true } : {}),
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
        rejectedWhy: own.filter((r) => outcome.get(r) === "rejected").map(rejectedWhy),
      });
  }

  const n = (o: FileOutcome) => files.filter((f) => f.outcome === o).length;
  return {
    version: 2,
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
    // Older copies are kept as their difference from the copy in use (the record that superseded them).
    forms: packForms(records, (r) => supersededBy.get(r)),
  };
}
