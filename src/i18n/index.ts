/** Every user-facing string exists in Vietnamese (first) and English. Keep Vietnamese in NFC. */
export type Lang = "vi" | "en";

export interface Text {
  vi: string;
  en: string;
}

export function tr(text: Text, lang: Lang): string {
  return lang === "en" ? text.en : text.vi;
}

/** Both languages on one line, for logs and the command line: "Việt / English". */
export function both(text: Text): string {
  return text.vi === text.en ? text.vi : `${text.vi} / ${text.en}`;
}

/** "1 file", "3 files": an English count with its noun (Vietnamese nouns do not change). */
export function countEn(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
