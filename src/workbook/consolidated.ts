/**
 * The consolidated workbook: what the office prints and files after the units' reports come back.
 * "Tổng hợp" (counts per task), "Theo nhiệm vụ" (every task × unit), "Theo đơn vị", "Chưa nộp",
 * "Kiểm tra" (every problem with its file and cell). Values only, no formulas: the numbers are the
 * consolidation's, and text a unit typed ("=HYPERLINK(…)") stays text.
 */
import type { ConsolidationResult, Problem, Severity } from "../consolidate/types";
import type { Plan } from "../plan/types";
import { DEADLINE_CLASS_LABELS, REPORTED_STATUS_LABELS } from "../schedule";
import type { DeadlineClass } from "../schedule/types";
import { columnLetter } from "./a1";
import { dmy } from "../dates";
import { deadlineHighlights, legendRow } from "./highlight";
import { identityNames, identityProperties, metaSheet } from "./identity";
import type { CellValue, ConditionalFormat, Style, WorkbookSpec } from "./model";
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

/** Bar colours per class column: the highlight colours' strong tone, so bars print visibly in grey too. */
const BAR_COLORS: Record<DeadlineClass, string> = {
  "done-on-time": "63BE7B",
  "done-late": "A9D08E",
  "in-progress": "5B9BD5",
  "due-soon": "FFC000",
  overdue: "F8696B",
  ongoing: "9BC2E6",
  "not-reported": "A6A6A6",
};

export const SEVERITY_LABELS: Record<Severity, { vi: string; en: string }> = {
  error: { vi: "Lỗi", en: "Error" },
  warning: { vi: "Cảnh báo", en: "Warning" },
  info: { vi: "Thông tin", en: "Info" },
};

const OUTCOME_LABELS = {
  accepted: "Được dùng",
  superseded: "Bản cũ (không dùng)",
  rejected: "Không tổng hợp",
} as const;

/** Excel's cell limit; a crafted file could hold more, and the JSON summary keeps it all. */
const CELL_TEXT_MAX = 32767;
const MAX_ROW_HEIGHT = 409;

function clip(value: CellValue): CellValue {
  return typeof value === "string" && value.length > CELL_TEXT_MAX ? `${value.slice(0, CELL_TEXT_MAX - 1)}…` : value;
}

function height(texts: (string | null)[], widths: number[], size: number): number {
  return Math.min(MAX_ROW_HEIGHT, wrappedRowHeight(texts, widths, size));
}

