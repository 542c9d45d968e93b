/** sharedStrings.xml → plain strings. Rich-text runs are joined; phonetic runs (<rPh>) are skipped. */
import { decodeEntities, parseXml, scanTag, skipSpace, startTagAt, tagOut, unescapeOoxml, type RawReader } from "./xml";

export function parseSharedStrings(xml: string, part: string): string[] {
  const out: string[] = [];
  let inSi = false;
  let phonetic = 0;
  let inT = false;
  let buf = "";
  let offered = false;

  /**
   * Most tables hold plain strings only — <si><t>text</t></si>, unprefixed — read by a scanner that
   * knows only that shape. Anything else (rich text runs, phonetic runs, comments, CDATA) and it
   * declines: what it read is dropped and the parser reads the table from the first string.
   */
  const scanPlain: RawReader = (src, from) => {
    let p = from;
    for (;;) {
      p = skipSpace(src, p);
      if (src.startsWith("</sst>", p)) return p + "</sst>".length;
      if (!src.startsWith("<si>", p)) break;
      p = skipSpace(src, p + "<si>".length);
      if (!startTagAt(src, p, "<t")) break;
      p = scanTag(src, p + 2);
      if (p < 0) break;
      let text = "";
      if (!tagOut.selfClosing) {
        const lt = src.indexOf("<", p);
        if (lt < 0 || !src.startsWith("</t>", lt)) break;
        text = src.slice(p, lt);
        if (text.indexOf("&") >= 0) text = decodeEntities(text, part);
        p = lt + "</t>".length;
      }
      p = skipSpace(src, p);
      if (!src.startsWith("</si>", p)) break;
      p += "</si>".length;
      out.push(unescapeOoxml(text));
    }
    out.length = 0;
    return -1;
  };

  parseXml(xml, part, {
    open(name) {
      if (name === "sst" && !offered) {
        offered = true;
        return scanPlain;
      }
      if (name === "si") {
        inSi = true;
        buf = "";
      } else if (!inSi) return;
      else if (name === "rPh") phonetic++;
      else if (name === "t" && phonetic === 0) inT = true;
    },
    close(name) {
      if (name === "t") inT = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si") {
        out.push(unescapeOoxml(buf));
        inSi = false;
      }
    },
    text(t) {
      if (inT) buf += t;
    },
  });
  return out;
}
