/**
 * XML text helpers for the SpreadsheetML parts. Every string from the workbook description passes
 * through here, so the rules live in one place:
 * - Characters XML 1.0 forbids (C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates)
 *   are DROPPED. They cannot appear in a well-formed part even as character references, Excel's own
 *   `_xHHHH_` escape is not understood by every reader we target, and none of them carries meaning in
 *   an official report, so silently removing them beats producing a file nobody can open.
 * - CR, LF and TAB are written as character references inside attributes (attribute-value
 *   normalisation would otherwise turn them into spaces) and CR also in text (XML parsers turn a raw
 *   CR into LF).
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Forbidden by the XML 1.0 Char production; the surrogate alternatives match only unpaired halves.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string without the characters XML 1.0 cannot carry. */
export function stripForbidden(s: string): string {
  return s.replace(FORBIDDEN, "");
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };
const ATTR_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\r": "&#13;",
  "\n": "&#10;",
  "\t": "&#9;",
};

/** Element content. */
export function escapeText(s: string): string {
  return stripForbidden(s).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** Attribute value (always written in double quotes). */
export function escapeAttr(s: string): string {
  return stripForbidden(s).replace(/[&<>"\r\n\t]/g, (c) => ATTR_ESCAPES[c] ?? c);
}

/**
 * SpreadsheetML reads `_xHHHH_` inside string items as an escaped character. A literal occurrence in
 * user text must therefore have its underscore escaped (`_x005F_`), or Excel would show a different text.
 */
export function escapeOoxmlString(s: string): string {
  return s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
}

export type AttrValue = string | number | boolean | undefined | null;

/** ` a="1" b="x"` — undefined/null attributes are left out, booleans become "1"/"0". */
export function attrs(values: Record<string, AttrValue>): string {
  let out = "";
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    const text = typeof value === "boolean" ? (value ? "1" : "0") : typeof value === "number" ? num(value) : value;
    out += ` ${name}="${escapeAttr(text)}"`;
  }
  return out;
}

/** `<name a="1"/>` or `<name a="1">children</name>`; children are already XML. */
export function el(name: string, values: Record<string, AttrValue> = {}, children = ""): string {
  return children === "" ? `<${name}${attrs(values)}/>` : `<${name}${attrs(values)}>${children}</${name}>`;
}

/** `<name>text</name>` with the text escaped. */
export function textEl(name: string, text: string, values: Record<string, AttrValue> = {}): string {
  return `<${name}${attrs(values)}>${escapeText(text)}</${name}>`;
}

/** A number as xsd:double text: no "-0", and JavaScript's shortest round-trip form. */
export function num(n: number): string {
  return Object.is(n, -0) ? "0" : String(n);
}

/** True when a text needs xml:space="preserve" to keep its leading/trailing white space. */
export function needsPreserve(s: string): boolean {
  return /^\s|\s$/.test(s);
}

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  drawing: "http://schemas.openxmlformats.org/drawingml/2006/main",
  coreProps: "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
  extendedProps: "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
  customProps: "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
  vt: "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
} as const;
