/**
 * Shapes of the consolidation: plain, JSON-serialisable data (the CLI's JSON summary is a
 * ConsolidationResult in the compact shape of summary.ts). No Office, DOM or Node types.
 */
import type { Text } from "../i18n";
import type { IsoDate, Plan } from "../plan/types";
import type { ReportPeriod } from "../schedule";
import type { DeadlineClass, ReportedStatus } from "../schedule/types";
import type { XlsxReadErrorCode } from "../xlsx/read/errors";
import type { InflateRaw } from "../xlsx/read/types";

export interface InputFile {
  name: string;
  bytes: Uint8Array;
  /** ISO datetime from the file system or the browser's File.lastModified. */
  lastModified?: string;
}

export interface ConsolidateOptions {
  plan: Plan;
  /** The report date deadlines are judged on. */
  asOf: IsoDate;
  /**
   * The period being consolidated. Default: the period most of the forms name (ties → the later one),
   * because forms for a half year come back after it has ended (a report on 5/7 is for the first half,
   * which periodContaining(5/7) is not); when no form names a period, periodContaining(asOf).
   */
  period?: ReportPeriod;
  /** "Sắp đến hạn" window in days (default 30). */
  soonDays?: number;
  /** An earlier result: its forms are merged with the new files as if all were given at once. */
  previous?: ConsolidationResult;
  onProgress?: (done: number, total: number, file: string) => void | Promise<void>;
  /**
   * A native raw-deflate decoder for reading the files (the Node shells pass zlib's, capped by the
   * reader's limits); absent → the built-in one, as in the browser. Same result either way.
   */
  inflateRaw?: InflateRaw;
}

export type Severity = "error" | "warning" | "info";

export type CellScalar = string | number | boolean;

/**
 * Every problem code the consolidation emits: stable machine keys that readers of the JSON summary
 * match on, so a new code is added here first (the compiler then checks every place that emits one).
 */
export type ProblemCode =
  // The file could not be read: the reader's own reason, or an unexpected failure.
  | `read-${XlsxReadErrorCode}`
  | "read-failed"
  // What the file is and whose it is.
  | "macros-ignored"
  | "identity-conflict"
  | "wrong-kind"
  | "newer-format"
  | "not-a-form"
  | "header-missing"
  | "unit-unknown"
  | "unit-ambiguous"
  | "unit-not-identified"
  | "unit-mismatch"
  | "identified-by-name"
  | "identified-by-letterhead"
  | "unit-from-file-name"
  | "sheet-copies"
  | "sheet-copy-value"
  | "sheet-copy-blank"
  // The table's layout.
  | "columns-moved"
  | "column-missing"
  | "row-by-content"
  | "row-not-task"
  | "row-added"
  | "row-duplicate"
  | "row-moved"
  | "row-missing"
  | "fixed-changed"
  // Values typed into the input cells.
  | "formula-input"
  | "error-value"
  | "status-invalid"
  | "status-variant"
  | "date-invalid"
  | "date-converted"
  | "date-before-plan"
  | "progress-invalid"
  | "progress-converted"
  | "not-text"
  | "text-too-long"
  | "done-without-result"
  | "done-progress-below-100"
  | "progress-fraction"
  | "merged-across-tasks"
  // Cells that are not the form's input cells, listed so nothing is lost.
  | "title-changed"
  | "cell-outside"
  | "extra-sheet-cell"
  | "not-merged-value"
  // Decided when merging (depend on the period, the report date and the other files).
  | "other-period"
  | "period-unknown"
  | "date-after-report"
  | "superseded"
  | "superseded-value"
  | "superseded-unchanged"
  | "duplicate-of"
  // A form made from an older version of the book (see versions.ts).
  | "older-plan"
  | "task-removed"
  | "unit-merged"
  | "blank-form";

export interface Problem {
  file: string;
  /** Empty for a problem with the whole file. */
  sheet: string;
  /** A1 address; empty for a problem with the whole file or sheet. */
  cell: string;
  severity: Severity;
  /** Stable machine key, e.g. "status-invalid". */
  code: ProblemCode;
  text: Text;
  /** The offending value verbatim (a formula's cached value; the formula is in `formula`). */
  value: CellScalar | null;
  /** `value` as the calendar date the cell showed (a number in a date format): printed as dd/mm/yyyy. */
  date?: IsoDate;
  formula?: string;
  /** For a changed fixed cell: what the form says there. */
  expected?: string;
}

/** A form's input field. */
export type InputKey = "status" | "completedOn" | "progress" | "result" | "documents" | "difficulties" | "proposals";
export type FooterKey = "preparer" | "phone" | "preparedOn";

export interface RawValue {
  cell: string;
  value: CellScalar;
  formula?: string;
  /** `value` as the date the cell showed (a number in a date format). */
  date?: IsoDate;
}

/** What a form says about one task, read and checked (asOf-independent). */
export interface TaskEntry {
  task: number;
  sheet: string;
  row: number;
  status: ReportedStatus | null;
  completedOn: IsoDate | null;
  progress: number | null;
  result: string | null;
  documents: string | null;
  difficulties: string | null;
  proposals: string | null;
  /** Every non-empty input cell of the row, verbatim, so nothing is lost when the form is not merged. */
  raw: Partial<Record<InputKey, RawValue>>;
}

export interface FooterEntry {
  preparer: string | null;
  phone: string | null;
  preparedOn: IsoDate | null;
  raw: Partial<Record<FooterKey, RawValue & { sheet: string }>>;
}

/** "file-name": an unreadable file whose name names the unit (shown under the unit, never merged). */
export type IdentifiedBy = "metadata" | "name" | "file-name";

