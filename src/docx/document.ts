/** word/document.xml: the body — paragraphs, tables and one section break per section. */
import { OFFICIAL_MARGINS_MM } from "../workbook/print";
import type { DocBlock, DocCell, DocModel, DocParagraph, DocRun, DocSection, DocTable } from "./model";
import { el, halfPoints, R_NS, runContent, twips, W_NS, XML_DECLARATION } from "./xml";

/** Relationship ids of the header parts (see index.ts). */
export const HEADER_REL = { pageNumber: "rIdHeaderPage", empty: "rIdHeaderEmpty" } as const;

const A4_MM = { short: 210, long: 297 } as const;

function runXml(run: DocRun): string {
  // In the schema's order (Word refuses a file whose run properties are out of order).
  const props =
    (run.bold ? "<w:b/><w:bCs/>" : "") +
    (run.italic ? "<w:i/><w:iCs/>" : "") +
    (run.sizePt !== undefined
      ? el("w:sz", { "w:val": halfPoints(run.sizePt) }) + el("w:szCs", { "w:val": halfPoints(run.sizePt) })
      : "") +
    (run.underline ? '<w:u w:val="single"/>' : "");
  const rPr = props ? `<w:rPr>${props}</w:rPr>` : "";
  if (run.field) {
    // A complex field: Word and LibreOffice both recompute it on every page.
    return (
      `<w:r>${rPr}<w:fldChar w:fldCharType="begin"/></w:r>` +
      `<w:r>${rPr}<w:instrText xml:space="preserve"> ${run.field} </w:instrText></w:r>` +
      `<w:r>${rPr}<w:fldChar w:fldCharType="separate"/></w:r>` +
      `<w:r>${rPr}${runContent(run.text)}</w:r>` +
      `<w:r>${rPr}<w:fldChar w:fldCharType="end"/></w:r>`
    );
  }
  return `<w:r>${rPr}${runContent(run.text)}</w:r>`;
}

