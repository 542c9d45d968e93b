/** What kind of file did a unit send? Decided from the bytes, never from the file name. */
import { mainPartFromContentTypes, readContentTypes, readText } from "./package";
import { DEFAULT_LIMITS, type InputFormat } from "./types";
import { startsWithZipSignature, ZipArchive } from "./zip";

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;

export function isOle2(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  for (let i = 0; i < 8; i++) if (b[i] !== OLE2_MAGIC[i]) return false;
  return true;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;
}

/**
 * Names of the entries in an OLE2 compound file's directory (MS-CFB), or null when the structure does
 * not hold together. Every chain walk is bounded by the number of sectors in the file.
 */
export function ole2EntryNames(b: Uint8Array): string[] | null {
  const shift = u16(b, 0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectorCount = Math.floor(b.length / sectorSize);
  const sectorAt = (s: number): number => (s + 1) * sectorSize;
  // FAT sector numbers: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(b, 0x4c + i * 4);
    if (s !== FREESECT && s !== ENDOFCHAIN) fatSectors.push(s);
  }
  let difat = u32(b, 0x44);
  for (let hops = 0; difat < sectorCount && hops < sectorCount; hops++) {
    const base = sectorAt(difat);
    const per = sectorSize / 4 - 1;
    for (let i = 0; i < per; i++) {
      const s = u32(b, base + i * 4);
      if (s !== FREESECT && s !== ENDOFCHAIN) fatSectors.push(s);
    }
    difat = u32(b, base + per * 4);
  }
  const next = (s: number): number => {
    const perFat = sectorSize / 4;
    const fs = fatSectors[Math.floor(s / perFat)];
    if (fs === undefined || fs >= sectorCount) return ENDOFCHAIN;
    return u32(b, sectorAt(fs) + (s % perFat) * 4);
  };
  const names: string[] = [];
  let dir = u32(b, 0x30);
  for (let hops = 0; dir < sectorCount && hops <= sectorCount; hops++) {
    const base = sectorAt(dir);
    if (base + sectorSize > b.length) return null;
    for (let e = 0; e < sectorSize / 128; e++) {
      const at = base + e * 128;
      const type = b[at + 0x42];
      const nameBytes = Math.min(64, u16(b, at + 0x40));
      if (type === 0 || nameBytes < 2) continue;
      let name = "";
      for (let k = 0; k + 1 < nameBytes - 1; k += 2) name += String.fromCharCode(u16(b, at + k));
      names.push(name);
    }
    dir = next(dir);
  }
  return names.length > 0 ? names : null;
}

/** Fallback when the directory cannot be walked: the name appears UTF-16LE in the raw bytes. */
export function containsUtf16(b: Uint8Array, word: string): boolean {
  const first = word.charCodeAt(0);
  outer: for (let i = 0; i + word.length * 2 <= b.length; i++) {
    if (b[i] !== first || b[i + 1] !== 0) continue;
    for (let k = 1; k < word.length; k++) {
      if (b[i + k * 2] !== word.charCodeAt(k) || b[i + k * 2 + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

export function ole2Kind(b: Uint8Array): InputFormat {
  const names = ole2EntryNames(b);
  if (names === null) return containsUtf16(b, "EncryptionInfo") ? "encrypted" : "xls";
  const lower = names.map((n) => n.toLowerCase());
  if (lower.includes("encryptioninfo") || lower.includes("encryptedpackage")) return "encrypted";
  if (lower.includes("workbook") || lower.includes("book")) return "xls";
  return "unknown";
}

export function looksLikeText(b: Uint8Array): boolean {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return true;
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return true;
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = b[i] as number;
    // Control characters other than tab, LF, CR, FF and ESC do not occur in text files.
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) return false;
    if (c === 0x7f) return false;
  }
  return true;
}

/** For a zip: an OpenDocument spreadsheet, an OOXML workbook (macro-enabled or not), or some other zip. */
export function zipKind(zip: ZipArchive): "xlsx" | "xlsm" | "ods" | "zip" {
  const mimetypeEntry = zip.get("mimetype");
  if (mimetypeEntry && mimetypeEntry.size < 200 && mimetypeEntry.compSize < 200) {
    const mt = readText(zip, "mimetype")?.trim() ?? "";
    if (mt.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return "ods";
  }
  const ct = readContentTypes(zip);
  if (!ct) return "zip";
  const main = mainPartFromContentTypes(ct);
  if (!main) return "zip";
  return main.macro ? "xlsm" : "xlsx";
}

export function detectFormat(bytes: Uint8Array): InputFormat {
  if (bytes.length === 0) return "empty";
  if (isOle2(bytes)) return ole2Kind(bytes);
  if (startsWithZipSignature(bytes)) {
    try {
      return zipKind(new ZipArchive(bytes, DEFAULT_LIMITS));
    } catch {
      // Damaged or hostile zip: still a zip as far as detection goes; readXlsx says what is wrong.
      return "zip";
    }
  }
  return looksLikeText(bytes) ? "text" : "unknown";
}