function extraStyles(t: Typography): Record<string, Style> {
  const base = { name: t.fontName, size: t.tableSize };
  return {
    total: { font: { ...base, bold: true }, border: "thin", alignment: { horizontal: "center", vertical: "top" } },
    totalLabel: { font: { ...base, bold: true }, border: "thin", alignment: { horizontal: "left", vertical: "top" } },
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

/** Title (row 1, merged) and facts lines below it; returns the next free row. */
function titleBlock(
  s: SheetBuilder,
  width: number,
  title: string,
  result: ConsolidationResult,
  t: Typography,
  widths: number[],
): number {
  const total = widths.reduce((a, b) => a + b, 0);
  s.merge(1, 1, 1, width, title, "title").height(1, titleRowHeight(title, total, t.titleSize, t.tableSize));
  const p = result.period;
  s.merge(2, 1, 2, width, `Kỳ báo cáo: ${p.label.vi} (từ ngày ${dmy(p.from)} đến ngày ${dmy(p.to)})`, "subtitle");
  return 3;
}

function asOfLine(s: SheetBuilder, row: number, result: ConsolidationResult): void {
  s.merge(row, 1, row, 2, "Ngày báo cáo:", "label");
  s.set(row, 3, { date: result.asOf }, "factDate");
}

export function consolidatedWorkbook(
  plan: Plan,
  result: ConsolidationResult,
  options: ConsolidatedOptions = {},
): WorkbookSpec {
  const t = options.typography ?? DEFAULT_TYPOGRAPHY;
  const props = identityProperties({ kind: "consolidated", planId: plan.id, period: result.period.id });
  return {
    properties: {
      title: `Tổng hợp báo cáo ${result.period.label.vi} — Phụ lục Kế hoạch triển khai Nghị quyết ${plan.document.resolution.number}`,
      subject: `Tổng hợp kết quả thực hiện Phụ lục Kế hoạch triển khai Nghị quyết ${plan.document.resolution.number}`,
      creator: plan.document.reporting.via,
      keywords: `${plan.document.resolution.number}; tổng hợp; ${result.period.id}`,
    },
    customProperties: props,
    defaultFont: { name: t.fontName, size: t.tableSize },
    styles: { ...standardStyles(t), ...extraStyles(t) },
    sheets: [
      summarySheet(plan, result, t),
      byTaskSheet(plan, result, t),
      byUnitSheet(result, t),
      missingSheet(plan, result, t),
      problemsSheet(result, t),
      metaSheet(props),
    ],
    definedNames: identityNames(props),
    activeSheet: 0,
  };
}

/** Whole percent, 0 when nothing is owed. */
function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

function summarySheet(plan: Plan, result: ConsolidationResult, t: Typography) {
  const headers = [
    "TT",
    "Nội dung công việc",
    "Số đơn vị phải báo cáo",
    "Đã báo cáo",
    ...CLASSES.map((c) => DEADLINE_CLASS_LABELS[c].vi),
    "Tỷ lệ đã báo cáo (%)",
  ];
  const widths = [5, 40, 11, 10, ...CLASSES.map(() => 11), 10];
  const s = new SheetBuilder(
    CONSOLIDATED_SHEETS.summary,
    widths.map((width) => ({ width })),
  );
  const width = headers.length;
  let row = titleBlock(
    s,
    width,
    `TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TẠI PHỤ LỤC KẾ HOẠCH TRIỂN KHAI NGHỊ QUYẾT SỐ ${plan.document.resolution.number}`,
    result,
    t,
    widths,
  );
  asOfLine(s, row, result);
  const tot = result.totals;
  s.merge(
    row,
    4,
    row,
    width,
    `Đơn vị đã gửi: ${tot.returned}/${tot.units}; chưa gửi: ${tot.missing}; tệp nhận: ${tot.files} (được dùng ${tot.accepted}, bản cũ ${tot.superseded}, không tổng hợp ${tot.rejected}); vấn đề: ${tot.problems.error} lỗi, ${tot.problems.warning} cảnh báo, ${tot.problems.info} thông tin.`,
    "textWrap",
  );
  s.height(row, 36);
  row++;
  legendRow(s, row, 2);
  row += 2;
  const h = row;
  s.line(h, 1, headers, "header");
  s.height(h, height(headers, widths, t.tableSize));
  result.byTask.forEach((task, i) => {
    const r = h + 1 + i;
    s.line(
      r,
      1,
      [
        task.task,
        task.content,
        task.owed,
        task.reported,
        ...CLASSES.map((c) => task.counts[c]),
        rate(task.reported, task.owed),
      ],
      ["cellCenter", "cell", ...Array(3 + CLASSES.length).fill("cellNumber")],
    );
    s.height(r, height([String(task.task), task.content], widths, t.tableSize));
  });
  const last = h + result.byTask.length;
  const totalRow = last + 1;
  const sum = (f: (x: ConsolidationResult["byTask"][number]) => number) => result.byTask.reduce((a, x) => a + f(x), 0);
  s.merge(totalRow, 1, totalRow, 2, "Tổng cộng", "totalLabel");
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
    ],
    "total",
  );
  for (let i = 0; i < 2 + CLASSES.length; i++) {
    const col = columnLetter(3 + i);
    const cls = CLASSES[i - 2];
    s.format({
      kind: "dataBar",
      range: `${col}${h + 1}:${col}${last}`,
      color: cls ? BAR_COLORS[cls] : "8EA9DB",
      min: 0,
    });
  }
  const note = totalRow + 2;
  s.merge(
    note,
    1,
    note,
    width,
    `Ghi chú: số liệu tính trên các đơn vị phải báo cáo từng nhiệm vụ, theo bản báo cáo mới nhất của mỗi đơn vị; phân loại theo hạn tính đến ngày ${dmy(result.asOf)}. Danh sách đơn vị chưa gửi ở trang "${CONSOLIDATED_SHEETS.missing}", các lỗi trong tệp ở trang "${CONSOLIDATED_SHEETS.problems}".`,
    "textWrap",
  );
  s.height(note, 36);
  return s
    .with({
      print: officialPrint({ headerRows: { first: h, last: h }, area: `A1:${columnLetter(width)}${note}` }),
      freeze: { rows: h, columns: 0 },
      showGridLines: false,
    })
    .build();
}

