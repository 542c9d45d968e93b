/** Problems found in a book: each names its sheet and cell, in Vietnamese then English. */
import type { Text } from "../i18n";

export type BookProblemCode =
  | "not-readable"
  | "not-a-book"
  | "wrong-kind"
  | "newer-format"
  | "sheet-missing"
  | "sheet-renamed"
  | "header-missing"
  | "column-missing"
  | "merged-cells"
  | "blank-row"
  | "number-invalid"
  | "number-duplicate"
  | "id-duplicate"
  | "id-default"
  | "content-empty"
  | "timing-unread"
  | "group-empty"
  | "code-empty"
  | "code-duplicate"
  | "name-empty"
  | "level-invalid"
  | "active-invalid"
  | "merged-into-unknown"
  | "merged-but-active"
  | "assign-task-unknown"
  | "assign-task-duplicate"
  | "assign-mark-invalid"
  | "assign-unit-unknown"
  | "assign-unit-inactive"
  | "assign-unit-duplicate"
  | "task-unassigned"
  | "info-missing"
  | "info-invalid"
  | "no-tasks"
  | "history-header"
  | "history-column"
  | "history-period";

export interface BookProblem {
  severity: "error" | "warning";
  code: BookProblemCode;
  /** Empty for a problem with the whole file. */
  sheet: string;
  /** A1 address or range; empty for a problem with a whole sheet. */
  cell: string;
  text: Text;
}

export function hasErrors(problems: readonly BookProblem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** "Phụ lục!A12 — lỗi: …" then the English line: how the CLI and the pages list a problem. */
export function formatBookProblem(p: BookProblem): Text {
  const where = p.sheet ? `${p.sheet}${p.cell ? `!${p.cell}` : ""}` : "";
  const vi = `${where ? `${where} — ` : ""}${p.severity === "error" ? "lỗi" : "lưu ý"}: ${p.text.vi}`;
  const en = `${where ? `${where} — ` : ""}${p.severity === "error" ? "error" : "warning"}: ${p.text.en}`;
  return { vi, en };
}

export class BookProblems {
  readonly items: BookProblem[] = [];

  error(code: BookProblemCode, sheet: string, cell: string, text: Text): void {
    this.items.push({ severity: "error", code, sheet, cell, text });
  }

  warning(code: BookProblemCode, sheet: string, cell: string, text: Text): void {
    this.items.push({ severity: "warning", code, sheet, cell, text });
  }
}
