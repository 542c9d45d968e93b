/**
 * Five years in one book: a consolidation recorded into the book's "Lịch sử", the tracking sheet
 * following the latest recorded period, and the book rebuilt with its history and trends. The one
 * place every shell (CLI, page, add-in) records a period; no file system, no DOM.
 */
import { loadBook } from "./book";
import { hashText } from "../util/hash";
import { asReadBack, historyPeriod, type HistoryRead } from "../book/history";
import type { BookRead } from "../book";
import type { ConsolidationResult } from "../consolidate/types";
import { dmy, isIsoDate } from "../dates";
import { countEn, type Text } from "../i18n";
import type { IsoDate, Plan } from "../plan/types";
import {
  DEADLINE_CLASS_LABELS,
  REPORTED_STATUS_LABELS,
  reportPeriod,
  type ReportPeriod,
  taskSchedule,
} from "../schedule";
import {
  CARRIED_OVER,
  HISTORY_HEADER_ROW,
  HISTORY_SHEET,
  historySheet,
  historyStyles,
  type HistoryRow,
} from "../workbook/history";
import type { FormPrefill } from "../workbook/form";
import type { WorkbookSpec } from "../workbook/model";
import { DEFAULT_TYPOGRAPHY, standardStyles, type Typography } from "../workbook/styles";
import { trackingWorkbook, type TrackingEntry, type TrackingOptions } from "../workbook/tracking";
import { periodIdOrder, tallyPeriods, trendsSheet, type PeriodTally } from "../workbook/trends";
import type { InflateRaw } from "../xlsx/read";
import { renderXlsx, type SegmentedSheet, type ZipParts } from "../xlsx/write";
import {
  historyIndexPart,
  type IndexedHistory,
  type LastReportKeys,
  type LastReportTables,
} from "../book/history-index";

/** The rows a consolidation gives the history: one per (unit, task) the result holds. */
export function historyRowsOf(plan: Plan, result: ConsolidationResult): HistoryRow[] {
  const ids = new Map(plan.tasks.map((t) => [t.number, t.id] as const));
  const savedAt = new Map(result.files.filter((f) => f.outcome === "accepted").map((f) => [f.name, f.savedAt]));
  return result.rows.map((r) => {
    const saved = r.file ? savedAt.get(r.file) : null;
    return {
      period: result.period.id,
      unitCode: r.unitCode,
      unitName: r.unitName,
      taskId: ids.get(r.task) ?? String(r.task),
      task: r.task,
      status: r.status ? REPORTED_STATUS_LABELS[r.status].vi : "",
      deadlineClass: DEADLINE_CLASS_LABELS[r.deadlineClass].vi,
      completedOn: r.completedOn,
      progress: r.progress,
      result: r.result,
      documents: r.documents,
      difficulties: r.difficulties,
      proposals: r.proposals,
      file: r.file,
      receivedOn: saved ? saved.slice(0, 10) : null,
      asOf: result.asOf,
      source: "",
    };
  });
}

/** Periods in time order: by end date, then the half-years before the whole year ending with them. */
function periodOrder(a: ReportPeriod, b: ReportPeriod): number {
  return periodIdOrder(a.id, b.id);
}

export interface Recorded {
  rows: HistoryRow[];
  /** What the office should know: the period replaced, rows kept from an earlier run. */
  notes: Text[];
}

/**
 * The history with one consolidation recorded: that period's rows replaced (so recording it again
 * gives the same book), except the rows of units that sent a file before and none this time (late
 * files consolidated alone add to the period, never wipe it). Null with a reason when the period
 * is outside the plan's years.
 */