const STATUS_TEXT = (s: keyof typeof REPORTED_STATUS_LABELS | null) => (s ? REPORTED_STATUS_LABELS[s].vi : null);

interface DataColumn {
  header: string;
  width: number;
  style: string;
}

/**
 * The shape every list sheet shares: title, period, report date (plus the sheet's own facts),
 * a header repeated on each printed page, one row per item, an Excel table, print setup.
 */
function dataSheet(
  result: ConsolidationResult,
  t: Typography,
  o: {
    name: string;
    title: string;
    columns: DataColumn[];
    rows: CellValue[][];
    /** Writes facts on the report-date row (from column 4) and below; returns the next free row. */
    facts?: (s: SheetBuilder, row: number, width: number, widths: number[]) => number;
    legend?: boolean;
    tableName: string;
    emptyText: string;
    formats?: (body: string, firstRow: number) => ConditionalFormat[];
    footer?: string | null;
  },
) {
  const widths = o.columns.map((c) => c.width);
  const width = o.columns.length;
  const s = new SheetBuilder(
    o.name,
    widths.map((w) => ({ width: w })),
  );
  let row = titleBlock(s, width, o.title, result, t, widths);
  asOfLine(s, row, result);
  row = o.facts ? o.facts(s, row, width, widths) : row + 1;
  if (o.legend) legendRow(s, row++, 2);
  const h = row + 1;
  const headers = o.columns.map((c) => c.header);
  s.line(h, 1, headers, "header");
  s.height(h, height(headers, widths, t.tableSize));
  const styles = o.columns.map((c) => c.style);
  o.rows.forEach((raw, i) => {
    const values = raw.map(clip);
    s.line(h + 1 + i, 1, values, styles);
    s.height(
      h + 1 + i,
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
    s.merge(last, 1, last, width, o.emptyText, "cell");
  } else {
    const body = `A${h + 1}:${columnLetter(width)}${last}`;
    s.table({
      name: o.tableName,
      range: `A${h}:${columnLetter(width)}${last}`,
      style: "TableStyleLight1",
      showRowStripes: false,
    });
    for (const cf of o.formats?.(body, h + 1) ?? []) s.format(cf);
  }
  if (o.footer) {
    last++;
    s.merge(last, 1, last, width, o.footer, "label");
  }
  return s
    .with({
      print: officialPrint({ headerRows: { first: h, last: h }, area: `A1:${columnLetter(width)}${last}` }),
      freeze: { rows: h, columns: 0 },
      showGridLines: false,
    })
    .build();
}

/** A rule that colours a row whose `column` cell reads `text`. */
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
    style: { fill: colour.fill, font: { color: colour.font } },
    stopIfTrue: true,
  };
}

