/** The problems found in one file, in the order they are found (that order is the report's). */
import { serialToIso } from "../../dates";
import type { Text } from "../../i18n";
import type { IsoDate } from "../../plan/types";
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
    const date = cellDate(c);
    if (date) this.items[this.items.length - 1]!.date = date;
  }
}

/** A date cell holds a serial number (46192); the unit saw 20/06/2026, and reports show that. */
export function cellDate(c: ReadCell): IsoDate | null {
  return c.isDate && typeof c.value === "number" && c.value >= 61 && c.value < 2958466 ? serialToIso(c.value) : null;
}
