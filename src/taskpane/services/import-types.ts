/** What the pages get back from "Nhập phụ lục" (type-only: costs nothing at start). */
import type { Text } from "../../i18n";
import type { Download, ExcelWriteReport } from "./types";

export interface ImportOutcome {
  tasks: number;
  /** The import report, one line each ("[where] text"), as in the book's "Kiểm tra nhập". */
  lines: Text[];
  /** Browser mode: the book to download. */
  download: Download | null;
  /** Excel mode: the sheets written into the open workbook. */
  excel: ExcelWriteReport | null;
}
