/**
 * Checks over a form's task rows as a whole, after each row was read: progress typed as a fraction
 * (0.5 in a plain cell), and cells merged across several task rows (the value then belongs to the
 * first task only, and the unit meant more).
 */
import { parseRange, address } from "../../workbook/a1";
import type { FormColumnKey } from "../../workbook/form-layout";
import { M } from "../messages";
import type { TaskEntry } from "../types";
import type { ProblemList } from "./problems";
import type { FormSheet } from "./sheet";

const INPUT_COLUMNS: FormColumnKey[] = [
  "status",
  "completedOn",
  "progress",
  "result",
  "documents",
  "difficulties",
  "proposals",
];

/**
 * Progress 0 < p < 1 in a plain number cell (no % format) is most likely a fraction: read as a
 * percentage when the unit's other plain progress numbers are fractions too (or there are none),
 * kept otherwise; a warning names the cell either way.
 */
export function checkProgressFractions(form: FormSheet, entries: TaskEntry[], problems: ProblemList): void {
  const read = entries
    .filter((e) => e.progress !== null && e.raw.progress !== undefined)
    .map((e) => {
      // The very cell the entry was read from (by row and column: no index of the sheet by address).
      const c = form.grid.at(e.row, form.header.columns.get("progress")!)!;
      // Typed as a plain number: not text ("80%"), not a percent-formatted cell, not a formula.
      const plain = c.kind === "number" && c.formula === undefined && !c.numFmt?.includes("%");
      return { e, c, plain };
    });
  const fractions = read.filter((x) => x.plain && x.e.progress! > 0 && x.e.progress! < 1);
  if (fractions.length === 0) return;
  const others = read.filter((x) => !fractions.includes(x) && x.e.progress !== 0);
  const asPercent = others.every((x) => x.plain && x.e.progress! <= 1);
  // With fractions, a plain 1 beside them is 100 %: converted and warned like them.
  const warned = asPercent ? [...fractions, ...others] : fractions;
  for (const { e, c } of warned) {
    if (asPercent) e.progress = Math.round(e.progress! * 100 * 1e6) / 1e6;
    problems.cell("warning", "progress-fraction", M.progressFraction(e.progress!, asPercent), form.name, c);
  }
}

/** A merge over input cells of two or more task rows: warned at its first cell, naming the tasks. */
export function checkMergesAcrossTasks(form: FormSheet, entries: TaskEntry[], problems: ProblemList): void {
  const inputCols = new Set(
    INPUT_COLUMNS.map((k) => form.header.columns.get(k)).filter((c): c is number => c !== undefined),
  );
  for (const ref of form.grid.sheet.merges) {
    const r = parseRange(ref);
    if (!r || r.top === r.bottom || r.top <= form.header.row) continue;
    let input = false;
    for (let c = r.left; c <= r.right && !input; c++) input = inputCols.has(c);
    if (!input) continue;
    const tasks = entries.filter((e) => e.row >= r.top && e.row <= r.bottom).map((e) => e.task);
    if (tasks.length < 2) continue;
    const first = address(r.top, r.left);
    const cell = form.grid.sheet.cell(first);
    problems.add(
      "warning",
      "merged-across-tasks",
      M.mergedAcrossTasks(tasks),
      { sheet: form.name, cell: first },
      cell?.value ?? null,
    );
  }
}
