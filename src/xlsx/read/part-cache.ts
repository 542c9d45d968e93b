/**
 * Small parts parsed once for many files. Forms made by one program share most of their parts byte
 * for byte (content types, relationships, styles, document properties, often the workbook part), so
 * a batch of hundreds of forms need not inflate and parse each again. A part is taken from here only
 * when its stored (compressed) bytes are the very same, under the same part name, parser and decoder:
 * the content is then the same by construction, nothing of the file is trusted for it. The limits are
 * counted as if the part had been inflated (ZipArchive.accountKnown), and a part that failed to read
 * or parse is never kept, so every refusal happens exactly as without the cache.
 */
import { decodeXmlBytes } from "./xml";
import type { InflateRaw } from "./types";
import type { ZipArchive } from "./zip";
import { sameBytes } from "../../util/bytes";

interface Kept {
  stored: Uint8Array;
  inflated: number;
  value: unknown;
}

/** Bigger parts are rare in forms and cost more to compare and keep than they save. */
const MAX_STORED = 8 * 1024;
const MAX_INFLATED = 128 * 1024;
/** Parts kept per decoder; a full cache starts again (odd input cannot grow it). */
const MAX_KEPT = 512;

const BUILT_IN = Object.freeze({ decoder: "built-in" });
/** Per decoder: a different decoder might read damaged data differently (or count its calls). */
const byDecoder = new WeakMap<InflateRaw | typeof BUILT_IN, Map<string, Kept>>();

/**
 * `parse(text)` of the part, or the value kept from an identical part; undefined when the part is
 * absent. `kind` names the parser. The value may be shared between files: callers must not change it.
 */
export function parsePart<T>(zip: ZipArchive, part: string, kind: string, parse: (xml: string) => T): T | undefined {
  const entry = zip.get(part);
  if (!entry) return undefined;
  const stored = entry.compSize <= MAX_STORED && entry.size <= MAX_INFLATED ? zip.stored(entry) : null;
  if (!stored) return parse(decodeXmlBytes(zip.read(entry)));
  const decoder = zip.decoder ?? BUILT_IN;
  let kept = byDecoder.get(decoder);
  if (!kept) byDecoder.set(decoder, (kept = new Map()));
  const key = `${kind}\u0000${part}\u0000${entry.method}\u0000${entry.crc}\u0000${entry.size}`;
  const hit = kept.get(key);
  if (hit && sameBytes(hit.stored, stored)) {
    zip.accountKnown(entry, hit.inflated);
    return hit.value as T;
  }
  const bytes = zip.read(entry);
  const value = parse(decodeXmlBytes(bytes));
  if (bytes.length <= MAX_INFLATED) {
    if (kept.size >= MAX_KEPT) kept.clear();
    // A copy: the input's bytes belong to the caller.
    kept.set(key, { stored: stored.slice(), inflated: bytes.length, value });
  }
  return value;
}