export function paragraphXml(p: DocParagraph, sectPr = ""): string {
  const spacing =
    p.spaceBeforePt !== undefined || p.spaceAfterPt !== undefined
      ? el("w:spacing", {
          "w:before": p.spaceBeforePt !== undefined ? Math.round(p.spaceBeforePt * 20) : undefined,
          "w:after": p.spaceAfterPt !== undefined ? Math.round(p.spaceAfterPt * 20) : undefined,
        })
      : "";
  const pPr =
    (p.style ? el("w:pStyle", { "w:val": p.style }) : "") +
    (p.keepNext ? "<w:keepNext/>" : "") +
    spacing +
    (p.firstLineMm !== undefined ? el("w:ind", { "w:firstLine": twips(p.firstLineMm) }) : "") +
    (p.align ? el("w:jc", { "w:val": p.align }) : "") +
    sectPr;
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${p.runs.map(runXml).join("")}</w:p>`;
}

const BORDER = { "w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "000000" } as const;

function cellXml(cell: DocCell, widthTwips: number): string {
  const tcPr =
    el("w:tcW", { "w:w": widthTwips, "w:type": "dxa" }) +
    (cell.span && cell.span > 1 ? el("w:gridSpan", { "w:val": cell.span }) : "") +
    (cell.shaded ? el("w:shd", { "w:val": "clear", "w:color": "auto", "w:fill": "E7E6E6" }) : "");
  // A cell must hold at least one paragraph.
  const body = cell.paragraphs.length > 0 ? cell.paragraphs.map((p) => paragraphXml(p)).join("") : "<w:p/>";
  return `<w:tc><w:tcPr>${tcPr}</w:tcPr>${body}</w:tc>`;
}

function rowXml(cells: DocCell[], widths: number[], header: boolean): string {
  let column = 0;
  const tcs = cells
    .map((cell) => {
      const span = Math.max(1, cell.span ?? 1);
      const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
      column += span;
      return cellXml(cell, width);
    })
    .join("");
  // Heights are never fixed: a row grows with its text. Header rows repeat and never split.
  const trPr = header ? "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "";
  return `<w:tr>${trPr}${tcs}</w:tr>`;
}

export function tableXml(t: DocTable): string {
  const widths = t.widthsMm.map(twips);
  const total = widths.reduce((a, b) => a + b, 0);
  const sides = ["top", "left", "bottom", "right", "insideH", "insideV"];
  const borders = t.borders
    ? `<w:tblBorders>${sides.map((s) => el(`w:${s}`, BORDER)).join("")}</w:tblBorders>`
    : `<w:tblBorders>${sides.map((s) => el(`w:${s}`, { "w:val": "nil" })).join("")}</w:tblBorders>`;
  const tblPr =
    el("w:tblW", { "w:w": total, "w:type": "dxa" }) +
    el("w:jc", { "w:val": "center" }) +
    borders +
    el("w:tblLayout", { "w:type": "fixed" }) +
    `<w:tblCellMar>${el("w:left", { "w:w": 85, "w:type": "dxa" })}${el("w:right", { "w:w": 85, "w:type": "dxa" })}</w:tblCellMar>` +
    el("w:tblLook", {
      "w:val": "04A0",
      "w:firstRow": 1,
      "w:lastRow": 0,
      "w:firstColumn": 0,
      "w:lastColumn": 0,
      "w:noHBand": 1,
      "w:noVBand": 1,
    });
  const grid = `<w:tblGrid>${widths.map((w) => el("w:gridCol", { "w:w": w })).join("")}</w:tblGrid>`;
  const rows = [...t.headerRows.map((r) => rowXml(r, widths, true)), ...t.rows.map((r) => rowXml(r, widths, false))];
  return `<w:tbl><w:tblPr>${tblPr}</w:tblPr>${grid}${rows.join("")}</w:tbl>`;
}

/** The section's page: A4 in its orientation, the official margins (Hướng dẫn 36-HD/VPTW), its headers. */
export function sectionPropertiesXml(section: DocSection, first: boolean): string {
  const landscape = section.orientation === "landscape";
  const m = OFFICIAL_MARGINS_MM;
  const headers =
    section.pageNumbers === "none"
      ? el("w:headerReference", { "w:type": "default", "r:id": HEADER_REL.empty })
      : el("w:headerReference", { "w:type": "default", "r:id": HEADER_REL.pageNumber }) +
        (section.pageNumbers === "from-second"
          ? el("w:headerReference", { "w:type": "first", "r:id": HEADER_REL.empty })
          : "");
  return el(
    "w:sectPr",
    {},
    headers +
      (first ? "" : el("w:type", { "w:val": "nextPage" })) +
      el("w:pgSz", {
        "w:w": twips(landscape ? A4_MM.long : A4_MM.short),
        "w:h": twips(landscape ? A4_MM.short : A4_MM.long),
        "w:orient": landscape ? "landscape" : undefined,
      }) +
      el("w:pgMar", {
        "w:top": twips(m.top),
        "w:right": twips(m.right),
        "w:bottom": twips(m.bottom),
        "w:left": twips(m.left),
        "w:header": twips(m.header),
        "w:footer": twips(m.footer),
        "w:gutter": 0,
      }) +
      (section.pageNumbers === "from-second" ? "<w:titlePg/>" : ""),
  );
}

function blockXml(b: DocBlock): string {
  return b.kind === "paragraph" ? paragraphXml(b) : tableXml(b);
}

export function documentXml(model: DocModel): string {
  const body = model.sections
    .map((section, i) => {
      const sectPr = sectionPropertiesXml(section, i === 0);
      const blocks = section.blocks.map(blockXml).join("");
      // The last section's properties close the body; the others ride on an empty paragraph ending the section.
      return i === model.sections.length - 1 ? blocks + sectPr : `${blocks}<w:p><w:pPr>${sectPr}</w:pPr></w:p>`;
    })
    .join("");
  return XML_DECLARATION + el("w:document", { "xmlns:w": W_NS, "xmlns:r": R_NS }, `<w:body>${body}</w:body>`);
}

/** word/headerN.xml: the page number centred, or nothing. */
export function headerXml(pageNumber: boolean): string {
  const p: DocParagraph = pageNumber
    ? { kind: "paragraph", style: "Header", align: "center", runs: [{ text: "1", field: "PAGE" }] }
    : { kind: "paragraph", style: "Header", runs: [] };
  return XML_DECLARATION + el("w:hdr", { "xmlns:w": W_NS, "xmlns:r": R_NS }, paragraphXml(p));
}
