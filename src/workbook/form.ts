import { dmy } from "../dates";
import type { IsoDate, Plan, Task, Unit } from "../plan/types";
import { tasksOf } from "../plan/plan";
import { applicableDue, DEADLINE_CLASS_LABELS, REPEAT_LABELS, type ReportPeriod, taskSchedule } from "../schedule";
import { columnLetter, rangeAddress } from "./a1";
import {
  FORM_COLUMNS,
  FORM_FOOTER_FIELDS,
  FORM_HEADER_ROW,
  FORM_SHEET,
  FORM_SIGNATURE,
  FORM_TEXT_LIMIT,
  formColumn,
  type FormColumnKey,
} from "./form-layout";
import { classFormula } from "./formulas";
import { deadlineHighlights } from "./highlight";
import { carriedOverFormat, type FormPrefill } from "./form-prefill";
import { fingerprint, identityNames, identityProperties, metaSheet } from "./identity";
import type { CellValue, Validation, WorkbookSpec } from "./model";
import { officialPrint } from "./print";
import { SheetBuilder } from "./sheet-builder";
import { FORM_TYPOGRAPHY, standardStyles, titleRowHeight, type Typography, wrappedRowHeight } from "./styles";
import { completionValidation, statusValidation } from "./tracking";

export type { FormPrefill } from "./form-prefill";

export interface FormOptions {
  typography?: Typography;
  /** Optional sheet password; none by default (protection only guards against accidents). */
  password?: string;
  /** What the unit reported last period, by task number: written into the row (src/jobs/history.ts). */
  prefill?: ReadonlyMap<number, FormPrefill>;
}

/** One fixed row of a form as the consolidator re-derives it to check the fingerprint. */
export interface FormFixedRow {
  number: number;
  content: string;
  timing: string;
  due: IsoDate | null;
}

export function formId(planId: string, unitCode: string, periodId: string): string {
  return `${planId}/${unitCode}/${periodId}`;
}

/** What the fingerprint covers: identity and every fixed cell of the task rows. */
export function formFingerprint(planId: string, unitCode: string, periodId: string, rows: FormFixedRow[]): string {
  return fingerprint([
    planId,
    unitCode,
    periodId,
    ...rows.map((r) => `${r.number}|${r.content}|${r.timing}|${r.due ?? ""}`),
  ]);
}

/** The deadline a unit is judged against in this period, per task. */
export function formFixedRows(plan: Plan, unitCode: string, period: ReportPeriod): FormFixedRow[] {
  return tasksOf(plan, unitCode).map((t) => ({
    number: t.number,
    content: t.content,
    timing: t.timing,
    due: applicableDue(taskSchedule(plan, t.number), period.to),
  }));
}

const INSTRUCTIONS =
  "Hướng dẫn: chỉ nhập vào các ô nền vàng nhạt; không thêm, xóa hay đổi thứ tự dòng, cột. Ngày nhập dạng ngày/tháng/năm " +
  "(ví dụ 30/06/2026). Nội dung dài: bấm đúp vào mép dưới số dòng để giãn dòng.";

/** Rows 1–5: title, period, unit name and code, where to send it, period end, instructions. */
function writeTitleBlock(s: SheetBuilder, plan: Plan, unit: Unit, period: ReportPeriod, typography: Typography): void {
  const visible = FORM_COLUMNS.filter((c) => !c.hidden).length;
  const total = FORM_COLUMNS.filter((c) => !c.hidden).reduce((x, c) => x + c.width, 0);
  const title = `BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ ĐƯỢC PHÂN CÔNG TẠI PHỤ LỤC KẾ HOẠCH TRIỂN KHAI NGHỊ QUYẾT SỐ ${plan.document.resolution.number}`;
  s.merge(1, 1, 1, visible, title, "title").height(
    1,
    titleRowHeight(title, total, typography.titleSize, typography.tableSize),
  );
  const periodText = `Kỳ báo cáo: ${period.label.vi} (từ ngày ${dmy(period.from)} đến ngày ${dmy(period.to)})`;
  s.merge(2, 1, 2, visible, periodText, "subtitle");
  s.merge(3, 1, 3, 2, "Đơn vị báo cáo:", "label");
  s.merge(3, 3, 3, 8, unit.name, "label");
  s.merge(3, 9, 3, 10, "Mã đơn vị:", "label");
  s.merge(3, 11, 3, 12, unit.code, "code");
  s.merge(4, 1, 4, 2, "Gửi về:", "label");
  s.merge(4, 3, 4, 8, `${plan.document.reporting.to} (qua ${plan.document.reporting.via})`, "text");
  s.merge(4, 9, 4, 10, "Ngày cuối kỳ:", "label");
  s.merge(4, 11, 4, 12, { date: period.to }, "dateLabel");
  s.merge(5, 1, 5, visible, INSTRUCTIONS, "instructions");
  s.height(5, titleRowHeight(INSTRUCTIONS, total, typography.tableSize * 0.75, typography.tableSize));
}

/**
 * The values a form's title block holds (the same code writes them), for the consolidator to tell
 * a unit's own notes from the form's text without building the whole form again.
 */
