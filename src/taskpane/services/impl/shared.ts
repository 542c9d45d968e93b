/**
 * Heavy side of the services (loaded on demand): the plan, workbook descriptions, the consolidated
 * sheets written into Excel with their chart, click targets, downloads.
 */
import type { ConsolidationResult } from "../../../consolidate/types";
import { consolidationOutputs } from "../../../jobs/consolidate";
import { renderToExcel } from "../../../excel";
import { builtinPlan, type IsoDate, type Plan } from "../../../plan";
import { DEADLINE_CLASS_LABELS } from "../../../schedule/labels";
import type { DeadlineClass } from "../../../schedule/types";
import { columnLetter } from "../../../workbook/a1";
import { CONSOLIDATED_SHEETS, type ConsolidatedBook } from "../../../workbook/consolidated";
import type { Sheet, WorkbookSpec } from "../../../workbook/model";
import { DEFAULT_TYPOGRAPHY, type Typography } from "../../../workbook/styles";
import { trackingWorkbook, type TrackingEntry } from "../../../workbook/tracking";
import { renderXlsx } from "../../../xlsx/write";
import type { ConsolidationLocations, Download, ExcelTarget, ExcelWriteReport, SheetLocation } from "../types";
import { JSON_MIME, XLSX_MIME } from "../types";

let cachedPlan: Plan | undefined;
/** The plan read from the office's book (a picked file or the open workbook), in memory only. */
let bookPlan: Plan | null = null;

/** The plan every action uses: the book's once one was read without errors, else the built-in one. */
export function thePlan(): Plan {
  if (bookPlan) return bookPlan;
  cachedPlan ??= builtinPlan();
  return cachedPlan;
}

/** True when the plan in use was read from the open workbook's own book sheets. */
let fromOpenWorkbook = false;

/** What the office typed on "Theo dõi" of a picked book file, kept when the book is rebuilt. */
let bookEntries: ReadonlyMap<string, TrackingEntry> | undefined;

/** The picked book file itself (browser page): a period is recorded into it and it is downloaded again. */
let bookFile: { name: string; bytes: Uint8Array } | null = null;

/** Use this book's plan from now on (null: back to the built-in plan). */
export function setPlan(plan: Plan | null, openWorkbook = false, entries?: ReadonlyMap<string, TrackingEntry>): void {
  bookPlan = plan;
  fromOpenWorkbook = plan !== null && openWorkbook;
  bookEntries = plan !== null ? entries : undefined;
  bookFile = null;
}

/** Keeps the picked book's bytes (after setPlan): the book a period is recorded into. */
export function setBookFile(file: { name: string; bytes: Uint8Array } | null): void {
  bookFile = bookPlan && !fromOpenWorkbook ? file : null;
}

export function pickedBookFile(): { name: string; bytes: Uint8Array } | null {
  return bookFile;
}

/** The picked book's "Theo dõi" entries (the open workbook's are read afresh when rebuilding). */
export function bookTrackingEntries(): ReadonlyMap<string, TrackingEntry> | undefined {
  return bookEntries;
}

export function planIsFromOpenWorkbook(): boolean {
  return fromOpenWorkbook;
}

export function typography(titleSize?: number, tableSize?: number): Typography {
  const ok = (n: number | undefined, fallback: number) =>
    n !== undefined && Number.isFinite(n) && n >= 6 && n <= 72 ? Math.round(n) : fallback;
  return {
    fontName: DEFAULT_TYPOGRAPHY.fontName,
    titleSize: ok(titleSize, DEFAULT_TYPOGRAPHY.titleSize),
    tableSize: ok(tableSize, DEFAULT_TYPOGRAPHY.tableSize),
  };
}

/** The tracking workbook for the report date the official chose (see TrackingOptions.today). */
export function trackingSpec(
  plan: Plan,
  options: {
    asOf: IsoDate;
    today: IsoDate;
    soonDays: number;
    typography?: Typography;
    entries?: ReadonlyMap<string, TrackingEntry> | undefined;
  },
): WorkbookSpec {
  return trackingWorkbook(plan, {
    asOf: options.asOf,
    today: options.today,
    soonDays: options.soonDays,
    ...(options.typography ? { typography: options.typography } : {}),
    ...(options.entries ? { entries: options.entries } : {}),
  });
}

export function xlsxDownload(spec: WorkbookSpec, name: string): Download {
  return { name, bytes: renderXlsx(spec), mime: XLSX_MIME };
}

/** The consolidated workbook and JSON summary, named and rendered as every shell does (src/jobs). */
export function consolidationDownloads(plan: Plan, result: ConsolidationResult): Download[] {
  const out = consolidationOutputs(plan, result);
  return [
    { ...out.workbook, mime: XLSX_MIME },
    { ...out.summary, mime: JSON_MIME },
  ];
}

// ---------------------------------------------------------------------------------------------
// Where things are in the consolidated sheets

function headerRow(sheet: Sheet | undefined): number | null {
  return sheet?.print?.repeatRows?.first ?? null;
}

function width(sheet: Sheet, row: number): number {
  return Math.max(1, sheet.rows[row - 1]?.cells.length ?? 1);
}

/**
 * Where a click on a task, unit or problem goes: the rows the sheet builders report (see
 * ConsolidatedLayout), whole rows across the sheet; the sheet's first cell if a row is unknown.
 * A task goes to its row on "Tổng hợp"; a unit to its heading on "Theo đơn vị", or, when it sent
 * nothing, to its row on "Chưa nộp".
 */