export function recordPeriod(
  existing: readonly HistoryRow[],
  plan: Plan,
  result: ConsolidationResult,
  /** Each unit's last report before the period, when known without `existing` (a book's index). */
  lastKeys?: LastReportKeys,
): Recorded | { refused: Text } {
  const period = result.period;
  const { from, to } = plan.document.years;
  if (period.to < `${from}-01-01` || period.from > `${to}-12-31`)
    return {
      refused: {
        vi: `Kỳ ${period.id} (${dmy(period.from)}–${dmy(period.to)}) nằm ngoài thời gian của kế hoạch (${from}–${to}): không ghi vào lịch sử của sổ. Kiểm tra lại --period.`,
        en: `Period ${period.id} (${dmy(period.from)}–${dmy(period.to)}) lies outside the plan's years (${from}–${to}): not recorded in the book's history. Check --period.`,
      },
    };
  const fresh = historyRowsOf(plan, result);
  const notes: Text[] = [];
  // A row whose four reported values are those of the unit's last report was carried over unchanged.
  const sameAsLast = lastKeys ? sameAsKeys(lastKeys) : sameAsRows(lastReports(existing, period));
  // A unit whose every row is as before (carried over, or empty then and now) sent its prefilled form untouched.
  const untouched = new Map<string, { all: boolean; carried: number }>();
  for (const r of fresh) {
    if (!r.file) continue;
    const same = sameAsLast(r);
    if (same && r.status !== "") r.source = CARRIED_OVER;
    const u = untouched.get(r.unitCode) ?? { all: true, carried: 0 };
    u.all &&= same;
    if (r.source === CARRIED_OVER) u.carried++;
    untouched.set(r.unitCode, u);
  }
  const unchanged = [...untouched].filter(([, u]) => u.all && u.carried > 0).map(([code]) => code);
  if (unchanged.length > 0)
    notes.push({
      vi: `${unchanged.length} đơn vị gửi lại mẫu điền sẵn mà không thay đổi gì so với kỳ trước: ${unchanged.join(", ")}.`,
      en: `${countEn(unchanged.length, "unit")} returned the prefilled form with nothing changed since last period: ${unchanged.join(", ")}.`,
    });
  const before = existing.filter((r) => historyPeriod(r) === period.id);
  const sentNow = new Set(fresh.filter((r) => r.file).map((r) => r.unitCode));
  const kept = before.filter((r) => r.file && !sentNow.has(r.unitCode));
  if (before.length > 0) {
    const asOfs = [...new Set(before.map((r) => r.asOf).filter((d): d is string => !!d))];
    notes.push({
      vi: `Kỳ ${period.id} đã có trong lịch sử (${before.length} dòng${asOfs.length ? `, tính đến ngày ${asOfs.map(dmy).join(", ")}` : ""}): thay bằng lần tổng hợp này, tính đến ngày ${dmy(result.asOf)}.`,
      en: `Period ${period.id} was already recorded (${before.length} rows${asOfs.length ? `, as of ${asOfs.map(dmy).join(", ")}` : ""}): replaced by this consolidation, as of ${dmy(result.asOf)}.`,
    });
    if (asOfs.some((d) => d > result.asOf))
      notes.push({
        vi: `Lưu ý: ngày tính hạn lần này (${dmy(result.asOf)}) sớm hơn lần đã ghi; bản sổ trước được giữ bên cạnh.`,
        en: `Note: this report date (${dmy(result.asOf)}) is earlier than the one recorded; the previous book is kept beside it.`,
      });
  }
  const keptUnits = new Set(kept.map((r) => r.unitCode));
  if (keptUnits.size > 0)
    notes.push({
      vi: `Giữ kết quả đã ghi của ${keptUnits.size} đơn vị không có tệp trong lần tổng hợp này (tệp nộp muộn được bổ sung, không xóa kết quả cũ).`,
      en: `Kept the recorded results of ${countEn(keptUnits.size, "unit")} with no file in this consolidation (late files add to the period; earlier results are not wiped).`,
    });
  const merged = [...fresh.filter((r) => !keptUnits.has(r.unitCode)), ...kept];
  const unitOrder = new Map(plan.units.map((u, i) => [u.code, i] as const));
  merged.sort(
    (a, b) =>
      (unitOrder.get(a.unitCode) ?? 1e9) - (unitOrder.get(b.unitCode) ?? 1e9) ||
      (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0) ||
      Number(a.task) - Number(b.task),
  );

  // Other periods keep their rows and order; periods in time order, unreadable ones last as they were.
  const groups = new Map<string, HistoryRow[]>();
  const unreadable: HistoryRow[] = [];
  for (const r of existing) {
    const id = historyPeriod(r);
    if (id === period.id) continue;
    if (id === null) {
      unreadable.push(r);
      continue;
    }
    let g = groups.get(id);
    if (!g) groups.set(id, (g = []));
    g.push(r);
  }
  groups.set(period.id, merged);
  const order = [...groups.keys()].map((id) => reportPeriod(id)!).sort(periodOrder);
  const rows: HistoryRow[] = [];
  for (const p of order) for (const r of groups.get(p.id)!) rows.push(r);
  for (const r of unreadable) rows.push(r);
  return { rows, notes };
}

