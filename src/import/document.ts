/**
 * The plan's facts from the document's own words: number, title, the resolution it implements, the
 * plan's years ("giai đoạn 2026 - 2030") and the congress term ("nhiệm kỳ 2025 - 2030"). What the
 * document does not say comes from the book the plan is imported into, or is derived and reported.
 */
import type { Text } from "../i18n";
import type { AppendixText, PlanDocument } from "../plan/types";
import { isoOf, isValidDate } from "../schedule/calendar";
import { foldKey } from "../text/vietnamese";

export interface DocumentFacts {
  document: PlanDocument;
  appendix: Omit<AppendixText, "headers">;
  /** What was not in the document and how it was filled: for the import report. */
  notes: Text[];
}

export interface FactsBase {
  document: PlanDocument;
  appendix: AppendixText;
}

function range(key: string, word: RegExp): { from: number; to: number } | null {
  const m = new RegExp(`${word.source}\\s*(?:tu nam\\s*)?(?<from>\\d{4})\\s*(?:-|den(?: nam)?)\\s*(?<to>\\d{4})`).exec(
    key,
  );
  if (!m?.groups) return null;
  const from = Number(m.groups.from);
  const to = Number(m.groups.to);
  return from >= 1900 && to >= from && to - from <= 20 ? { from, to } : null;
}

/** An empty document: every text blank, to be filled from the source (or the book). */
export function blankDocument(province: string): PlanDocument {
  return {
    province,
    placeAndDate: "",
    number: "",
    kind: "KẾ HOẠCH",
    title: "",
    issuedBy: "",
    resolution: { number: "", date: "", issuedBy: "", subject: "" },
    years: { from: 0, to: 0 },
    term: { from: 0, to: 0 },
    signer: { authority: "", title: "", name: "" },
    recipients: [],
    reporting: { everyMonths: 6, to: "", via: "", text: "" },
  };
}

/**
 * Reads the facts. `timingYears` are the years the tasks' deadlines name (a fallback for the plan's
 * years); `base` is the book's facts when importing into a book (its term stands when the document
 * names none).
 */
