/**
 * The consolidated workbook: what the office prints and files after the units' reports come back.
 * "Tổng hợp" (counts per task), "Theo nhiệm vụ" (each task once, its units beneath), "Theo đơn vị",
 * "Chưa nộp", "Kiểm tra" (every problem with its file and cell). Values only, no formulas: the
 * numbers are the consolidation's, and text a unit typed ("=HYPERLINK(…)") stays text. Every sheet
 * prints as a Party document (heading block, A4 landscape, page numbers, header row repeated) with
 * only the reader's columns in the print area and the body at ≥ 10 pt (≥ 11 pt on "Tổng hợp").
 */
import type { ConsolidationResult, Problem, Severity } from "../consolidate/types";
import { type Lang, type Text, tr } from "../i18n";
import type { Plan } from "../plan/types";
import { DEADLINE_CLASS_LABELS, REPORTED_STATUS_LABELS } from "../schedule";
import type { DeadlineClass } from "../schedule/types";
import { columnLetter } from "./a1";
import { dmy } from "../dates";
import { headingStyles, partyHeading } from "./heading";
import { deadlineHighlights, legendRow } from "./highlight";
import { identityNames, identityProperties, metaSheet } from "./identity";
import type { CellValue, ConditionalFormat, Sheet, Style, WorkbookSpec } from "./model";
import { officialPrint } from "./print";
import { SheetBuilder } from "./sheet-builder";
import {
  DEFAULT_TYPOGRAPHY,
  STATUS_COLORS,
  standardStyles,
  titleRowHeight,
  type Typography,
  wrappedRowHeight,
} from "./styles";

/** Status shown for a task the unit's form (made from an older book) did not ask about. */
export const NOT_ASKED = "Không có trong mẫu đã gửi (mẫu theo kế hoạch cũ)";

export const CONSOLIDATED_SHEETS = {
  summary: "Tổng hợp",
  byTask: "Theo nhiệm vụ",
  byUnit: "Theo đơn vị",
  missing: "Chưa nộp",
  problems: "Kiểm tra",
} as const;

export interface ConsolidatedOptions {
  typography?: Typography;
  /** Language of the problems' messages on "Kiểm tra": Vietnamese unless asked. */
  lang?: Lang;
}

const CLASSES: DeadlineClass[] = [
  "done-on-time",
  "done-late",
  "in-progress",
  "due-soon",
  "overdue",
  "ongoing",
  "not-reported",
];

export const SEVERITY_LABELS: Record<Severity, Text> = {
  error: { vi: "Lỗi", en: "Error" },
  warning: { vi: "Cảnh báo", en: "Warning" },
  info: { vi: "Thông tin", en: "Info" },
};

/** Excel's cell limit; a crafted file could hold more, and the JSON summary keeps it all. */
const CELL_TEXT_MAX = 32767;
const MAX_ROW_HEIGHT = 409;

function clip(value: CellValue): CellValue {
  return typeof value === "string" && value.length > CELL_TEXT_MAX ? `${value.slice(0, CELL_TEXT_MAX - 1)}…` : value;
}

function height(texts: (string | null)[], widths: number[], size: number, bold = false): number {
  return Math.min(MAX_ROW_HEIGHT, wrappedRowHeight(texts, widths, size, bold));
}

/**
 * A received file as the printed sheets name it: its own name, without the folders or archive it
 * came in ("bao-cao/BTCTU.xlsx" → "BTCTU.xlsx"); the JSON summary keeps the whole path.
 */
export function fileLabel(path: string): string {
  return (
    path
      .split(/[/\\]/)
      .filter((p) => p !== "")
      .pop() ?? path
  );
}

/** The first words of a task, up to `max` characters: the summary's one-line reminder of it. */
function shortText(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[,;:.]$/, "")}…`;
}

/** Task numbers as runs, "1–5, 8, 10–12": a unit owing forty tasks takes a line, not a paragraph. */
export function taskRanges(tasks: readonly number[]): string {
  const sorted = [...new Set(tasks)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    // Two in a row read better as "3, 4" than "3–4".
    if (j - i >= 2) runs.push(`${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) runs.push(String(sorted[k]));
    i = j + 1;
  }
  return runs.join(", ");
}

/** "██████░░": a rate drawn in characters, so it prints the same in colour and in grey. */
function textBar(part: number, whole: number, cells = 8): string {
  const n = whole === 0 ? 0 : Math.round((part / whole) * cells);
  return "█".repeat(n) + "░".repeat(cells - n);
}

