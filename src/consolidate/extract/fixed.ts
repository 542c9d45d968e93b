/**
 * The form's fixed cells (task content, timing, due date): the fingerprint stored in the file says
 * at once whether any changed; only then is each compared with the form's own, to say which.
 * A changed fixed cell is a warning: the values entered are still merged by TT number.
 */
import type { Plan } from "../../plan/types";
import type { ReportPeriod } from "../../schedule";
import { nfc, tidySpaces } from "../../text/vietnamese";
import { address } from "../../workbook/a1";
import { dmy } from "../../dates";
import { formFingerprint, formFixedRows, type FormFixedRow } from "../../workbook/form";
import type { ReadCell } from "../../xlsx/read";
import { M } from "../messages";
import type { TaskEntry } from "../types";
import { cellText, readDate } from "../values";
import type { ProblemList } from "./problems";
import type { FixedCells } from "./rows";
import { filled, type FormSheet } from "./sheet";

function sameText(a: string, b: string): boolean {
  return tidySpaces(nfc(a)) === tidySpaces(nfc(b));
}

export function checkFixedCells(
  plan: Plan,
  unitCode: string,
  period: ReportPeriod,
  fingerprint: string | undefined,
  form: FormSheet,
  entries: TaskEntry[],
  fixed: Map<number, FixedCells>,
  problems: ProblemList,
): void {
  const shown: FormFixedRow[] = entries.map((e) => {
    const f = fixed.get(e.task)!;
    const due = f.due ? readDate(f.due) : null;
    return {
      number: e.task,
      content: f.content ? nfc(cellText(f.content)) : "",
      timing: f.timing ? nfc(cellText(f.timing)) : "",
      due: due && due.ok ? due.iso : null,
    };
  });
  if (formFingerprint(plan.id, unitCode, period.id, shown) === fingerprint) return;
  const col = form.header.columns;
  const sheet = form.name;
  const expected = formFixedRows(plan, unitCode, period);
  for (const e of entries) {
    const want = expected.find((x) => x.number === e.task);
    const f = fixed.get(e.task)!;
    if (!want) continue;
    checkFixed(
      problems,
      sheet,
      "nội dung công việc",
      f.content,
      want.content,
      (c) => sameText(cellText(c), want.content),
      address(e.row, col.get("content") ?? 2),
    );
    checkFixed(
      problems,
      sheet,
      "thời gian thực hiện",
      f.timing,
      want.timing,
      (c) => sameText(cellText(c), want.timing),
      address(e.row, col.get("timing") ?? 3),
    );
    checkFixed(
      problems,
      sheet,
      "hạn trong kỳ",
      f.due,
      want.due ? dmy(want.due) : "",
      (c) => {
        const d = readDate(c);
        return d.ok && d.iso === want.due;
      },
      address(e.row, col.get("due") ?? 4),
      want.due === null,
    );
  }
}

function checkFixed(
  problems: ProblemList,
  sheet: string,
  what: string,
  cell: ReadCell | undefined,
  expected: string,
  same: (c: ReadCell) => boolean,
  at: string,
  expectEmpty = false,
): void {
  if (!filled(cell)) {
    if (expected === "" || expectEmpty) return;
    problems.add("warning", "fixed-changed", M.fixedChanged(what), { sheet, cell: at }, null, { expected });
    return;
  }
  if (!same(cell)) problems.cell("warning", "fixed-changed", M.fixedChanged(what), sheet, cell, expected);
}
