/**
 * A minimal, strict, single-pass XML tokenizer for SpreadsheetML parts. It knows elements,
 * attributes, text, CDATA, comments, processing instructions, the five predefined entities and
 * numeric character references — nothing else. Any DOCTYPE/ENTITY is refused (no external entities,
 * no entity expansion at all), malformed input throws "corrupt" naming the part. Element and attribute
 * names are reported by LOCAL name (prefixes vary: x:, main:, none). No regular expressions run over
 * the document; scanning is indexOf/charCodeAt.
 */
import { readErrors } from "./errors";

export type Attrs = Record<string, string>;

/**
 * Offered an element's content unparsed (`from`: just past its start tag): returns the index just past
 * the element's end tag when it has read all of it, or -1 to decline, and the content is then parsed
 * as usual. What it accepts it must check itself as strictly as this parser would (a scanner for one
 * plain, well-formed shape, declining anything else); on declining it must undo what it did.
 */
export type RawReader = (src: string, from: number) => number;

export interface XmlHandler {
  /**
   * Returning `true` skips the element's content: no events for it, only close(name). The content is
   * passed over without being tokenised when that is safe (see skipContent); otherwise it is parsed
   * (and checked) as usual with the events held back. Returning a RawReader offers it the content
   * first (then close(name) when it read it). Any other return value is ignored.
   */
  open(name: string, attrs: Attrs, selfClosing: boolean): unknown;
  close(name: string): void;
  /** Character data inside the root (decoded); omitted handlers skip decoding entirely. */
  text?(text: string): void;
}

const NO_ATTRS: Attrs = Object.freeze({}) as Attrs;

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** UTF-8 (BOM or not) or UTF-16 with a BOM — the encodings OOXML writers actually use. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return utf8.decode(bytes);
}

const utf8 = new TextDecoder("utf-8");

/** The five predefined entities and character references; anything else is "corrupt". */
export function decodeEntities(s: string, part: string): string {
  let amp = s.indexOf("&");
  if (amp < 0) return s;
  let out = "";
  let last = 0;
  while (amp >= 0) {
    const semi = s.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 12) throw readErrors.corrupt(part, "bad entity reference");
    out += s.slice(last, amp);
    const ent = s.slice(amp + 1, semi);
    if (ent === "amp") out += "&";
    else if (ent === "lt") out += "<";
    else if (ent === "gt") out += ">";
    else if (ent === "quot") out += '"';
    else if (ent === "apos") out += "'";
    else if (ent.charCodeAt(0) === 0x23 /* # */) {
      const hex = ent.charCodeAt(1) === 0x78; /* x */
      const digits = hex ? ent.slice(2) : ent.slice(1);
      const cp = digits.length > 0 && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff) || (!hex && /[^0-9]/.test(digits))) {
        throw readErrors.corrupt(part, `bad character reference &${ent};`);
      }
      out += String.fromCodePoint(cp);
    } else {
      throw readErrors.corrupt(part, `undefined entity &${ent};`);
    }
    last = semi + 1;
    amp = s.indexOf("&", last);
  }
  return out + s.slice(last);
}