function extraStyles(t: Typography): Record<string, Style> {
  const base = { name: t.fontName, size: t.tableSize };
  return {
    ...headingStyles(t),
    total: { font: { ...base, bold: true }, border: "thin", alignment: { horizontal: "center", vertical: "top" } },
    totalPercent: {
      font: { ...base, bold: true },
      border: "thin",
      numberFormat: "0%",
      alignment: { horizontal: "center", vertical: "top" },
    },
    totalLabel: {
      font: { ...base, bold: true },
      border: "thin",
      alignment: { horizontal: "left", vertical: "top", wrap: true },
    },
    percent: { font: base, border: "thin", numberFormat: "0%", alignment: { horizontal: "center", vertical: "top" } },
    bar: { font: { ...base, color: "404040" }, border: "thin", alignment: { horizontal: "left", vertical: "top" } },
    fact: { font: base, alignment: { vertical: "center", horizontal: "left" } },
    factDate: {
      font: { ...base, bold: true },
      numberFormat: "dd/mm/yyyy",
      alignment: { vertical: "center", horizontal: "left" },
    },
    cellText: {
      font: base,
      border: "thin",
      numberFormat: "@",
      alignment: { vertical: "top", wrap: true, horizontal: "left" },
    },
  };
}

/** Where a sheet's facts start on the report-date line, right of the date. */
const FACTS_COLUMN = 5;

/** "Thường xuyên / không có hạn" takes two lines of a two-column legend cell, three of a narrow one. */
function legendHeight(t: Typography, lines = 2): number {
  return Math.ceil(lines * t.tableSize * 1.32 + 6);
}

/**
 * The Party heading, title (merged), period and report date over the printed columns; returns the
 * row after the report-date line (the sheet's own facts may share that line from FACTS_COLUMN).
 */
function titleBlock(
  s: SheetBuilder,
  plan: Plan,
  title: string,
  result: ConsolidationResult,
  t: Typography,
  widths: number[],
): number {
  const width = widths.length;
  const total = widths.reduce((a, b) => a + b, 0);
  const top = partyHeading(s, plan, result.asOf, widths);
  s.merge(top, 1, top, width, title, "title").height(top, titleRowHeight(title, total, t.titleSize, t.tableSize));
  const p = result.period;
  s.merge(
    top + 1,
    1,
    top + 1,
    width,
    `Kỳ báo cáo: ${p.label.vi} (từ ngày ${dmy(p.from)} đến ngày ${dmy(p.to)})`,
    "subtitle",
  );
  s.merge(top + 2, 1, top + 2, 2, "Ngày báo cáo:", "label");
  // Two columns: one narrow column would show a bold date as "###".
  s.merge(top + 2, 3, top + 2, 4, { date: result.asOf }, "factDate");
  return top + 2;
}

/**
 * Where the builders put each task and unit (1-based rows), so the task pane selects what a user
 * clicks without guessing the layout: the row of each task on "Tổng hợp", of each task's heading on
 * "Theo nhiệm vụ", of each unit's heading on "Theo đơn vị", of each unit on "Chưa nộp", of each
 * problem on "Kiểm tra" (by index into result.problems; shown rows only). `columns` is each
 * sheet's width, for selecting whole rows.
 */
export interface ConsolidatedLayout {
  summaryTasks: Map<number, number>;
  taskHeadings: Map<number, number>;
  unitHeadings: Map<string, number>;
  missingUnits: Map<string, number>;
  problems: number[];
  columns: Record<string, number>;
}

export interface ConsolidatedBook {
  spec: WorkbookSpec;
  layout: ConsolidatedLayout;
}

export function consolidatedWorkbook(
  plan: Plan,
  result: ConsolidationResult,
  options: ConsolidatedOptions = {},
): WorkbookSpec {
  return consolidatedBook(plan, result, options).spec;
}