export function documentFacts(
  prose: readonly string[],
  timingYears: readonly number[],
  base: FactsBase | null,
  province: string,
  /** Only when nothing in the document or its deadlines names a year. */
  thisYear: number = new Date().getFullYear(),
): DocumentFacts {
  const notes: Text[] = [];
  const doc: PlanDocument = base ? structuredClone(base.document) : blankDocument(province);
  const keys = prose.map((p) => foldKey(p));
  const all = keys.join("\n");

  const kindAt = prose.findIndex((p) => /^(?:KẾ HOẠCH|CHƯƠNG TRÌNH|ĐỀ ÁN|KẾ HOẠCH HÀNH ĐỘNG)$/u.test(p.trim()));
  if (kindAt >= 0) {
    doc.kind = prose[kindAt]!.trim();
    const title = prose[kindAt + 1];
    if (title && !/^PHỤ LỤC/u.test(title)) doc.title = title;
  }
  const number = prose.find((p) => /^Số\s*[:.]?\s*\S*-?(?:KH|CTr|ĐA|QĐ)\b/u.test(p) || /^Số\s+-/u.test(p));
  if (number) doc.number = number;
  const place = prose.find((p) => /,\s*ngày\b.*\bnăm\b/u.test(p) && p.length < 80);
  if (place) doc.placeAndDate = place;
  const res = /Nghị quyết số\s+([^\s,]+),?\s+ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})\s+của\s+(.+?)\s+(về\s.+)$/u.exec(
    doc.title,
  );
  if (res) {
    const [d, m, y] = [Number(res[2]), Number(res[3]), Number(res[4])];
    doc.resolution = {
      number: res[1]!,
      date: isValidDate(y, m, d) ? isoOf(y, m, d) : doc.resolution.date,
      issuedBy: res[5]!,
      subject: res[6]!,
    };
  }

  const issued = prose.map((p) => /([^,.;]+?)\s+ban hành (?:Kế hoạch|Chương trình)/u.exec(p)).find((m) => m);
  if (issued) doc.issuedBy = issued[1]!.trim();
  const reporting = prose
    .map((p) => /(định kỳ (\d{1,2}) tháng[^;]*?báo cáo[^;]*?về (.+?) \(qua (.+?)\)[^;]*)$/u.exec(p))
    .find((m) => m);
  if (reporting) {
    const months = Number(reporting[2]);
    if (months >= 1 && months <= 12) doc.reporting.everyMonths = months;
    doc.reporting = { ...doc.reporting, to: reporting[3]!, via: reporting[4]!, text: reporting[1]! };
  }
  const signAt = prose.findIndex((p) => /^(?:T\/M|TM\.?|KT\.?|Q\.|TL\.?)\s/u.test(p));
  if (signAt >= 0) {
    const [title, name] = [prose[signAt + 1] ?? "", prose[signAt + 2] ?? ""];
    doc.signer = { authority: prose[signAt]!, title, name: /^PHỤ LỤC/u.test(name) ? "" : name };
  }
  const toAt = prose.findIndex((p) => /^Nơi nhận\s*:?$/u.test(p));
  if (toAt >= 0) {
    const list: string[] = [];
    for (let i = toAt + 1; i < prose.length && /^[-–+]\s/.test(prose[i]!); i++)
      list.push(prose[i]!.replace(/^[-–+]\s+/, ""));
    if (list.length > 0) doc.recipients = list;
  }

  const years = range(all, /giai doan/) ?? range(foldKey(doc.title), /(?:)/);
  if (years) doc.years = years;
  else if (!base && timingYears.length > 0) {
    doc.years = { from: Math.min(...timingYears), to: Math.max(...timingYears) };
    notes.push({
      vi: `Văn bản không nêu giai đoạn của kế hoạch: lấy theo các thời hạn (${doc.years.from}–${doc.years.to}). Kiểm tra ở trang "Thông tin".`,
      en: `The document names no period: taken from the deadlines (${doc.years.from}–${doc.years.to}). Check the "Thông tin" sheet.`,
    });
  }
  if (!doc.years.from) {
    doc.years = { from: thisYear, to: thisYear + 4 };
    notes.push({
      vi: `Văn bản và các thời hạn không nêu năm nào: ghi tạm kế hoạch ${doc.years.from}–${doc.years.to}. Hãy sửa ở trang "Thông tin".`,
      en: `Neither the document nor the deadlines name a year: ${doc.years.from}–${doc.years.to} is written for now. Correct it on the "Thông tin" sheet.`,
    });
  }
  const term = range(all, /nhiem ky/);
  if (term) doc.term = term;
  else if (!base) {
    // Party congresses sit every five years in years ending in 0 or 5: the term holding the plan's first year.
    const from = doc.years.from - (doc.years.from % 5);
    doc.term = { from, to: from + 5 };
    notes.push({
      vi: `Văn bản không nêu nhiệm kỳ: lấy nhiệm kỳ đại hội chứa năm ${doc.years.from} (${doc.term.from}–${doc.term.to}), dùng cho "giữa nhiệm kỳ", "cuối nhiệm kỳ". Kiểm tra ở trang "Thông tin".`,
      en: `The document names no congress term: the term holding ${doc.years.from} is used (${doc.term.from}–${doc.term.to}) for "mid-term" and "end of term". Check the "Thông tin" sheet.`,
    });
  }
  if (!doc.resolution.date) {
    doc.resolution.date = isoOf(doc.years.from || 2000, 1, 1);
    notes.push({
      vi: `Văn bản không nêu ngày nghị quyết: ghi tạm ${doc.years.from}-01-01, hãy sửa ở trang "Thông tin".`,
      en: `The document gives no resolution date: ${doc.years.from}-01-01 is written for now; correct it on the "Thông tin" sheet.`,
    });
  }

  const labelAt = prose.findIndex((p) => /^PHỤ LỤC\b/u.test(p.trim()));
  const appendix: Omit<AppendixText, "headers"> = base
    ? { label: base.appendix.label, titleLines: [...base.appendix.titleLines], note: base.appendix.note }
    : { label: "PHỤ LỤC", titleLines: [], note: "" };
  if (labelAt >= 0) {
    appendix.label = prose[labelAt]!.trim();
    const lines: string[] = [];
    for (let i = labelAt + 1; i < prose.length && lines.length < 4; i++) {
      const line = prose[i]!;
      if (/^\(.*\)$/.test(line)) {
        appendix.note = line;
        break;
      }
      if (line !== line.toLocaleUpperCase("vi")) break;
      lines.push(line);
    }
    if (lines.length > 0) appendix.titleLines = lines;
  }
  // The book prints the appendix's title block in a fixed number of rows (see src/workbook/appendix.ts).
  while (appendix.titleLines.length < 2) appendix.titleLines.push("");
  appendix.titleLines = appendix.titleLines.slice(0, 2);
  return { document: doc, appendix, notes };
}
