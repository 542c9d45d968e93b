/**
 * The one place dates change shape: ISO "YYYY-MM-DD" (how the code keeps them), Excel's serial
 * number (how workbooks keep them) and "dd/mm/yyyy" (how Vietnamese offices write and type them).
 * Calendar dates only: no time zones, no instants — everything goes through Date.UTC.
 */
import type { IsoDate } from "../plan/types";

const DAY_MS = 86400000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const pad2 = (n: number) => String(n).padStart(2, "0");

export function isoOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= lastDayOfMonth(year, month)
  );
}

/** "2026-06-30" → [2026, 6, 30]; null when the string is not a real calendar date. */
export function splitIso(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const parts: [number, number, number] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(...parts) ? parts : null;
}

/** A real calendar date in YYYY-MM-DD between 1901 and 2100 (the range a report date can sensibly take). */
export function isIsoDate(text: string): boolean {
  const parts = splitIso(text);
  return parts !== null && parts[0] >= 1901 && parts[0] <= 2100;
}

/** Excel's 1900 date system serial for a calendar date (1900-03-01 onwards, which is all we use). */
export function isoToSerial(iso: IsoDate): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - EXCEL_EPOCH) / DAY_MS);
}

/** Inverse of isoToSerial; fractional parts (times of day) are dropped. */
export function serialToIso(serial: number): IsoDate {
  return new Date(EXCEL_EPOCH + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * "2026-06-14" → "14/06/2026": the one way dates are written for people — in sheets, documents,
 * messages and the pane alike, and what Excel's dd/mm/yyyy format shows. Non-dates come back as given.
 */
export function dmy(iso: string): string {
  const parts = splitIso(iso);
  return parts ? `${pad2(parts[2])}/${pad2(parts[1])}/${parts[0]}` : iso;
}

/** "14/6/2026", "14/06/2026", "14-6-2026", "14.6.2026" → "2026-06-14"; null when not a real date. */
export function parseDmy(text: string): IsoDate | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? isoOf(y, mo, d) : null;
}

/** A date as a person types it: "dd/mm/yyyy" (Vietnamese order) or ISO "yyyy-mm-dd"; null otherwise. */
export function parseUserDate(text: string): IsoDate | null {
  const t = text.trim();
  if (splitIso(t)) return t;
  return parseDmy(t);
}

/** Today on this computer's calendar (not UTC: a Vietnamese morning is still "today"). */
export function todayIso(now: Date = new Date()): IsoDate {
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