function isAllSpace(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

function startsWithCi(s: string, at: number, word: string): boolean {
  return s.slice(at, at + word.length).toUpperCase() === word;
}

/**
 * Where the content of an element opened with `qname` ends (the index just past its end tag), when it
 * can be passed over unparsed; -1 when it must be parsed. Skipping is safe only if the first
 * "</qname>" really is that element's end tag: so the content may not hold a comment, CDATA, a
 * processing instruction or a declaration ("<!", "<?" — DOCTYPE/ENTITY stay refused), another element
 * of the same name, or a tag whose end (">") lies past that point ("<" inside an attribute value).
 * Well-formedness of the skipped content itself is not checked: nothing in it is read.
 */
function skipContent(src: string, from: number, qname: string): number {
  const qlen = qname.length;
  let lt = src.indexOf("<", from);
  while (lt >= 0) {
    const c = src.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */ || c === 0x3f /* ? */) return -1;
    const end = c === 0x2f; /* / */
    const nameAt = end ? lt + 2 : lt + 1;
    if (src.startsWith(qname, nameAt)) {
      let p = nameAt + qlen;
      const after = src.charCodeAt(p);
      if (after === 0x3e || isSpace(after) || (!end && after === 0x2f)) {
        if (!end) return -1; // an element of the same name inside: its end tag would be taken for ours
        while (isSpace(src.charCodeAt(p))) p++;
        return src.charCodeAt(p) === 0x3e ? p + 1 : -1;
      }
    }
    // The tag must end (">") before the next "<"; quoted values are jumped over whole.
    const next = src.indexOf("<", lt + 1);
    if (next < 0) return -1;
    let q = nameAt;
    for (;;) {
      if (q >= next) return -1;
      const ch = src.charCodeAt(q);
      if (ch === 0x3e) break;
      if (ch === 0x22 || ch === 0x27) {
        q = src.indexOf(ch === 0x22 ? '"' : "'", q + 1);
        if (q < 0 || q >= next) return -1; // unterminated, or "<" inside the value
      }
      q++;
    }
    lt = next;
  }
  return -1;
}