/** The consolidated workbook and where its rows are (see ConsolidatedLayout). */
export function consolidatedBook(
  plan: Plan,
  result: ConsolidationResult,
  options: ConsolidatedOptions = {},
): ConsolidatedBook {
  const t = options.typography ?? DEFAULT_TYPOGRAPHY;
  const lang = options.lang ?? "vi";
  const props = identityProperties({ kind: "consolidated", planId: plan.id, period: result.period.id });
  const summary = summarySheet(plan, result, t);
  const byTask = byTaskSheet(plan, result, t);
  const byUnit = byUnitSheet(plan, result, t);
  const missing = missingSheet(plan, result, t);
  const problems = problemsSheet(plan, result, t, lang);
  const keyed = <K>(list: List, keys: (K | null)[]) => {
    const rows = new Map<K, number>();
    keys.forEach((k, i) => {
      if (k !== null && !rows.has(k)) rows.set(k, list.rowOf(i));
    });
    return rows;
  };
  const layout: ConsolidatedLayout = {
    summaryTasks: new Map(result.byTask.map((x, i) => [x.task, summary.rowOf(i)] as const)),
    taskHeadings: keyed(byTask, byTask.keys as (number | null)[]),
    unitHeadings: keyed(byUnit, byUnit.keys as (string | null)[]),
    missingUnits: keyed(
      missing,
      result.missing.map((m) => m.code),
    ),
    problems: problems.problemRows,
    columns: Object.fromEntries(
      [summary, byTask, byUnit, missing, problems].map((x) => [x.sheet.name, x.sheet.columns.length] as const),
    ),
  };
  const spec: WorkbookSpec = {
    properties: {
      title: `Tổng hợp báo cáo ${result.period.label.vi} — Phụ lục Kế hoạch triển khai Nghị quyết ${plan.document.resolution.number}`,
      subject: `Tổng hợp kết quả thực hiện Phụ lục Kế hoạch triển khai Nghị quyết ${plan.document.resolution.number}`,
      creator: plan.document.reporting.via,
      keywords: `${plan.document.resolution.number}; tổng hợp; ${result.period.id}`,
    },
    customProperties: props,
    defaultFont: { name: t.fontName, size: t.tableSize },
    styles: { ...standardStyles(t), ...extraStyles(t) },
    sheets: [summary.sheet, byTask.sheet, byUnit.sheet, missing.sheet, problems.sheet, metaSheet(props)],
    definedNames: identityNames(props),
    activeSheet: 0,
  };
  return { spec, layout };
}

/** Share of a whole (0–1, shown as a percentage), 0 when nothing is owed. */
function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
}

/** Characters of a task's text the summary shows: two lines of its column. */
const SUMMARY_TASK_TEXT = 58;

function summarySheet(plan: Plan, result: ConsolidationResult, t: Typography) {
  const headers = [
    "TT",
    "Nội dung công việc (tóm tắt)",
    "Số đơn vị phải báo cáo",
    "Số đơn vị đã báo cáo",
    ...CLASSES.map((c) => DEADLINE_CLASS_LABELS[c].vi),
    "Tỷ lệ đã báo cáo",
    "Mức đã báo cáo",
  ];
  // 118 characters: fit to width prints the body at about 11.5 pt on A4 landscape.
  const widths = [4, 30, 8, 8, ...CLASSES.map(() => 7), 7, 12];
  const s = new SheetBuilder(
    CONSOLIDATED_SHEETS.summary,
    widths.map((width) => ({ width })),
  );
  const width = headers.length;
  let row = titleBlock(
    s,
    plan,
    `TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TẠI PHỤ LỤC KẾ HOẠCH TRIỂN KHAI NGHỊ QUYẾT SỐ ${plan.document.resolution.number}`,
    result,
    t,
    widths,
  );
  const tot = result.totals;
  s.merge(
    row,
    FACTS_COLUMN,
    row,
    width,
    `Đơn vị đã gửi: ${tot.returned}/${tot.units}; chưa gửi: ${tot.missing}; tệp nhận: ${tot.files} (được dùng ${tot.accepted}, bản cũ ${tot.superseded}, không tổng hợp ${tot.rejected}); vấn đề: ${tot.problems.error} lỗi, ${tot.problems.warning} cảnh báo, ${tot.problems.info} thông tin.`,
    "textWrap",
  );
  s.height(row, 36);
  row++;
  legendRow(s, row, 2);
  s.height(row, legendHeight(t));
  row += 2;
  const h = row;
  s.line(h, 1, headers, "header");
  s.height(h, height(headers, widths, t.tableSize));
  result.byTask.forEach((task, i) => {
    const r = h + 1 + i;
    const text = shortText(task.content, SUMMARY_TASK_TEXT);
    s.line(
      r,
      1,
      [
        task.task,
        text,
        task.owed,
        task.reported,
        ...CLASSES.map((c) => task.counts[c]),
        rate(task.reported, task.owed),
        textBar(task.reported, task.owed),
      ],
      ["cellCenter", "cell", ...Array(2 + CLASSES.length).fill("cellNumber"), "percent", "bar"],
    );
    s.height(r, height([String(task.task), text], widths, t.tableSize));
  });
  const last = h + result.byTask.length;
  const totalRow = last + 1;
  const sum = (f: (x: ConsolidationResult["byTask"][number]) => number) => result.byTask.reduce((a, x) => a + f(x), 0);
  // Per task the counts are units; summed over tasks they are unit-task pairs, and say so.
  const pairs = "Cộng (lượt đơn vị – nhiệm vụ)";
  s.merge(totalRow, 1, totalRow, 2, pairs, "totalLabel");
  s.line(
    totalRow,
    3,
    [
      sum((x) => x.owed),
      sum((x) => x.reported),
      ...CLASSES.map((c) => sum((x) => x.counts[c])),
      rate(
        sum((x) => x.reported),
        sum((x) => x.owed),
      ),
      textBar(
        sum((x) => x.reported),
        sum((x) => x.owed),
      ),
    ],
    [...Array(2 + CLASSES.length).fill("total"), "totalPercent", "bar"],
  );
  const note = totalRow + 2;
  s.merge(
    note,
    1,
    note,
    width,
    `Ghi chú: mỗi dòng đếm số đơn vị phải báo cáo nhiệm vụ đó, theo bản báo cáo mới nhất của mỗi đơn vị; dòng "${pairs}" cộng các dòng, một đơn vị được đếm một lần cho mỗi nhiệm vụ của đơn vị. Số đơn vị phải báo cáo: ${tot.units}, đã gửi: ${tot.returned}. Phân loại theo hạn tính đến ngày ${dmy(result.asOf)}; toàn văn nhiệm vụ ở trang "${CONSOLIDATED_SHEETS.byTask}", đơn vị chưa gửi ở trang "${CONSOLIDATED_SHEETS.missing}", lỗi trong tệp ở trang "${CONSOLIDATED_SHEETS.problems}".`,
    "textWrap",
  );
  s.height(note, 52);
  const sheet = s
    .with({
      print: officialPrint({ headerRows: { first: h, last: h }, area: `A1:${columnLetter(width)}${note}` }),
      freeze: { rows: h, columns: 0 },
      showGridLines: false,
    })
    .build();
  return { sheet, rowOf: (i: number) => h + 1 + i, keys: [] };
}

