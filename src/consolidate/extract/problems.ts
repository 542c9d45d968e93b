/** The problems found in one file, in the order they are found (that order is the report's). */
import type { Text } from "../../i18n";
import type { ReadCell } from "../../xlsx/read";
import type { CellScalar, Problem, ProblemCode, Severity } from "../types";

export class ProblemList {
  readonly items: Problem[] = [];
  constructor(private readonly file: string) {}

  add(
    severity: Severity,
    code: ProblemCode,
    text: Text,
    where: { sheet?: string; cell?: string } = {},
    value: CellScalar | null = null,
    extra: { formula?: string; expected?: string } = {},
  ): void {
    const p: Problem = {
      file: this.file,
      sheet: where.sheet ?? "",
      cell: where.cell ?? "",
      severity,
      code,
      text,
      value,
    };
    if (extra.formula !== undefined) p.formula = extra.formula;
    if (extra.expected !== undefined) p.expected = extra.expected;
    this.items.push(p);
  }

  /** A cell's problem: sheet, address and the value verbatim (with its formula, if any). */
  cell(severity: Severity, code: ProblemCode, text: Text, sheet: string, c: ReadCell, expected?: string): void {
    this.add(severity, code, text, { sheet, cell: c.ref }, c.value, {
      ...(c.formula !== undefined ? { formula: c.formula } : {}),
      ...(expected !== undefined ? { expected } : {}),
    });
  }
}