function byTaskSheet(plan: Plan, result: ConsolidationResult, t: Typography) {
  const columns: DataColumn[] = [
    { header: "TT", width: 5, style: "cellCenter" },
    { header: "Nội dung công việc", width: 30, style: "cell" },
    { header: "Mã đơn vị", width: 9, style: "cellText" },
    { header: "Đơn vị", width: 20, style: "cell" },
    { header: "Tình trạng", width: 13, style: "cellCenter" },
    { header: "Ngày hoàn thành", width: 12, style: "cellDate" },
    { header: "Tiến độ (%)", width: 8, style: "cellNumber" },
    { header: "Kết quả thực hiện", width: 30, style: "cellText" },
    { header: "Văn bản đã ban hành", width: 20, style: "cellText" },
    { header: "Khó khăn, vướng mắc", width: 18, style: "cellText" },
    { header: "Đề xuất, kiến nghị", width: 18, style: "cellText" },
    { header: "Người lập biểu", width: 14, style: "cellText" },
    { header: "Điện thoại", width: 12, style: "cellText" },
    { header: "Ngày lập báo cáo", width: 12, style: "cellDate" },
    { header: "Tệp nguồn", width: 22, style: "cellText" },
    { header: "Phân loại", width: 15, style: "cellCenter" },
  ];
  const content = new Map(plan.tasks.map((x) => [x.number, x.content] as const));
  return dataSheet(result, t, {
    name: CONSOLIDATED_SHEETS.byTask,
    title: "TỔNG HỢP CHI TIẾT THEO NHIỆM VỤ VÀ ĐƠN VỊ",
    columns,
    legend: true,
    rows: result.rows.map((r) => [
      r.task,
      content.get(r.task) ?? "",
      r.unitCode,
      r.unitName,
      // The unit's form came from an older book without this task: not a missing answer.
      r.notAsked ? NOT_ASKED : STATUS_TEXT(r.status),
      r.completedOn ? { date: r.completedOn } : null,
      r.progress,
      r.result,
      r.documents,
      r.difficulties,
      r.proposals,
      r.preparer,
      r.phone,
      r.preparedOn ? { date: r.preparedOn } : null,
      r.file,
      DEADLINE_CLASS_LABELS[r.deadlineClass].vi,
    ]),
    tableName: "TongHopTheoNhiemVu",
    emptyText: "Chưa có nhiệm vụ nào phải báo cáo.",
    formats: (body, first) => deadlineHighlights(body, `$${columnLetter(columns.length)}${first}`),
  });
}

function byUnitSheet(result: ConsolidationResult, t: Typography) {
  const number = (header: string, width = 8): DataColumn => ({ header, width, style: "cellNumber" });
  return dataSheet(result, t, {
    name: CONSOLIDATED_SHEETS.byUnit,
    title: "TỔNG HỢP THEO ĐƠN VỊ",
    columns: [
      { header: "TT", width: 5, style: "cellCenter" },
      { header: "Mã đơn vị", width: 9, style: "cellText" },
      { header: "Đơn vị", width: 24, style: "cell" },
      { header: "Đã gửi", width: 8, style: "cellCenter" },
      { header: "Tệp được dùng", width: 24, style: "cellText" },
      number("Số tệp nhận", 7),
      number("Số nhiệm vụ"),
      number("Đã báo cáo"),
      ...CLASSES.map((c) => number(DEADLINE_CLASS_LABELS[c].vi, 10)),
      number("Lỗi", 6),
      number("Cảnh báo"),
      number("Thông tin"),
    ],
    rows: result.byUnit.map((u, i) => [
      i + 1,
      u.code,
      u.name,
      u.returned ? "Có" : "Chưa",
      u.file,
      u.files.length,
      u.owed,
      u.reported,
      ...CLASSES.map((c) => u.counts[c]),
      u.problems.error,
      u.problems.warning,
      u.problems.info,
    ]),
    tableName: "TongHopTheoDonVi",
    emptyText: "Chưa có đơn vị nào phải báo cáo.",
    formats: (body, first) => [rowColour(body, first, "D", "Chưa", STATUS_COLORS.overdue)],
  });
}

