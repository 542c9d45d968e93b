/**
 * A defensive zip reader: we parse the central directory ourselves and inflate only the parts asked
 * for, with fflate's streaming Inflate fed in small slices, so the ACTUAL output is counted as it is
 * produced and a zip bomb is stopped after a few MB rather than after allocating its declared (or
 * real) size. Declared sizes are never trusted for allocation.
 */
import { Inflate, inflateSync } from "fflate";
import { concat } from "../../util/bytes";
import { readErrors, XlsxReadError } from "./errors";
import type { InflateRaw, ReadLimits } from "./types";

export interface ZipEntry {
  /** As stored in the central directory. */
  name: string;
  flags: number;
  method: number;
  /**
   * CRC-32 of the uncompressed data as the central directory declares it: a hint for telling parts
   * apart and for the history index, never trusted as proof of content.
   */
  crc: number;
  compSize: number;
  /** Declared uncompressed size — informative only. */
  size: number;
  localOffset: number;
}

/** Compressed bytes per push: deflate expands at most ~1032×, so one push yields at most ~8 MB. */
const CHUNK = 8 * 1024;
/** Small parts may legitimately compress very well; the ratio rule applies past this size. */
const RATIO_GRACE = 1024 * 1024;
/**
 * One-shot inflation into a buffer sized from the declared size is much cheaper than streaming for
 * small parts. It is only a hint: fflate drops writes past the buffer, the real length is still
 * reported, and a part larger than declared goes through the counting stream instead. The compressed
 * size bounds the wasted work of a lying entry, and one lie turns the shortcut off for the archive.
 */
const FAST_MAX_COMPRESSED = 64 * 1024;
const FAST_MAX_DECLARED = 4 * 1024 * 1024;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;

function u16(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;
}

function u64(b: Uint8Array, o: number): number {
  const hi = u32(b, o + 4);
  // Anything past 2^53 is nonsense for a file we accept at all.
  if (hi >= 0x200000) throw readErrors.corrupt("zip", "zip64 size out of range");
  return hi * 0x100000000 + u32(b, o);
}

const utf8 = new TextDecoder("utf-8");

/** Zip part names are case-insensitive in OPC; some writers use "\" or a leading "/". */
export function normalizePartName(name: string): string {
  let n = name.replace(/\\/g, "/");
  while (n.startsWith("/")) n = n.slice(1);
  return n.toLowerCase();
}

export function startsWithZipSignature(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7);
}

export class ZipArchive {
  private readonly bytes: Uint8Array;
  private readonly limits: ReadLimits;
  private readonly byName = new Map<string, ZipEntry>();
  private readonly inflateRaw: InflateRaw | undefined;
  private inflatedTotal = 0;
  private fastPath = true;

  constructor(bytes: Uint8Array, limits: ReadLimits, inflateRaw?: InflateRaw) {
    this.bytes = bytes;
    this.limits = limits;
    this.inflateRaw = inflateRaw;
    this.parseDirectory();
  }

  /** The platform decoder this archive inflates with (undefined: the built-in one). */
  get decoder(): InflateRaw | undefined {
    return this.inflateRaw;
  }

  get entries(): IterableIterator<ZipEntry> {
    return this.byName.values();
  }

  get(name: string): ZipEntry | undefined {
    return this.byName.get(normalizePartName(name));
  }

  has(name: string): boolean {
    return this.byName.has(normalizePartName(name));
  }

