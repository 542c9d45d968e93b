/**
 * Vietnamese text as people actually type it: composed or decomposed, old or new tone placement
 * (hoà / hòa), with or without diacritics, odd spacing and dashes. Everything here is pure.
 */

/** Combining tone marks (grave, acute, tilde, hook above, dot below) — they carry the tone. */
const TONE_MARKS: Record<string, string> = {
  "\u0300": "2",
  "\u0301": "1",
  "\u0303": "4",
  "\u0309": "3",
  "\u0323": "5",
};

/** Unicode NFC: the one form we store and compare. */
export function nfc(text: string): string {
  return text.normalize("NFC");
}

/** Collapse runs of white space (incl. NBSP) and unify dashes, keeping letters untouched. */
export function tidySpaces(text: string): string {
  return text
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim();
}

/** tidySpaces on each line, empty lines dropped: a cell's paragraphs (Alt+Enter, an imported list) stay lines. */
export function tidyLines(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((line) => tidySpaces(line))
    .filter((line) => line !== "")
    .join("\n");
}

/**
 * Memo for the keys below: consolidation asks for the same headers, task texts and unit names in
 * every one of thousands of forms. Bounded, so odd input cannot grow it without limit.
 */
function memo(fn: (text: string) => string): (text: string) => string {
  let cache = new Map<string, string>();
  return (text: string) => {
    let key = cache.get(text);
    if (key === undefined) {
      key = fn(text);
      if (cache.size >= 20000) cache = new Map();
      cache.set(text, key);
    }
    return key;
  };
}

/**
 * A key that ignores case and tone placement but keeps every diacritic's meaning:
 * each word's tone mark is moved to the end of the word as a digit ("hoà" and "hòa" → "hoa2").
 */
export const toneKey = memo((text: string): string => {
  const decomposed = tidySpaces(text).toLowerCase().normalize("NFD");
  // One pass: drop tone marks, remember the word's tone, write it before the next space.
  let out = "";
  let tone = "";
  for (const ch of decomposed) {
    const t = TONE_MARKS[ch];
    if (t) tone = t;
    else if (ch === " ") {
      out += tone + " ";
      tone = "";
    } else out += ch;
  }
  return (out + tone).normalize("NFC");
});

/** A key with no diacritics at all: for text typed on a keyboard without Vietnamese input. */
export const foldKey = memo((text: string): string =>
  tidySpaces(text)
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/\s*([,;:/().-])\s*/g, "$1"),
);

/**
 * False when toneKey(text) and foldKey(text) are surely longer than `max`: Latin letters, digits
 * and punctuation (Vietnamese's precomposed letters among them) each leave at least one character
 * in either key; white space, marks and other scripts are not counted. Lets a long cell (a task's
 * text) skip making a key that could never equal a short label, after reading little more than
 * `max` characters of it.
 */
export function keyMayFit(text: string, max: number): boolean {
  if (text.length <= max) return true;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const counted = (c > 0x20 && c < 0x7f) || (c > 0xa0 && c < 0x0300) || (c >= 0x1e00 && c <= 0x1eff);
    if (counted && ++n > max) return false;
  }
  return true;
}

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** Vietnamese collation order (plain sort puts "Đ" after "Z" and mis-orders tones). */
export function compareVi(a: string, b: string): number {
  return collator.compare(nfc(a), nfc(b));
}