export function locateConsolidated(book: ConsolidatedBook, result: ConsolidationResult): ConsolidationLocations {
  const { layout } = book;
  const at = (sheet: string, row: number | undefined): SheetLocation =>
    row === undefined
      ? { sheet, address: "A1" }
      : { sheet, address: `A${row}:${columnLetter(layout.columns[sheet] ?? 1)}${row}` };
  const tasks: Record<number, SheetLocation> = {};
  for (const t of result.byTask) tasks[t.task] = at(CONSOLIDATED_SHEETS.summary, layout.summaryTasks.get(t.task));
  const units: Record<string, SheetLocation> = {};
  for (const u of result.byUnit) units[u.code] = at(CONSOLIDATED_SHEETS.byUnit, layout.unitHeadings.get(u.code));
  for (const m of result.missing) units[m.code] = at(CONSOLIDATED_SHEETS.missing, layout.missingUnits.get(m.code));
  const problems = result.problems.map((_, i) => at(CONSOLIDATED_SHEETS.problems, layout.problems[i]));
  return { tasks, units, problems };
}

// ---------------------------------------------------------------------------------------------
// Writing into Excel

/** Bar colours per class: strong tones of the highlight colours, legible in grey print too. */
const CLASS_BAR_COLORS: Record<DeadlineClass, string> = {
  "done-on-time": "#63BE7B",
  "done-late": "#A9D08E",
  "in-progress": "#5B9BD5",
  "due-soon": "#FFC000",
  overdue: "#F8696B",
  ongoing: "#9BC2E6",
  "not-reported": "#A6A6A6",
};

export const STATUS_CHART_TITLE = "Tình trạng thực hiện theo nhiệm vụ (số đơn vị)";

/**
 * Queues a stacked bar chart of the per-task class counts on "Tổng hợp", under the table. The
 * class columns are found by their header text, so the chart follows the sheet's layout. Queues
 * a fixed number of commands (one per class series): no sync here. Every member is within
 * ExcelApi 1.9 (category names and plot order are 1.7), the manifest's minimum.
 */
export function queueStatusChart(workbook: Excel.Workbook, spec: WorkbookSpec, result: ConsolidationResult): boolean {
  const s = spec.sheets.find((x) => x.name === CONSOLIDATED_SHEETS.summary);
  const h = headerRow(s);
  const n = result.byTask.length;
  if (!s || h === null || n === 0) return false;
  const byLabel = new Map(
    (Object.keys(DEADLINE_CLASS_LABELS) as DeadlineClass[]).map((c) => [DEADLINE_CLASS_LABELS[c].vi, c] as const),
  );
  const classes: { column: number; cls: DeadlineClass }[] = [];
  (s.rows[h - 1]?.cells ?? []).forEach((cell, i) => {
    const cls = typeof cell?.value === "string" ? byLabel.get(cell.value) : undefined;
    if (cls) classes.push({ column: i + 1, cls });
  });
  const first = classes[0];
  const last = classes[classes.length - 1];
  if (!first || !last || last.column - first.column + 1 !== classes.length) return false;

  const sheet = workbook.worksheets.getItem(s.name);
  const data = sheet.getRange(`${columnLetter(first.column)}${h}:${columnLetter(last.column)}${h + n}`);
  const chart = sheet.charts.add("BarStacked", data, "Columns");
  chart.title.text = STATUS_CHART_TITLE;
  chart.legend.position = "Bottom";
  chart.axes.categoryAxis.setCategoryNames(sheet.getRange(`A${h + 1}:A${h + n}`));
  // Bars run top-down in task order, as in the table.
  chart.axes.categoryAxis.reversePlotOrder = true;
  classes.forEach((c, i) => chart.series.getItemAt(i).format.fill.setSolidColor(CLASS_BAR_COLORS[c.cls]));
  const top = s.rows.length + 2;
  chart.setPosition(`A${top}`, `${columnLetter(width(s, h))}${top + Math.max(14, Math.ceil(n * 1.2) + 6)}`);
  return true;
}

/**
 * Writes the consolidated sheets (replacing earlier ones) and the chart: the render's round
 * trips plus one for the chart, whatever the number of forms.
 */
export async function writeConsolidated(
  context: Excel.RequestContext,
  excel: ExcelTarget,
  spec: WorkbookSpec,
  result: ConsolidationResult,
  onProgress?: (done: number, total: number) => void,
): Promise<ExcelWriteReport> {
  const report = await renderToExcel(context, spec, {
    ownedSheets: spec.sheets.map((s) => s.name),
    // The open workbook stays what it is (often the office's book): not stamped "consolidated".
    documentProperties: false,
    ...(onProgress ? { onProgress } : {}),
  });
  let syncs = report.syncs;
  const warnings = [...report.warnings];
  if (queueStatusChart(context.workbook, spec, result)) {
    try {
      await context.sync();
      syncs++;
    } catch (e) {
      warnings.push({
        vi: `Không vẽ được biểu đồ tình trạng (${e instanceof Error ? e.message : String(e)}); các trang tổng hợp vẫn đầy đủ.`,
        en: `Could not draw the status chart (${e instanceof Error ? e.message : String(e)}); the consolidated sheets are complete.`,
      });
    }
  }
  return { sheets: visibleSheets(spec, report.sheets), syncs, warnings };
}

/** The written sheets a user can see: the hidden identity sheet is not news to anyone. */
export function visibleSheets(spec: WorkbookSpec, names: string[]): string[] {
  const hidden = new Set(spec.sheets.filter((s) => s.visibility !== "visible").map((s) => s.name));
  return names.filter((n) => !hidden.has(n));
}
