/**
 * What a user hands in, turned into the files to read — the same for every shell. A shell lists
 * its sources (paths on disk, picked or dropped browser Files) as `Source`s; archives among them
 * are opened here, noise files are set aside, and each inner file keeps a name that says where it
 * came from ("archive.zip › folder/file.xlsx"). Nothing here touches a file system or the DOM.
 */
import type { Text } from "../i18n";
import type { InputFile } from "../consolidate/types";
import { DEFAULT_LIMITS, type InflateRaw, XlsxReadError } from "../xlsx/read";
import { startsWithZipSignature, ZipArchive } from "../xlsx/read/zip";

/** One thing a user gave: a file on disk, a picked File, an entry of a dropped folder. */
export interface Source {
  /** As the user should see it: a path relative to where they ran the command, or the File's name. */
  name: string;
  /** ISO datetime (file system or File.lastModified); absent when unknown. */
  lastModified?: string;
  /** The bytes; may be called once. A failure is reported as an unreadable file, never thrown on. */
  read(): Promise<Uint8Array>;
}

/** Separator between an archive's name and the path inside it, as the user reads it. */
export const ARCHIVE_SEPARATOR = " › ";

/** Limits on what one archive may expand to (the reader's own limits still apply to each form). */
export interface ArchiveLimits {
  /** Files taken from one archive (nested archives included). */
  maxFiles: number;
  /** Bytes inflated from one archive, all entries together. */
  maxTotalBytes: number;
  /** Archives inside an archive are opened this many levels deep. */
  maxDepth: number;
}

export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxFiles: 5000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxDepth: 1,
});

/**
 * Files no unit meant to send: Office lock files, Windows and macOS folder metadata. Listed as
 * skipped, never as errors.
 */
export function isNoiseFile(path: string): boolean {
  const parts = path.replace(/\\/g, "/").split("/");
  const base = parts[parts.length - 1] ?? "";
  if (parts.slice(0, -1).some((p) => p === "__MACOSX")) return true;
  return (
    base.startsWith("~$") ||
    base.startsWith("._") ||
    /^(thumbs\.db|desktop\.ini|\.ds_store)$/i.test(base) ||
    base === ""
  );
}

export function isArchiveName(name: string): boolean {
  return /\.zip$/i.test(name);
}

/** An entry that was not read, and why (shown to the user, not counted as a form). */
export interface SkippedEntry {
  name: string;
  reason: Text;
}

export interface ExpandedSource {
  /** Files to read as forms (an archive gives its entries; anything else gives itself). */
  files: InputFile[];
  skipped: SkippedEntry[];
}

const skippedNoise = (name: string): SkippedEntry => ({
  name,
  reason: {
    vi: "Bỏ qua: tệp hệ thống hoặc tệp khóa tạm của Office, không phải báo cáo.",
    en: "Skipped: a system file or an Office lock file, not a report.",
  },
});

/**
 * A source's bytes → the files in it. A .zip (recognised by its name and its signature) is opened
 * with the reader's defensive unzip: folders inside are walked, archives inside are opened one
 * level deep, noise is skipped, and the archive limits bound the expansion. A damaged archive, or
 * one that is not a zip after all, is handed on whole so it is reported like any unreadable file.
 */
export function expandBytes(
  name: string,
  bytes: Uint8Array,
  lastModified: string | undefined,
  options: { limits?: ArchiveLimits; inflateRaw?: InflateRaw } = {},
): ExpandedSource {
  const limits = options.limits ?? DEFAULT_ARCHIVE_LIMITS;
  const out: ExpandedSource = { files: [], skipped: [] };
  const budget = { files: limits.maxFiles, bytes: limits.maxTotalBytes };
  const withTime = (f: InputFile): InputFile => (lastModified ? { ...f, lastModified } : f);

  const visit = (label: string, data: Uint8Array, depth: number): void => {
    if (!isArchiveName(label) || !startsWithZipSignature(data) || depth > limits.maxDepth) {
      out.files.push(withTime({ name: label, bytes: data }));
      return;
    }
    let zip: ZipArchive;
    try {
      zip = new ZipArchive(data, { ...DEFAULT_LIMITS, maxTotalBytes: limits.maxTotalBytes }, options.inflateRaw);
    } catch {
      // Not a readable archive: the consolidation reports it as an unreadable file, with its name.
      out.files.push(withTime({ name: label, bytes: data }));
      return;
    }
    const entries = [...zip.entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const inner = entry.name.replace(/\\/g, "/");
      if (inner.endsWith("/")) continue; // a folder: its files are entries of their own
      const innerLabel = `${label}${ARCHIVE_SEPARATOR}${inner}`;
      if (isNoiseFile(inner)) {
        out.skipped.push(skippedNoise(innerLabel));
        continue;
      }
      if (budget.files <= 0) {
        out.skipped.push({
          name: innerLabel,
          reason: {
            vi: `Bỏ qua: tệp nén có quá nhiều tệp (chỉ đọc ${limits.maxFiles} tệp đầu).`,
            en: `Skipped: the archive holds too many files (only the first ${limits.maxFiles} were read).`,
          },
        });
        continue;
      }
      budget.files--;
      let inflated: Uint8Array;
      try {
        inflated = zip.read(entry);
      } catch (error) {
        // A damaged or oversized entry is one unreadable file; the archive's other files still count.
        const reason =
          error instanceof XlsxReadError
            ? error.text
            : { vi: "Không giải nén được tệp này.", en: "This file could not be extracted." };
        out.skipped.push({ name: innerLabel, reason });
        continue;
      }
      budget.bytes -= inflated.length;
      if (budget.bytes < 0) {
        out.skipped.push({
          name: innerLabel,
          reason: {
            vi: "Bỏ qua: tổng dung lượng giải nén của tệp nén vượt giới hạn an toàn.",
            en: "Skipped: the archive's total extracted size exceeds the safety limit.",
          },
        });
        continue;
      }
      visit(innerLabel, inflated, depth + 1);
    }
  };
  if (isNoiseFile(name)) out.skipped.push(skippedNoise(name));
  else visit(name, bytes, 0);
  return out;
}

/** Reads a source and expands it; a source that cannot be read becomes an empty (unreadable) file. */
export async function expandSource(
  source: Source,
  options: { limits?: ArchiveLimits; inflateRaw?: InflateRaw } = {},
): Promise<ExpandedSource> {
  if (isNoiseFile(source.name)) return { files: [], skipped: [skippedNoise(source.name)] };
  let bytes: Uint8Array;
  try {
    bytes = await source.read();
  } catch {
    // Moved, locked or gone: an empty file, which the consolidation reports as unreadable by name.
    bytes = new Uint8Array(0);
  }
  return expandBytes(source.name, bytes, source.lastModified, options);
}

/** A millisecond timestamp (File.lastModified) as ISO, or undefined when it is not a real time. */
export function isoTime(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