/**
 * Everything read from one file that does not depend on the report date or the period being
 * consolidated. Kept in the result so a later run (`previous`) can merge without the bytes.
 */
export interface FormRecord {
  name: string;
  /** Content hash (hex) of the bytes: with the name, the file's identity and the last tie-break. */
  hash: string;
  size: number;
  lastModified: string | null;
  /** core.modified (the program's own save time). */
  modified: string | null;
  /** Readable and recognised as a report form of a known unit. */
  usable: boolean;
  unitCode: string | null;
  unitName: string | null;
  period: string | null;
  identifiedBy: IdentifiedBy | null;
  formatVersion: string | null;
  /** Unit code and visible unit name disagree: never merged. */
  unitMismatch: boolean;
  entries: TaskEntry[];
  footer: FooterEntry;
  problems: Problem[];
  /**
   * Only in a result's `forms`: the record is stored as its difference from another record of the
   * same list (an older copy of a unit's form, against the copy in use), so thousands of resends do
   * not repeat the same values. `evaluate` restores it whole before anything else; see stored.ts.
   */
  packed?: PackedRecord;
  /**
   * Only for a form made from another version of the book: the (current) task numbers the form
   * asked about; a task the unit owes now but not in this list was "not asked in this form".
   */
  askedTasks?: number[];
  /** Only for such a form: what it says about tasks removed from the book since, kept whole. */
  removedTasks?: { id: string; formNumber: number; entry: TaskEntry }[];
}

/** How a packed record's `entries`, `footer` and `problems` complete it from its base. */
export interface PackedRecord {
  /** The base: a whole (unpacked) record of the same list, by name and content hash. */
  base: string;
  baseHash: string;
  /** `entries` holds the entries that differ from the base's; these tasks of the base are absent. */
  without: number[];
  /** True: the footer is the base's (`footer` is then empty). */
  sameFooter: boolean;
  /** The problems in order: a number is the base's problem at that index (for this file), null the next of `problems`. */
  problems: (number | null)[];
}

export type FileOutcome = "accepted" | "superseded" | "rejected";

export interface FileReport {
  name: string;
  outcome: FileOutcome;
  unitCode: string | null;
  unitName: string | null;
  period: string | null;
  identifiedBy: IdentifiedBy | null;
  /** The save time the newer-wins rule used: core.modified, else lastModified; null if neither. */
  savedAt: string | null;
  hash: string;
  /** For a superseded file: the file that won. */
  supersededBy: string | null;
  /**
   * For a superseded file whose values are exactly the winner's (the same bytes, or the same values
   * typed and read): the winner, as in supersededBy — a "bản trùng"; null otherwise. Absent in
   * summaries written before it existed.
   */
  duplicateOf?: string | null;
  problems: { error: number; warning: number; info: number };
}

/** One (task, unit) pair of the consolidation: what the unit reported and its class on asOf. */
export interface ConsolidatedRow {
  task: number;
  unitCode: string;
  unitName: string;
  status: ReportedStatus | null;
  completedOn: IsoDate | null;
  progress: number | null;
  result: string | null;
  documents: string | null;
  difficulties: string | null;
  proposals: string | null;
  preparer: string | null;
  phone: string | null;
  preparedOn: IsoDate | null;
  /** The accepted file this came from; null for a unit that returned nothing. */
  file: string | null;
  sheet: string | null;
  row: number | null;
  deadlineClass: DeadlineClass;
  /** The unit's form was made from an older book that did not have this task: not asked, not missing. */
  notAsked?: boolean;
}

export interface ClassCounts {
  "done-on-time": number;
  "done-late": number;
  "in-progress": number;
  "due-soon": number;
  overdue: number;
  ongoing: number;
  "not-reported": number;
}

export interface TaskSummary {
  task: number;
  content: string;
  /** Units that owe this task. */
  owed: number;
  /** Units whose accepted form gives a status for it. */
  reported: number;
  counts: ClassCounts;
}

export interface UnitSummary {
  code: string;
  name: string;
  returned: boolean;
  /** The accepted file, if any. */
  file: string | null;
  /** Every file identified as this unit's (accepted, superseded or rejected). */
  files: string[];
  owed: number;
  reported: number;
  counts: ClassCounts;
  problems: { error: number; warning: number; info: number };
}

export interface MissingUnit {
  code: string;
  name: string;
  tasks: number[];
  /** Files of this unit that were rejected (it sent something, but nothing usable). */
  rejectedFiles: string[];
  /**
   * Why each rejected file did not count, in the office's words ("gửi mẫu trống", "đã gửi tệp nhưng
   * không đọc được"…), in rejectedFiles' order. Absent in summaries written before it existed.
   */
  rejectedWhy?: Text[];
}

export interface ConsolidationResult {
  /**
   * Bumped when the shape changes. 2: older copies in `forms` may be packed against the copy in
   * use (see stored.ts); version 1 summaries (every record whole) are still read.
   */
  version: 2;
  planId: string;
  asOf: IsoDate;
  period: ReportPeriod;
  soonDays: number;
  files: FileReport[];
  rows: ConsolidatedRow[];
  byTask: TaskSummary[];
  byUnit: UnitSummary[];
  missing: MissingUnit[];
  problems: Problem[];
  totals: {
    files: number;
    accepted: number;
    superseded: number;
    rejected: number;
    /** Reporting units in the registry. */
    units: number;
    returned: number;
    missing: number;
    problems: { error: number; warning: number; info: number };
  };
  /**
   * The per-file extractions, so `previous` can be merged without the files. Older copies are
   * packed (see FormRecord.packed): hand the list to `evaluate` or `previous` as it is.
   */
  forms: FormRecord[];
}
