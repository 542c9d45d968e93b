/**
 * word/styles.xml and word/settings.xml. The body font and size are the document defaults; every
 * paragraph kind is a named style, so an office changes all headings or all table text in one place.
 */
import type { DocModel, DocStyle } from "./model";
import { el, escapeAttr, halfPoints, W_NS, XML_DECLARATION } from "./xml";

interface StyleDef {
  name: string;
  /** Relative to the body size, in points. */
  sizeDelta?: number;
  bold?: boolean;
  align?: "center" | "both" | "left";
  keepNext?: boolean;
  beforePt?: number;
  afterPt?: number;
  /** Line spacing in 240ths of a line. */
  line?: number;
}

const STYLES: Record<DocStyle, StyleDef> = {
  Normal: { name: "Normal", align: "both", afterPt: 6, line: 264 },
  Title: { name: "Title", bold: true, align: "center", keepNext: true, afterPt: 0, line: 240 },
  Heading1: { name: "heading 1", bold: true, align: "left", keepNext: true, beforePt: 6, afterPt: 6, line: 264 },
  Heading2: { name: "heading 2", bold: true, align: "left", keepNext: true, beforePt: 3, afterPt: 6, line: 264 },
  TableText: { name: "Table Text", sizeDelta: -1, align: "left", afterPt: 0, line: 240 },
  TableHeading: { name: "Table Heading", sizeDelta: -1, bold: true, align: "center", afterPt: 0, line: 240 },
  Header: { name: "header", align: "center", afterPt: 0, line: 240 },
};

function styleXml(id: DocStyle, def: StyleDef, bodyPt: number): string {
  const pPr =
    (def.keepNext ? "<w:keepNext/>" : "") +
    el("w:spacing", {
      "w:before": Math.round((def.beforePt ?? 0) * 20),
      "w:after": Math.round((def.afterPt ?? 0) * 20),
      "w:line": def.line ?? 240,
      "w:lineRule": "auto",
    }) +
    (def.align ? el("w:jc", { "w:val": def.align }) : "") +
    (id.startsWith("Heading") ? el("w:outlineLvl", { "w:val": Number(id.slice(-1)) - 1 }) : "");
  const size = def.sizeDelta ? halfPoints(bodyPt + def.sizeDelta) : undefined;
  const rPr =
    (def.bold ? "<w:b/><w:bCs/>" : "") + (size ? el("w:sz", { "w:val": size }) + el("w:szCs", { "w:val": size }) : "");
  return el(
    "w:style",
    { "w:type": "paragraph", "w:styleId": id, "w:default": id === "Normal" ? 1 : undefined },
    el("w:name", { "w:val": def.name }) +
      (id === "Normal" ? "" : el("w:basedOn", { "w:val": "Normal" })) +
      (id === "Normal" ? "" : el("w:next", { "w:val": id.startsWith("Table") ? id : "Normal" })) +
      "<w:qFormat/>" +
      `<w:pPr>${pPr}</w:pPr>` +
      (rPr ? `<w:rPr>${rPr}</w:rPr>` : ""),
  );
}

export function stylesXml(model: DocModel): string {
  const font = escapeAttr(model.font);
  const lang = escapeAttr(model.language);
  const size = halfPoints(model.bodyPt);
  const defaults =
    "<w:docDefaults><w:rPrDefault><w:rPr>" +
    `<w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:eastAsia="${font}" w:cs="${font}"/>` +
    `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>` +
    `<w:lang w:val="${lang}" w:eastAsia="${lang}" w:bidi="ar-SA"/>` +
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>" +
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>' +
    "</w:pPr></w:pPrDefault></w:docDefaults>";
  const table =
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>' +
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>' +
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>' +
    "</w:tblCellMar></w:tblPr></w:style>";
  const paragraphs = (Object.keys(STYLES) as DocStyle[]).map((id) => styleXml(id, STYLES[id], model.bodyPt)).join("");
  return XML_DECLARATION + el("w:styles", { "xmlns:w": W_NS }, defaults + paragraphs + table);
}

export function settingsXml(): string {
  return (
    XML_DECLARATION +
    el(
      "w:settings",
      { "xmlns:w": W_NS },
      '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>' +
        '<w:characterSpacingControl w:val="doNotCompress"/>' +
        // A unit's line breaks end lines inside justified paragraphs: those lines are not stretched.
        '<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>',
    )
  );
}
