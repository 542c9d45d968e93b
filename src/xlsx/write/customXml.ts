/**
 * A custom XML data part (customXml/item1.xml with its properties part), related from the workbook:
 * the package's place for an application's own data. Excel and LibreOffice open the book as usual
 * and ignore it; a program that does not know it may drop it, which only costs what it was for.
 */
import { CONTENT_TYPE } from "./contentTypes";
import { relsXml, type Relationship } from "./rels";
import { el, XML_DECLARATION } from "./xml";

const DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml";
export const CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml";
const PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps";

export interface CustomXmlPart {
  /** The item's XML, with its declaration. */
  xml: string;
  /** Fixed, so the same book gives the same bytes. */
  itemId: string;
}

/** The parts to add, the workbook's relationship target, and the content type override. */
export function customXmlParts(item: CustomXmlPart): {
  parts: Array<readonly [string, string]>;
  workbookTarget: string;
  override: readonly [string, string];
} {
  const props: Relationship[] = [{ id: "rId1", type: PROPS_REL, target: "itemProps1.xml" }];
  return {
    parts: [
      ["customXml/item1.xml", item.xml],
      [
        "customXml/itemProps1.xml",
        XML_DECLARATION + el("ds:datastoreItem", { "ds:itemID": item.itemId, "xmlns:ds": DS }, el("ds:schemaRefs", {})),
      ],
      ["customXml/_rels/item1.xml.rels", relsXml(props)],
    ],
    workbookTarget: "../customXml/item1.xml",
    override: ["/customXml/itemProps1.xml", CONTENT_TYPE.customXmlProperties],
  };
}
