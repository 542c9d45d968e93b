/**
 * Forms that start from last period (src/jobs/history.ts prefillFromHistory): what a prefilled row
 * holds, and the mark that shows it unchanged. Kept apart from form.ts, which only places the values.
 */
import { isoToSerial } from "../dates";
import type { IsoDate } from "../plan/types";
import { columnLetter } from "./a1";
import { formColumn, type FormColumnKey } from "./form-layout";
import type { ConditionalFormat } from "./model";

/**
 * A row started from the unit's last report. Shown in grey italics while unchanged (a conditional
 * format compares the cells with these values); `locked`: a one-off task already done stays done.
 */
export interface FormPrefill {
  status: string | null;
  completedOn: IsoDate | null;
  progress: number | null;
  result: string | null;
  locked: boolean;
}

/** Grey italics on a prefilled row while its four cells still hold last period's values. */
export function carriedOverFormat(
  row: number,
  before: FormPrefill,
  ref: (row: number, key: FormColumnKey) => string,
): ConditionalFormat {
  const text = (v: string | null) => `"${(v ?? "").replace(/"/g, '""')}"`;
  const same = [
    `${ref(row, "status")}=${text(before.status)}`,
    before.completedOn
      ? `${ref(row, "completedOn")}=${isoToSerial(before.completedOn)}`
      : `${ref(row, "completedOn")}=""`,
    before.progress !== null ? `${ref(row, "progress")}=${before.progress}` : `${ref(row, "progress")}=""`,
    `${ref(row, "result")}=${text(before.result)}`,
  ];
  const first = columnLetter(formColumn("status"));
  const last = columnLetter(formColumn("result"));
  return {
    kind: "expression",
    range: `${first}${row}:${last}${row}`,
    formula: `AND(${same.join(",")})`,
    style: { font: { italic: true, color: "7F7F7F" } },
  };
}
