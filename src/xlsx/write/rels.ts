/** Relationship parts (_rels/.rels, xl/_rels/workbook.xml.rels, xl/worksheets/_rels/sheetN.xml.rels). */
import { el, NS, XML_DECLARATION } from "./xml";

const OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export const REL_TYPE = {
  officeDocument: `${OFFICE_REL}/officeDocument`,
  coreProperties: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  extendedProperties: `${OFFICE_REL}/extended-properties`,
  customProperties: `${OFFICE_REL}/custom-properties`,
  worksheet: `${OFFICE_REL}/worksheet`,
  styles: `${OFFICE_REL}/styles`,
  sharedStrings: `${OFFICE_REL}/sharedStrings`,
  theme: `${OFFICE_REL}/theme`,
  table: `${OFFICE_REL}/table`,
  drawing: `${OFFICE_REL}/drawing`,
  chart: `${OFFICE_REL}/chart`,
} as const;

export interface Relationship {
  id: string;
  type: string;
  /** Relative to the source part's folder (or absolute from the package root with a leading "/"). */
  target: string;
}

export function relsXml(rels: readonly Relationship[]): string {
  return (
    XML_DECLARATION +
    el(
      "Relationships",
      { xmlns: NS.pkgRel },
      rels.map((r) => el("Relationship", { Id: r.id, Type: r.type, Target: r.target })).join(""),
    )
  );
}
