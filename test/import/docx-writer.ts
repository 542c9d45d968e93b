/**
 * An independent, minimal .docx writer for the import tests (fflate + hand-written WordprocessingML),
 * so the reader is not only ever fed LibreOffice's output. It writes what Word writes and readers
 * trip on: text split over runs with bold/italic, tblHeader rows, gridSpan and vMerge, several
 * paragraphs and bullet lists in one cell, footnote references, soft hyphens, NBSP, tabs.
 */
import { strToU8, zipSync } from "fflate";

export interface WCell {
  /** One paragraph each; a leading "• " makes a bullet paragraph (numPr), written without the bullet. */
  paras: string[];
  span?: number;
  vMerge?: "restart" | "continue";
  /** A footnote reference after the first paragraph's text. */
  footnote?: boolean;
}

export interface WTable {
  /** Rows marked as the repeated header. */
  headerRows?: number;
  rows: WCell[][];
}

export type Block = { p: string } | { table: WTable };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A paragraph's runs: every second word bold, so one text is spread over several <w:r>. */
function runs(text: string): string {
  return text
    .split(/(?<= )/)
    .map(
      (word, i) =>
        `<w:r>${i % 2 ? "<w:rPr><w:b/><w:i/></w:rPr>" : ""}<w:t xml:space="preserve">${esc(word)}</w:t></w:r>`,
    )
    .join("");
}

function paragraph(text: string, footnote = false): string {
  const bullet = text.startsWith("• ");
  const body = bullet ? text.slice(2) : text;
  const pPr = bullet ? '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' : "";
  const note = footnote
    ? '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    : "";
  return `<w:p>${pPr}${runs(body)}${note}</w:p>`;
}

function table(t: WTable): string {
  const rows = t.rows.map((row, r) => {
    const trPr = r < (t.headerRows ?? 0) ? "<w:trPr><w:tblHeader/></w:trPr>" : "";
    const cells = row.map((c) => {
      const props = [
        c.span && c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : "",
        c.vMerge === "restart" ? '<w:vMerge w:val="restart"/>' : c.vMerge === "continue" ? "<w:vMerge/>" : "",
      ].join("");
      const paras = c.paras.length === 0 ? ["<w:p/>"] : c.paras.map((p, i) => paragraph(p, i === 0 && c.footnote));
      return `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/>${props}</w:tcPr>${paras.join("")}</w:tc>`;
    });
    return `<w:tr>${trPr}${cells.join("")}</w:tr>`;
  });
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${rows.join("")}</w:tbl><w:p/>`;
}

export interface DocxOptions {
  /** The main part's content type (a .docm's to test macro refusal). */
  contentType?: string;
  /** Put a DOCTYPE with an entity into document.xml (must be refused). */
  doctype?: boolean;
}

export function writeDocx(blocks: Block[], options: DocxOptions = {}): Uint8Array {
  const body = blocks.map((b) => ("p" in b ? paragraph(b.p) : table(b.table))).join("");
  const doctype = options.doctype ? '<!DOCTYPE w:document [<!ENTITY x "xxxxxxxxxx">]>' : "";
  const document =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${doctype}` +
    `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const type =
    options.contentType ?? "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
  return zipSync({
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/word/document.xml" ContentType="${type}"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    "word/document.xml": strToU8(document),
  });
}

/** A plain table of texts (each "\n" a new paragraph) with `headerRows` marked as repeated. */
export function textTable(rows: string[][], headerRows = 1): WTable {
  return { headerRows, rows: rows.map((r) => r.map((t) => ({ paras: t === "" ? [] : t.split("\n") }))) };
}