function missingSheet(plan: Plan, result: ConsolidationResult, t: Typography) {
  const level = new Map(plan.units.map((u) => [u.code, u.level === "provincial" ? "Cấp tỉnh" : "Cấp xã"] as const));
  return dataSheet(result, t, {
    name: CONSOLIDATED_SHEETS.missing,
    title: "DANH SÁCH ĐƠN VỊ CHƯA NỘP BÁO CÁO",
    columns: [
      { header: "TT", width: 5, style: "cellCenter" },
      { header: "Mã đơn vị", width: 10, style: "cellText" },
      { header: "Đơn vị", width: 30, style: "cell" },
      { header: "Cấp", width: 12, style: "cellCenter" },
      { header: "Nhiệm vụ phải báo cáo (TT)", width: 24, style: "cellText" },
      { header: "Tệp đã gửi nhưng không tổng hợp được", width: 40, style: "cellText" },
    ],
    facts: (s, row, width) => {
      s.merge(row, 4, row, width, `Chưa nộp: ${result.missing.length}/${result.totals.units} đơn vị.`, "label");
      return row + 1;
    },
    rows: result.missing.map((m, i) => [
      i + 1,
      m.code,
      m.name,
      level.get(m.code) ?? "",
      m.tasks.join(", "),
      // With why each did not count: "gửi mẫu trống", "đã gửi tệp nhưng không đọc được".
      m.rejectedFiles.map((f, k) => (m.rejectedWhy?.[k] ? `${f} (${m.rejectedWhy[k]!.vi})` : f)).join("; ") || null,
    ]),
    tableName: "DonViChuaNop",
    emptyText: "Tất cả đơn vị đã nộp báo cáo.",
  });
}

/** Rows Excel can hold below the header: a (crafted) file with more problems is cut, and says so. */
const MAX_PROBLEM_ROWS = 1_000_000;

function problemsSheet(result: ConsolidationResult, t: Typography) {
  const shown: Problem[] = result.problems.slice(0, MAX_PROBLEM_ROWS);
  const p = result.totals.problems;
  return dataSheet(result, t, {
    name: CONSOLIDATED_SHEETS.problems,
    title: "KIỂM TRA CÁC TỆP BÁO CÁO",
    columns: [
      { header: "TT", width: 6, style: "cellCenter" },
      { header: "Tệp", width: 26, style: "cellText" },
      { header: "Trang tính", width: 11, style: "cellText" },
      { header: "Ô", width: 6, style: "cellCenter" },
      { header: "Mức độ", width: 10, style: "cellCenter" },
      { header: "Nội dung", width: 40, style: "cell" },
      { header: "Giá trị trong tệp", width: 24, style: "cellText" },
      { header: "Giá trị đúng", width: 16, style: "cellText" },
      { header: "Công thức", width: 14, style: "cellText" },
      { header: "Mã", width: 14, style: "cellText" },
      { header: "Message (English)", width: 34, style: "cell" },
    ],
    facts: (s, row, width, widths) => {
      s.merge(
        row,
        4,
        row,
        width,
        `${p.error} lỗi, ${p.warning} cảnh báo, ${p.info} thông tin trong ${result.totals.files} tệp.`,
        "label",
      );
      // Which file was used, superseded or refused, before the cell-by-cell list.
      const files = result.files.map(
        (f) =>
          `${f.name}: ${f.duplicateOf ? `Bản trùng với ${f.duplicateOf}` : OUTCOME_LABELS[f.outcome]}${f.unitName ? ` (${f.unitName})` : ""}`,
      );
      const text = files.length > 0 ? `Tệp: ${files.join("; ")}` : "Chưa nhận tệp nào.";
      s.merge(row + 1, 1, row + 1, width, clip(text), "textWrap");
      s.height(row + 1, height([text], [widths.reduce((a, b) => a + b, 0)], t.tableSize));
      return row + 2;
    },
    rows: shown.map((x, i) => [
      i + 1,
      x.file,
      x.sheet || null,
      x.cell || null,
      SEVERITY_LABELS[x.severity].vi,
      x.text.vi,
      x.value,
      x.expected ?? null,
      x.formula !== undefined ? `=${x.formula}` : null,
      x.code,
      x.text.en,
    ]),
    tableName: "KiemTra",
    emptyText: "Không có vấn đề nào.",
    formats: (body, first) => [
      rowColour(body, first, "E", SEVERITY_LABELS.error.vi, STATUS_COLORS.overdue),
      rowColour(body, first, "E", SEVERITY_LABELS.warning.vi, STATUS_COLORS.dueSoon),
    ],
    footer:
      result.problems.length > shown.length
        ? `Còn ${result.problems.length - shown.length} vấn đề nữa: xem tệp tóm tắt JSON.`
        : null,
  });
}
