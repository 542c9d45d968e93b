/** sharedStrings.xml → plain strings. Rich-text runs are joined; phonetic runs (<rPh>) are skipped. */
import { parseXml, unescapeOoxml } from "./xml";

export function parseSharedStrings(xml: string, part: string): string[] {
  const out: string[] = [];
  let inSi = false;
  let phonetic = 0;
  let inT = false;
  let buf = "";
  parseXml(xml, part, {
    open(name) {
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
