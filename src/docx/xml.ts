/** WordprocessingML helpers shared by the parts: units and the escaping every text passes through. */
import { escapeText } from "../xlsx/write/xml";

export { attrs, el, escapeAttr, XML_DECLARATION } from "../xlsx/write/xml";

export const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
export const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Millimetres → twentieths of a point (the unit of page sizes, margins, widths and indents). */
export function twips(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}

/** Points → half-points (the unit of font sizes). */
export function halfPoints(pt: number): number {
  return Math.round(pt * 2);
}

/**
 * Run content for a text: XML-escaped, characters XML cannot carry dropped (escapeText), line breaks
 * as <w:br/> and tabs as <w:tab/> so a unit's paragraphs stay paragraphs-like lines in Word.
 */
export function runContent(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/(\n|\t)/)
    .map((piece) => {
      if (piece === "\n") return "<w:br/>";
      if (piece === "\t") return "<w:tab/>";
      return piece === "" ? "" : `<w:t xml:space="preserve">${escapeText(piece)}</w:t>`;
    })
    .join("");
}
