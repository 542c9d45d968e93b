import { periodContaining, reportPeriod, type ReportPeriod } from "../schedule/periods";

/** Years offered in period pickers: the plan's years (2026–2030), stretched to include the default. */
export function periodYears(around: number): number[] {
  const from = Math.min(2026, around);
  const to = Math.max(2030, around);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export type PeriodKind = "H1" | "H2" | "year";

export function periodId(kind: PeriodKind, year: number): string {
  return kind === "year" ? String(year) : `${year}-${kind}`;
}

export function periodOf(kind: PeriodKind, year: number): ReportPeriod | null {
  return reportPeriod(periodId(kind, year));
}

export { periodContaining };