export function formTitleValues(plan: Plan, unit: Unit, period: ReportPeriod): CellValue[] {
  const s = new SheetBuilder(FORM_SHEET, []);
  writeTitleBlock(s, plan, unit, period, FORM_TYPOGRAPHY);
  return s
    .build()
    .rows.flatMap((r) => r.cells)
    .filter((c): c is NonNullable<typeof c> => c !== null && c.value !== null)
    .map((c) => c.value);
}

/** The report form one unit fills in for one period: only that unit's tasks, inputs unlocked. */
export function reportForm(plan: Plan, unit: Unit, period: ReportPeriod, options: FormOptions = {}): WorkbookSpec {
  const typography = options.typography ?? FORM_TYPOGRAPHY;
  const tasks = tasksOf(plan, unit.code);
  const fixed = formFixedRows(plan, unit.code, period);
  const widths = FORM_COLUMNS.map((c) => c.width);
  const visible = FORM_COLUMNS.filter((c) => !c.hidden).length;
  const s = new SheetBuilder(
    FORM_SHEET,
    FORM_COLUMNS.map((c) => ({ width: c.width, ...(c.hidden ? { hidden: true } : {}) })),
  );

  writeTitleBlock(s, plan, unit, period, typography);

  const h = FORM_HEADER_ROW;
  s.line(
    h,
    1,
    FORM_COLUMNS.map((c) => c.header),
    "header",
  );
  s.height(
    h,
    wrappedRowHeight(
      FORM_COLUMNS.map((c) => c.header),
      widths,
      typography.tableSize,
    ),
  );
  const ref = (row: number, key: FormColumnKey) => `$${columnLetter(formColumn(key))}${row}`;
  const periodEnd = "$K$4";
  tasks.forEach((task, i) => {
    const row = h + 1 + i;
    const due = fixed[i]!.due;
    const schedule = taskSchedule(plan, task.number);
    const before = options.prefill?.get(task.number);
    if (before) s.format(carriedOverFormat(row, before, ref));
    const values: Record<FormColumnKey, [CellValue, string]> = {
      number: [task.number, "cellCenter"],
      content: [task.content, "cell"],
      timing: [task.timing, "cellCenter"],
      due: [due ? { date: due } : null, "cellDate"],
      status: [before?.status ?? null, before?.locked ? "cellCenter" : "inputCenter"],
      completedOn: [
        before?.completedOn ? { date: before.completedOn } : null,
        before?.locked ? "cellDate" : "inputDate",
      ],
      progress: [before?.progress ?? null, before?.locked ? "cellNumber" : "inputNumber"],
      result: [before?.result ?? null, "input"],
      documents: [null, "input"],
      difficulties: [null, "input"],
      proposals: [null, "input"],
      assessment: [
        {
          formula: classFormula({
            status: ref(row, "status"),
            completedOn: ref(row, "completedOn"),
            applicableDue: ref(row, "due"),
            nextDue: ref(row, "due"),
            repeat: ref(row, "repeat"),
            asOf: periodEnd,
            soonDays: "30",
          }),
          result: DEADLINE_CLASS_LABELS["not-reported"].vi,
        },
        "cellCenter",
      ],
      repeat: [schedule.parsed ? REPEAT_LABELS[schedule.repeat].vi : "", "cellCenter"],
    };
    FORM_COLUMNS.forEach((c, j) => s.set(row, j + 1, values[c.key][0], values[c.key][1]));
    // Task rows hold the unit's text, so their height is never fixed (a fixed height, however generous,
    // cut a long result off on paper): it starts at what the task's own text needs and stays automatic,
    // so Excel and WPS grow the row as the unit types, and LibreOffice refits it when typing or opening
    // its own save. LibreOffice does not refit rows when it opens an .xlsx, hence the starting height.
    s.height(row, wrappedRowHeight(rowTexts(task), widths, typography.tableSize)).fit(row);
  });
  const last = h + tasks.length;
  const body = (key: FormColumnKey) => rangeAddress(h + 1, formColumn(key), last, formColumn(key));
  s.validate(statusValidation(body("status")));
  s.validate(completionValidation(body("completedOn"), plan));
  s.validate({
    range: body("progress"),
    type: "decimal",
    operator: "between",
    min: 0,
    max: 100,
    allowBlank: true,
    prompt: { title: "Tiến độ (%)", message: "Nhập số từ 0 đến 100 (không cần dấu %)." },
    error: { title: "Tiến độ không hợp lệ", message: "Tiến độ là một số từ 0 đến 100.", style: "stop" },
  });
  for (const key of ["result", "documents", "difficulties", "proposals"] as const) {
    const header = FORM_COLUMNS.find((c) => c.key === key)!.header;
    s.validate(textValidation(body(key), header.replace(/ \(.*\)$/, ""), FORM_TEXT_LIMIT));
  }
  for (const cf of deadlineHighlights(
    `A${h + 1}:${columnLetter(visible)}${last}`,
    ref(h + 1, "assessment").replace(/\$(\d)/, "$1"),
  ))
    s.format(cf);

  // Footer: who prepared the report, phone, date.
  const footerTop = last + 2;
  FORM_FOOTER_FIELDS.forEach((f, i) => {
    const row = footerTop + i;
    s.merge(row, 1, row, 2, f.label, "label");
    s.merge(row, 3, row, 5, null, f.key === "preparedOn" ? "inputLineDate" : "inputLine");
  });
  const footerCell = (i: number) => `C${footerTop + i}`;
  s.validate(textValidation(footerCell(0), "Người lập biểu", 200));
  s.validate(textValidation(footerCell(1), "Điện thoại", 50));
  s.validate({
    range: footerCell(2),
    type: "date",
    operator: "between",
    min: { date: period.from },
    max: { date: `${plan.document.years.to + 1}-12-31` },
    allowBlank: true,
    prompt: { title: "Ngày lập báo cáo", message: "Nhập ngày/tháng/năm lập báo cáo." },
    error: { title: "Ngày không hợp lệ", message: `Ngày lập phải từ ${dmy(period.from)} trở đi.`, style: "stop" },
  });
  const lastRow = signatureBlock(s, footerTop + FORM_FOOTER_FIELDS.length + 1, visible);

  s.with({
    print: officialPrint({ headerRows: { first: h, last: h }, area: `A1:${columnLetter(visible)}${lastRow}` }),
    freeze: { rows: h, columns: 0 },
    showGridLines: false,
    protection: {
      ...(options.password ? { password: options.password } : {}),
      allow: {
        selectLockedCells: true,
        selectUnlockedCells: true,
        formatColumns: true,
        formatRows: true,
        sort: false,
        autoFilter: false,
      },
    },
  });

  const props = identityProperties({
    kind: "form",
    planId: plan.id,
    formId: formId(plan.id, unit.code, period.id),
    unitCode: unit.code,
    unitName: unit.name,
    period: period.id,
    fingerprint: formFingerprint(plan.id, unit.code, period.id, fixed),
    planVersion: plan.version,
  });
  // The TT → task id map can be long (hundreds of tasks): only the meta sheet holds it.
  const taskIds = identityProperties({ kind: "form", planId: plan.id, taskIds: formTaskIds(tasks) });
  return {
    properties: {
      title: `Báo cáo ${period.label.vi} — ${unit.name}`,
      subject: `Báo cáo kết quả thực hiện Phụ lục Kế hoạch triển khai Nghị quyết ${plan.document.resolution.number}`,
      creator: plan.document.reporting.via,
      keywords: `${plan.document.resolution.number}; ${unit.code}; ${period.id}`,
    },
    customProperties: props,
    defaultFont: { name: typography.fontName, size: typography.tableSize },
    styles: standardStyles(typography),
    sheets: [s.build(), metaSheet({ ...props, ...taskIds })],
    definedNames: identityNames(props),
    activeSheet: 0,
  };
}

