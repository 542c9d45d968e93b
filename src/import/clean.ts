/**
 * Cell text as the book keeps it: the words verbatim, in NFC, one line per paragraph. What is
 * removed is only what a document carries around the words: soft hyphens, zero-width marks,
 * non-breaking spaces, footnote marks, bold/italic markup and doubled spaces.
 */
import { nfc, tidyLines } from "../text/vietnamese";

/** Superscript digits, as footnote marks come out of a copied Word text ("Nghị quyết¹"). */
const SUPERSCRIPTS = /[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+/g;

/** One cell's text: lines kept (multi-paragraph cells, in-cell lists), everything else tidied. */
export function cleanCellText(raw: string): string {
  const text = nfc(raw)
    .replace(/\r\n?/g, "\n")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<sup>[^<]*<\/sup>/gi, "")
    .replace(/<\/?(?:b|i|u|em|strong|span|sup|sub)(?:\s[^>]*)?>/gi, "")
    .replace(/\*\*|__/g, "")
    .replace(/(^|[\s(])\*(\S(?:[^*\n]*\S)?)\*(?=$|[\s).,;:])/g, "$1$2")
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(SUPERSCRIPTS, "")
    .replace(/\[\^?\d{1,3}\]/g, "");
  return tidyLines(text);
}

/** A prose line of the document (title, number…): one line, tidied. */
export function cleanLine(raw: string): string {
  return cleanCellText(raw)
    .replace(/\n/g, " ")
    .replace(/^#+\s*/, "");
}
