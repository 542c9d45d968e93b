import type { IsoDate, Plan, Task } from "../plan/types";
import {
  applicableDue,
  DEADLINE_CLASS_LABELS,
  deadlines,
  nextDue,
  OVERDUE_UNREPORTED_LABEL,
  overdueUnreported,
  REPEAT_LABELS,
  REPORTED_STATUS_LABELS,
  type Schedule,
  taskSchedule,
} from "../schedule";
import { columnLetter, rangeAddress } from "./a1";
import { isoToSerial } from "../dates";
import { appendixSheet, groupHeadings } from "./appendix";
import { assignmentsSheet, infoSheet, unitsSheet } from "./book";
import { BOOK_FORMAT_PROPERTY, BOOK_FORMAT_VERSION } from "./book-layout";
import { applicableDueFormula, classFormula, nextDueFormula, periodStartFormula } from "./formulas";
import { deadlineHighlights, legendRow } from "./highlight";
import { identityProperties } from "./identity";
import type { CellValue, Column, Sheet, Validation, WorkbookSpec } from "./model";
import { officialPrint } from "./print";
import { SheetBuilder } from "./sheet-builder";
import { DEFAULT_TYPOGRAPHY, standardStyles, titleRowHeight, type Typography, wrappedRowHeight } from "./styles";

export const TRACKING_SHEET = "Theo dõi";
export const TRACKING_TABLE = "TheoDoiNhiemVu";

export interface TrackingOptions {
  /** The report date the highlighting is computed for. */
  asOf: IsoDate;
  /**
   * Today's date. When the report date is today (or this is not given) the report-date cell holds
   * =TODAY(), so the workbook stays current; any other date is written as that date.
   */
  today?: IsoDate;
  soonDays?: number;
  typography?: Typography;
  /** What the office typed on "Theo dõi" in the book being rebuilt, by task id: kept, never retyped. */
  entries?: ReadonlyMap<string, TrackingEntry>;
}

/** The office's own cells of one tracking row. */
export interface TrackingEntry {
  status?: string;
  completedOn?: IsoDate;
  notes?: string;
}

/**
 * Column keys of the tracking sheet, in order; the one place their positions are decided. The
 * reader's columns come first and are the print area (`print: true`); the schedule columns the
 * formulas work from follow on screen and never print. Widths keep the printed columns within
 * ~132 characters, so fit-to-width prints the body at ≥ 10 pt on A4 landscape (a wider table
 * shrinks: 227 characters printed at about 6–7 pt). Old books are read by header text, not position.
 */
export const TRACKING_COLUMNS = [
  { key: "number", header: "TT", width: 4, print: true },
  { key: "content", header: "Nội dung công việc", width: 32, print: true },
  { key: "timing", header: "Thời gian thực hiện", width: 14, print: true },
  { key: "lead", header: "Cơ quan chủ trì tham mưu thực hiện", width: 18, print: true },
  { key: "applicable", header: "Hạn áp dụng kỳ này", width: 11, print: true },
  { key: "status", header: "Tình trạng", width: 13, print: true },
  { key: "completedOn", header: "Ngày hoàn thành", width: 11, print: true },
  { key: "class", header: "Phân loại", width: 16, print: true },
  { key: "notes", header: "Ghi chú", width: 13, print: true },
  { key: "due", header: "Hạn đầu tiên", width: 12, print: false },
  { key: "repeat", header: "Lặp lại", width: 12, print: false },
  { key: "until", header: "Đến ngày", width: 12, print: false },
  { key: "next", header: "Hạn kế tiếp", width: 12, print: false },
] as const;

/** Columns A.. of the print area: the reader's columns. */
export const TRACKING_PRINTED_COLUMNS = TRACKING_COLUMNS.filter((c) => c.print).length;

type TrackingKey = (typeof TRACKING_COLUMNS)[number]["key"];
export const trackingColumn = (key: TrackingKey): number => TRACKING_COLUMNS.findIndex((c) => c.key === key) + 1;

