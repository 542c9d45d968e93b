import { DEADLINE_CLASS_LABELS } from "../schedule";
import type { DeadlineClass } from "../schedule/types";
import type { ConditionalFormat } from "./model";
import type { SheetBuilder } from "./sheet-builder";
import { STATUS_COLORS } from "./styles";

/** Which colour each deadline class gets; "in-progress" and "not-reported" stay plain. */
const HIGHLIGHTS: { cls: DeadlineClass; color: { fill: string; font: string }; legendStyle: string }[] = [
  { cls: "overdue", color: STATUS_COLORS.overdue, legendStyle: "legendOverdue" },
  { cls: "due-soon", color: STATUS_COLORS.dueSoon, legendStyle: "legendDueSoon" },
  { cls: "done-on-time", color: STATUS_COLORS.done, legendStyle: "legendDone" },
  { cls: "done-late", color: STATUS_COLORS.doneLate, legendStyle: "legendDoneLate" },
  { cls: "ongoing", color: STATUS_COLORS.ongoing, legendStyle: "legendOngoing" },
];

/**
 * Conditional formats that colour whole rows by the class text in `classCell` (relative row, e.g.
 * "$L6"), so they work in Excel, LibreOffice and WPS and follow any change of date or status.
 */
export function deadlineHighlights(range: string, classCell: string): ConditionalFormat[] {
  return HIGHLIGHTS.map(({ cls, color }) => ({
    kind: "expression",
    range,
    formula: `${classCell}="${DEADLINE_CLASS_LABELS[cls].vi}"`,
    style: { fill: color.fill, font: { color: color.font } },
    stopIfTrue: true,
  }));
}

/** "Chú thích:" then one coloured cell per class, left to right from `column`. */
export function legendRow(s: SheetBuilder, row: number, column: number): void {
  s.set(row, column, "Chú thích:", "label");
  HIGHLIGHTS.forEach(({ cls, legendStyle }, i) => {
    s.merge(row, column + 1 + i * 2, row, column + 2 + i * 2, DEADLINE_CLASS_LABELS[cls].vi, legendStyle);
  });
}
