import type { IsoDate } from "../plan/types";

/** How a deadline recurs after its first fixed date. */
export type Repeat = "none" | "ongoing" | "monthly" | "quarterly" | "half-yearly" | "yearly";

/** A named one-off deadline inside a phrase, e.g. the mid-term review. */
export interface Milestone {
  /** Machine label: "mid-term-review", "end-of-term-review", "fixed". */
  kind: string;
  due: IsoDate;
  /** The words of the phrase it came from, verbatim. */
  text: string;
}

/** What a timing phrase says, read once and evaluated on any date. */
export interface Schedule {
  /** The phrase as given (NFC). */
  text: string;
  /** False when any part of the phrase could not be read; nothing is guessed then. */
  parsed: boolean;
  /** The first fixed deadline (a month, quarter, half year, year or period is due on its last day). */
  due: IsoDate | null;
  /** Start of the window when the phrase names one (a period "2026 - 2030" starts 2026-01-01). */
  start: IsoDate | null;
  repeat: Repeat;
  /** Last day a repeat runs to, when the phrase or the plan bounds it. */
  until: IsoDate | null;
  /** Fixed deadlines besides `due`, e.g. term reviews. */
  milestones: Milestone[];
  /** The parts that could not be read, verbatim, for the message to the user. */
  unread: string[];
}

/** Context a phrase is read in: phrases like "hằng năm" or "giữa nhiệm kỳ" need the plan's years. */
export interface ScheduleContext {
  /** First and last year of the plan (2026–2030). */
  planYears: { from: number; to: number };
  /** The congress term (2025–2030). */
  term: { from: number; to: number };
}

/** The classes government task tracking uses, as stable machine keys. */
export type DeadlineClass =
  "done-on-time" | "done-late" | "in-progress" | "due-soon" | "overdue" | "ongoing" | "not-reported";

/** The status a unit reports for a task (the form's list). */
export type ReportedStatus = "not-started" | "in-progress" | "done";

export interface UnitReport {
  status: ReportedStatus | null;
  completedOn: IsoDate | null;
}

export interface ClassifyOptions {
  /** "Sắp đến hạn" window in days (default 30). */
  soonDays?: number;
}