/**
 * Each unit's last report before `period`, as the rows of its new form start: status, completion
 * date, progress and result. A one-off task done earlier stays done and locked; a recurring one
 * re-opens (nothing carried). Units with no earlier report get blank forms.
 */
export function prefillFromHistory(
  plan: Plan,
  rows: readonly HistoryRow[],
  period: ReportPeriod,
): Map<string, Map<number, FormPrefill>> {
  const last = lastReports(rows, period);
  const out = new Map<string, Map<number, FormPrefill>>();
  const repeats = new Map(plan.tasks.map((t) => [t.number, taskSchedule(plan, t.number).repeat] as const));
  const ids = new Map(plan.tasks.map((t) => [t.id, t.number] as const));
  for (const [unit, byTask] of last) {
    const prefill = new Map<number, FormPrefill>();
    for (const [taskId, r] of byTask) {
      const number = ids.get(taskId);
      if (number === undefined) continue;
      const done = r.status === DONE;
      const oneOff = repeats.get(number) === "none";
      if (done && !oneOff) continue;
      prefill.set(number, {
        status: r.status || null,
        completedOn: r.completedOn && isIsoDate(r.completedOn) ? r.completedOn : null,
        progress: typeof r.progress === "number" ? r.progress : null,
        result: r.result,
        locked: done && oneOff,
      });
    }
    if (prefill.size > 0) out.set(unit, prefill);
  }
  return out;
}

type Reported = Pick<HistoryRow, "status" | "completedOn" | "progress" | "result">;

/** What a row reports, as one key: equal keys, equal status, completion date, progress and result. */
function reportKey(r: Reported): string {
  // \u0000 cannot occur in a cell (the writer strips it); a number and its text differ by their tag.
  const p = r.progress;
  const progress = p === null ? "\u0000n" : typeof p === "number" ? `\u0000#${p}` : p;
  // 48 bits of the hash: a false "unchanged" about once in 2^48 comparisons, and a smaller index.
  return hashText(
    `${r.status ?? ""}\u0000${r.completedOn ?? "\u0000n"}\u0000${progress}\u0000${r.result ?? "\u0000n"}`,
  ).slice(4);
}

/** A unit with no last report compares as if it had reported nothing. */
const NOTHING = reportKey({ status: "", completedOn: null, progress: null, result: null });

function sameAsRows(last: Map<string, Map<string, HistoryRow>>): (r: HistoryRow) => boolean {
  return (r) => {
    const before = last.get(r.unitCode)?.get(r.taskId);
    return (
      (before?.status ?? "") === r.status &&
      (before?.completedOn ?? null) === r.completedOn &&
      (before?.progress ?? null) === r.progress &&
      (before?.result ?? null) === r.result
    );
  };
}

function sameAsKeys(last: LastReportKeys): (r: HistoryRow) => boolean {
  return (r) => (last.get(r.unitCode)?.get(r.taskId) ?? NOTHING) === reportKey(r);
}

/**
 * The keys of a period's reports (rows with a file), per unit and task id, as the rows will read
 * back from the book (the next recording compares with what it would read).
 */
function keysOf(rows: Iterable<HistoryRow>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (!r.file) continue;
    let m = out.get(r.unitCode);
    if (!m) out.set(r.unitCode, (m = new Map()));
    m.set(r.taskId, reportKey(asReadBack(r)));
  }
  return out;
}

/** Each unit's last report as of after the latest period: its reports there, else its earlier ones. */
function joinTables(before: LastReportKeys, latest: LastReportKeys): LastReportKeys {
  const out = new Map(before);
  for (const [u, m] of latest) out.set(u, m);
  return out;
}

/**
 * The index's last-report tables of a whole history (LastReportTables); null when two periods end on
 * the same day (lastReports then joins them: the next recording reads the rows instead).
 */
function lastTables(rows: readonly HistoryRow[], latest: ReportPeriod | null): LastReportTables | null {
  if (!latest) return { before: new Map(), latest: new Map() };
  const ends = new Map<string, string>();
  for (const r of rows) {
    const p = reportPeriod(r.period);
    if (!p) continue;
    if ((ends.get(p.to) ?? p.id) !== p.id) return null;
    ends.set(p.to, p.id);
  }
  const before = new Map(
    [...lastReports(rows, latest)].map(
      ([u, m]) => [u, new Map([...m].map(([t, r]) => [t, reportKey(asReadBack(r))]))] as const,
    ),
  );
  return { before, latest: keysOf(rows.filter((r) => r.period === latest.id || historyPeriod(r) === latest.id)) };
}

