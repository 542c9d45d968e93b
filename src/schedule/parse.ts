/**
 * Reads the "Thời gian thực hiện" phrases of a plan ("Quý II/2026 và hằng năm", "Giai đoạn 2026 - 2030",
 * "Hàng năm, sơ kết giữa nhiệm kỳ và tổng kết cuối nhiệm kỳ", …) into a Schedule.
 *
 * Matching runs on a folded key (no case, no diacritics, tidy spaces and dashes) so the phrase may be typed
 * any way; every part that does not read completely is reported verbatim and nothing is guessed.
 */
import type { IsoDate } from "../plan/types";
import { foldKey, nfc } from "../text/vietnamese";
import { isoOf, isValidDate, lastDayOfMonth, occurrences, slotEnd } from "./calendar";
import type { Milestone, Repeat, Schedule, ScheduleContext } from "./types";

/** The built-in plan's years (2026–2030) and congress term (2025–2030). */
export const DEFAULT_CONTEXT: ScheduleContext = {
  planYears: { from: 2026, to: 2030 },
  term: { from: 2025, to: 2030 },
};

export function contextFromPlan(plan: {
  document: { years: { from: number; to: number }; term: { from: number; to: number } };
}): ScheduleContext {
  const { years, term } = plan.document;
  return { planYears: { from: years.from, to: years.to }, term: { from: term.from, to: term.to } };
}

/** A window the phrase names: a day, month, quarter, half year, year or a span between two of them. */
interface Window {
  kind: "day" | "month" | "quarter" | "half" | "year" | "period";
  /** First day of the window (for a day: the day itself). */
  first: IsoDate;
  /** Last day: the deadline. */
  end: IsoDate;
  /** What `Schedule.start` reports: the first day, or null for a single day. */
  start: IsoDate | null;
}

type ReviewKind = "mid-term-review" | "end-of-term-review";

type Item =
  | { type: "fixed"; window: Window }
  | { type: "repeat"; repeat: Repeat; needsAnchor: boolean }
  | { type: "review"; kind: ReviewKind };

