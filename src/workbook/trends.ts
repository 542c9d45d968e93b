/**
 * "Xu hướng": the recorded periods side by side, computed from "Lịch sử" — per period the units
 * owed and reported, the tasks by class, the on-time and overdue rates; then unit × period and
 * task × period tables. Rates as government tracking systems define them: of the tasks due (done
 * on time, done late, or open past their deadline), the share done on time and the share late.
 */
import type { Plan } from "../plan/types";
import { reportPeriod, DEADLINE_CLASS_LABELS, REPORTED_STATUS_LABELS, type DeadlineClass } from "../schedule";
import { toneKey } from "../text/vietnamese";
import { columnLetter } from "./a1";
import type { HistoryRow } from "./history";
import type { CellValue, Chart, Sheet } from "./model";
import { officialPrint } from "./print";
import { SheetBuilder } from "./sheet-builder";
import { titleRowHeight, type Typography, wrappedRowHeight } from "./styles";

export const TRENDS_SHEET = "Xu hướng";

/** The classes the trends count, in the order the table and a chart stack them. */
export const TREND_CLASSES: readonly DeadlineClass[] = [
  "done-on-time",
  "done-late",
  "in-progress",
  "overdue",
  "not-reported",
];

export interface PeriodTrend {
  period: string;
  owedUnits: number;
  reportedUnits: number;
  /** (unit, task) pairs by class; due-soon counts as in progress, ongoing as its own. */
  counts: Record<DeadlineClass, number>;
  /** Tasks whose deadline has passed: done on time + done late + overdue. */
  due: number;
  onTimeRate: number | null;
  overdueRate: number | null;
}

const CLASS_BY_LABEL = new Map(
  (Object.keys(DEADLINE_CLASS_LABELS) as DeadlineClass[]).map((k) => [toneKey(DEADLINE_CLASS_LABELS[k].vi), k]),
);
const DONE = toneKey(REPORTED_STATUS_LABELS.done.vi);

/**
 * One period's figures as the trends need them: the classes counted, and done / owed per task id
 * and per unit code (with whether the unit sent a file). Kept in a book's history index, so the
 * trends of earlier periods are known without reading their rows again.
 */
export interface PeriodTally {
  period: string;
  counts: Record<DeadlineClass, number>;
  /** Task id → [done, owed]. */
  tasks: Map<string, [number, number]>;
  /** Unit code → [done, owed, sent a file]. */
  units: Map<string, [number, number, boolean]>;
}

/** Time order: by end date, then the half-year before the whole year ending with it. */
export function periodIdOrder(a: string, b: string): number {
  const pa = reportPeriod(a)!;
  const pb = reportPeriod(b)!;
  return pa.to < pb.to ? -1 : pa.to > pb.to ? 1 : a.length - b.length;
}

/** Per recorded period, in time order; rows whose period cell names no period are left out. */
export function tallyPeriods(rows: readonly HistoryRow[]): PeriodTally[] {
  const by = new Map<string, PeriodTally>();
  // The same few period cells and statuses fill every row: each is parsed once.
  const ids = new Map<string, string | null>();
  const done = new Map<string, boolean>();
  const classes = new Map<string, DeadlineClass>();
  for (const r of rows) {
    let id = ids.get(r.period);
    if (id === undefined) ids.set(r.period, (id = reportPeriod(r.period)?.id ?? null));
    if (!id) continue;
    let t = by.get(id);
    if (!t) by.set(id, (t = emptyTally(id)));
    let k = classes.get(r.deadlineClass);
    if (k === undefined) {
      k = CLASS_BY_LABEL.get(toneKey(r.deadlineClass)) ?? "not-reported";
      classes.set(r.deadlineClass, (k = k === "due-soon" ? "in-progress" : k));
    }
    t.counts[k]++;
    let d = done.get(r.status);
    if (d === undefined) done.set(r.status, (d = toneKey(r.status) === DONE));
    const task = t.tasks.get(r.taskId) ?? [0, 0];
    task[1]++;
    if (d) task[0]++;
    t.tasks.set(r.taskId, task);
    const unit = t.units.get(r.unitCode) ?? [0, 0, false];
    unit[1]++;
    if (d) unit[0]++;
    if (r.file) unit[2] = true;
    t.units.set(r.unitCode, unit);
  }
  return [...by.values()].sort((a, b) => periodIdOrder(a.period, b.period));
}

export function emptyTally(period: string): PeriodTally {
  const counts = Object.fromEntries(
    (Object.keys(DEADLINE_CLASS_LABELS) as DeadlineClass[]).map((k) => [k, 0]),
  ) as Record<DeadlineClass, number>;
  return { period, counts, tasks: new Map(), units: new Map() };
}

/** Per recorded period, in time order; rows whose period cell names no period are left out. */
export function periodTrends(rows: readonly HistoryRow[]): PeriodTrend[] {
  return tallyPeriods(rows).map(trendOf);
}

function trendOf(t: PeriodTally): PeriodTrend {
  const counts = t.counts;
  const due = counts["done-on-time"] + counts["done-late"] + counts.overdue;
  return {
    period: t.period,
    owedUnits: t.units.size,
    reportedUnits: [...t.units.values()].filter((u) => u[2]).length,
    counts: { ...counts },
    due,
    onTimeRate: due > 0 ? counts["done-on-time"] / due : null,
    overdueRate: due > 0 ? (counts["done-late"] + counts.overdue) / due : null,
  };
}