export const TRACKING_HEADER_ROW = 5;
/** The as-of ("Ngày báo cáo") cell the add-in sets when refreshing the highlighting. */
export const TRACKING_AS_OF_CELL = "C2";
export const TRACKING_SOON_DAYS_CELL = "F2";
const PERIOD_START_CELL = "I2";

export function trackingSheet(plan: Plan, options: TrackingOptions): Sheet {
  const typography = options.typography ?? DEFAULT_TYPOGRAPHY;
  const soonDays = options.soonDays ?? 30;
  const schedules = plan.tasks.map((t) => taskSchedule(plan, t.number));
  const lists = schedules.map((s) => deadlines(s));
  const blockWidth = Math.max(1, ...lists.map((l) => l.length));
  const firstHidden = TRACKING_COLUMNS.length + 2;
  const columns: Column[] = [
    ...TRACKING_COLUMNS.map((c) => ({ width: c.width })),
    { width: 3 },
    ...Array.from({ length: blockWidth }, () => ({ width: 11, hidden: true })),
  ];
  const s = new SheetBuilder(TRACKING_SHEET, columns);
  const width = TRACKING_COLUMNS.length;
  const printed = TRACKING_PRINTED_COLUMNS;
  const total = TRACKING_COLUMNS.filter((c) => c.print).reduce((x, c) => x + c.width, 0);
  const title = `THEO DÕI THỰC HIỆN CÁC NHIỆM VỤ TẠI PHỤ LỤC KẾ HOẠCH TRIỂN KHAI NGHỊ QUYẾT SỐ ${plan.document.resolution.number}`;
  s.merge(1, 1, 1, printed, title, "title").height(
    1,
    titleRowHeight(title, total, typography.titleSize, typography.tableSize),
  );

  const abs = (ref: string) => ref.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  const asOf = abs(TRACKING_AS_OF_CELL);
  const soon = abs(TRACKING_SOON_DAYS_CELL);
  const periodStart = abs(PERIOD_START_CELL);
  s.merge(2, 1, 2, 2, "Ngày báo cáo (mặc định hôm nay):", "label");
  const live = options.today === undefined || options.today === options.asOf;
  s.set(2, 3, live ? { formula: "TODAY()", result: null } : { date: options.asOf }, "asOf");
  s.merge(2, 4, 2, 5, "Sắp đến hạn trong (ngày):", "label");
  s.set(2, 6, soonDays, "asOfNumber");
  s.merge(2, 7, 2, 8, "Kỳ báo cáo tính từ ngày:", "label");
  s.set(2, 9, { formula: periodStartFormula(asOf), result: null }, "cellDate");
  legendRow(s, 3, 2, { span: 1, overdueUnreported: true });
  s.height(
    3,
    wrappedRowHeight(
      [OVERDUE_UNREPORTED_LABEL.vi, ...Object.values(DEADLINE_CLASS_LABELS).map((l) => l.vi)],
      Array.from({ length: 7 }, () => 12),
      typography.tableSize,
    ),
  );

  const h = TRACKING_HEADER_ROW;
  s.line(
    h,
    1,
    TRACKING_COLUMNS.map((c) => c.header),
    "header",
  );
  s.height(
    h,
    wrappedRowHeight(
      TRACKING_COLUMNS.map((c) => c.header),
      TRACKING_COLUMNS.map((c) => c.width),
      typography.tableSize,
    ),
  );
  const col = trackingColumn;
  const ref = (row: number, key: TrackingKey) => `$${columnLetter(col(key))}${row}`;
  // Group headings ("I. …") as on "Phụ lục": a bold row above the group's first task, inside the
  // table (an Excel table cannot hold merged cells, so the title stays in the content column).
  const headings = groupHeadings(plan.tasks);
  let row = h;
  plan.tasks.forEach((task, i) => {
    const heading = headings[i];
    if (heading) {
      row++;
      TRACKING_COLUMNS.forEach((c, j) =>
        s.set(
          row,
          j + 1,
          c.key === "number" ? heading.label : c.key === "content" ? heading.title : null,
          c.key === "number" ? "cellBoldCenter" : c.key === "content" ? "cellBold" : "cell",
        ),
      );
      s.height(
        row,
        wrappedRowHeight(
          [heading.label, heading.title],
          TRACKING_COLUMNS.map((c) => c.width),
          typography.tableSize,
        ),
      );
    }
    row++;
    const schedule = schedules[i]!;
    const list = lists[i]!;
    const block = `$${columnLetter(firstHidden)}${row}:$${columnLetter(firstHidden + blockWidth - 1)}${row}`;
    const cached = cachedResults(schedule, options.asOf);
    const kept = options.entries?.get(task.id);
    const values: Record<TrackingKey, [CellValue, string]> = {
      number: [task.number, "cellCenter"],
      content: [task.content, "cell"],
      timing: [task.timing, "cellCenter"],
      lead: [task.lead, "cell"],
      due: [schedule.due ? { date: schedule.due } : null, "cellDate"],
      repeat: [schedule.parsed ? REPEAT_LABELS[schedule.repeat].vi : "Chưa đọc được thời hạn", "cellCenter"],
      until: [schedule.until ? { date: schedule.until } : null, "cellDate"],
      applicable: [{ formula: applicableDueFormula(block, periodStart), result: cached.applicable }, "cellDate"],
      next: [{ formula: nextDueFormula(block, asOf), result: cached.next }, "cellDate"],
      status: [kept?.status ?? null, "inputCenter"],
      completedOn: [kept?.completedOn !== undefined ? { date: kept.completedOn } : null, "inputDate"],
      class: [
        {
          formula: classFormula({
            status: ref(row, "status"),
            completedOn: ref(row, "completedOn"),
            applicableDue: ref(row, "applicable"),
            nextDue: ref(row, "next"),
            repeat: ref(row, "repeat"),
            asOf,
            soonDays: soon,
            overdueUnreported: true,
          }),
          result: cached.unreportedClass,
        },
        "cellCenter",
      ],
      notes: [kept?.notes ?? null, "input"],
    };
    TRACKING_COLUMNS.forEach((c, j) => s.set(row, j + 1, values[c.key][0], values[c.key][1]));
    list.forEach((d, j) => s.set(row, firstHidden + j, { date: d }, "hiddenData"));
    s.height(
      row,
      wrappedRowHeight(
        rowTexts(task),
        TRACKING_COLUMNS.map((c) => c.width),
        typography.tableSize,
      ),
    );
  });
  const last = row;
  const body = (key: TrackingKey) => rangeAddress(h + 1, col(key), last, col(key));
  s.validate(statusValidation(body("status")));
  s.validate(completionValidation(body("completedOn"), plan));
  s.validate({
    range: TRACKING_AS_OF_CELL,
    type: "date",
    operator: "between",
    min: { date: `${plan.document.years.from - 1}-01-01` },
    max: { date: `${plan.document.years.to + 1}-12-31` },
    allowBlank: false,
    prompt: { title: "Ngày báo cáo", message: "Ngày tính hạn. Để trống công thức =TODAY() để luôn là hôm nay." },
    error: {
      title: "Ngày không hợp lệ",
      message: "Nhập một ngày dạng ngày/tháng/năm trong thời gian của kế hoạch.",
      style: "stop",
    },
  });
  s.validate({
    range: TRACKING_SOON_DAYS_CELL,
    type: "whole",
    operator: "between",
    min: 0,
    max: 365,
    allowBlank: false,
    prompt: { title: "Sắp đến hạn", message: "Số ngày trước hạn thì tô màu vàng (mặc định 30)." },
    error: { title: "Số ngày không hợp lệ", message: "Nhập số nguyên từ 0 đến 365.", style: "stop" },
  });
  for (const cf of deadlineHighlights(
    `A${h + 1}:${columnLetter(width)}${last}`,
    `$${columnLetter(col("class"))}${h + 1}`,
  ))
    s.format(cf);
  s.table({
    name: TRACKING_TABLE,
    range: `A${h}:${columnLetter(width)}${last}`,
    style: "TableStyleLight1",
    showRowStripes: false,
  });
  return s
    .with({
      print: officialPrint({ headerRows: { first: h, last: h }, area: `A1:${columnLetter(printed)}${last}` }),
      freeze: { rows: h, columns: 2 },
      showGridLines: false,
    })
    .build();
}