/** Per unit and task id: the row of the unit's latest reported period ending before `period`. */
function lastReports(rows: readonly HistoryRow[], period: ReportPeriod): Map<string, Map<string, HistoryRow>> {
  const best = new Map<string, { to: string; rows: Map<string, HistoryRow> }>();
  for (const r of rows) {
    if (!r.file) continue;
    const p = reportPeriod(r.period);
    if (!p || p.to >= period.to) continue;
    const seen = best.get(r.unitCode);
    if (!seen || seen.to < p.to) best.set(r.unitCode, { to: p.to, rows: new Map([[r.taskId, r]]) });
    else if (seen.to === p.to) seen.rows.set(r.taskId, r);
  }
  return new Map([...best].map(([u, b]) => [u, b.rows] as const));
}

/** The latest period the history holds (by its end), or null. */
export function latestPeriod(rows: readonly HistoryRow[]): ReportPeriod | null {
  let best: ReportPeriod | null = null;
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.period)) continue;
    seen.add(r.period);
    const p = reportPeriod(r.period);
    if (p && (!best || periodOrder(best, p) < 0)) best = p;
  }
  return best;
}

const DONE = REPORTED_STATUS_LABELS.done.vi;
const IN_PROGRESS = REPORTED_STATUS_LABELS["in-progress"].vi;
/** The line the tracking sheet's notes carry for a task every commune reports on. */
const SUMMARY_LINE = /^\[\d{4}(-H[12])?\] .*$/u;

/**
 * "Theo dõi" following the latest recorded period: a provincial task takes its lead unit's status
 * and completion date; a task every commune reports on shows how many of the units owing it have
 * done it ("[2026-H1] 87/131 đơn vị hoàn thành" in the notes; Hoàn thành only when all have). A task nobody
 * reported on keeps what the office typed.
 */
export function trackingFromHistory(
  plan: Plan,
  rows: readonly HistoryRow[],
  office: ReadonlyMap<string, TrackingEntry> = new Map(),
): Map<string, TrackingEntry> {
  const out = new Map(office);
  const latest = latestPeriod(rows);
  if (!latest) return out;
  const byTask = new Map<string, HistoryRow[]>();
  for (const r of rows)
    if (r.period === latest.id || historyPeriod(r) === latest.id) {
      let list = byTask.get(r.taskId);
      if (!list) byTask.set(r.taskId, (list = []));
      list.push(r);
    }
  for (const task of plan.tasks) {
    const list = byTask.get(task.id);
    if (!list) continue;
    const kept = out.get(task.id) ?? {};
    const officeNotes = (kept.notes ?? "")
      .split("\n")
      .filter((l) => !SUMMARY_LINE.test(l))
      .join("\n");
    const everyCommune = task.leads.some((l) => l.level === "commune" && l.unit === null);
    const leadCodes = task.leads.map((l) => l.unit).filter((u): u is string => u !== null);
    const entry: TrackingEntry = { ...kept };
    if (everyCommune) {
      // Every unit that owes the task counts: the communes and the provincial leads alike.
      const owed = list;
      const done = owed.filter((r) => r.status === DONE).length;
      const started = owed.filter((r) => r.status === DONE || r.status === IN_PROGRESS).length;
      if (done === owed.length) entry.status = DONE;
      else if (started > 0) entry.status = IN_PROGRESS;
      if (done === owed.length) {
        const dates = owed.map((r) => r.completedOn).filter((d): d is string => !!d && isIsoDate(d));
        if (dates.length === owed.length) entry.completedOn = dates.sort().at(-1)!;
      }
      const line = `[${latest.id}] ${done}/${owed.length} đơn vị hoàn thành`;
      entry.notes = officeNotes ? `${line}\n${officeNotes}` : line;
    } else {
      const lead = leadCodes.map((c) => list.find((r) => r.unitCode === c && r.status)).find((r) => r);
      if (!lead) continue;
      entry.status = lead.status;
      if (lead.completedOn && isIsoDate(lead.completedOn)) entry.completedOn = lead.completedOn;
      else delete entry.completedOn;
      if (officeNotes) entry.notes = officeNotes;
      else delete entry.notes;
    }
    out.set(task.id, entry);
  }
  return out;
}