  private parseDirectory(): void {
    const b = this.bytes;
    const len = b.length;
    let eocd = -1;
    const stop = Math.max(0, len - 22 - 0xffff);
    for (let i = len - 22; i >= stop; i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw readErrors.corrupt("zip", "no central directory (truncated file?)");
    let count = u16(b, eocd + 10);
    let cdSize = u32(b, eocd + 12);
    let cdOffset = u32(b, eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc >= 0 && u32(b, loc) === SIG_EOCD64_LOCATOR) {
        const at = u64(b, loc + 8);
        if (at + 56 > len || u32(b, at) !== SIG_EOCD64) throw readErrors.corrupt("zip", "bad zip64 record");
        count = u64(b, at + 32);
        cdSize = u64(b, at + 40);
        cdOffset = u64(b, at + 48);
      }
    }
    if (u32(b, eocd) !== SIG_EOCD || cdOffset + cdSize > len) {
      throw readErrors.corrupt("zip", "central directory out of bounds");
    }
    if (count > this.limits.maxEntries) throw readErrors.zipBomb(`zip (${count} entries)`);
    let p = cdOffset;
    const end = cdOffset + cdSize;
    let seen = 0;
    while (p + 46 <= end && u32(b, p) === SIG_CENTRAL) {
      if (++seen > this.limits.maxEntries) throw readErrors.zipBomb(`zip (${seen} entries)`);
      const flags = u16(b, p + 8);
      const method = u16(b, p + 10);
      const crc = u32(b, p + 16);
      let compSize = u32(b, p + 20);
      let size = u32(b, p + 24);
      const nameLen = u16(b, p + 28);
      const extraLen = u16(b, p + 30);
      const commentLen = u16(b, p + 32);
      let localOffset = u32(b, p + 42);
      const nameEnd = p + 46 + nameLen;
      if (nameEnd + extraLen + commentLen > end)
        throw readErrors.corrupt("zip", "central directory entry out of bounds");
      const name = utf8.decode(b.subarray(p + 46, nameEnd));
      if (compSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
        // Zip64 extended information: only the fields that overflowed are present, in this order.
        let e = nameEnd;
        const extraEnd = nameEnd + extraLen;
        while (e + 4 <= extraEnd) {
          const id = u16(b, e);
          const sz = u16(b, e + 2);
          if (id === 1) {
            let q = e + 4;
            if (size === 0xffffffff) ((size = u64(b, q)), (q += 8));
            if (compSize === 0xffffffff) ((compSize = u64(b, q)), (q += 8));
            if (localOffset === 0xffffffff) localOffset = u64(b, q);
            break;
          }
          e += 4 + sz;
        }
      }
      const key = normalizePartName(name);
      // Two entries with one name would let two readers see two different files: refuse.
      if (this.byName.has(key)) throw readErrors.corrupt("zip", `duplicate entry ${name}`);
      this.byName.set(key, { name, flags, method, crc, compSize, size, localOffset });
      p = nameEnd + extraLen + commentLen;
    }
  }

  /**
   * The raw deflate data of a compressed entry, for a platform decoder that runs ahead of the
   * reader (the browser's DecompressionStream); null when the entry is stored, encrypted or damaged.
   * The reader calls `inflateRaw` with this very view, so results can be matched by byteOffset.
   */
  deflated(entry: ZipEntry): Uint8Array | null {
    const b = this.bytes;
    const lo = entry.localOffset;
    if (entry.method !== 8 || entry.flags & 1 || lo + 30 > b.length || u32(b, lo) !== SIG_LOCAL) return null;
    const start = lo + 30 + u16(b, lo + 26) + u16(b, lo + 28);
    const end = start + entry.compSize;
    return end > b.length ? null : b.subarray(start, end);
  }

  /**
   * The entry's data exactly as read() takes it (compressed, or stored), or null where read() would
   * refuse the entry: a cache may compare these bytes, and leaves every refusal to read().
   */
  stored(entry: ZipEntry): Uint8Array | null {
    const b = this.bytes;
    const lo = entry.localOffset;
    if ((entry.method !== 0 && entry.method !== 8) || entry.flags & 1) return null;
    if (lo + 30 > b.length || u32(b, lo) !== SIG_LOCAL) return null;
    const start = lo + 30 + u16(b, lo + 26) + u16(b, lo + 28);
    const end = start + entry.compSize;
    return end > b.length ? null : b.subarray(start, end);
  }

  /**
   * Counts a part whose content is already known (the same data read from another file) as if it
   * had been inflated here, so the limits hold exactly as they would have.
   */
  accountKnown(entry: ZipEntry, inflated: number): void {
    this.account(entry.name, inflated, inflated, entry.compSize);
  }

