/**
 * A small, strict XML parser for tests (manifests): elements, attributes, text, comments,
 * CDATA, processing instructions, the five predefined entities and character references.
 * It throws on anything that is not well-formed: mismatched or unclosed tags, duplicate
 * attributes, unquoted values, a bare `<` or `&`, text or a second element outside the root.
 * No DTDs (manifests have none). Namespace prefixes are kept in names ("bt:Image").
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (not descendants), untrimmed. */
  text: string;
  line: number;
  parent?: XmlElement;
}

export class XmlError extends Error {
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
  }
}

const isNameStart = (c: string): boolean => /[A-Za-z_:\u00C0-\uFFFF]/.test(c);
const isNameChar = (c: string): boolean => /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/.test(c);
const isSpace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\n" || c === "\r";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  let pos = 0;
  let line = 1;
  const src = source.startsWith("\uFEFF") ? source.slice(1) : source;

  const fail = (message: string): never => {
    throw new XmlError(message, line);
  };
  const advance = (n: number): void => {
    for (let i = 0; i < n; i++) if (src[pos + i] === "\n") line++;
    pos += n;
  };
  const startsWith = (s: string): boolean => src.startsWith(s, pos);
  const skipSpace = (): void => {
    while (pos < src.length && isSpace(src[pos])) advance(1);
  };
  const readName = (): string => {
    const start = pos;
    if (!isNameStart(src[pos] ?? "")) fail(`expected a name at "${src.slice(pos, pos + 10)}"`);
    while (pos < src.length && isNameChar(src[pos] ?? "")) pos++;
    return src.slice(start, pos);
  };
  const skipUntil = (end: string, what: string): string => {
    const at = src.indexOf(end, pos);
    if (at < 0) fail(`unterminated ${what}`);
    const body = src.slice(pos, at);
    advance(at - pos + end.length);
    return body;
  };

  const decode = (raw: string): string => {
    let out = "";
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (c === "<") fail("'<' in character data");
      if (c !== "&") {
        out += c;
        continue;
      }
      const semi = raw.indexOf(";", i);
      if (semi < 0) fail("'&' without ';'");
      const ref = raw.slice(i + 1, semi);
      if (ref.startsWith("#x")) {
        const code = parseInt(ref.slice(2), 16);
        if (!/^[0-9a-fA-F]+$/.test(ref.slice(2)) || Number.isNaN(code)) fail(`bad reference &${ref};`);
        out += String.fromCodePoint(code);
      } else if (ref.startsWith("#")) {
        if (!/^[0-9]+$/.test(ref.slice(1))) fail(`bad reference &${ref};`);
        out += String.fromCodePoint(parseInt(ref.slice(1), 10));
      } else {
        const value = ENTITIES[ref];
        if (value === undefined) fail(`unknown entity &${ref};`);
        out += value;
      }
      i = semi;
    }
    return out;
  };

  /** Comments, PIs and whitespace allowed around the root element. */
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (startsWith("<!--")) {
        advance(4);
        const body = skipUntil("-->", "comment");
        if (body.includes("--")) fail("'--' inside a comment");
      } else if (startsWith("<?")) {
        advance(2);
        skipUntil("?>", "processing instruction");
      } else if (startsWith("<!DOCTYPE")) {
        fail("DTDs are not supported");
      } else return;
    }
  };

  const parseElement = (parent?: XmlElement): XmlElement => {
    const elementLine = line;
    advance(1); // <
    const name = readName();
    const attrs: Record<string, string> = {};
    for (;;) {
      const hadSpace = isSpace(src[pos]);
      skipSpace();
      if (startsWith("/>") || startsWith(">")) break;
      if (!hadSpace) fail(`expected whitespace before attribute in <${name}>`);
      const attr = readName();
      skipSpace();
      if (src[pos] !== "=") fail(`attribute ${attr} of <${name}> has no value`);
      advance(1);
      skipSpace();
      const quote = src[pos];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} of <${name}> is not quoted`);
      advance(1);
      const end = src.indexOf(quote as string, pos);
      if (end < 0) fail(`unterminated attribute ${attr}`);
      const raw = src.slice(pos, end);
      advance(end - pos + 1);
      if (Object.prototype.hasOwnProperty.call(attrs, attr)) fail(`duplicate attribute ${attr} in <${name}>`);
      attrs[attr] = decode(raw);
    }
    const element: XmlElement = { name, attrs, children: [], text: "", line: elementLine };
    if (parent) element.parent = parent;
    if (startsWith("/>")) {
      advance(2);
      return element;
    }
    advance(1); // >
    for (;;) {
      if (pos >= src.length) fail(`<${name}> (line ${elementLine}) is not closed`);
      if (startsWith("</")) {
        advance(2);
        const closing = readName();
        skipSpace();
        if (src[pos] !== ">") fail(`bad closing tag </${closing}`);
        advance(1);
        if (closing !== name) fail(`</${closing}> closes <${name}> (line ${elementLine})`);
        return element;
      }
      if (startsWith("<!--")) {
        advance(4);
        const body = skipUntil("-->", "comment");
        if (body.includes("--")) fail("'--' inside a comment");
      } else if (startsWith("<![CDATA[")) {
        advance(9);
        element.text += skipUntil("]]>", "CDATA section");
      } else if (startsWith("<?")) {
        advance(2);
        skipUntil("?>", "processing instruction");
      } else if (startsWith("<")) {
        element.children.push(parseElement(element));
      } else {
        const next = src.indexOf("<", pos);
        const raw = src.slice(pos, next < 0 ? src.length : next);
        element.text += decode(raw);
        advance(raw.length);
      }
    }
  };

  if (startsWith("<?xml")) {
    advance(5);
    skipUntil("?>", "XML declaration");
  }
  skipMisc();
  if (src[pos] !== "<") fail("no root element");
  const root = parseElement();
  skipMisc();
  if (pos < src.length) fail(`content after the root element: "${src.slice(pos, pos + 20)}"`);
  return root;
}

/** Children with this name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The only child with this name; throws when there is none or more than one. */
export function onlyChild(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name);
  if (found.length !== 1) throw new Error(`<${element.name}> has ${found.length} <${name}> children, expected 1`);
  return found[0] as XmlElement;
}

/** Every element in document order (the element itself first). */
export function descendants(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [element];
  for (const child of element.children) out.push(...descendants(child));
  return out;
}

/** "OfficeApp > VersionOverrides > Hosts" for messages. */
export function pathOf(element: XmlElement): string {
  const names: string[] = [];
  for (let e: XmlElement | undefined = element; e; e = e.parent) names.unshift(e.name);
  return names.join(" > ");
}