const STATUS_TEXT = (s: keyof typeof REPORTED_STATUS_LABELS | null) => (s ? REPORTED_STATUS_LABELS[s].vi : null);

interface DataColumn {
  header: string;
  width: number;
  style: string;
  /** False: a technical column (codes, contact, file), kept on screen right of the print area. */
  print?: boolean;
}

/** Columns written as [header, width, style, false when technical (not printed)]. */
function dataColumns(list: readonly (readonly [string, number, string, false?])[]): DataColumn[] {
  return list.map(([header, width, style, print]) => ({ header, width, style, ...(print === false ? { print } : {}) }));
}

/**
 * One row of a list sheet: its values, or a group heading (a task, a unit) over the rows below it;
 * `key` names what the heading heads, for ConsolidatedLayout.
 */
type ListRow = CellValue[] | { group: string; key: string | number };

/** A built sheet and the row of its i-th list row (and of the headings' keys, in list order). */
interface List {
  sheet: Sheet;
  rowOf: (i: number) => number;
  /** Per list row: the heading's key, null for a plain row. */
  keys: (string | number | null)[];
}

/**
 * The shape every list sheet shares: Party heading, title, period, report date (plus the sheet's
 * own facts), a header repeated on each printed page, one row per item (or grouped under headings),
 * print setup over the reader's columns only. A flat list is also an Excel table.
 */
