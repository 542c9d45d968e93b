/**
 * The report form's layout, shared by the form builder and the consolidator (which also finds
 * columns by their header text, so a form whose columns were moved still reads).
 */

export type FormColumnKey =
  | "number"
  | "content"
  | "timing"
  | "due"
  | "status"
  | "completedOn"
  | "progress"
  | "result"
  | "documents"
  | "difficulties"
  | "proposals"
  | "assessment"
  | "repeat";

export interface FormColumn {
  key: FormColumnKey;
  header: string;
  width: number;
  /** Units type into these; everything else is fixed and locked. */
  input: boolean;
  hidden?: boolean;
  /** Headers earlier forms used for this column: returned old forms are still read. */
  formerHeaders?: string[];
}

/**
 * Left to right; the one place a form column's position, header and width are decided. The
 * visible widths add up to 133 characters: fit-to-width on A4 landscape then prints the body at
 * 10 pt (169 characters printed at 8 pt); long texts wrap onto more lines instead. "Kết quả thực
 * hiện" is the widest so that a 1,000-character result still fits one printed page (no program
 * splits a row across pages).
 */
export const FORM_COLUMNS: FormColumn[] = [
  { key: "number", header: "TT", width: 4, input: false },
  { key: "content", header: "Nội dung công việc", width: 19, input: false },
  { key: "timing", header: "Thời gian thực hiện", width: 9, input: false },
  // The first deadline on or after the period's start (the one the unit is judged against), which
  // can fall after the period's end: "Hạn trong kỳ" promised a date inside the period.
  { key: "due", header: "Hạn hoàn thành gần nhất", width: 10, input: false, formerHeaders: ["Hạn trong kỳ"] },
  { key: "status", header: "Tình trạng", width: 9, input: true },
  { key: "completedOn", header: "Ngày hoàn thành", width: 10, input: true },
  { key: "progress", header: "Tiến độ (%)", width: 5, input: true },
  { key: "result", header: "Kết quả thực hiện", width: 30, input: true },
  { key: "documents", header: "Văn bản đã ban hành (số, ký hiệu, ngày)", width: 10, input: true },
  { key: "difficulties", header: "Khó khăn, vướng mắc", width: 9, input: true },
  { key: "proposals", header: "Đề xuất, kiến nghị", width: 9, input: true },
  { key: "assessment", header: "Đánh giá hạn", width: 9, input: false },
  { key: "repeat", header: "Lặp lại", width: 10, input: false, hidden: true },
];

export const formColumn = (key: FormColumnKey): number => FORM_COLUMNS.findIndex((c) => c.key === key) + 1;

export const FORM_SHEET = "Báo cáo";
export const FORM_HEADER_ROW = 6;
export const FORM_FIRST_TASK_ROW = FORM_HEADER_ROW + 1;

/** Fixed cells in the title block the consolidator reads for identity when metadata is gone. */
export const FORM_UNIT_NAME_CELL = "C3";
export const FORM_UNIT_CODE_CELL = "K3";
export const FORM_PERIOD_CELL = "A2";
export const FORM_PERIOD_END_CELL = "K4";

/** Longest text accepted in a free-text input cell (validation and consolidation agree). */
export const FORM_TEXT_LIMIT = 2000;

/** Footer fields: label in column B, value in column C (merged to E), rows after the table. */
export const FORM_FOOTER_FIELDS = [
  { key: "preparer", label: "Người lập biểu:" },
  { key: "phone", label: "Điện thoại:" },
  { key: "preparedOn", label: "Ngày lập báo cáo:" },
] as const;

export type FormFooterKey = (typeof FORM_FOOTER_FIELDS)[number]["key"];

/**
 * The signature block under the footer (Nghị định 30/2020, Phụ lục I: the signer's title in bold
 * capitals, the signing note in italics beneath, place and date above on the right). Fixed texts:
 * the consolidator recognises them and does not list them as the unit's own notes.
 */
export const FORM_SIGNATURE = {
  placeDate: "……, ngày …… tháng …… năm ……",
  preparer: "NGƯỜI LẬP BIỂU",
  preparerNote: "(Ký, ghi rõ họ tên)",
  head: "THỦ TRƯỞNG ĐƠN VỊ",
  headNote: "(Ký tên, đóng dấu)",
} as const;
