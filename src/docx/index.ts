/**
 * The .docx renderer: a DocModel (model.ts) as WordprocessingML, one function per package part,
 * zipped like the .xlsx writer (same zip rule, same properties parts). Deterministic, and runs in
 * the browser and in Node. It renders; what the document says is decided by its caller (src/report).
 */
import { CONTENT_TYPE, contentTypesXml } from "../xlsx/write/contentTypes";
import { appXml, coreXml } from "../xlsx/write/docProps";
import { zipParts, type ZipParts } from "../xlsx/write";
import { REL_TYPE, relsXml, type Relationship } from "../xlsx/write/rels";
import { documentXml, HEADER_REL, headerXml } from "./document";
import type { DocModel } from "./model";
import { settingsXml, stylesXml } from "./styles";

export type { DocBlock, DocCell, DocModel, DocParagraph, DocRun, DocSection, DocTable } from "./model";
export { para } from "./model";

const WML = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export const DOCX_MIME = `${WML}.document`;

export function renderDocx(model: DocModel, options: { zip?: ZipParts } = {}): Uint8Array {
  const properties = { title: model.title, subject: model.subject, creator: model.creator };
  const documentRels: Relationship[] = [
    { id: "rIdStyles", type: REL_TYPE.styles, target: "styles.xml" },
    { id: "rIdSettings", type: `${OFFICE_REL}/settings`, target: "settings.xml" },
    { id: HEADER_REL.pageNumber, type: `${OFFICE_REL}/header`, target: "header1.xml" },
    { id: HEADER_REL.empty, type: `${OFFICE_REL}/header`, target: "header2.xml" },
  ];
  const rootRels: Relationship[] = [
    { id: "rId1", type: REL_TYPE.officeDocument, target: "word/document.xml" },
    { id: "rId2", type: REL_TYPE.coreProperties, target: "docProps/core.xml" },
    { id: "rId3", type: REL_TYPE.extendedProperties, target: "docProps/app.xml" },
  ];
  const overrides: Array<readonly [string, string]> = [
    ["/word/document.xml", `${WML}.document.main+xml`],
    ["/word/styles.xml", `${WML}.styles+xml`],
    ["/word/settings.xml", `${WML}.settings+xml`],
    ["/word/header1.xml", `${WML}.header+xml`],
    ["/word/header2.xml", `${WML}.header+xml`],
    ["/docProps/core.xml", CONTENT_TYPE.coreProperties],
    ["/docProps/app.xml", CONTENT_TYPE.extendedProperties],
  ];
  return zipParts(
    [
      ["[Content_Types].xml", contentTypesXml(overrides)],
      ["_rels/.rels", relsXml(rootRels)],
      ["docProps/core.xml", coreXml(properties, undefined)],
      ["docProps/app.xml", appXml(properties)],
      ["word/document.xml", documentXml(model)],
      ["word/_rels/document.xml.rels", relsXml(documentRels)],
      ["word/styles.xml", stylesXml(model)],
      ["word/settings.xml", settingsXml()],
      ["word/header1.xml", headerXml(true)],
      ["word/header2.xml", headerXml(false)],
    ],
    options.zip,
  );
}