export interface BookOptions extends Omit<TrackingOptions, "entries"> {
  /** What the office typed on "Theo dõi": kept where the history says nothing newer. */
  entries?: ReadonlyMap<string, TrackingEntry>;
  history?: readonly HistoryRow[];
  /**
   * Earlier periods kept as the book holds them (copied segments, see renderBook): `rows` of them
   * come before `history` on "Lịch sử", and their figures are `tallies`. `history` must then hold
   * the latest period.
   */
  kept?: { rows: number; tallies: readonly PeriodTally[] };
}

/**
 * The whole book: the tracking workbook (plan sheets, "Theo dõi" following the latest period),
 * then "Xu hướng" and "Lịch sử". Without history it is the tracking workbook plus an empty history.
 */
export function bookWorkbook(plan: Plan, options: BookOptions): WorkbookSpec {
  const typography = options.typography ?? DEFAULT_TYPOGRAPHY;
  const history = options.history ?? [];
  const entries = trackingFromHistory(plan, history, options.entries);
  const { history: _h, kept, ...rest } = options;
  const spec = trackingWorkbook(plan, { ...rest, ...(entries.size > 0 ? { entries } : {}) });
  spec.styles = { ...spec.styles, ...historyStyles(typography) };
  const tallies = [...(kept?.tallies ?? []), ...tallyPeriods(history)].sort((a, b) =>
    periodIdOrder(a.period, b.period),
  );
  const rows = (kept?.rows ?? 0) + history.length;
  spec.sheets.push(
    ...(rows > 0 ? [trendsSheet(plan, tallies, typography)] : []),
    historySheet(history, typography, kept?.rows ?? 0),
  );
  return spec;
}

/**
 * Where each period's rows start on "Lịch sử" (row indices of the sheet, header first), or null when
 * the rows are not one run per period in time order (a period typed wrongly…): then no segments.
 */
function periodRuns(
  rows: readonly HistoryRow[],
  first: number,
): { period: string; start: number; rows: number }[] | null {
  const runs: { period: string; start: number; rows: number }[] = [];
  let last: { period: string; start: number; rows: number } | undefined;
  for (let i = 0; i < rows.length; i++) {
    const id = historyPeriod(rows[i]!);
    if (id === null) return null;
    if (last && last.period === id) {
      last.rows++;
      continue;
    }
    if (last && periodIdOrder(last.period, id) >= 0) return null;
    runs.push((last = { period: id, start: first + i, rows: 1 }));
  }
  return runs;
}

/**
 * Renders a book, "Lịch sử" one compressed segment per period with the index that lets the next
 * recording copy them (src/book/history-index.ts). `kept`: earlier periods copied from the book read.
 */
export function renderBook(
  spec: WorkbookSpec,
  history: readonly HistoryRow[],
  zip: ZipParts | undefined,
  kept?: { indexed: IndexedHistory; periods: number; last: LastReportTables | null },
): Uint8Array {
  const reused = kept ? kept.indexed.periods.slice(0, kept.periods) : [];
  const keptRows = reused.reduce((n, p) => n + p.rows, 0);
  const runs = periodRuns(history, HISTORY_HEADER_ROW + keptRows);
  if (!runs) return renderXlsx(spec, zip ? { zip } : {});
  let start = HISTORY_HEADER_ROW;
  const layout = [
    ...reused.map((p) => {
      const at = start;
      start += p.rows;
      return { period: p.period, start: at, rows: p.rows, tally: p.tally };
    }),
  ];
  // One run per period in time order, as tallyPeriods lists them.
  const tallies = tallyPeriods(history);
  runs.forEach((r, i) => layout.push({ ...r, tally: tallies[i]! }));
  const segmented: SegmentedSheet = {
    sheet: HISTORY_SHEET,
    starts: layout.map((l) => l.start),
    reuse: new Map(reused.map((_p, i) => [i + 1, kept!.indexed.reuse(i)] as const)),
    ...(kept ? { sharedStrings: kept.indexed.sharedStrings } : {}),
    index: (written) =>
      historyIndexPart(written, layout, kept ? kept.last : lastTables(history, latestPeriod(history))),
  };
  return renderXlsx(spec, { ...(zip ? { zip } : {}), segmented });
}

