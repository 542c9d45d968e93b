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

function periodsOf(rows: readonly HistoryRow[]): string[] {
  const ids = new Set<string>();
  for (const r of rows) if (reportPeriod(r.period)) ids.add(reportPeriod(r.period)!.id);
  return [...ids].sort((a, b) => {
    const pa = reportPeriod(a)!;
    const pb = reportPeriod(b)!;
    return pa.to < pb.to ? -1 : pa.to > pb.to ? 1 : a.length - b.length;
  });
}

/** Per recorded period, in time order; rows whose period cell names no period are left out. */
export function periodTrends(rows: readonly HistoryRow[]): PeriodTrend[] {
  const by = new Map<string, HistoryRow[]>();
  for (const r of rows) {
    const id = reportPeriod(r.period)?.id;
    if (!id) continue;
    let list = by.get(id);
    if (!list) by.set(id, (list = []));
    list.push(r);
  }
  return periodsOf(rows).map((period) => {
    const list = by.get(period)!;
    const counts = Object.fromEntries(
      (Object.keys(DEADLINE_CLASS_LABELS) as DeadlineClass[]).map((k) => [k, 0]),
    ) as Record<DeadlineClass, number>;
    for (const r of list) {
      const k = CLASS_BY_LABEL.get(toneKey(r.deadlineClass)) ?? "not-reported";
      counts[k === "due-soon" ? "in-progress" : k]++;
    }
    const due = counts["done-on-time"] + counts["done-late"] + counts.overdue;
    return {
      period,
      owedUnits: new Set(list.map((r) => r.unitCode)).size,
      reportedUnits: new Set(list.filter((r) => r.file).map((r) => r.unitCode)).size,
      counts,
      due,
      onTimeRate: due > 0 ? counts["done-on-time"] / due : null,
      overdueRate: due > 0 ? (counts["done-late"] + counts.overdue) / due : null,
    };
  });
}

/** Done ÷ owed per key (unit code or task id) and period. */
function doneShare(rows: readonly HistoryRow[], key: (r: HistoryRow) => string): Map<string, Map<string, number>> {
  const tally = new Map<string, Map<string, [number, number]>>();
  for (const r of rows) {
    const id = reportPeriod(r.period)?.id;
    if (!id) continue;
    const k = key(r);
    let m = tally.get(k);
    if (!m) tally.set(k, (m = new Map()));
    const t = m.get(id) ?? [0, 0];
    t[1]++;
    if (toneKey(r.status) === DONE) t[0]++;
    m.set(id, t);
  }
  return new Map(
    [...tally].map(([k, m]) => [k, new Map([...m].map(([p, [d, n]]) => [p, n > 0 ? d / n : 0]))] as const),
  );
}

/** The "Xu hướng" sheet: three tables one under the other, each with its own header row. */
export function trendsSheet(
  plan: Plan,
  rows: readonly HistoryRow[],
  typography: Typography,
  options: { title?: string } = {},
): Sheet {
  const trends = periodTrends(rows);
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
    doneShare(rows, (r) => r.taskId),
  );
  table(
    "TỈ LỆ NHIỆM VỤ HOÀN THÀNH THEO ĐƠN VỊ VÀ KỲ",
    "Mã đơn vị",
    "Tên đơn vị",
    plan.units.map((u) => [u.code, u.name]),
    doneShare(rows, (r) => r.unitCode),
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
