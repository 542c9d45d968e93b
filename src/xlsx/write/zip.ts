/**
 * Zip container writing for parts that are already compressed, and parts made of segments: raw
 * deflate pieces each ending in a full flush (byte aligned, not final, no back-references into an
 * earlier piece), so any one of them inflates alone and a later book can reuse a piece's bytes
 * as they are. The entry is the pieces joined and an empty final block; its CRC is combined from
 * the pieces' CRCs. Deterministic, plain zip (no zip64), no Node-only APIs.
 */
import { concat } from "../../util/bytes";
import { crc32, crc32Combine } from "../../util/crc32";

/** One compressed piece of a part, with what its uncompressed bytes were. */
export interface DeflatedSegment {
  /** Raw deflate data ending in a full flush (…00 00 FF FF), never a final block. */
  bytes: Uint8Array;
  /** CRC-32 of the uncompressed bytes. */
  crc: number;
  /** Uncompressed length. */
  size: number;
}

/**
 * Compresses one segment (a platform's deflate: Node's zlib). fflate's sync flush is not reliable
 * for inputs past 64 KiB (its output does not inflate), so the browser has none and writes plain parts.
 */
export type DeflateSegment = (data: Uint8Array, level: number) => DeflatedSegment;

/** A part given as its compressed segments, in order: stored as one deflated zip entry. */
export interface SegmentedPart {
  segments: readonly DeflatedSegment[];
}

export type PartData = Uint8Array | SegmentedPart;

export function isSegmented(data: PartData): data is SegmentedPart {
  return !(data instanceof Uint8Array);
}

/** An empty final block with fixed codes (BFINAL 1, BTYPE 01, end of block): ends a segmented stream. */
export const FINAL_BLOCK = Uint8Array.of(0x03, 0x00);

/** A zip entry as written: its data already compressed (method 8) or stored (method 0). */
export interface ZipEntryData {
  name: string;
  method: 0 | 8;
  crc: number;
  /** Uncompressed length. */
  size: number;
  /** The entry's data, in pieces written one after the other. */
  body: readonly Uint8Array[];
}

/** The entry of a segmented part: the pieces, the final block, and the combined CRC. */
export function segmentedEntry(name: string, part: SegmentedPart): ZipEntryData {
  let crc = 0;
  let size = 0;
  for (const s of part.segments) {
    crc = crc32Combine(crc, s.crc, s.size);
    size += s.size;
  }
  return { name, method: 8, crc, size, body: [...part.segments.map((s) => s.bytes), FINAL_BLOCK] };
}

const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const DOS_TIME = 0;
const utf8 = new TextEncoder();

/**
 * The fields a local header and its central-directory record share, in the same order from `at`:
 * version needed, flags (UTF-8 names), method, time, date, CRC-32, sizes, name length.
 */
function entryFields(v: DataView, at: number, e: ZipEntryData, compSize: number, nameLength: number): void {
  v.setUint16(at, 20, true);
  v.setUint16(at + 2, 0x0800, true);
  v.setUint16(at + 4, e.method, true);
  v.setUint16(at + 6, DOS_TIME, true);
  v.setUint16(at + 8, DOS_DATE, true);
  v.setUint32(at + 10, e.crc >>> 0, true);
  v.setUint32(at + 14, compSize, true);
  v.setUint32(at + 18, e.size, true);
  v.setUint16(at + 22, nameLength, true);
}

/** The zip file of these entries, in the order given: fixed 1980-01-01 times, UTF-8 names. */
export function zipContainer(entries: readonly ZipEntryData[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = utf8.encode(e.name);
    const compSize = e.body.reduce((n, b) => n + b.length, 0);
    const local = new Uint8Array(30);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    entryFields(l, 4, e, compSize, name.length);
    chunks.push(local, name, ...e.body);
    const dir = new Uint8Array(46);
    const d = new DataView(dir.buffer);
    d.setUint32(0, 0x02014b50, true);
    d.setUint16(4, 20, true); // made by
    entryFields(d, 6, e, compSize, name.length);
    d.setUint32(42, offset, true);
    central.push(dir, name);
    offset += local.length + name.length + compSize;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = new Uint8Array(22);
  const z = new DataView(end.buffer);
  z.setUint32(0, 0x06054b50, true);
  z.setUint16(8, entries.length, true);
  z.setUint16(10, entries.length, true);
  z.setUint32(12, dirSize, true);
  z.setUint32(16, offset, true);
  return concat([...chunks, ...central, end]);
}

/** Where a segmented part's pieces went in its zip entry: enough to find, check and copy each later. */
export interface WrittenSegments {
  part: string;
  /** The entry's CRC-32, uncompressed and compressed lengths, and the CRC-32 of its compressed data. */
  crc: number;
  size: number;
  compSize: number;
  compressedCrc: number;
  pieces: WrittenPiece[];
}

export interface WrittenPiece {
  /** Offset and length of the piece's compressed bytes in the entry's data. */
  offset: number;
  length: number;
  crc: number;
  size: number;
  compressedCrc: number;
  /** Shared-string cells in the piece. */
  strings: number;
}

/** A piece copied from an earlier book: its compressed bytes and what the index said of them. */
export interface ReusedPiece {
  segment: DeflatedSegment;
  compressedCrc: number;
  strings: number;
}

/**
 * Compresses a part's pieces (each alone, at one level), except those copied as they are, and says
 * where each went. `pieces[i]` is null exactly where `reuse` has piece i.
 */
export function compressPieces(
  part: string,
  pieces: readonly ({ bytes: Uint8Array; strings: number } | null)[],
  reuse: ReadonlyMap<number, ReusedPiece>,
  deflate: DeflateSegment,
  level: number,
): { data: SegmentedPart; written: WrittenSegments } {
  const segments: DeflatedSegment[] = [];
  const written: WrittenPiece[] = [];
  let offset = 0;
  let crc = 0;
  let size = 0;
  let compressedCrc = 0;
  pieces.forEach((p, i) => {
    const reused = reuse.get(i);
    const segment = reused ? reused.segment : deflate(p!.bytes, level);
    const cc = reused ? reused.compressedCrc : crc32(segment.bytes);
    segments.push(segment);
    written.push({
      offset,
      length: segment.bytes.length,
      crc: segment.crc,
      size: segment.size,
      compressedCrc: cc,
      strings: reused ? reused.strings : p!.strings,
    });
    offset += segment.bytes.length;
    crc = crc32Combine(crc, segment.crc, segment.size);
    size += segment.size;
    compressedCrc = crc32Combine(compressedCrc, cc, segment.bytes.length);
  });
  compressedCrc = crc32Combine(compressedCrc, crc32(FINAL_BLOCK), FINAL_BLOCK.length);
  return {
    data: { segments },
    written: { part, crc, size, compSize: offset + FINAL_BLOCK.length, compressedCrc, pieces: written },
  };
}

/** A whole part's entry, deflated by the platform; stored instead when that does not shrink it (tiny parts), as zip tools do. */
export function plainEntry(name: string, data: Uint8Array, deflated: Uint8Array, crc: number): ZipEntryData {
  const stored = deflated.length >= data.length;
  return { name, method: stored ? 0 : 8, crc, size: data.length, body: [stored ? data : deflated] };
}
