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
import { dmy } from "./form";
import { deadlineHighlights, legendRow } from "./highlight";
import { identityNames, identityProperties, metaSheet } from "./identity";
import type { CellValue, Style, WorkbookSpec } from "./model";
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

function byTaskSheet(plan: Plan, result: ConsolidationResult, t: Typography) {
  const cols: { header: string; width: number; style: string }[] = [
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
  const widths = cols.map((c) => c.width);
  const s = new SheetBuilder(
    CONSOLIDATED_SHEETS.byTask,
    widths.map((width) => ({ width })),
  );
  const width = cols.length;
  let row = titleBlock(s, width, "TỔNG HỢP CHI TIẾT THEO NHIỆM VỤ VÀ ĐƠN VỊ", result, t, widths);
  asOfLine(s, row, result);
  row++;
  legendRow(s, row, 2);
  row += 2;
  const h = row;
  s.line(
    h,
    1,
    cols.map((c) => c.header),
    "header",
  );
  s.height(
    h,
    height(
      cols.map((c) => c.header),
      widths,
      t.tableSize,
    ),
  );
  const content = new Map(plan.tasks.map((x) => [x.number, x.content] as const));
  result.rows.forEach((r, i) => {
    const values: CellValue[] = [
      r.task,
      content.get(r.task) ?? "",
      r.unitCode,
      r.unitName,
      STATUS_TEXT(r.status),
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
    ].map(clip);
    s.line(
      h + 1 + i,
      1,
      values,
      cols.map((c) => c.style),
    );
    s.height(
      h + 1 + i,
      height(
        values.map((v) => (typeof v === "string" ? v : null)),
        widths,
        t.tableSize,
      ),
    );
  });
  const last = Math.max(h + 1, h + result.rows.length);
  if (result.rows.length === 0)
    s.line(
      h + 1,
      1,
      cols.map(() => null),
      cols.map((c) => c.style),
    );
  for (const cf of deadlineHighlights(`A${h + 1}:${columnLetter(width)}${last}`, `$${columnLetter(width)}${h + 1}`))
    s.format(cf);
  s.table({
    name: "TongHopTheoNhiemVu",
    range: `A${h}:${columnLetter(width)}${last}`,
    style: "TableStyleLight1",
    showRowStripes: false,
  });
  return s
    .with({
      print: officialPrint({ headerRows: { first: h, last: h }, area: `A1:${columnLetter(width)}${last}` }),
      freeze: { rows: h, columns: 0 },
      showGridLines: false,
    })
    .build();
}

function byUnitSheet(result: ConsolidationResult, t: Typography) {
  const headers = [
    "TT",
    "Mã đơn vị",
    "Đơn vị",
    "Đã gửi",
    "Tệp được dùng",
    "Số tệp nhận",
    "Số nhiệm vụ",
    "Đã báo cáo",
    ...CLASSES.map((c) => DEADLINE_CLASS_LABELS[c].vi),
    "Lỗi",
    "Cảnh báo",
    "Thông tin",
  ];
  const widths = [5, 9, 24, 8, 24, 7, 8, 8, ...CLASSES.map(() => 10), 6, 8, 8];
  const s = new SheetBuilder(
    CONSOLIDATED_SHEETS.byUnit,
    widths.map((width) => ({ width })),
  );
  const width = headers.length;
  let row = titleBlock(s, width, "TỔNG HỢP THEO ĐƠN VỊ", result, t, widths);
  asOfLine(s, row, result);
  row += 2;
  const h = row;
  s.line(h, 1, headers, "header");
  s.height(h, height(headers, widths, t.tableSize));
  result.byUnit.forEach((u, i) => {
    const values: CellValue[] = [
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
    ];
    s.line(h + 1 + i, 1, values, [
      "cellCenter",
      "cellText",
      "cell",
      "cellCenter",
      "cellText",
      ...Array(width - 5).fill("cellNumber"),
    ]);
    s.height(h + 1 + i, height([null, u.code, u.name, null, u.file], widths, t.tableSize));
  });
  const last = h + Math.max(1, result.byUnit.length);
  s.format({
    kind: "expression",
    range: `A${h + 1}:${columnLetter(width)}${last}`,
    formula: `$D${h + 1}="Chưa"`,
    style: { fill: STATUS_COLORS.overdue.fill, font: { color: STATUS_COLORS.overdue.font } },
  });
  if (result.byUnit.length > 0)
    s.table({
      name: "TongHopTheoDonVi",
      range: `A${h}:${columnLetter(width)}${last}`,
      style: "TableStyleLight1",
      showRowStripes: false,
    });
  return s
    .with({
      print: officialPrint({ headerRows: { first: h, last: h }, area: `A1:${columnLetter(width)}${last}` }),
      freeze: { rows: h, columns: 0 },
      showGridLines: false,
    })
    .build();
}

function missingSheet(plan: Plan, result: ConsolidationResult, t: Typography) {
  const headers = [
    "TT",
    "Mã đơn vị",
    "Đơn vị",
    "Cấp",
    "Nhiệm vụ phải báo cáo (TT)",
    "Tệp đã gửi nhưng không tổng hợp được",
  ];
  const widths = [5, 10, 30, 12, 24, 40];
  const s = new SheetBuilder(
    CONSOLIDATED_SHEETS.missing,
    widths.map((width) => ({ width })),
  );
  const width = headers.length;
  let row = titleBlock(s, width, "DANH SÁCH ĐƠN VỊ CHƯA NỘP BÁO CÁO", result, t, widths);
  asOfLine(s, row, result);
  s.merge(row, 4, row, width, `Chưa nộp: ${result.missing.length}/${result.totals.units} đơn vị.`, "label");
  row += 2;
  const h = row;
  s.line(h, 1, headers, "header");
  s.height(h, height(headers, widths, t.tableSize));
  const level = new Map(plan.units.map((u) => [u.code, u.level === "provincial" ? "Cấp tỉnh" : "Cấp xã"] as const));
  result.missing.forEach((m, i) => {
    const files = m.rejectedFiles.join("; ");
    const values: CellValue[] = [
      i + 1,
      m.code,
      m.name,
      level.get(m.code) ?? "",
      m.tasks.join(", "),
      clip(files || null),
    ];
    s.line(h + 1 + i, 1, values, ["cellCenter", "cellText", "cell", "cellCenter", "cellText", "cellText"]);
    s.height(h + 1 + i, height([null, m.code, m.name, null, m.tasks.join(", "), files], widths, t.tableSize));
  });
  let last = h + result.missing.length;
  if (result.missing.length === 0) {
    last = h + 1;
    s.merge(last, 1, last, width, "Tất cả đơn vị đã nộp báo cáo.", "cell");
  } else
    s.table({
      name: "DonViChuaNop",
      range: `A${h}:${columnLetter(width)}${last}`,
      style: "TableStyleLight1",
      showRowStripes: false,
    });
  return s
    .with({
      print: officialPrint({ headerRows: { first: h, last: h }, area: `A1:${columnLetter(width)}${last}` }),
      freeze: { rows: h, columns: 0 },
      showGridLines: false,
    })
    .build();
}

/** Rows Excel can hold below the header: a (crafted) file with more problems is cut, and says so. */
const MAX_PROBLEM_ROWS = 1_000_000;

function problemsSheet(result: ConsolidationResult, t: Typography) {
  const headers = [
    "TT",
    "Tệp",
    "Trang tính",
    "Ô",
    "Mức độ",
    "Nội dung",
    "Giá trị trong tệp",
    "Giá trị đúng",
    "Công thức",
    "Mã",
    "Message (English)",
  ];
  const widths = [6, 26, 11, 6, 10, 40, 24, 16, 14, 14, 34];
  const s = new SheetBuilder(
    CONSOLIDATED_SHEETS.problems,
    widths.map((width) => ({ width })),
  );
  const width = headers.length;
  let row = titleBlock(s, width, "KIỂM TRA CÁC TỆP BÁO CÁO", result, t, widths);
  asOfLine(s, row, result);
  const p = result.totals.problems;
  s.merge(
    row,
    4,
    row,
    width,
    `${p.error} lỗi, ${p.warning} cảnh báo, ${p.info} thông tin trong ${result.totals.files} tệp.`,
    "label",
  );
  row++;
  // Which file was used, superseded or refused, before the cell-by-cell list.
  const files = result.files.map(
    (f) => `${f.name}: ${OUTCOME_LABELS[f.outcome]}${f.unitName ? ` (${f.unitName})` : ""}`,
  );
  s.merge(row, 1, row, width, clip(files.length > 0 ? `Tệp: ${files.join("; ")}` : "Chưa nhận tệp nào."), "textWrap");
  s.height(row, height([files.join("; ")], [widths.reduce((a, b) => a + b, 0)], t.tableSize));
  row += 2;
  const h = row;
  s.line(h, 1, headers, "header");
  s.height(h, height(headers, widths, t.tableSize));
  const shown: Problem[] = result.problems.slice(0, MAX_PROBLEM_ROWS);
  shown.forEach((x, i) => {
    const values: CellValue[] = [
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
    ].map(clip);
    s.line(h + 1 + i, 1, values, [
      "cellCenter",
      "cellText",
      "cellText",
      "cellCenter",
      "cellCenter",
      "cell",
      "cellText",
      "cellText",
      "cellText",
      "cellText",
      "cell",
    ]);
    s.height(
      h + 1 + i,
      height(
        values.map((v) => (typeof v === "string" ? v : null)),
        widths,
        t.tableSize,
      ),
    );
  });
  let last = h + shown.length;
  if (shown.length === 0) {
    last = h + 1;
    s.merge(last, 1, last, width, "Không có vấn đề nào.", "cell");
  } else {
    s.table({
      name: "KiemTra",
      range: `A${h}:${columnLetter(width)}${last}`,
      style: "TableStyleLight1",
      showRowStripes: false,
    });
    const range = `A${h + 1}:${columnLetter(width)}${last}`;
    s.format({
      kind: "expression",
      range,
      formula: `$E${h + 1}="${SEVERITY_LABELS.error.vi}"`,
      style: { fill: STATUS_COLORS.overdue.fill, font: { color: STATUS_COLORS.overdue.font } },
      stopIfTrue: true,
    });
    s.format({
      kind: "expression",
      range,
      formula: `$E${h + 1}="${SEVERITY_LABELS.warning.vi}"`,
      style: { fill: STATUS_COLORS.dueSoon.fill, font: { color: STATUS_COLORS.dueSoon.font } },
      stopIfTrue: true,
    });
  }
  if (result.problems.length > shown.length) {
    last++;
    s.merge(
      last,
      1,
      last,
      width,
      `Còn ${result.problems.length - shown.length} vấn đề nữa: xem tệp tóm tắt JSON.`,
      "label",
    );
  }
  return s
    .with({
      print: officialPrint({ headerRows: { first: h, last: h }, area: `A1:${columnLetter(width)}${last}` }),
      freeze: { rows: h, columns: 0 },
      showGridLines: false,
    })
    .build();
}