/** Done ÷ owed per key (unit code or task id) and period. */
function doneShare(
  tallies: readonly PeriodTally[],
  of: (t: PeriodTally) => ReadonlyMap<string, readonly [number, number] | readonly [number, number, boolean]>,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const t of tallies)
    for (const [k, [d, n]] of of(t)) {
      let m = out.get(k);
      if (!m) out.set(k, (m = new Map()));
      m.set(t.period, n > 0 ? d / n : 0);
    }
  return out;
}

/** The "Xu hướng" sheet: three tables one under the other, each with its own header row. */
export function trendsSheet(
  plan: Plan,
  tallies: readonly PeriodTally[],
  typography: Typography,
  options: { title?: string } = {},
): Sheet {
  const trends = tallies.map(trendOf);
  const periods = trends.map((t) => t.period);
  // Period, the classes, the two rates: one contiguous block, the chart's source; then the unit counts.
  const summaryHeaders = [
    "Kỳ báo cáo",
    ...TREND_CLASSES.map((k) => DEADLINE_CLASS_LABELS[k].vi),
    "Tỉ lệ đúng hạn",
    "Tỉ lệ quá hạn",
    "Đơn vị phải báo cáo",
    "Đơn vị đã báo cáo",
    "Nhiệm vụ đến hạn",
  ];
  const width = Math.max(summaryHeaders.length, periods.length + 2);
  const s = new SheetBuilder(TRENDS_SHEET, [
    { width: 12 },
    { width: 36 },
    ...Array.from({ length: width - 2 }, () => ({ width: 12 })),
  ]);
  const title = options.title ?? "XU HƯỚNG THỰC HIỆN CÁC NHIỆM VỤ QUA CÁC KỲ BÁO CÁO";
  s.merge(1, 1, 1, width, title, "title").height(
    1,
    titleRowHeight(title, 48 + 12 * (width - 2), typography.titleSize, typography.tableSize),
  );
  const note =
    "Tỉ lệ đúng hạn = hoàn thành đúng hạn ÷ nhiệm vụ đến hạn; tỉ lệ quá hạn = (hoàn thành quá hạn + quá hạn) ÷ nhiệm vụ đến hạn. Số liệu lấy từ trang Lịch sử.";
  s.merge(2, 1, 2, width, note, "instructions");
  const header = 4;
  let row = header;
  s.line(row, 1, summaryHeaders, "header");
  s.height(row, 48);
  for (const t of trends) {
    row++;
    const values: CellValue[] = [
      t.period,
      ...TREND_CLASSES.map((k) => t.counts[k]),
      t.onTimeRate,
      t.overdueRate,
      t.owedUnits,
      t.reportedUnits,
      t.due,
    ];
    s.line(row, 1, values, [
      "cellCenter",
      ...TREND_CLASSES.map(() => "cellNumber"),
      "trendsPercent",
      "trendsPercent",
      "cellNumber",
      "cellNumber",
      "cellNumber",
    ]);
  }
  const charts: Chart[] = [];
  if (trends.length > 0) {
    // Stacked classes per period, rates on the secondary axis; it floats over 18 rows below the table.
    const top = row + 2;
    charts.push({
      anchor: `A${top}:${columnLetter(Math.min(width, 11))}${top + 17}`,
      title: "Nhiệm vụ theo phân loại và tỉ lệ đúng hạn, quá hạn qua các kỳ",
      source: `A${header}:${columnLetter(1 + TREND_CLASSES.length + 2)}${row}`,
      stacked: TREND_CLASSES.length,
      colors: [...TREND_CLASSES.map((k) => TREND_COLORS[k] ?? "A5A5A5"), "375623", "7F0000"],
      lineAxisFormat: "0%",
    });
    row = top + 17;
  }

  const table = (
    heading: string,
    keyHeader: string,
    nameHeader: string,
    keys: [string, string][],
    share: Map<string, Map<string, number>>,
  ) => {
    row += 2;
    s.merge(row, 1, row, width, heading, "subtitle");
    row++;
    s.line(row, 1, [keyHeader, nameHeader, ...periods], "header");
    for (const [k, name] of keys) {
      const m = share.get(k);
      if (!m) continue;
      row++;
      s.line(
        row,
        1,
        [k, name, ...periods.map((p) => m.get(p) ?? null)],
        ["codeCell", "cell", ...periods.map(() => "trendsPercent")],
      );
      s.height(row, wrappedRowHeight([k, name], [12, 36], typography.tableSize));
    }
  };
  table(
    "TỈ LỆ NHIỆM VỤ HOÀN THÀNH THEO NHIỆM VỤ VÀ KỲ",
    "Mã nhiệm vụ",
    "Nội dung",
    plan.tasks.map((t) => [t.id, `${t.number}. ${t.content.length > 80 ? `${t.content.slice(0, 77)}…` : t.content}`]),
    doneShare(tallies, (t) => t.tasks),
  );
  table(
    "TỈ LỆ NHIỆM VỤ HOÀN THÀNH THEO ĐƠN VỊ VÀ KỲ",
    "Mã đơn vị",
    "Tên đơn vị",
    plan.units.map((u) => [u.code, u.name]),
    doneShare(tallies, (t) => t.units),
  );
  const sheet = s
    .with({
      print: officialPrint({ area: `A1:${columnLetter(width)}${row}` }),
      freeze: { rows: 0, columns: 2 },
      tabColor: "F4B084",
    })
    .build();
  if (charts.length > 0) sheet.charts = charts;
  return sheet;
}

/** Series colours: green done, orange late, blue in progress, red overdue, grey not reported. */
export const TREND_COLORS: Partial<Record<DeadlineClass, string>> = {
  "done-on-time": "70AD47",
  "done-late": "ED7D31",
  "in-progress": "5B9BD5",
  overdue: "C00000",
  "not-reported": "A5A5A5",
};
