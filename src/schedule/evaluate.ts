/** Evaluates a read Schedule on a date: its deadlines, the one that applies, and the class of a unit's report. */
import type { IsoDate } from "../plan/types";
import { daysBetween, occurrences, splitIso } from "./calendar";
import { periodContaining } from "./periods";
import type { ClassifyOptions, DeadlineClass, Schedule, UnitReport } from "./types";

/** Every fixed deadline: `due`, the repeat's dates up to `until`, the milestones; sorted, each once. */
export function deadlines(s: Schedule): IsoDate[] {
  const all = new Set<IsoDate>();
  if (s.due !== null) for (const d of occurrences(s.repeat, s.due, s.until)) all.add(d);
  for (const m of s.milestones) all.add(m.due);
  return [...all].sort();
}

/** The first deadline on or after `asOf`, or null when none is left. */
export function nextDue(s: Schedule, asOf: IsoDate): IsoDate | null {
  checkDate(asOf);
  return deadlines(s).find((d) => d >= asOf) ?? null;
}

/**
 * The deadline a report made on `asOf` answers for: the first deadline from the start of the half-year reporting
 * period holding `asOf` (Nghị định 09/2019) — so a deadline earlier in the same period still counts — or, once
 * every deadline has passed, the last one. Null when the schedule has no deadline at all.
 */
export function applicableDue(s: Schedule, asOf: IsoDate): IsoDate | null {
  const from = periodContaining(asOf).from;
  const all = deadlines(s);
  return all.find((d) => d >= from) ?? all[all.length - 1] ?? null;
}

export function classify(
  s: Schedule,
  report: UnitReport | null,
  asOf: IsoDate,
  opts: ClassifyOptions = {},
): DeadlineClass {
  checkDate(asOf);
  if (report === null || report.status === null) return "not-reported";
  const due = applicableDue(s, asOf);
  if (report.status === "done") {
    if (due === null) return "done-on-time";
    // Done without a completion date: when it was finished cannot be known, so the report date stands in for it —
    // on time if reported done by the deadline, late otherwise (the office can correct it by giving the date).
    const finished = report.completedOn ?? asOf;
    return finished <= due ? "done-on-time" : "done-late";
  }
  if (due === null) return "ongoing";
  if (due < asOf) {
    // The fixed part has passed but the phrase also says "thường xuyên": work reported as going on is on track.
    return s.repeat === "ongoing" && report.status === "in-progress" ? "ongoing" : "overdue";
  }
  const next = nextDue(s, asOf);
  const soonDays = opts.soonDays ?? 30;
  return next !== null && daysBetween(asOf, next) <= soonDays ? "due-soon" : "in-progress";
}

/**
 * True when classify() says "not-reported" but the deadline that applies has already passed: the
 * tracking sheet names this "Quá hạn (chưa báo cáo)". Consolidation keeps "not-reported" (its counts
 * are of unit-task pairs, where a missing answer is a missing answer).
 */
export function overdueUnreported(s: Schedule, report: UnitReport | null, asOf: IsoDate): boolean {
  if (report !== null && report.status !== null) return false;
  const due = applicableDue(s, asOf);
  return due !== null && due < asOf;
}

function checkDate(iso: IsoDate): void {
  if (!splitIso(iso)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${iso}"`);
}