export function parseXml(src: string, part: string, h: XmlHandler): void {
  const n = src.length;
  const stack: string[] = [];
  const locals: string[] = [];
  let rootSeen = false;
  /** Stack depth of a skipped element that is being parsed anyway (events held back); 0 = none. */
  let muted = 0;
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const corrupt = (why: string): never => {
    throw readErrors.corrupt(part, why);
  };
  while (i < n) {
    const lt = src.indexOf("<", i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (stack.length === 0) {
        if (!isAllSpace(src, i, textEnd)) corrupt("text outside the root element");
      } else if (h.text) {
        // Held-back text is still decoded, so a skipped element parsed anyway is checked as before.
        const text = decodeEntities(src.slice(i, textEnd), part);
        if (muted === 0) h.text(text);
      }
    }
    if (lt < 0) break;
    const c = src.charCodeAt(lt + 1);
    if (c === 0x2f /* / */) {
      // End tag: compare in place with the open element's name (no slice on the hot path).
      const open = stack.pop();
      const local = locals.pop();
      let p = lt + 2;
      if (open === undefined || local === undefined || !src.startsWith(open, p)) {
        corrupt(`unexpected end tag </${src.slice(p, src.indexOf(">", p))}>`);
        return;
      }
      p += open.length;
      while (p < n && isSpace(src.charCodeAt(p))) p++;
      if (src.charCodeAt(p) !== 0x3e) corrupt(`</${open}> does not close <${open}>`);
      if (muted === 0) h.close(local);
      else if (stack.length + 1 === muted) {
        muted = 0;
        h.close(local);
      }
      i = p + 1;
    } else if (c === 0x3f /* ? */) {
      const end = src.indexOf("?>", lt + 2);
      if (end < 0) corrupt("unterminated processing instruction");
      i = end + 2;
    } else if (c === 0x21 /* ! */) {
      if (src.startsWith("<!--", lt)) {
        const end = src.indexOf("-->", lt + 4);
        if (end < 0) corrupt("unterminated comment");
        i = end + 3;
      } else if (src.startsWith("<![CDATA[", lt)) {
        if (stack.length === 0) corrupt("CDATA outside the root element");
        const end = src.indexOf("]]>", lt + 9);
        if (end < 0) corrupt("unterminated CDATA section");
        if (muted === 0 && h.text) h.text(src.slice(lt + 9, end));
        i = end + 3;
      } else if (startsWithCi(src, lt + 2, "DOCTYPE") || startsWithCi(src, lt + 2, "ENTITY")) {
        throw readErrors.forbiddenXml(part);
      } else {
        corrupt("unexpected markup declaration");
      }
    } else {
      // Start tag: name, then attributes, then > or />.
      let p = lt + 1;
      let colon = -1;
      while (p < n) {
        const ch = src.charCodeAt(p);
        if (isSpace(ch) || ch === 0x3e || ch === 0x2f) break;
        if (ch === 0x3a) colon = p;
        else if (ch === 0x3c || ch === 0x3d || ch === 0x22 || ch === 0x27) corrupt("bad start tag");
        p++;
      }
      if (p === lt + 1) corrupt("bad start tag");
      const qname = src.slice(lt + 1, p);
      const local = colon < 0 ? qname : src.slice(colon + 1, p);
      if (stack.length === 0 && rootSeen) corrupt("more than one root element");
      let attrs = NO_ATTRS;
      let selfClosing = false;
      for (;;) {
        while (p < n && isSpace(src.charCodeAt(p))) p++;
        if (p >= n) corrupt(`unterminated <${qname}>`);
        const ch = src.charCodeAt(p);
        if (ch === 0x3e /* > */) {
          p++;
          break;
        }
        if (ch === 0x2f /* / */) {
          if (src.charCodeAt(p + 1) !== 0x3e) corrupt(`bad <${qname}/>`);
          selfClosing = true;
          p += 2;
          break;
        }
        const nameStart = p;
        let acolon = -1;
        while (p < n) {
          const a = src.charCodeAt(p);
          if (a === 0x3d /* = */ || isSpace(a) || a === 0x3e || a === 0x2f || a === 0x3c) break;
          if (a === 0x3a) acolon = p;
          p++;
        }
        const nameEnd = p;
        while (p < n && isSpace(src.charCodeAt(p))) p++;
        if (nameEnd === nameStart || src.charCodeAt(p) !== 0x3d) corrupt(`bad attribute in <${qname}>`);
        p++;
        while (p < n && isSpace(src.charCodeAt(p))) p++;
        const quote = src.charCodeAt(p);
        if (quote !== 0x22 && quote !== 0x27) corrupt(`unquoted attribute in <${qname}>`);
        // One scan finds the closing quote and notes what needs care: "<" (illegal), "&", literal white space.
        let q = p + 1;
        let amp = false;
        let ws = false;
        for (;;) {
          if (q >= n) corrupt(`unterminated attribute in <${qname}>`);
          const v = src.charCodeAt(q);
          if (v === quote) break;
          if (v <= 0x3c) {
            if (v === 0x3c) corrupt(`"<" in an attribute of <${qname}>`);
            else if (v === 0x26) amp = true;
            else if (v === 0x09 || v === 0x0a || v === 0x0d) ws = true;
          }
          q++;
        }
        let value = src.slice(p + 1, q);
        // Attribute-value normalisation: literal white space becomes a space; &#10; survives.
        if (ws) value = value.replace(/[\t\n\r]/g, " ");
        if (amp) value = decodeEntities(value, part);
        if (attrs === NO_ATTRS) attrs = {};
        const aname = acolon < 0 ? src.slice(nameStart, nameEnd) : src.slice(acolon + 1, nameEnd);
        if (aname !== "__proto__") attrs[aname] = value;
        p = q + 1;
        const after = src.charCodeAt(p);
        if (!(isSpace(after) || after === 0x3e || after === 0x2f)) corrupt(`bad attribute list in <${qname}>`);
      }
      rootSeen = true;
      if (muted !== 0) {
        if (!selfClosing) {
          stack.push(qname);
          locals.push(local);
        }
      } else if (selfClosing) {
        h.open(local, attrs, true);
        h.close(local);
      } else {
        const wants = h.open(local, attrs, false);
        const after =
          wants === true ? skipContent(src, p, qname) : typeof wants === "function" ? (wants as RawReader)(src, p) : -1;
        if (after >= 0) {
          h.close(local);
          p = after;
        } else {
          stack.push(qname);
          locals.push(local);
          if (wants === true) muted = stack.length;
        }
      }
      i = p;
    }
  }
  if (stack.length > 0) corrupt(`unclosed <${stack[stack.length - 1] ?? ""}> (truncated?)`);
  if (!rootSeen) corrupt("no root element");
}