export interface BookUpdate {
  bytes: Uint8Array;
  rows: number;
  notes: Text[];
  /** The history's own problems (a period typed wrongly…), each with its cell. */
  problems: HistoryRead["problems"];
}

type RecordOptions = { asOf: IsoDate; today?: IsoDate; soonDays?: number; typography?: Typography; zip?: ZipParts };

/**
 * Records a consolidation into a book read with `tracking` and `history`: the new book's bytes, or
 * why it is not written (the history holds what a rewrite would lose; the period is outside the plan).
 */
export function recordInBook(
  read: BookRead,
  result: ConsolidationResult,
  options: RecordOptions,
): BookUpdate | { refused: Text; problems: HistoryRead["problems"] } {
  const plan = read.plan;
  const history = read.history;
  // A book read without its history must never be written back: the history would be lost.
  if (!plan || !history)
    return {
      refused: { vi: "Sổ không đọc được: không ghi lịch sử.", en: "The book cannot be read: no history recorded." },
      problems: [],
    };
  if (result.planId !== plan.id)
    return {
      refused: {
        vi: `Kết quả tổng hợp thuộc kế hoạch khác (${result.planId}): không ghi vào sổ.`,
        en: `The consolidation belongs to another plan (${result.planId}): not recorded in the book.`,
      },
      problems: history.problems,
    };
  if (!history.intact)
    return {
      refused: {
        vi: `Trang "${HISTORY_SHEET}" của sổ có nội dung không giữ được khi ghi lại (xem các lỗi trên): sổ không bị thay đổi.`,
        en: `The book's "${HISTORY_SHEET}" sheet holds what a rewrite could not keep (see the errors above): the book was not changed.`,
      },
      problems: history.problems,
    };
  const fast = history.indexed ? recordIndexed(plan, read, history.indexed, result, options) : null;
  if (fast) return fast;
  const recorded = recordPeriod(history.rows, plan, result);
  if ("refused" in recorded) return { refused: recorded.refused, problems: history.problems };
  const { zip, ...tracking } = options;
  const spec = bookWorkbook(plan, {
    ...tracking,
    ...(read.tracking ? { entries: read.tracking } : {}),
    history: recorded.rows,
  });
  return {
    bytes: renderBook(spec, recorded.rows, zip),
    rows: recorded.rows.length,
    notes: recorded.notes,
    problems: history.problems,
  };
}

/**
 * The same as recording into the whole history, reading only the periods it needs: the period
 * itself (late files merge into it) and each reporting unit's last reported period (carried-over
 * marks); the earlier periods' segments are copied as they are. Only for the latest period (a
 * later one's rows would move) and with a segment deflate; null otherwise, or when a segment is not
 * as indexed (the caller then records into the whole history).
 */
function recordIndexed(
  plan: Plan,
  read: BookRead,
  indexed: IndexedHistory,
  result: ConsolidationResult,
  options: RecordOptions,
): BookUpdate | { refused: Text; problems: HistoryRead["problems"] } | null {
  // Copying segments needs a deflate that can write new ones beside them (Node's zlib; not the page's fflate).
  if (!options.zip?.deflateSegment) return null;
  const period = result.period;
  const periods = indexed.periods;
  const last = periods.at(-1);
  if (last && last.period !== period.id && periodIdOrder(period.id, last.period) < 0) return null;
  const replaces = last?.period === period.id;
  const needed = new Set<string>(replaces ? [period.id] : []);
  // The index's last reports, unless the new period ends on the day an earlier one does (lastReports joins those).
  const tables =
    indexed.last && !periods.some((p) => p.period !== period.id && reportPeriod(p.period)!.to === period.to)
      ? indexed.last
      : null;
  const lastKeys = tables ? (replaces ? tables.before : joinTables(tables.before, tables.latest)) : undefined;
  // lastReports: per unit, every period at its latest end date before this one in which it sent a file.
  const latestTo = new Map<string, string>();
  const before = periods.filter((p) => reportPeriod(p.period)!.to < period.to);
  for (const p of before) for (const u of p.reported) latestTo.set(u, reportPeriod(p.period)!.to);
  const sending = new Set(result.rows.filter((r) => r.file).map((r) => r.unitCode));
  for (const p of lastKeys ? [] : before) {
    const to = reportPeriod(p.period)!.to;
    for (const u of p.reported)
      if (latestTo.get(u) === to && sending.has(u)) {
        needed.add(p.period);
        break;
      }
  }
  let subset: HistoryRow[];
  try {
    // Earlier periods serve only for the units' last reports: read in part.
    subset = indexed.rows([...needed], new Set([...needed].filter((p) => p !== period.id)));
  } catch {
    return null;
  }
  const recorded = recordPeriod(subset, plan, result, lastKeys);
  if ("refused" in recorded) return { refused: recorded.refused, problems: [] };
  const others = subset.reduce((n, r) => n + (historyPeriod(r) === period.id ? 0 : 1), 0);
  // The period sorts last: its rows close the list recordPeriod gives.
  const rows = recorded.rows.slice(others);
  const keptPeriods = replaces ? periods.length - 1 : periods.length;
  const keptRows = periods.slice(0, keptPeriods).reduce((n, p) => n + p.rows, 0);
  const { zip, ...tracking } = options;
  const spec = bookWorkbook(plan, {
    ...tracking,
    ...(read.tracking ? { entries: read.tracking } : {}),
    history: rows,
    kept: { rows: keptRows, tallies: periods.slice(0, keptPeriods).map((p) => p.tally) },
  });
  return {
    bytes: renderBook(spec, rows, zip, {
      indexed,
      periods: keptPeriods,
      // The last reports go on only when they were known: else the next recording reads the rows again.
      last: lastKeys ? { before: lastKeys, latest: keysOf(rows) } : null,
    }),
    rows: keptRows + rows.length,
    notes: recorded.notes,
    problems: [],
  };
}

