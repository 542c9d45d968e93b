/** docProps/core.xml, docProps/app.xml and docProps/custom.xml: the document's properties. */
import type { WorkbookSpec } from "../../workbook/model";
import { WorkbookSpecError } from "./errors";
import { el, NS, textEl, XML_DECLARATION } from "./xml";

/** Our own name: app.xml tells readers which program wrote the file, and that is not Excel. */
export const APPLICATION_NAME = "Phu luc NQ08";

/** The format id Office uses for user-defined properties. */
const CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

/** W3CDTF without milliseconds, as Office writes it. */
function w3cdtf(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * `modified` absent → no dates at all: a date the caller did not give would be invented, and would
 * make the same description render to different bytes.
 */
export function coreXml(props: WorkbookSpec["properties"], modified: Date | undefined): string {
  if (modified !== undefined && Number.isNaN(modified.getTime())) {
    throw new WorkbookSpecError("options.modified is not a valid date");
  }
  const optional = (name: string, value: string | undefined): string =>
    value === undefined || value === "" ? "" : textEl(name, value);
  const dates =
    modified === undefined
      ? ""
      : textEl("dcterms:created", w3cdtf(modified), { "xsi:type": "dcterms:W3CDTF" }) +
        textEl("dcterms:modified", w3cdtf(modified), { "xsi:type": "dcterms:W3CDTF" });
  return (
    XML_DECLARATION +
    el(
      "cp:coreProperties",
      {
        "xmlns:cp": NS.coreProps,
        "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        "xmlns:dcterms": "http://purl.org/dc/terms/",
        "xmlns:dcmitype": "http://purl.org/dc/dcmitype/",
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
      },
      optional("dc:title", props.title) +
        optional("dc:subject", props.subject) +
        optional("dc:creator", props.creator) +
        optional("cp:keywords", props.keywords) +
        optional("dc:description", props.description) +
        optional("cp:lastModifiedBy", props.creator) +
        dates,
    )
  );
}

export function appXml(props: WorkbookSpec["properties"]): string {
  return (
    XML_DECLARATION +
    el(
      "Properties",
      { xmlns: NS.extendedProps, "xmlns:vt": NS.vt },
      textEl("Application", APPLICATION_NAME) +
        textEl("DocSecurity", "0") +
        textEl("ScaleCrop", "false") +
        (props.company ? textEl("Company", props.company) : "") +
        textEl("LinksUpToDate", "false") +
        textEl("SharedDoc", "false") +
        textEl("HyperlinksChanged", "false"),
    )
  );
}

/** Null when there are no custom properties (the part is then left out). */
export function customXml(custom: Record<string, string>): string | null {
  const entries = Object.entries(custom);
  if (entries.length === 0) return null;
  const seen = new Set<string>();
  const props = entries.map(([name, value], i) => {
    if (name.trim() === "") throw new WorkbookSpecError("customProperties: a property name is empty");
    // Office's property dialog limits names and text values to 255 characters and treats names case-insensitively.
    if (name.length > 255)
      throw new WorkbookSpecError(`customProperties: name "${name}" is longer than 255 characters`);
    if (value.length > 255) {
      throw new WorkbookSpecError(`customProperties: the value of "${name}" is longer than 255 characters`);
    }
    const key = name.toLowerCase();
    if (seen.has(key)) throw new WorkbookSpecError(`customProperties: "${name}" is given twice (names ignore case)`);
    seen.add(key);
    // pid 0 and 1 are reserved by OLE property sets; user properties start at 2.
    return el("property", { fmtid: CUSTOM_FMTID, pid: i + 2, name }, textEl("vt:lpwstr", value));
  });
  return XML_DECLARATION + el("Properties", { xmlns: NS.customProps, "xmlns:vt": NS.vt }, props.join(""));
}