// Helpers for scanners of one plain shape (RawReader): start tags read without attribute objects.

/** Scratch output of scanTag: the attributes the scanners read (undefined when absent). */
export const tagOut = {
  r: undefined as string | undefined,
  s: undefined as string | undefined,
  t: undefined as string | undefined,
  si: undefined as string | undefined,
  ref: undefined as string | undefined,
  selfClosing: false,
};

/**
 * The attributes of a start tag from `p` (just past its name) to its end: the index past ">" or "/>"
 * into tagOut, or -1 for anything a scanner leaves to the parser — white space around "=", a
 * value holding "&", "<" or literal white space (which the parser would decode or normalise), a
 * malformed tag. Names are taken by their local part, the last of a repeated name wins, as the
 * parser does; names not read are checked for form only.
 */
export function scanTag(src: string, p: number): number {
  tagOut.r = tagOut.s = tagOut.t = tagOut.si = tagOut.ref = undefined;
  tagOut.selfClosing = false;
  const n = src.length;
  for (;;) {
    let c = src.charCodeAt(p);
    if (c === 0x3e /* > */) return p + 1;
    if (c === 0x2f /* / */) {
      if (src.charCodeAt(p + 1) !== 0x3e) return -1;
      tagOut.selfClosing = true;
      return p + 2;
    }
    // At least one white space before each attribute.
    if (!isSpace(c)) return -1;
    do c = src.charCodeAt(++p);
    while (isSpace(c));
    if (c === 0x3e || c === 0x2f) continue;
    const nameStart = p;
    let local = p;
    while (p < n) {
      c = src.charCodeAt(p);
      if (c === 0x3d || c === 0x3e || c === 0x2f || c === 0x3c || c === 0x22 || c === 0x27 || isSpace(c)) break;
      if (c === 0x3a) local = p + 1;
      p++;
    }
    if (p === nameStart || c !== 0x3d) return -1;
    const quote = src.charCodeAt(p + 1);
    if (quote !== 0x22 && quote !== 0x27) return -1;
    const valueStart = p + 2;
    let q = valueStart;
    for (;;) {
      if (q >= n) return -1;
      const v = src.charCodeAt(q);
      if (v === quote) break;
      if (v <= 0x3c && (v === 0x3c || v === 0x26 || v === 0x09 || v === 0x0a || v === 0x0d)) return -1;
      q++;
    }
    const nameLen = p - local;
    if (nameLen === 1 || nameLen === 2 || nameLen === 3) {
      const name = src.slice(local, p);
      if (name === "r") tagOut.r = src.slice(valueStart, q);
      else if (name === "s") tagOut.s = src.slice(valueStart, q);
      else if (name === "t") tagOut.t = src.slice(valueStart, q);
      else if (name === "si") tagOut.si = src.slice(valueStart, q);
      else if (name === "ref") tagOut.ref = src.slice(valueStart, q);
    }
    p = q + 1;
  }
}

/** Whether `src` has the start tag `<name` at `p`: the name followed by white space, ">" or "/". */
export function startTagAt(src: string, p: number, name: string): boolean {
  if (!src.startsWith(name, p)) return false;
  const c = src.charCodeAt(p + name.length);
  return c === 0x3e || c === 0x2f || isSpace(c);
}

export function skipSpace(src: string, p: number): number {
  while (isSpace(src.charCodeAt(p))) p++;
  return p;
}

/** "1"/"true" and "0"/"false" (LibreOffice writes the words); anything else gives the default. */
export function xmlBool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return dflt;
}

/** OOXML escapes characters XML cannot carry as _xHHHH_ inside strings (_x005F_ escapes "_"). */
export function unescapeOoxml(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