  /** The bytes of one entry, inflated under the limits. Stored entries are views on the input (never written). */
  read(entry: ZipEntry): Uint8Array {
    const b = this.bytes;
    const lo = entry.localOffset;
    if (lo + 30 > b.length || u32(b, lo) !== SIG_LOCAL) throw readErrors.corrupt(entry.name, "bad local header");
    const start = lo + 30 + u16(b, lo + 26) + u16(b, lo + 28);
    const end = start + entry.compSize;
    if (end > b.length) throw readErrors.corrupt(entry.name, "entry data out of bounds (truncated file?)");
    if (entry.flags & 1) throw readErrors.encrypted();
    const src = b.subarray(start, end);
    if (entry.method === 0) {
      this.account(entry.name, src.length, src.length, src.length);
      return src;
    }
    if (entry.method !== 8) throw readErrors.corrupt(entry.name, `unsupported compression method ${entry.method}`);
    const fast = this.inflateRaw ? this.inflateNative(entry.name, src) : this.inflateFast(entry, src);
    return fast ?? this.inflate(entry.name, src);
  }

  /** Through the platform's decoder, told the most output the limits allow, so a bomb stops there. */
  private inflateNative(name: string, src: Uint8Array): Uint8Array | undefined {
    const { maxEntryBytes, maxTotalBytes, maxRatio } = this.limits;
    const allowed = Math.max(
      0,
      Math.min(maxEntryBytes, maxTotalBytes - this.inflatedTotal, Math.max(RATIO_GRACE, maxRatio * src.length)),
    );
    let out: Uint8Array;
    try {
      // One byte more than allowed: getting it back proves the limit was passed.
      out = this.inflateRaw!(src, allowed + 1);
    } catch {
      return undefined; // the counting stream says whether it is a bomb or damage
    }
    this.account(name, out.length, out.length, src.length);
    return out;
  }

  private account(name: string, entryOut: number, added: number, consumed: number): void {
    const { maxEntryBytes, maxTotalBytes, maxRatio } = this.limits;
    this.inflatedTotal += added;
    if (entryOut > maxEntryBytes || this.inflatedTotal > maxTotalBytes) throw readErrors.zipBomb(name);
    if (entryOut > RATIO_GRACE && entryOut > maxRatio * Math.max(1, consumed)) throw readErrors.zipBomb(name);
  }

  private inflateFast(entry: ZipEntry, src: Uint8Array): Uint8Array | undefined {
    const declared = entry.size;
    const { maxEntryBytes, maxRatio } = this.limits;
    if (
      !this.fastPath ||
      src.length > FAST_MAX_COMPRESSED ||
      declared > FAST_MAX_DECLARED ||
      declared > maxEntryBytes ||
      (declared > RATIO_GRACE && declared > maxRatio * src.length)
    ) {
      return undefined;
    }
    let out: Uint8Array;
    try {
      out = inflateSync(src, { out: new Uint8Array(declared + 1) });
    } catch {
      this.fastPath = false;
      return undefined; // let the stream report the damage precisely
    }
    if (out.length > declared) {
      this.fastPath = false;
      return undefined;
    }
    this.account(entry.name, out.length, out.length, src.length);
    return out;
  }

  private inflate(name: string, src: Uint8Array): Uint8Array {
    const chunks: Uint8Array[] = [];
    let out = 0;
    let consumed = 0;
    const inflater = new Inflate((chunk) => {
      if (chunk.length === 0) return;
      out += chunk.length;
      this.account(name, out, chunk.length, consumed);
      chunks.push(chunk);
    });
    try {
      if (src.length <= CHUNK) {
        consumed = src.length;
        inflater.push(src, true);
      } else {
        for (let p = 0; p < src.length; p += CHUNK) {
          const piece = src.subarray(p, Math.min(src.length, p + CHUNK));
          consumed += piece.length;
          inflater.push(piece, p + CHUNK >= src.length);
        }
      }
    } catch (e) {
      if (e instanceof XlsxReadError) throw e;
      throw readErrors.corrupt(name, e instanceof Error ? e.message : "inflate failed");
    }
    return concat(chunks);
  }
}
