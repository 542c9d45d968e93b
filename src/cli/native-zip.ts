/**
 * A zip writer on Node's zlib for the command line: several times faster than the JavaScript
 * deflate, which matters in a short-lived process where that code never gets warm. Same contract
 * as the browser's fflate path: deterministic bytes (fixed 1980-01-01 times, parts in the order
 * given), UTF-8 names, deflate level by size (src/xlsx/write deflateLevel: lighter for big parts);
 * plain zip (no zip64: a workbook part never nears 4 GB). Segmented parts (a long history) are
 * compressed by the renderer through `deflateSegment`, here zlib with a full flush.
 */
import { constants, crc32, deflateRawSync } from "zlib";
import { deflateLevel, type ZipParts } from "../xlsx/write";
import { isSegmented, plainEntry, segmentedEntry, zipContainer, type DeflateSegment } from "../xlsx/write/zip";

/** One segment: a fresh zlib stream ended by a full flush (byte aligned, not final, dictionary dropped). */
export const nodeDeflateSegment: DeflateSegment = (data, level) => {
  const out = deflateRawSync(data, { level, finishFlush: constants.Z_FULL_FLUSH });
  return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.length), crc: crc32(data), size: data.length };
};

export const nodeZip: ZipParts = Object.assign(
  (parts: Parameters<ZipParts>[0]) =>
    zipContainer(
      parts.map(([path, data]) => {
        if (isSegmented(data)) return segmentedEntry(path, data);
        const deflated = deflateRawSync(data, { level: deflateLevel(data.length) });
        return plainEntry(
          path,
          data,
          new Uint8Array(deflated.buffer, deflated.byteOffset, deflated.length),
          crc32(data),
        );
      }),
    ),
  { deflateSegment: nodeDeflateSegment },
);
