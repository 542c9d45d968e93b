/**
 * Calendar-day arithmetic on ISO strings. Everything goes through Date.UTC so a day is a day:
 * no local time zone, no daylight saving, no instants.
 */
import type { IsoDate } from "../plan/types";
import type { Repeat } from "./types";

const DAY_MS = 86400000;

import { isoOf, lastDayOfMonth, splitIso } from "../dates";

// Calendar facts live with the other date conversions; re-exported for the schedule modules.
export { isoOf, isValidDate, lastDayOfMonth, splitIso } from "../dates";

function mustSplit(iso: IsoDate): [number, number, number] {
  const parts = splitIso(iso);
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${iso}"`);
  return parts;
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  const [y, m, d] = mustSplit(iso);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = mustSplit(from);
  const [y2, m2, d2] = mustSplit(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/** The last day of the repeat's calendar slot (month, quarter, half year, year) that holds `iso`. */
export function slotEnd(repeat: Repeat, iso: IsoDate): IsoDate {
  const [y, m] = mustSplit(iso);
  switch (repeat) {
    case "monthly":
      return isoOf(y, m, lastDayOfMonth(y, m));
    case "quarterly": {
      const qm = Math.ceil(m / 3) * 3;
      return isoOf(y, qm, lastDayOfMonth(y, qm));
    }
    case "half-yearly":
      return m <= 6 ? isoOf(y, 6, 30) : isoOf(y, 12, 31);
    default:
      return isoOf(y, 12, 31);
  }
}

/** The first slot end strictly after `iso`. */
export function nextSlotEnd(repeat: Repeat, iso: IsoDate): IsoDate {
  const end = slotEnd(repeat, iso);
  return end > iso ? end : slotEnd(repeat, addDays(iso, 1));
}

/**
 * The dates a repeat falls on, from `first` up to `until` inclusive. Yearly keeps `first`'s month and day
 * (29 February becomes 28 February in common years); the others fall on the ends of their slots.
 */
export function occurrences(repeat: Repeat, first: IsoDate, until: IsoDate | null): IsoDate[] {
  if (repeat === "none" || repeat === "ongoing" || until === null || until < first) return [first];
  const out: IsoDate[] = [];
  if (repeat === "yearly") {
    const [y0, m, d] = mustSplit(first);
    for (let y = y0; ; y++) {
      const date = isoOf(y, m, Math.min(d, lastDayOfMonth(y, m)));
      if (date > until) break;
      out.push(date);
    }
    return out;
  }
  for (let date = first; date <= until; date = nextSlotEnd(repeat, date)) out.push(date);
  return out;
}
