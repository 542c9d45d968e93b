import type { IsoDate } from "../plan/types";

/** Excel's 1900 date system serial for a calendar date (1900-03-01 onwards, which is all we use). */
export function isoToSerial(iso: IsoDate): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

/** Inverse of isoToSerial; fractional parts (times of day) are dropped. */
export function serialToIso(serial: number): IsoDate {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000;
  return new Date(ms).toISOString().slice(0, 10);
}
