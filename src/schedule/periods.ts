/**
 * Reporting periods of Nghị định 09/2019/NĐ-CP (chế độ báo cáo): the "6 tháng đầu năm Y" period runs from
 * 15/12/(Y-1) to 14/6/Y, "6 tháng cuối năm" from 15/6/Y to 14/12/Y, the year from 15/12/(Y-1) to 14/12/Y.
 */
import type { Text } from "../i18n";
import type { IsoDate } from "../plan/types";
import { isoOf, splitIso } from "./calendar";

/** "2026-H1", "2026-H2" or "2026". */
export type PeriodId = string;

export interface ReportPeriod {
  id: PeriodId;
  kind: "H1" | "H2" | "year";
  year: number;
  from: IsoDate;
  to: IsoDate;
  label: Text;
}

function build(kind: ReportPeriod["kind"], year: number): ReportPeriod {
  switch (kind) {
    case "H1":
      return {
        id: `${year}-H1`,
        kind,
        year,
        from: isoOf(year - 1, 12, 15),
        to: isoOf(year, 6, 14),
        label: { vi: `6 tháng đầu năm ${year}`, en: `First half of ${year}` },
      };
    case "H2":
      return {
        id: `${year}-H2`,
        kind,
        year,
        from: isoOf(year, 6, 15),
        to: isoOf(year, 12, 14),
        label: { vi: `6 tháng cuối năm ${year}`, en: `Second half of ${year}` },
      };
    default:
      return {
        id: String(year),
        kind,
        year,
        from: isoOf(year - 1, 12, 15),
        to: isoOf(year, 12, 14),
        label: { vi: `Năm ${year}`, en: `Year ${year}` },
      };
  }
}

/**
 * Periods by the text naming them: a history asks for the same few periods half a million times.
 * The objects are shared, hence frozen. Bounded, so odd input cannot grow it without limit.
 */
const periodCache = new Map<string, ReportPeriod | null>();

/** The period an id names ("2026-H1", "2026-h2", "2026"); null for anything else. */
export function reportPeriod(id: string): ReportPeriod | null {
  let p = periodCache.get(id);
  if (p === undefined) {
    p = parsePeriod(id);
    if (p) {
      Object.freeze(p.label);
      Object.freeze(p);
    }
    if (periodCache.size >= 10_000) periodCache.clear();
    periodCache.set(id, p);
  }
  return p;
}

function parsePeriod(id: string): ReportPeriod | null {
  const m = /^(\d{4})(?:-([Hh][12]))?$/.exec(id.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1901 || year > 2100) return null;
  const half = m[2]?.toUpperCase();
  return build(half === "H1" ? "H1" : half === "H2" ? "H2" : "year", year);
}

/** The half-year period a date falls in (from 15/12 a date belongs to the next year's first half). */
export function periodContaining(date: IsoDate): ReportPeriod {
  const parts = splitIso(date);
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
  const [y, m, d] = parts;
  if (m === 12 && d >= 15) return build("H1", y + 1);
  if (m < 6 || (m === 6 && d <= 14)) return build("H1", y);
  return build("H2", y);
}
