/** What the classes and statuses are called on forms and reports, and reading a status as people type it. */
import type { Text } from "../i18n";
import { foldKey, tidySpaces, toneKey } from "../text/vietnamese";
import type { DeadlineClass, Repeat, ReportedStatus } from "./types";

/** The form's status list, in its order. */
export const REPORTED_STATUS_LABELS: Record<ReportedStatus, Text> = {
  "not-started": { vi: "Chưa triển khai", en: "Not started" },
  "in-progress": { vi: "Đang thực hiện", en: "In progress" },
  done: { vi: "Hoàn thành", en: "Done" },
};

export const DEADLINE_CLASS_LABELS: Record<DeadlineClass, Text> = {
  "done-on-time": { vi: "Hoàn thành đúng hạn", en: "Done on time" },
  "done-late": { vi: "Hoàn thành quá hạn", en: "Done late" },
  "in-progress": { vi: "Đang thực hiện trong hạn", en: "In progress, on schedule" },
  "due-soon": { vi: "Sắp đến hạn", en: "Due soon" },
  overdue: { vi: "Quá hạn", en: "Overdue" },
  ongoing: { vi: "Thường xuyên / không có hạn", en: "Ongoing / no deadline" },
  "not-reported": { vi: "Chưa báo cáo", en: "Not reported" },
};

/**
 * What the tracking sheet shows, instead of "Chưa báo cáo", for a task whose deadline has passed with
 * no status typed: not reporting does not stop the clock (see `overdueUnreported`).
 */
export const OVERDUE_UNREPORTED_LABEL: Text = { vi: "Quá hạn (chưa báo cáo)", en: "Overdue (not reported)" };

export const REPEAT_LABELS: Record<Repeat, Text> = {
  none: { vi: "Không lặp", en: "Once" },
  ongoing: { vi: "Thường xuyên", en: "Ongoing" },
  monthly: { vi: "Hằng tháng", en: "Monthly" },
  quarterly: { vi: "Hằng quý", en: "Quarterly" },
  "half-yearly": { vi: "6 tháng một lần", en: "Every six months" },
  yearly: { vi: "Hằng năm", en: "Yearly" },
};

/** Every wording a unit may type for a status. */
const STATUS_WORDINGS: Array<[ReportedStatus, string[]]> = [
  ["done", ["Hoàn thành", "Đã hoàn thành", "Xong"]],
  ["in-progress", ["Đang thực hiện", "Đang triển khai", "Đang làm"]],
  ["not-started", ["Chưa triển khai", "Chưa thực hiện"]],
];

function clean(text: string): string {
  // "Ð" (Icelandic eth) is a common stand-in for "Đ"; a trailing dot is punctuation, not part of the status.
  return text.replace(/[ðÐ]/g, "đ").replace(/[\s.]+$/u, "");
}

/**
 * A word matches when it is the same word in any case or tone placement, or when it was typed with no
 * diacritics at all and folds to the same letters. A word typed with the wrong diacritics ("Hoàn thánh") does
 * not match: it may be another word.
 */
function sameWords(typed: string, wording: string): boolean {
  const a = tidySpaces(typed).split(" ");
  const b = tidySpaces(wording).split(" ");
  if (a.length !== b.length) return false;
  return a.every((word, i) => {
    const other = b[i]!;
    if (toneKey(word) === toneKey(other)) return true;
    const folded = foldKey(word);
    return folded === word.toLowerCase().normalize("NFC") && folded === foldKey(other);
  });
}

/** The status a cell's text means, or null when it is empty or not one of the known wordings. */
export function readStatus(text: string): ReportedStatus | null {
  const typed = clean(text);
  if (typed.trim() === "") return null;
  for (const [status, wordings] of STATUS_WORDINGS) if (wordings.some((w) => sameWords(typed, w))) return status;
  return null;
}