function dataSheet(
  plan: Plan,
  result: ConsolidationResult,
  t: Typography,
  o: {
    name: string;
    title: string;
    columns: DataColumn[];
    rows: ListRow[];
    /** Writes facts on the report-date row (from FACTS_COLUMN) and below; returns the next free row. */
    facts?: (s: SheetBuilder, row: number, width: number) => number;
    legend?: boolean;
    tableName: string;
    emptyText: string;
    formats?: (body: string, firstRow: number) => ConditionalFormat[];
    footer?: string | null;
    /** Rows printed (the rest stay on screen below the print area); all when absent. */
    printRows?: number;
  },
): List {
  const widths = o.columns.map((c) => c.width);
  const width = o.columns.length;
  const printed = o.columns.filter((c) => c.print !== false).length;
  const printedWidths = widths.slice(0, printed);
  const s = new SheetBuilder(
    o.name,
    widths.map((w) => ({ width: w })),
  );
  let row = titleBlock(s, plan, o.title, result, t, printedWidths);
  row = o.facts ? o.facts(s, row, printed) : row + 1;
  if (o.legend) {
    // One cell per class over the last printed columns (the widest), so the legend prints whole.
    legendRow(s, row, 2, { span: 1, firstItem: printed - 4 });
    s.height(row++, legendHeight(t, 3));
  }
  const h = row + 1;
  const headers = o.columns.map((c) => c.header);
  s.line(h, 1, headers, "header");
  s.height(h, height(headers, widths, t.tableSize));
  const styles = o.columns.map((c) => c.style);
  const grouped = o.rows.some((r) => !Array.isArray(r));
  o.rows.forEach((raw, i) => {
    const r = h + 1 + i;
    if (!Array.isArray(raw)) {
      // Over the printed columns but the first (left blank, which tells a heading from a row), with
      // each column's own body style: the body keeps one style block per column (a few write
      // requests in Excel however many groups); the heading's bold and fill come from groupLook.
      const text = clip(raw.group) as string;
      s.line(r, 1, Array<CellValue>(width).fill(null), styles);
      s.merge(r, 2, r, printed, text, styles[1]);
      styles.slice(2, printed).forEach((style, k) => s.set(r, 3 + k, null, style));
      s.height(r, height([text], [printedWidths.slice(1).reduce((a, b) => a + b, 0)], t.tableSize, true));
      return;
    }
    const values = raw.map(clip);
    s.line(
      h + 1 + i,
      1,
      values,
      // A date among text (a value a unit typed) keeps its date format: 20/06/2026, not 46192.
      values.map((v, k) => (v !== null && typeof v === "object" && "date" in v ? "cellDate" : styles[k]!)),
    );
    s.height(
      r,
      height(
        values.map((v) => (typeof v === "string" ? v : null)),
        widths,
        t.tableSize,
      ),
    );
  });
  let last = h + o.rows.length;
  if (o.rows.length === 0) {
    last = h + 1;
    s.merge(last, 1, last, printed, o.emptyText, "cell");
  } else {
    const body = `A${h + 1}:${columnLetter(width)}${last}`;
    // A table cannot hold the merged group headings.
    if (!grouped)
      s.table({
        name: o.tableName,
        range: `A${h}:${columnLetter(width)}${last}`,
        style: "TableStyleLight1",
        showRowStripes: false,
      });
    if (grouped) s.format(groupLook(body, h + 1));
    for (const cf of o.formats?.(body, h + 1) ?? []) s.format(cf);
  }
  if (o.footer) {
    last++;
    s.merge(last, 1, last, printed, o.footer, "label");
  }
  const printLast = o.printRows !== undefined && o.printRows < o.rows.length ? h + o.printRows : last;
  const sheet = s
    .with({
      print: officialPrint({ headerRows: { first: h, last: h }, area: `A1:${columnLetter(printed)}${printLast}` }),
      freeze: { rows: h, columns: 0 },
      showGridLines: false,
    })
    .build();
  return { sheet, rowOf: (i) => h + 1 + i, keys: o.rows.map((r) => (Array.isArray(r) ? null : r.key)) };
}

/** A group heading (first column blank, second not): bold on grey, so it reads without colour too. */
function groupLook(body: string, firstRow: number): ConditionalFormat {
  return {
    kind: "expression",
    range: body,
    formula: `AND($A${firstRow}="",$B${firstRow}<>"")`,
    style: { fill: "F2F2F2", font: { bold: true } },
    stopIfTrue: true,
  };
}

/** A rule that colours a row whose `column` cell reads `text` (bold too, for black-and-white print). */
function rowColour(
  body: string,
  firstRow: number,
  column: string,
  text: string,
  colour: { fill: string; font: string },
): ConditionalFormat {
  return {
    kind: "expression",
    range: body,
    formula: `$${column}${firstRow}="${text}"`,
    style: { fill: colour.fill, font: { color: colour.font, bold: true } },
    stopIfTrue: true,
  };
}

/**
 * Printed columns add up to 131 characters: the body prints at 10 pt. The result, the long text,
 * gets the room (a unit's name takes two lines of its narrower column, the result fewer).
 */