/**
 * Place and date, then "NGƯỜI LẬP BIỂU" (left) and "THỦ TRƯỞNG ĐƠN VỊ" (right) with their signing
 * notes and room to sign and stamp (Nghị định 30/2020). Returns the block's last row.
 */
function signatureBlock(s: SheetBuilder, top: number, width: number): number {
  const S = FORM_SIGNATURE;
  const right = width - 4;
  s.merge(top, right, top, width, S.placeDate, "note");
  s.merge(top + 1, 1, top + 1, 3, S.preparer, "subtitle");
  s.merge(top + 1, right, top + 1, width, S.head, "subtitle");
  s.merge(top + 2, 1, top + 2, 3, S.preparerNote, "note");
  s.merge(top + 2, right, top + 2, width, S.headNote, "note");
  // Room for a signature and a stamp (about 3 cm).
  s.height(top + 3, 85);
  return top + 3;
}

function textValidation(range: string, title: string, limit: number): Validation {
  return {
    range,
    type: "textLength",
    operator: "lessThanOrEqual",
    max: limit,
    allowBlank: true,
    prompt: { title, message: `Nhập nội dung, tối đa ${limit} ký tự.` },
    error: {
      title: "Nội dung quá dài",
      message: `Tối đa ${limit} ký tự. Hãy viết gọn hoặc gửi kèm văn bản.`,
      style: "stop",
    },
  };
}

/** "1=NV01;3=NV03": a form's TT numbers and the book's stable ids of those tasks. */
export function formTaskIds(tasks: readonly Task[]): string {
  return tasks.map((t) => `${t.number}=${t.id}`).join(";");
}

/** Reads formTaskIds back; null when absent or damaged (then tasks are matched by TT, as before). */
export function parseFormTaskIds(text: string | undefined): Map<number, string> | null {
  if (!text) return null;
  const out = new Map<number, string>();
  for (const part of text.split(";")) {
    const m = /^(\d{1,4})=(.{1,40})$/.exec(part.trim());
    if (!m) return null;
    out.set(Number(m[1]), m[2]!);
  }
  return out.size > 0 ? out : null;
}

function rowTexts(task: Task): string[] {
  return [String(task.number), task.content, task.timing];
}