/** An item read at a position of the key, with the position right after it. */
interface Read<T> {
  value: T;
  end: number;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function year(text: string | undefined): number | null {
  const y = Number(text);
  return Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
}

function execAt(re: RegExp, key: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(key);
}

function monthWindow(y: number | null, m: number): Window | null {
  if (y === null || m < 1 || m > 12) return null;
  const first = isoOf(y, m, 1);
  return { kind: "month", first, start: first, end: isoOf(y, m, lastDayOfMonth(y, m)) };
}

function spanWindow(kind: Window["kind"], y: number, fromMonth: number, toMonth: number): Window {
  const first = isoOf(y, fromMonth, 1);
  return { kind, first, start: first, end: isoOf(y, toMonth, lastDayOfMonth(y, toMonth)) };
}

const ROMAN_QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** Patterns on the folded key. Sticky: each must match exactly at the position it is tried. */
const SEP = "(?:[/.-]| nam )"; // between a month/quarter and its year: "6/2026", "6-2026", "6 năm 2026"
const DAY_PREFIX = "(?:(?:truoc|cham nhat(?: la)?|han(?: chot)?|den) )?(?:ngay )?";
const RE = {
  dayNumeric: new RegExp(`${DAY_PREFIX}(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})`, "y"),
  dayWords: new RegExp(`${DAY_PREFIX}(\\d{1,2}) thang (\\d{1,2}) nam (\\d{4})`, "y"),
  half: /(?:0?6|sau) thang (dau|cuoi) (?:nam )?(\d{4})/y,
  quarter: new RegExp(`(?:quy|q) ?([ivx]+|\\d{1,2})${SEP}(\\d{4})`, "y"),
  month: new RegExp(`(?:thang|th|t) ?(\\d{1,2})${SEP}(\\d{4})`, "y"),
  monthBare: /(\d{1,2})\/(\d{4})/y,
  year: /(?:nam )?(\d{4})/y,
  // "Cuối năm 2026" is its last quarter, "Đầu năm 2027" its first: what offices mean by them.
  yearEdge: /(cuoi|dau) nam (\d{4})/y,
  rangeFrom: /tu /y,
  rangeTo: / ?(?:-|den) ?/y,
  periodPrefix: /giai doan /y,
  inPrefix: /(?:trong|vao) /y,
  /** "Chậm nhất (trong) tháng 6/2026", "Cuối tháng 6/2026", "Hạn chót quý II/2026": the window's end. */
  byPrefix: /(?:cham nhat(?: la)?|han chot|cuoi) /y,
};

/** One simple window (no range) at `pos`. */
function readSimple(key: string, pos: number): Read<Window> | null {
  const readers: Array<[RegExp, (m: RegExpExecArray) => Window | null]> = [
    [
      RE.yearEdge,
      (m) => {
        const y = year(m[2]);
        return y === null ? null : m[1] === "cuoi" ? spanWindow("quarter", y, 10, 12) : spanWindow("quarter", y, 1, 3);
      },
    ],
    [RE.dayNumeric, dayWindow],
    [RE.dayWords, dayWindow],
    [
      RE.half,
      (m) => {
        const y = year(m[2]);
        return y === null ? null : m[1] === "dau" ? spanWindow("half", y, 1, 6) : spanWindow("half", y, 7, 12);
      },
    ],
    [
      RE.quarter,
      (m) => {
        const token = m[1] ?? "";
        const q = /^\d+$/.test(token) ? Number(token) : (ROMAN_QUARTERS[token] ?? 0);
        const y = year(m[2]);
        return y === null || q < 1 || q > 4 ? null : spanWindow("quarter", y, q * 3 - 2, q * 3);
      },
    ],
    [RE.month, (m) => monthWindow(year(m[2]), Number(m[1]))],
    [RE.monthBare, (m) => monthWindow(year(m[2]), Number(m[1]))],
    [
      RE.year,
      (m) => {
        const y = year(m[1]);
        return y === null ? null : spanWindow("year", y, 1, 12);
      },
    ],
  ];
  for (const [re, build] of readers) {
    const m = execAt(re, key, pos);
    const window = m ? build(m) : null;
    // A window ends at a word boundary, or where a range goes on ("2026-2030").
    if (m && window && /^(?:$|[ -])/.test(key.slice(re.lastIndex))) return { value: window, end: re.lastIndex };
  }
  return null;
}

function dayWindow(m: RegExpExecArray): Window | null {
  const [d, mo, y] = [Number(m[1]), Number(m[2]), year(m[3])];
  if (y === null || !isValidDate(y, mo, d)) return null;
  const day = isoOf(y, mo, d);
  return { kind: "day", first: day, end: day, start: null };
}

/** "2026 - 2030", "từ năm 2026 đến năm 2030", "tháng 6/2026 - tháng 12/2026": from the first to the last day. */
function readRange(key: string, pos: number): Read<Window> | null {
  let at = pos;
  const from = execAt(RE.rangeFrom, key, at);
  if (from) at = RE.rangeFrom.lastIndex;
  const a = readSimple(key, at);
  if (!a) return null;
  const joint = execAt(RE.rangeTo, key, a.end);
  if (!joint) return null;
  const b = readSimple(key, RE.rangeTo.lastIndex);
  if (!b || b.value.end < a.value.first) return null;
  return { value: { kind: "period", first: a.value.first, start: a.value.first, end: b.value.end }, end: b.end };
}

function readWindow(key: string, pos: number): Read<Window> | null {
  let at = pos;
  // "cuối năm 2026" is read whole by readSimple; "cuối" before a month or quarter only means its end.
  if (!execAt(RE.yearEdge, key, at) && execAt(RE.byPrefix, key, at)) at = RE.byPrefix.lastIndex;
  if (execAt(RE.inPrefix, key, at)) at = RE.inPrefix.lastIndex;
  if (execAt(RE.periodPrefix, key, at)) return readRange(key, RE.periodPrefix.lastIndex);
  return readRange(key, at) ?? readSimple(key, at);
}

const WORD_ITEMS: Array<[RegExp, Item]> = [
  [
    /(?:(?:nhiem vu|cong viec|thuc hien) )?(?:thuong xuyen|lien tuc)(?: lien tuc)?/y,
    { type: "repeat", repeat: "ongoing", needsAnchor: false },
  ],
  [/(?:dinh ky )?(?:hang|moi) nam/y, { type: "repeat", repeat: "yearly", needsAnchor: false }],
  [/(?:dinh ky )?(?:hang|moi) quy/y, { type: "repeat", repeat: "quarterly", needsAnchor: false }],
  [/(?:dinh ky )?(?:hang|moi) thang/y, { type: "repeat", repeat: "monthly", needsAnchor: false }],
  // "6 tháng" alone is a duration, not a rhythm: it needs "định kỳ" or "một lần".
  [
    /dinh ky (?:0?6|sau) thang(?: (?:mot|1) lan|\/lan)?/y,
    { type: "repeat", repeat: "half-yearly", needsAnchor: false },
  ],
  [/(?:0?6|sau) thang(?: (?:mot|1) lan|\/lan)/y, { type: "repeat", repeat: "half-yearly", needsAnchor: false }],
  [/(?:nhung|cac) nam (?:tiep theo|ke tiep|sau)/y, { type: "repeat", repeat: "yearly", needsAnchor: true }],
  [/(?:so ket )?giua nhiem ky|so ket giua ky/y, { type: "review", kind: "mid-term-review" }],
  [/(?:tong ket )?cuoi nhiem ky|tong ket nhiem ky/y, { type: "review", kind: "end-of-term-review" }],
];

/** Reads every item of one part ("Quý II/2026 hằng năm" holds two); null when any of it does not read. */
function readPart(key: string): Item[] | null {
  const items: Item[] = [];
  let pos = 0;
  while (pos < key.length) {
    if (key[pos] === " ") {
      pos++;
      continue;
    }
    let next: Read<Item> | null = null;
    for (const [re, item] of WORD_ITEMS) {
      if (execAt(re, key, pos) && /^(?:$| )/.test(key.slice(re.lastIndex))) {
        next = { value: item, end: re.lastIndex };
        break;
      }
    }
    if (!next) {
      const w = readWindow(key, pos);
      if (w && /^(?:$| )/.test(key.slice(w.end))) next = { value: { type: "fixed", window: w.value }, end: w.end };
    }
    if (!next) return null;
    items.push(next.value);
    pos = next.end;
  }
  return items;
}

/** The matching key of a part: folded, no trailing dot; "Ð" (Icelandic eth, a common stand-in) read as "Đ". */
function keyOf(part: string): string {
  return foldKey(part.replace(/[ðÐ]/g, "đ")).replace(/\.+$/, "").trim();
}

/** Splits at ",", ";" and the word "và" (also typed "va"), keeping each part as typed. */
function splitParts(text: string): string[] {
  return text
    .replace(/[\s.]+$/u, "")
    .split(/\s*[,;]\s*|\s+(?:và|va)\s+/iu)
    .map((p) => p.replace(/^(?:và|va)\s+/iu, "").trim())
    .filter((p) => p.length > 0);
}

function unreadSchedule(text: string, unread: string[]): Schedule {
  return { text, parsed: false, due: null, start: null, repeat: "none", until: null, milestones: [], unread };
}

function reviewDue(kind: ReviewKind, ctx: ScheduleContext): IsoDate {
  const { from, to } = ctx.term;
  return kind === "mid-term-review" ? isoOf(from + Math.floor((to - from) / 2), 12, 31) : isoOf(to, 6, 30);
}

interface Located<T> {
  value: T;
  /** The part it came from, as typed. */
  text: string;
}

/**
 * Reads a timing phrase. Combination rules (documented here because they are choices):
 * - A periodic repeat runs from the earliest window named: yearly keeps that window's last day
 *   ("Quý II/2026 và hằng năm" → 30/6 every year), shorter rhythms fall on their slot ends. When the window
 *   holds two or more slots ("Giai đoạn 2026 - 2030 và hằng năm"), the repeat runs inside the window instead.
 *   Without a window it runs over the plan's years.
 * - Two different repeats in one phrase ("thường xuyên và hằng quý") cannot be told apart: the later is unread.
 * - Other windows and the term reviews become milestones; `due` is the first deadline of the repeat or, without
 *   one, the earliest window end (or review).
 */
export function parseSchedule(text: string, ctx: ScheduleContext = DEFAULT_CONTEXT): Schedule {
  const phrase = nfc(text);
  const parts = splitParts(phrase);
  if (parts.length === 0) return unreadSchedule(phrase, [phrase.trim()]);

  const windows: Array<Located<Window>> = [];
  const repeats: Array<Located<{ repeat: Repeat; needsAnchor: boolean }>> = [];
  const reviews: Array<Located<ReviewKind>> = [];
  const unread: string[] = [];
  for (const part of parts) {
    const items = readPart(keyOf(part));
    if (!items) {
      unread.push(part);
      continue;
    }
    for (const item of items) {
      if (item.type === "fixed") windows.push({ value: item.window, text: part });
      else if (item.type === "review") reviews.push({ value: item.kind, text: part });
      else repeats.push({ value: { repeat: item.repeat, needsAnchor: item.needsAnchor }, text: part });
    }
  }
  const repeat = repeats[0]?.value.repeat ?? "none";
  for (const r of repeats) {
    const conflicting = r.value.repeat !== repeat;
    const unanchored = r.value.needsAnchor && windows.length === 0;
    if ((conflicting || unanchored) && !unread.includes(r.text)) unread.push(r.text);
  }
  if (unread.length > 0) return unreadSchedule(phrase, unread);

  const planEnd = isoOf(ctx.planYears.to, 12, 31);
  const byEnd = [...windows].sort((a, b) => (a.value.end < b.value.end ? -1 : a.value.end > b.value.end ? 1 : 0));
  const anchor = byEnd[0];
  let due: IsoDate | null = anchor?.value.end ?? null;
  let start: IsoDate | null = anchor?.value.start ?? null;
  let until: IsoDate | null = null;

  if (repeat === "ongoing") {
    until = due !== null && due > planEnd ? due : planEnd;
  } else if (repeat !== "none") {
    if (!anchor) {
      due = slotEnd(repeat, isoOf(ctx.planYears.from, 1, 1));
      until = last(occurrences(repeat, due, planEnd));
    } else {
      const w = anchor.value;
      const inside = occurrences(repeat, slotEnd(repeat, w.first), w.end);
      if (inside.length >= 2) {
        due = inside[0]!;
        until = last(inside);
      } else {
        due = w.end;
        until = last(occurrences(repeat, due, due > planEnd ? due : planEnd));
      }
      start = w.start;
    }
  }

  const milestones: Milestone[] = [
    ...byEnd.slice(1).map((w) => ({ kind: "fixed", due: w.value.end, text: w.text })),
    ...reviews.map((r) => ({ kind: r.value, due: reviewDue(r.value, ctx), text: r.text })),
  ]
    .filter((m, i, all) => m.kind !== "fixed" || (m.due !== due && all.findIndex((o) => o.due === m.due) === i))
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  if (due === null && milestones.length > 0) due = milestones[0]!.due;

  return { text: phrase, parsed: true, due, start, repeat, until, milestones, unread: [] };
}

function last(dates: IsoDate[]): IsoDate | null {
  return dates.length > 0 ? dates[dates.length - 1]! : null;
}