function rowTexts(task: Task): string[] {
  return [String(task.number), task.content, task.timing, task.lead];
}

/** Results cached in the file for programs that show formulas before recalculating. */
function cachedResults(schedule: Schedule, asOf: IsoDate) {
  const applicable = applicableDue(schedule, asOf);
  const next = nextDue(schedule, asOf);
  return {
    applicable: applicable ? isoToSerial(applicable) : "",
    next: next ? isoToSerial(next) : "",
    // A new row has no status yet: what the class formula gives for a blank status.
    unreportedClass: overdueUnreported(schedule, null, asOf)
      ? OVERDUE_UNREPORTED_LABEL.vi
      : DEADLINE_CLASS_LABELS["not-reported"].vi,
  };
}

export function statusValidation(range: string): Validation {
  const labels = (["not-started", "in-progress", "done"] as const).map((k) => REPORTED_STATUS_LABELS[k].vi);
  return {
    range,
    type: "list",
    list: labels,
    allowBlank: true,
    prompt: { title: "Tình trạng", message: `Chọn một trong: ${labels.join(", ")}.` },
    error: { title: "Tình trạng không hợp lệ", message: `Chỉ chọn: ${labels.join(", ")}.`, style: "stop" },
  };
}

export function completionValidation(range: string, plan: Plan): Validation {
  const { from, to } = plan.document.years;
  return {
    range,
    type: "date",
    operator: "between",
    min: { date: `${from}-01-01` },
    max: { date: `${to}-12-31` },
    allowBlank: true,
    prompt: {
      title: "Ngày hoàn thành",
      message: `Nhập ngày/tháng/năm, trong các năm ${from}–${to}. Để trống nếu chưa hoàn thành.`,
    },
    error: {
      title: "Ngày không hợp lệ",
      message: `Ngày hoàn thành phải là một ngày thật trong các năm ${from}–${to} (ví dụ 30/06/${from}).`,
      style: "stop",
    },
  };
}