function byTaskSheet(plan: Plan, result: ConsolidationResult, t: Typography): List {
  const columns: DataColumn[] = [
    { header: "TT", width: 4, style: "cellCenter" },
    { header: "Đơn vị", width: 15, style: "cell" },
    { header: "Tình trạng", width: 10, style: "cellCenter" },
    { header: "Ngày hoàn thành", width: 10, style: "cellDate" },
    { header: "Tiến độ (%)", width: 5, style: "cellNumber" },
    { header: "Kết quả thực hiện", width: 40, style: "cellText" },
    { header: "Văn bản đã ban hành", width: 12, style: "cellText" },
    { header: "Khó khăn, vướng mắc", width: 12, style: "cellText" },
    { header: "Đề xuất, kiến nghị", width: 12, style: "cellText" },
    { header: "Phân loại", width: 11, style: "cellCenter" },
    { header: "Mã đơn vị", width: 9, style: "cellText", print: false },
    { header: "Người lập biểu", width: 14, style: "cellText", print: false },
    { header: "Điện thoại", width: 12, style: "cellText", print: false },
    { header: "Ngày lập báo cáo", width: 12, style: "cellDate", print: false },
    { header: "Tệp", width: 22, style: "cellText", print: false },
  ];
  const content = new Map(plan.tasks.map((x) => [x.number, x.content] as const));
  const rows: ListRow[] = [];
  let task: number | null = null;
  let n = 0;
  for (const r of result.rows) {
    if (r.task !== task) {
      task = r.task;
      n = 0;
      rows.push({ group: `Nhiệm vụ ${r.task}. ${content.get(r.task) ?? ""}`.trim(), key: r.task });
    }
    rows.push([
      ++n,
      r.unitName,
      // The unit's form came from an older book without this task: not a missing answer.
      r.notAsked ? NOT_ASKED : STATUS_TEXT(r.status),
      r.completedOn ? { date: r.completedOn } : null,
      r.progress,
      r.result,
      r.documents,
      r.difficulties,
      r.proposals,
      DEADLINE_CLASS_LABELS[r.deadlineClass].vi,
      r.unitCode,
      r.preparer,
      r.phone,
      r.preparedOn ? { date: r.preparedOn } : null,
      r.file ? fileLabel(r.file) : null,
    ]);
  }
  return dataSheet(plan, result, t, {
    name: CONSOLIDATED_SHEETS.byTask,
    title: "TỔNG HỢP CHI TIẾT THEO NHIỆM VỤ",
    columns,
    legend: true,
    rows,
    tableName: "TongHopTheoNhiemVu",
    emptyText: "Chưa có nhiệm vụ nào phải báo cáo.",
    formats: (body, first) => deadlineHighlights(body, `$${columnLetter(10)}${first}`),
  });
}

/** Characters of a task's text under a unit on "Theo đơn vị": two lines of its column. */
const UNIT_TASK_TEXT = 52;

/**
 * Each unit once, as a bold heading that says how it reported, its tasks beneath (the appendix's
 * TT, the task in short, what the unit reported, the class by deadline). A unit that sent nothing
 * gets its heading only: its tasks are on "Chưa nộp", not repeated here row by row.
 * Printed columns add up to 131 characters (10 pt); the result, widest, takes fewest lines.
 */
function byUnitSheet(plan: Plan, result: ConsolidationResult, t: Typography): List {
  const columns = dataColumns([
    ["TT", 4, "cellCenter"],
    ["Nhiệm vụ (tóm tắt)", 28, "cell"],
    ["Tình trạng", 11, "cellCenter"],
    ["Tiến độ (%)", 7, "cellNumber"],
    ["Ngày hoàn thành", 11, "cellDate"],
    ["Kết quả thực hiện", 58, "cellText"],
    ["Phân loại", 12, "cellCenter"],
    // Technical: on screen only.
    ["Mã đơn vị", 9, "cellText", false],
    ["Tệp", 22, "cellText", false],
  ]);
  const content = new Map(plan.tasks.map((x) => [x.number, shortText(x.content, UNIT_TASK_TEXT)] as const));
  const tasksOf = new Map<string, ConsolidationResult["rows"]>();
  for (const r of result.rows) {
    const list = tasksOf.get(r.unitCode) ?? [];
    list.push(r);
    tasksOf.set(r.unitCode, list);
  }
  const rows: ListRow[] = [];
  for (const u of result.byUnit) {
    if (!u.returned) {
      rows.push({
        group: `${u.name} (${u.code}): chưa nộp báo cáo, ${u.owed} nhiệm vụ phải báo cáo (xem trang "${CONSOLIDATED_SHEETS.missing}").`,
        key: u.code,
      });
      continue;
    }
    const p = u.problems;
    const issues = p.error + p.warning > 0 ? `; tệp có ${p.error} lỗi, ${p.warning} cảnh báo` : "";
    rows.push({ group: `${u.name} (${u.code}): đã báo cáo ${u.reported}/${u.owed} nhiệm vụ${issues}.`, key: u.code });
    for (const r of [...(tasksOf.get(u.code) ?? [])].sort((x, y) => x.task - y.task))
      rows.push([
        r.task,
        content.get(r.task) ?? null,
        r.notAsked ? NOT_ASKED : STATUS_TEXT(r.status),
        r.progress,
        r.completedOn ? { date: r.completedOn } : null,
        r.result,
        DEADLINE_CLASS_LABELS[r.deadlineClass].vi,
        r.unitCode,
        r.file ? fileLabel(r.file) : null,
      ]);
  }
  return dataSheet(plan, result, t, {
    name: CONSOLIDATED_SHEETS.byUnit,
    title: "TỔNG HỢP CHI TIẾT THEO ĐƠN VỊ",
    columns,
    legend: true,
    rows,
    tableName: "TongHopTheoDonVi",
    emptyText: "Chưa có đơn vị nào phải báo cáo.",
    formats: (body, first) => deadlineHighlights(body, `$${columnLetter(7)}${first}`),
  });
}

