/** Reading typed values the way units type them: dates day-first, "80%", numbers stored as text. */
import type { IsoDate } from "../plan/types";
import { serialToIso } from "../dates";
import type { ReadCell } from "../xlsx/read";
import { hash64 } from "../util/hash";

export type DateRead =
  { ok: true; iso: IsoDate; how: "date" | "serial" | "text" } | { ok: false; reason: "invalid" | "not-a-date" };

/** Serials of 1/1/1990 … 31/12/2100: a plain number in this range in a date column is a date. */
const SERIAL_MIN = 32874;
const SERIAL_MAX = 73415;

function isoOf(y: number, m: number, d: number): IsoDate | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Text dates, day first as Vietnamese write them: "30/6/2026", "30-06-2026", "30.6.2026",
 * "ngày 30 tháng 6 năm 2026", two-digit years as 20YY; ISO "2026-06-30". Null when it is not
 * shaped like a date; {invalid} when shaped like one but no such day exists (31/02).
 */
export function parseDateText(text: string): IsoDate | "invalid" | null {
  // "Ngày 27/5/2026", "Nghệ An, ngày 27 tháng 5 năm 2026": the words before the date are not part of it.
  const t = text
    .normalize("NFC")
    .trim()
    .toLowerCase()
    .replace(/^(?:[^\d]*?[\s,])?ngày\s*(?=\d)/u, "")
    .replace(/\.$/, "");
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3])) ?? "invalid";
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/.exec(t);
  if (!m) m = /^(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})$/.exec(t);
  if (!m) return null;
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  return isoOf(year, Number(m[2]), Number(m[1])) ?? "invalid";
}

export function readDate(cell: ReadCell): DateRead {
  if (cell.kind === "number") {
    const n = cell.value as number;
    if (cell.isDate)
      return n >= 1 && n < 2958466 ? { ok: true, iso: serialToIso(n), how: "date" } : { ok: false, reason: "invalid" };
    if (n >= SERIAL_MIN && n <= SERIAL_MAX) return { ok: true, iso: serialToIso(n), how: "serial" };
    return { ok: false, reason: "not-a-date" };
  }
  if (cell.kind === "string") {
    const r = parseDateText(cell.value as string);
    if (r === "invalid") return { ok: false, reason: "invalid" };
    return r ? { ok: true, iso: r, how: "text" } : { ok: false, reason: "not-a-date" };
  }
  return { ok: false, reason: "not-a-date" };
}

export type ProgressRead =
  { ok: true; value: number; converted: boolean } | { ok: false; reason: "range" | "not-a-number" };

/** A number in Vietnamese or English writing: "80", "80,5", "80.5". */
function parseNumberText(text: string): number | null {
  const t = text.trim().replace(/\s+/g, "");
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(",", "."));
}

/** Progress in percent: 0–100; "80%" or 0.8 shown as a percentage → 80 (converted). */
export function readProgress(cell: ReadCell): ProgressRead {
  let value: number | null = null;
  let converted = false;
  if (cell.kind === "number") {
    value = cell.value as number;
    if (cell.numFmt?.includes("%")) {
      value = Math.round(value * 100 * 1e6) / 1e6;
      converted = true;
    }
  } else if (cell.kind === "string") {
    const text = (cell.value as string).trim();
    const pct = /^(.*?)\s*%$/.exec(text);
    value = parseNumberText(pct ? pct[1]! : text);
    converted = true;
  }
  if (value === null || !Number.isFinite(value)) return { ok: false, reason: "not-a-number" };
  if (value < 0 || value > 100) return { ok: false, reason: "range" };
  return { ok: true, value, converted };
}

/** A cell as text: strings verbatim; numbers and booleans as Excel shows them in General format. */
export function cellText(cell: ReadCell): string {
  if (cell.kind === "string") return cell.value as string;
  if (cell.kind === "boolean") return cell.value ? "TRUE" : "FALSE";
  if (cell.kind === "number" && cell.isDate) return serialToIso(cell.value as number);
  return String(cell.value);
}

/** Empty for the consolidator: no value, or only white space. */
export function isBlank(cell: ReadCell | undefined): boolean {
  if (!cell) return true;
  return cell.kind === "string" && (cell.value as string).trim() === "";
}

/**
 * 64-bit content hash (two 32-bit lanes of a multiply-xorshift, as in cyrb53): a stable tie-break
 * and duplicate detector, not a security measure. For a zip (every .xlsx) it hashes the central
 * directory, which lists each part's name, sizes and CRC-32 — the content's identity for a tenth
 * of the bytes; anything else is hashed whole. Fast enough for 50 MB files.
 */
export function contentHash(bytes: Uint8Array): string {
  return hash64(zipCentralDirectory(bytes) ?? bytes, bytes.length);
}

/** The central directory named by the zip's end record, or null when there is no sane one. */
function zipCentralDirectory(b: Uint8Array): Uint8Array | null {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] !== 0x50 || b[i + 1] !== 0x4b || b[i + 2] !== 0x05 || b[i + 3] !== 0x06) continue;
    const u32 = (at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
    const size = u32(i + 12);
    const offset = u32(i + 16);
    return size > 0 && offset + size <= i ? b.subarray(offset, offset + size) : null;
  }
  return null;
}
