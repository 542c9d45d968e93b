/**
 * The heading block of a Party document (Hướng dẫn 36-HD/VPTW): on the left the issuing office
 * under its superior body, a star and the document code line; on the right "ĐẢNG CỘNG SẢN VIỆT
 * NAM" and the place-and-date line. Printed sheets the office files start with it.
 */
import type { IsoDate, Plan } from "../plan/types";
import { splitIso } from "../dates";
import type { Style } from "./model";
import type { SheetBuilder } from "./sheet-builder";
import type { Typography } from "./styles";

export function headingStyles(t: Typography): Record<string, Style> {
  const base = { name: t.fontName, size: t.tableSize };
  const centre = { horizontal: "center", vertical: "center", wrap: true } as const;
  return {
    headUpper: { font: base, alignment: centre },
    headOffice: { font: { ...base, bold: true }, alignment: centre },
    headParty: { font: { ...base, bold: true, underline: true }, alignment: centre },
    headPlace: { font: { ...base, italic: true }, alignment: centre },
  };
}

/** "Ban Tổ chức Tỉnh ủy" → its unit code in the plan ("BTCTU"), else the initials of its words. */
function officeCode(plan: Plan, office: string): string {
  const unit = plan.units.find((u) => u.name.normalize("NFC") === office.normalize("NFC"));
  if (unit) return unit.code;
  return office
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "D")
    .split(/\s+/)
    .map((w) => w.charAt(0).toUpperCase())
    .join("");
}

/** The heading's texts for a report the office (`plan.document.reporting.via`) makes on `date`. */
export function headingTexts(
  plan: Plan,
  date: IsoDate,
): { upper: string; office: string; code: string; party: string; place: string } {
  const doc = plan.document;
  const via = doc.reporting.via;
  const [y, m, d] = splitIso(date) ?? [0, 0, 0];
  return {
    // A provincial Party committee's board is headed by the committee, then the board's short name.
    upper: `TỈNH ỦY ${doc.province.toLocaleUpperCase("vi")}`,
    office: via.replace(/\s+Tỉnh ủy$/u, "").toLocaleUpperCase("vi"),
    // The number is left for the office to write in when the report is registered.
    code: `Số        -BC/${officeCode(plan, via)}`,
    party: "ĐẢNG CỘNG SẢN VIỆT NAM",
    place: `${doc.province}, ngày ${d} tháng ${m} năm ${y}`,
  };
}

/**
 * Writes the heading in rows 1–4 over the sheet's first `width` columns (`widths` in characters):
 * the left block over the first columns, the right block over the last ones. Returns the next row.
 */
export function partyHeading(s: SheetBuilder, plan: Plan, date: IsoDate, widths: number[]): number {
  const n = widths.length;
  const h = headingTexts(plan, date);
  let left = 1;
  for (let sum = widths[0] ?? 0; sum < 34 && left < n;) sum += widths[left++] ?? 0;
  let right = n;
  for (let sum = widths[n - 1] ?? 0; sum < 40 && right > 1;) sum += widths[--right - 1] ?? 0;
  if (right <= left) {
    left = Math.max(1, Math.floor(n / 2));
    right = Math.min(n, left + 1);
  }
  s.merge(1, 1, 1, left, h.upper, "headUpper");
  s.merge(2, 1, 2, left, h.office, "headOffice");
  s.merge(3, 1, 3, left, "*", "headUpper");
  s.merge(4, 1, 4, left, h.code, "headUpper");
  s.merge(1, right, 1, n, h.party, "headParty");
  s.merge(3, right, 3, n, h.place, "headPlace");
  return 6;
}