function missingSheet(plan: Plan, result: ConsolidationResult, t: Typography): List {
  const level = new Map(plan.units.map((u) => [u.code, u.level === "provincial" ? "Cấp tỉnh" : "Cấp xã"] as const));
  return dataSheet(plan, result, t, {
    name: CONSOLIDATED_SHEETS.missing,
    title: "DANH SÁCH ĐƠN VỊ CHƯA NỘP BÁO CÁO",
    columns: [
      { header: "TT", width: 5, style: "cellCenter" },
      { header: "Mã đơn vị", width: 10, style: "cellText" },
      { header: "Đơn vị", width: 30, style: "cell" },
      { header: "Cấp", width: 10, style: "cellCenter" },
      { header: "Nhiệm vụ phải báo cáo (TT)", width: 22, style: "cellText" },
      { header: "Tệp đã gửi nhưng không tổng hợp được", width: 40, style: "cellText" },
    ],
    facts: (s, row, width) => {
      s.merge(
        row,
        FACTS_COLUMN,
        row,
        width,
        `Chưa nộp: ${result.missing.length}/${result.totals.units} đơn vị.`,
        "label",
      );
      return row + 1;
    },
    rows: result.missing.map((m, i) => [
      i + 1,
      m.code,
      m.name,
      level.get(m.code) ?? "",
      taskRanges(m.tasks),
      // With why each did not count: "gửi mẫu trống", "đã gửi tệp nhưng không đọc được".
      m.rejectedFiles
        .map((f, k) => (m.rejectedWhy?.[k] ? `${fileLabel(f)} (${m.rejectedWhy[k]!.vi})` : fileLabel(f)))
        .join("; ") || null,
    ]),
    tableName: "DonViChuaNop",
    emptyText: "Tất cả đơn vị đã nộp báo cáo.",
  });
}

/** Rows Excel can hold below the header: a (crafted) file with more problems is cut, and says so. */
const MAX_PROBLEM_ROWS = 1_000_000;

/** Characters of an older copy's differing values shown in its one row (all of them stay in the file and the JSON). */
const SUPERSEDED_LIST_MAX = 600;
const SUPERSEDED_VALUE_MAX = 80;

/**
 * The problems as rows. An older copy's differing values ("superseded-value", one problem per cell)
 * share one row listing cell and value. The copies not used (older or duplicate) come last, after
 * `printed` rows: on screen, never printed — twenty resends of every unit would otherwise print a
 * thousand pages that change nothing in the result. `lineOf[i]` is the row index of problem i.
 */
export function problemLines(
  problems: readonly Problem[],
  notUsed: ReadonlySet<string> = new Set(),
): { lines: Problem[][]; lineOf: number[]; printed: number } {
  const used: Problem[][] = [];
  const old: Problem[][] = [];
  const placed: [Problem[][], number][] = [];
  for (const p of problems) {
    const lines = notUsed.has(p.file) ? old : used;
    const last = lines[lines.length - 1];
    const head = last?.[0];
    if (
      last &&
      head &&
      p.code === "superseded-value" &&
      head.code === p.code &&
      head.file === p.file &&
      head.sheet === p.sheet
    )
      last.push(p);
    else lines.push([p]);
    placed.push([lines, lines.length - 1]);
  }
  return {
    lines: [...used, ...old],
    lineOf: placed.map(([lines, i]) => (lines === used ? i : used.length + i)),
    printed: used.length,
  };
}

/** Files whose copy was not used: an older copy, or the same content again. */
export function notUsedFiles(result: ConsolidationResult): Set<string> {
  return new Set(result.files.filter((f) => f.outcome === "superseded").map((f) => f.name));
}

