/**
 * The book's layout ("Sổ theo dõi" as the place where the plan is edited): sheet names, column
 * headers and the "Thông tin" fields, shared by the builder (book.ts, appendix.ts) and the reader
 * (src/book). The reader finds columns by their header text, so the office may move them.
 */
import type { PlanDocument, AppendixText } from "../plan/types";

export const UNITS_SHEET = "Đơn vị";
export const ASSIGN_SHEET = "Phân công";
export const INFO_SHEET = "Thông tin";
/** The plan sheets the tracking book has after "Phụ lục" and "Theo dõi", in order. */
export const PLAN_SHEETS = [UNITS_SHEET, ASSIGN_SHEET, INFO_SHEET] as const;

/**
 * Bumped when the book's sheets change in a way an older reader would misread. A book whose
 * version is newer than this is refused with a message (never read half-right).
 */
export const BOOK_FORMAT_VERSION = 1;
/** Custom document property holding the book's format version (next to the NQ08_ identity). */
export const BOOK_FORMAT_PROPERTY = "NQ08_BookFormat";

/** Appendix columns beyond the source's five: optional texts, then the stable task id. */
export const APPENDIX_EXTRA_HEADERS = {
  partners: "Cơ quan phối hợp",
  result: "Kết quả / sản phẩm",
  id: "Mã nhiệm vụ",
} as const;

export const UNIT_COLUMNS = [
  { key: "code", header: "Mã đơn vị", width: 12 },
  { key: "name", header: "Tên đơn vị", width: 42 },
  { key: "shortName", header: "Tên ngắn", width: 20 },
  { key: "level", header: "Cấp (tỉnh / xã)", width: 10 },
  { key: "kind", header: "Loại", width: 22 },
  { key: "active", header: "Còn báo cáo (Có / Không)", width: 12 },
  { key: "mergedInto", header: "Sáp nhập vào (mã đơn vị)", width: 14 },
  { key: "aliases", header: "Tên gọi khác (cách nhau bằng dấu ;)", width: 30 },
] as const;
export type UnitColumnKey = (typeof UNIT_COLUMNS)[number]["key"];
export const UNITS_HEADER_ROW = 3;

export const LEVEL_LABELS = { provincial: "tỉnh", commune: "xã" } as const;
export const YES = "Có";
export const NO = "Không";

/** "Phân công": row 3 holds the task ids (the key), row 4 the TT and the unit columns' headers. */
export const ASSIGN_ID_ROW = 3;
export const ASSIGN_HEADER_ROW = 4;
export const ASSIGN_FIRST_TASK_COLUMN = 3;
export const ASSIGN_MARK = "x";
export const ASSIGN_HEADERS = { idLabel: "Mã nhiệm vụ →", code: "Mã đơn vị", name: "Tên đơn vị" } as const;

/** Rows left with validation (and read) below the last one written, for rows the office types in. */
export const SPARE_ROWS = 300;

export const INFO_HEADER_ROW = 3;
export const INFO_HEADERS = { label: "Mục", value: "Nội dung", key: "Khóa (không sửa)" } as const;

/** The plan facts "Thông tin" holds: one row each, found by the key in the hidden third column. */
export interface InfoField {
  key: string;
  label: string;
  kind: "text" | "lines" | "year" | "whole" | "date";
}

export const INFO_FIELDS: InfoField[] = [
  { key: "planId", label: "Mã kế hoạch (giữ nguyên suốt nhiệm kỳ)", kind: "text" },
  { key: "province", label: "Tỉnh", kind: "text" },
  { key: "issuedBy", label: "Cơ quan ban hành kế hoạch", kind: "text" },
  { key: "number", label: "Số kế hoạch", kind: "text" },
  { key: "placeAndDate", label: "Địa danh, ngày tháng", kind: "text" },
  { key: "kind", label: "Loại văn bản", kind: "text" },
  { key: "title", label: "Trích yếu kế hoạch", kind: "text" },
  { key: "resolution.number", label: "Số nghị quyết", kind: "text" },
  { key: "resolution.date", label: "Ngày nghị quyết", kind: "date" },
  { key: "resolution.issuedBy", label: "Cơ quan ban hành nghị quyết", kind: "text" },
  { key: "resolution.subject", label: "Trích yếu nghị quyết", kind: "text" },
  { key: "years.from", label: "Kế hoạch từ năm", kind: "year" },
  { key: "years.to", label: "Kế hoạch đến năm", kind: "year" },
  { key: "term.from", label: "Nhiệm kỳ từ năm", kind: "year" },
  { key: "term.to", label: "Nhiệm kỳ đến năm", kind: "year" },
  { key: "reporting.everyMonths", label: "Báo cáo định kỳ (số tháng)", kind: "whole" },
  { key: "reporting.to", label: "Báo cáo về", kind: "text" },
  { key: "reporting.via", label: "Cơ quan tổng hợp (qua)", kind: "text" },
  { key: "reporting.text", label: "Câu về báo cáo trong kế hoạch", kind: "text" },
  { key: "signer.authority", label: "Thẩm quyền ký", kind: "text" },
  { key: "signer.title", label: "Chức vụ người ký", kind: "text" },
  { key: "signer.name", label: "Người ký", kind: "text" },
  { key: "recipients", label: "Nơi nhận (mỗi dòng một nơi)", kind: "lines" },
  { key: "appendix.label", label: "Tiêu đề phụ lục", kind: "text" },
  { key: "appendix.titleLines", label: "Tên phụ lục (mỗi dòng một dòng in)", kind: "lines" },
  { key: "appendix.note", label: "Dòng ghi chú dưới tên phụ lục", kind: "text" },
  { key: "bookFormat", label: "Phiên bản định dạng sổ (không sửa)", kind: "whole" },
];

export type InfoValue = string | number | string[];

/** The plan facts as "Thông tin" shows them, by key. */
export interface InfoFacts {
  id: string;
  document: PlanDocument;
  appendix: AppendixText;
}

/** Reads one field from the facts (the builder's view). */
export function infoValue(facts: InfoFacts, key: string): InfoValue {
  if (key === "planId") return facts.id;
  if (key === "bookFormat") return BOOK_FORMAT_VERSION;
  const [head, tail] = key.split(".") as [string, string | undefined];
  const root: Record<string, unknown> = head === "appendix" ? (facts.appendix as never) : (facts.document as never);
  const name = head === "appendix" ? tail! : head;
  const sub = head === "appendix" ? undefined : tail;
  const value = sub ? (root[name] as Record<string, unknown>)[sub] : root[name];
  return value as InfoValue;
}

/** Writes one field into the facts (the reader's side); the caller has checked the value's kind. */
export function setInfoValue(facts: InfoFacts, key: string, value: InfoValue): void {
  if (key === "bookFormat") return;
  if (key === "planId") {
    facts.id = String(value);
    return;
  }
  const [head, tail] = key.split(".") as [string, string | undefined];
  if (head === "appendix") {
    (facts.appendix as unknown as Record<string, unknown>)[tail!] = value;
    return;
  }
  const doc = facts.document as unknown as Record<string, unknown>;
  if (tail) (doc[head] as Record<string, unknown>)[tail] = value;
  else doc[head] = value;
}