/**
 * The review pack ("sơ kết" mid-term, "tổng kết" end of term): the periods that ended by `until`,
 * side by side — "Xu hướng" with its chart, then their "Lịch sử" rows, ready to filter or pivot.
 * Null with a reason when the book has no period ending by then.
 */
export function reviewWorkbook(
  plan: Plan,
  rows: readonly HistoryRow[],
  until: IsoDate,
  typography: Typography = DEFAULT_TYPOGRAPHY,
): { spec: WorkbookSpec; periods: string[] } | { refused: Text } {
  const kept = rows.filter((r) => {
    const p = reportPeriod(r.period);
    return p !== null && p.to <= until;
  });
  const periods = [...new Set(kept.map((r) => reportPeriod(r.period)!.id))];
  if (kept.length === 0)
    return {
      refused: {
        vi: `Sổ chưa ghi kỳ báo cáo nào kết thúc trước ngày ${dmy(until)}: chưa có gì để sơ kết. Hãy tổng hợp với --book trước.`,
        en: `The book records no report period ending by ${dmy(until)}: nothing to review yet. Consolidate with --book first.`,
      },
    };
  const title = `SƠ KẾT, TỔNG KẾT THỰC HIỆN CÁC NHIỆM VỤ ĐẾN NGÀY ${dmy(until)}: XU HƯỚNG QUA ${periods.length} KỲ BÁO CÁO`;
  return {
    periods,
    spec: {
      properties: {
        title: `Sơ kết, tổng kết thực hiện Phụ lục Kế hoạch triển khai Nghị quyết ${plan.document.resolution.number} đến ngày ${dmy(until)}`,
        subject: plan.document.title,
        creator: plan.document.reporting.via,
        keywords: `${plan.document.resolution.number}; sơ kết; tổng kết; xu hướng`,
      },
      customProperties: {},
      defaultFont: { name: typography.fontName, size: typography.tableSize },
      styles: { ...standardStyles(typography), ...historyStyles(typography) },
      sheets: [trendsSheet(plan, tallyPeriods(kept), typography, { title }), historySheet(kept, typography)],
      definedNames: [],
      activeSheet: 0,
    },
  };
}

/** Reads a book for recording: the plan, the office's "Theo dõi" entries and the history. */
export function loadBookForHistory(bytes: Uint8Array, options: { inflateRaw?: InflateRaw } = {}): BookRead {
  return loadBook(bytes, { ...options, tracking: true, history: true });
}

/**
 * Where the previous book is kept: "So-theo-doi.truoc-2026-H2.xlsx" beside "So-theo-doi.xlsx" — the
 * book as it was just before period 2026-H2 was (last) recorded into it.
 */
export function bookBackupName(bookName: string, period: ReportPeriod): string {
  const m = /^(.*?)(\.xlsx)?$/i.exec(bookName)!;
  return `${m[1]}.truoc-${period.id}${m[2] ?? ".xlsx"}`;
}