/** "E7: Đang thực hiện; H12: Xong (=T("Xong")); …" — bounded, the rest named by count. */
function valueList(values: readonly Problem[], lang: Lang): string {
  const parts: string[] = [];
  let used = 0;
  for (const v of values) {
    const raw = v.date ? dmy(v.date) : v.value === null ? "" : String(v.value);
    const shown = raw.length > SUPERSEDED_VALUE_MAX ? `${raw.slice(0, SUPERSEDED_VALUE_MAX - 1)}…` : raw;
    const part = `${v.cell}: ${shown}${v.formula !== undefined ? ` (=${v.formula})` : ""}`;
    if (parts.length > 0 && used + part.length > SUPERSEDED_LIST_MAX) {
      const rest = values.length - parts.length;
      parts.push(lang === "en" ? `… ${rest} more (see the file)` : `… còn ${rest} ô (xem trong tệp)`);
      break;
    }
    parts.push(part);
    used += part.length + 2;
  }
  return parts.join("; ");
}

/**
 * Messages in one language, `lang` (Vietnamese unless asked); the JSON summary keeps both.
 * `problemRows[i]`: the row showing problem i.
 */
function problemsSheet(
  plan: Plan,
  result: ConsolidationResult,
  t: Typography,
  lang: Lang,
): List & { problemRows: number[] } {
  const kept = result.problems.slice(0, MAX_PROBLEM_ROWS);
  const { lines: shown, lineOf, printed } = problemLines(kept, notUsedFiles(result));
  const onScreen = shown.length - printed;
  // Printed: 132 characters, the body at about 10 pt.
  const columns = dataColumns([
    ["TT", 5, "cellCenter"],
    ["Tệp", 22, "cellText"],
    ["Trang tính", 10, "cellText"],
    ["Ô", 6, "cellCenter"],
    ["Mức độ", 9, "cellCenter"],
    ["Nội dung", 44, "cell"],
    ["Giá trị trong tệp", 22, "cellText"],
    ["Giá trị đúng", 14, "cellText"],
    // Technical: on screen only.
    ["Công thức", 14, "cellText", false],
    ["Mã", 14, "cellText", false],
  ]);
  // The facts line spans the printed columns from FACTS_COLUMN on.
  const factsWidth = columns
    .slice(FACTS_COLUMN - 1)
    .filter((c) => c.print !== false)
    .reduce((n, c) => n + c.width, 0);
  const p = result.totals.problems;
  const tot = result.totals;
  const severity = (x: Severity) => tr(SEVERITY_LABELS[x], lang);
  const list = dataSheet(plan, result, t, {
    name: CONSOLIDATED_SHEETS.problems,
    title: "KIỂM TRA CÁC TỆP BÁO CÁO",
    columns,
    facts: (s, row, width) => {
      const text =
        `${p.error} lỗi, ${p.warning} cảnh báo, ${p.info} thông tin trong ${tot.files} tệp (được dùng ${tot.accepted}, bản cũ ${tot.superseded}, không tổng hợp ${tot.rejected}); tệp từng đơn vị ở trang "${CONSOLIDATED_SHEETS.byUnit}".` +
        (onScreen > 0
          ? ` Các bản cũ và bản trùng (không dùng): ${onScreen} dòng cuối trang, xem trên màn hình, không in.`
          : "");
      s.merge(row, FACTS_COLUMN, row, width, text, "textWrap");
      s.height(row, Math.max(36, height([text], [factsWidth], t.tableSize)));
      return row + 1;
    },
    printRows: printed,
    rows: shown.map((line, i) => {
      const x = line[0]!;
      const many = line.length > 1;
      return [
        i + 1,
        fileLabel(x.file),
        x.sheet || null,
        many ? (lang === "en" ? `${line.length} cells` : `${line.length} ô`) : x.cell || null,
        severity(x.severity),
        many ? `${tr(x.text, lang)}\n${valueList(line, lang)}` : tr(x.text, lang),
        many ? null : x.date ? { date: x.date } : x.value,
        many ? null : (x.expected ?? null),
        many || x.formula === undefined ? null : `=${x.formula}`,
        x.code,
      ];
    }),
    tableName: "KiemTra",
    emptyText: "Không có vấn đề nào.",
    formats: (body, first) => [
      rowColour(body, first, "E", severity("error"), STATUS_COLORS.overdue),
      rowColour(body, first, "E", severity("warning"), STATUS_COLORS.dueSoon),
    ],
    footer:
      result.problems.length > kept.length
        ? `Còn ${result.problems.length - kept.length} vấn đề nữa: xem tệp tóm tắt JSON.`
        : null,
  });
  return { ...list, problemRows: lineOf.map((i) => list.rowOf(i)) };
}
