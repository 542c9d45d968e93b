/**
 * Excel formulas that reproduce src/schedule's rules inside the workbook, so highlighting stays
 * live in Excel 2016+, LibreOffice and WPS without the add-in. Only functions all three know
 * (no MINIFS/IFS/LET): deadlines sit sorted in a row, and SMALL + COUNTIF pick from them.
 */
import { DEADLINE_CLASS_LABELS, OVERDUE_UNREPORTED_LABEL, REPEAT_LABELS, REPORTED_STATUS_LABELS } from "../schedule";

const q = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** First day of the six-month report period (Nghị định 09/2019) containing the date in `asOf`. */
export function periodStartFormula(asOf: string): string {
  return (
    `IF(${asOf}>=DATE(YEAR(${asOf}),12,15),DATE(YEAR(${asOf}),12,15),` +
    `IF(${asOf}>=DATE(YEAR(${asOf}),6,15),DATE(YEAR(${asOf}),6,15),DATE(YEAR(${asOf})-1,12,15)))`
  );
}

/** The deadline a report is judged against: first deadline in or after the period, else the last one. */
export function applicableDueFormula(deadlines: string, periodStart: string): string {
  return (
    `IF(COUNT(${deadlines})=0,"",IF(COUNTIF(${deadlines},">="&${periodStart})>0,` +
    `SMALL(${deadlines},COUNTIF(${deadlines},"<"&${periodStart})+1),MAX(${deadlines})))`
  );
}

/** First deadline on or after the as-of date, or blank. */
export function nextDueFormula(deadlines: string, asOf: string): string {
  return `IF(COUNTIF(${deadlines},">="&${asOf})=0,"",SMALL(${deadlines},COUNTIF(${deadlines},"<"&${asOf})+1))`;
}

export interface ClassRefs {
  status: string;
  completedOn: string;
  applicableDue: string;
  nextDue: string;
  repeat: string;
  asOf: string;
  soonDays: string;
  /** Blank status past the applicable deadline reads "Quá hạn (chưa báo cáo)" (the tracking sheet; see overdueUnreported). */
  overdueUnreported?: boolean;
}

/** The deadline class as its Vietnamese label; mirrors classify() in src/schedule/evaluate.ts. */
export function classFormula(r: ClassRefs): string {
  const L = DEADLINE_CLASS_LABELS;
  const done = q(REPORTED_STATUS_LABELS.done.vi);
  const inProgress = q(REPORTED_STATUS_LABELS["in-progress"].vi);
  const onTime = q(L["done-on-time"].vi);
  const late = q(L["done-late"].vi);
  const doneClass =
    `IF(${r.applicableDue}="",${onTime},IF(${r.completedOn}="",IF(${r.asOf}<=${r.applicableDue},${onTime},${late}),` +
    `IF(${r.completedOn}<=${r.applicableDue},${onTime},${late})))`;
  const openClass =
    `IF(${r.applicableDue}="",${q(L.ongoing.vi)},IF(${r.applicableDue}<${r.asOf},` +
    `IF(AND(${r.repeat}=${q(REPEAT_LABELS.ongoing.vi)},${r.status}=${inProgress}),${q(L.ongoing.vi)},${q(L.overdue.vi)}),` +
    `IF(AND(${r.nextDue}<>"",${r.nextDue}-${r.asOf}<=${r.soonDays}),${q(L["due-soon"].vi)},${q(L["in-progress"].vi)})))`;
  const notReported = r.overdueUnreported
    ? `IF(AND(${r.applicableDue}<>"",${r.applicableDue}<${r.asOf}),${q(OVERDUE_UNREPORTED_LABEL.vi)},${q(L["not-reported"].vi)})`
    : q(L["not-reported"].vi);
  return `IF(${r.status}="",${notReported},IF(${r.status}=${done},${doneClass},${openClass}))`;
}