/**
 * The tracking workbook ("Sổ theo dõi"): the print-ready appendix and the tracking sheet, then the
 * plan sheets the office edits (units, assignments, document facts); src/book reads the plan back.
 */
export function trackingWorkbook(plan: Plan, options: TrackingOptions): WorkbookSpec {
  const typography = options.typography ?? DEFAULT_TYPOGRAPHY;
  return {
    properties: {
      title: `Sổ theo dõi Phụ lục Kế hoạch triển khai Nghị quyết ${plan.document.resolution.number}`,
      subject: plan.document.title,
      creator: plan.document.reporting.via,
      keywords: `${plan.document.resolution.number}; phụ lục; theo dõi`,
    },
    customProperties: {
      ...identityProperties({ kind: "tracking", planId: plan.id, planVersion: plan.version }),
      [BOOK_FORMAT_PROPERTY]: String(BOOK_FORMAT_VERSION),
    },
    defaultFont: { name: typography.fontName, size: typography.tableSize },
    styles: standardStyles(typography),
    sheets: [
      appendixSheet(plan, typography),
      trackingSheet(plan, options),
      unitsSheet(plan, typography),
      assignmentsSheet(plan, typography),
      infoSheet(plan, typography),
    ],
    definedNames: [],
    activeSheet: 1,
  };
}
