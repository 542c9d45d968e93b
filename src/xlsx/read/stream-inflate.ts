/**
 * The browser's native raw-deflate (DecompressionStream) for the reader. It is asynchronous and the
 * reader is not, so the parts are inflated ahead of the read — each stopped as soon as its output
 * passes what the limits could ever allow — and handed to the reader as a synchronous InflateRaw.
 * Whatever was not inflated ahead, or came out too large, goes through the reader's own counting
 * decoder, which then says precisely what is wrong: the limits hold either way.
 */
import { startsWithZipSignature, ZipArchive } from "./zip";
import { concat } from "../../util/bytes";
import { DEFAULT_LIMITS, type InflateRaw, type ReadLimits } from "./types";

/** Parts the reader may read: XML and relationships (images and other media are never inflated). */
const READ_PARTS = /\.(xml|rels|vml)$/i;
const RATIO_GRACE = 1024 * 1024;
/**
 * Only parts at least this large (compressed) are worth a stream: each stream costs a few tasks
 * and promise turns, which for the small parts of a report form is several times the inflating
 * itself (measured in Chromium: ~25 ms a form through streams, ~3 ms with the JavaScript decoder).
 */
const STREAM_FROM = 64 * 1024;

export function hasStreamInflate(): boolean {
  try {
    if (typeof DecompressionStream !== "function") return false;
    new DecompressionStream("deflate-raw"); // throws where "deflate-raw" is unknown (older engines)
    return true;
  } catch {
    return false;
  }
}

async function inflateCapped(data: Uint8Array, cap: number): Promise<Uint8Array | null> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > cap) {
        await reader.cancel();
        return null; // past any limit: the counting decoder will name the zip bomb
      }
      chunks.push(value);
    }
  } catch {
    return null; // damaged data: the counting decoder says where
  }
  return concat(chunks);
}

/**
 * Inflates the workbook's parts with DecompressionStream; returns the InflateRaw to pass to
 * readXlsx with the same bytes, or undefined when there is nothing to gain (not a zip, no stream).
 */
export async function streamInflater(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<InflateRaw | undefined> {
  if (!hasStreamInflate() || !startsWithZipSignature(bytes) || bytes.length > limits.maxFileBytes) return undefined;
  let zip: ZipArchive;
  try {
    zip = new ZipArchive(bytes, limits);
  } catch {
    return undefined; // the reader reports the damaged archive itself
  }
  const ready = new Map<number, Uint8Array>();
  if (![...zip.entries].some((e) => READ_PARTS.test(e.name) && e.compSize >= STREAM_FROM)) return undefined;
  let budget = limits.maxTotalBytes;
  for (const entry of zip.entries) {
    if (!READ_PARTS.test(entry.name)) continue;
    const data = zip.deflated(entry);
    if (!data || data.length < STREAM_FROM) continue;
    const cap = Math.min(limits.maxEntryBytes, budget, Math.max(RATIO_GRACE, limits.maxRatio * data.length)) + 1;
    const out = await inflateCapped(data, cap);
    if (!out) continue;
    budget -= out.length;
    ready.set(data.byteOffset, out);
  }
  return (compressed, maxOutput) => {
    const out = ready.get(compressed.byteOffset);
    // Unknown or over the limit: throwing sends the part through the counting decoder.
    if (!out || out.length > maxOutput) throw new Error("not inflated ahead");
    return out;
  };
}
