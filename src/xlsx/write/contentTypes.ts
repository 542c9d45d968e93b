/** [Content_Types].xml: the media type of every part in the package. */
import { el, NS, XML_DECLARATION } from "./xml";

const SML = "application/vnd.openxmlformats-officedocument.spreadsheetml";

export const CONTENT_TYPE = {
  workbook: `${SML}.sheet.main+xml`,
  worksheet: `${SML}.worksheet+xml`,
  styles: `${SML}.styles+xml`,
  sharedStrings: `${SML}.sharedStrings+xml`,
  table: `${SML}.table+xml`,
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  theme: "application/vnd.openxmlformats-officedocument.theme+xml",
  coreProperties: "application/vnd.openxmlformats-package.core-properties+xml",
  extendedProperties: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
  customProperties: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
  customXmlProperties: "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
} as const;

/** `overrides`: part name (with leading "/") → content type, in package order. */
export function contentTypesXml(overrides: ReadonlyArray<readonly [string, string]>): string {
  return (
    XML_DECLARATION +
    el(
      "Types",
      { xmlns: NS.contentTypes },
      el("Default", { Extension: "rels", ContentType: "application/vnd.openxmlformats-package.relationships+xml" }) +
        el("Default", { Extension: "xml", ContentType: "application/xml" }) +
        overrides.map(([part, type]) => el("Override", { PartName: part, ContentType: type })).join(""),
    )
  );
}
