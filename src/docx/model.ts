/**
 * A word-processing document as plain data: what src/report decides and src/docx renders. Only what
 * an office edits as ordinary Word text — paragraphs with named styles, runs, tables, sections — so
 * the draft behaves like a document typed by hand (no text boxes, no fixed row heights).
 */

/** A stretch of text with one formatting. Newlines become line breaks, tabs become tabs. */
export interface DocRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Points; absent = the paragraph style's size. */
  sizePt?: number;
  /** A field Word and LibreOffice compute when shown (the page number); `text` is its placeholder. */
  field?: "PAGE";
}

export type DocAlign = "left" | "center" | "right" | "both";

/** The styles every document has (see styles.ts): an office restyles all paragraphs of a kind at once. */
export type DocStyle = "Normal" | "Heading1" | "Heading2" | "Title" | "TableText" | "TableHeading" | "Header";

export interface DocParagraph {
  kind: "paragraph";
  runs: DocRun[];
  style?: DocStyle;
  align?: DocAlign;
  /** First-line indent in mm (body paragraphs of an official text are indented). */
  firstLineMm?: number;
  /** Keep with the next paragraph (headings, a task's title above its quotes). */
  keepNext?: boolean;
  spaceBeforePt?: number;
  spaceAfterPt?: number;
}

export interface DocCell {
  paragraphs: DocParagraph[];
  /** Grid columns this cell covers (default 1). */
  span?: number;
  /** Light grey fill (group rows): still readable in black and white, the text says what the row is. */
  shaded?: boolean;
}

export interface DocTable {
  kind: "table";
  /** Column widths in mm; the table is exactly their sum wide. */
  widthsMm: number[];
  /** False for layout tables (the heading block, the signature block). */
  borders: boolean;
  /** Rows repeated at the top of every page the table runs onto. */
  headerRows: DocCell[][];
  rows: DocCell[][];
}

export type DocBlock = DocParagraph | DocTable;

export interface DocSection {
  orientation: "portrait" | "landscape";
  /** Page numbers centred in the header: from the second page of the section (Party documents), on every page, or none. */
  pageNumbers: "from-second" | "every" | "none";
  blocks: DocBlock[];
}

export interface DocModel {
  /** Document properties (File › Properties). */
  title: string;
  subject: string;
  creator: string;
  /** BCP 47 language of the text: spelling and hyphenation in Word and LibreOffice. */
  language: string;
  font: string;
  /** Body text size in points. */
  bodyPt: number;
  sections: DocSection[];
}

/** Shorthand for a paragraph of one run. */
export function para(
  text: string,
  options: Omit<DocParagraph, "kind" | "runs"> & Omit<DocRun, "text"> = {},
): DocParagraph {
  const { bold, italic, underline, sizePt, field, ...rest } = options;
  const run: DocRun = { text };
  if (bold) run.bold = true;
  if (italic) run.italic = true;
  if (underline) run.underline = true;
  if (sizePt !== undefined) run.sizePt = sizePt;
  if (field) run.field = field;
  return { kind: "paragraph", runs: [run], ...rest };
}
