/** The plan model: what the source document says, and who answers for what. No Office or library types. */

/** ISO calendar date, "YYYY-MM-DD". Dates are calendar days, never instants (no time zones). */
export type IsoDate = string;

export interface PlanDocument {
  province: string;
  placeAndDate: string;
  number: string;
  kind: string;
  title: string;
  issuedBy: string;
  resolution: { number: string; date: IsoDate; issuedBy: string; subject: string };
  /** The plan's years: deadlines and completion dates outside them are suspicious. */
  years: { from: number; to: number };
  /** The Party congress term that "giữa nhiệm kỳ" / "cuối nhiệm kỳ" refer to. */
  term: { from: number; to: number };
  signer: { authority: string; title: string; name: string };
  recipients: string[];
  reporting: { everyMonths: number; to: string; via: string; text: string };
}

export interface AppendixText {
  label: string;
  titleLines: string[];
  note: string;
  headers: { number: string; content: string; timing: string; lead: string; issuer: string };
}

/** A group heading of the appendix ("I." / "A." rows): kept and shown as one, never a task. */
export interface TaskGroup {
  /** As typed in the TT column: "I", "II", "A". */
  label: string;
  title: string;
}

/** One appendix row, the four source texts verbatim (NFC), and what a book may add. */
export interface TaskSource {
  number: number;
  content: string;
  timing: string;
  lead: string;
  issuer: string;
  /** Stable id ("NV01"): forms from an older book are matched by it. Default: from the number. */
  id?: string;
  /** The group heading the task sits under, when the appendix has them. */
  group?: TaskGroup;
  /** "Cơ quan phối hợp", when the book gives it. */
  partners?: string;
  /** "Kết quả / sản phẩm", when the book gives it. */
  result?: string;
}

/** How a lead agency named in the appendix maps to the units that report. Data, not logic. */
export type LeadBody = { name: string; scope: "unit"; unit: string } | { name: string; scope: "every-commune" };

export type UnitLevel = "provincial" | "commune";

export interface Unit {
  code: string;
  name: string;
  shortName?: string;
  level: UnitLevel;
  kind: string;
  aliases?: string[];
  /** False when the unit no longer reports (dissolved or merged); absent = active. */
  active?: boolean;
  /** Code of the unit that replaced this one: its forms count for that unit. */
  mergedInto?: string;
}

/** One lead named in a task ("A/B" or "A, B" gives two), with the issuing level it advises where known. */
export interface TaskLead {
  /** One agency of the lead cell, as splitAgencies (src/plan/leads) splits it. */
  name: string;
  level: UnitLevel;
  /** Registry code for a provincial lead; null for a commune-level lead (every xã/phường). */
  unit: string | null;
  /** The issuing level this lead advises, or null when the source does not pair them. */
  advises: string | null;
}

export interface Task extends TaskSource {
  id: string;
  leads: TaskLead[];
  issuers: string[];
}

export interface PlanData {
  id: string;
  document: PlanDocument;
  appendix: AppendixText;
  leadBodies: LeadBody[];
  tasks: TaskSource[];
}

export interface UnitRegistryData {
  province: string;
  units: Unit[];
}

/** The plan with everything derived: tasks split into leads, units sorted, assignments. */
export interface Plan {
  id: string;
  document: PlanDocument;
  appendix: AppendixText;
  tasks: Task[];
  /** Every unit, in Vietnamese collation order (provincial first, then xã/phường). */
  units: Unit[];
  /** Unit code → the task numbers it reports on (only units that report appear). */
  assignments: Map<string, number[]>;
  /**
   * A hash of what a form depends on (tasks with ids, texts, timing; assignments): forms carry it,
   * so the consolidator knows a form was made from an older version of the book.
   */
  version: string;
}
