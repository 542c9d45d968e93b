import { DEADLINE_CLASS_LABELS, OVERDUE_UNREPORTED_LABEL } from "../schedule";
import type { ConditionalFormat } from "./model";
import type { SheetBuilder } from "./sheet-builder";
import { STATUS_COLORS } from "./styles";

/**
 * Which colour each highlighted label gets; "in-progress" and "not-reported" stay plain. Overdue rows
 * are also bold, so they stand out on a black-and-white printer where the fills are near-identical greys
 * (the class word itself is printed in its own column too).
 */
const HIGHLIGHTS: { label: string; color: { fill: string; font: string }; bold: boolean; legendStyle: string }[] = [
  { label: OVERDUE_UNREPORTED_LABEL.vi, color: STATUS_COLORS.overdue, bold: true, legendStyle: "legendOverdue" },
  { label: DEADLINE_CLASS_LABELS.overdue.vi, color: STATUS_COLORS.overdue, bold: true, legendStyle: "legendOverdue" },
  {
    label: DEADLINE_CLASS_LABELS["due-soon"].vi,
    color: STATUS_COLORS.dueSoon,
    bold: false,
    legendStyle: "legendDueSoon",
  },
  {
    label: DEADLINE_CLASS_LABELS["done-on-time"].vi,
    color: STATUS_COLORS.done,
    bold: false,
    legendStyle: "legendDone",
  },
  {
    label: DEADLINE_CLASS_LABELS["done-late"].vi,
    color: STATUS_COLORS.doneLate,
    bold: false,
    legendStyle: "legendDoneLate",
  },
  { label: DEADLINE_CLASS_LABELS.ongoing.vi, color: STATUS_COLORS.ongoing, bold: false, legendStyle: "legendOngoing" },
];

/**
 * Conditional formats that colour whole rows by the class text in `classCell` (relative row, e.g.
 * "$L6"), so they work in Excel, LibreOffice and WPS and follow any change of date or status.
 */
export function deadlineHighlights(range: string, classCell: string): ConditionalFormat[] {
  return HIGHLIGHTS.map(({ label, color, bold }) => ({
    kind: "expression",
    range,
    formula: `${classCell}="${label}"`,
    style: { fill: color.fill, font: { color: color.font, ...(bold ? { bold: true } : {}) } },
    stopIfTrue: true,
  }));
}

/**
 * "Chú thích:" in `column`, then one coloured cell per class, left to right from `firstItem`
 * (default: the next column), each `span` columns wide. "Quá hạn (chưa báo cáo)" appears only
 * where a sheet can show it (`overdueUnreported`).
 */
export function legendRow(
  s: SheetBuilder,
  row: number,
  column: number,
  options: { span?: 1 | 2; overdueUnreported?: boolean; firstItem?: number } = {},
): void {
  const span = options.span ?? 2;
  const start = options.firstItem ?? column + 1;
  s.set(row, column, "Chú thích:", "label");
  HIGHLIGHTS.filter((h) => options.overdueUnreported || h.label !== OVERDUE_UNREPORTED_LABEL.vi).forEach(
    ({ label, legendStyle }, i) => {
      const first = start + i * span;
      s.merge(row, first, row, first + span - 1, label, legendStyle);
    },
  );
}
