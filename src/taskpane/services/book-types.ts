/** What the pages get back when they load the plan from a book (type-only: costs nothing at start). */
import type { Text } from "../../i18n";

export interface BookSummary {
  tasks: number;
  /** Units still reporting ("Còn báo cáo: Có"). */
  units: number;
  /** Units with at least one task. */
  reporting: number;
  version: string;
}

export type BookOutcome =
  | {
      kind: "book";
      /** Where the plan came from: "tệp X" / "sổ đang mở". */
      source: Text;
      /** True when the book had no errors: its plan is now the pane's plan. */
      used: boolean;
      summary: BookSummary | null;
      /** Every problem, named with sheet and cell ("Phụ lục!A9 — lỗi: …"). */
      problems: { severity: "error" | "warning"; sheet: string; cell: string; text: Text }[];
    }
  /** Excel mode: the open workbook has none of the book sheets. */
  | { kind: "no-book"; text: Text };
