/** PDF facts for tests, through poppler-utils (`pdfinfo`, `pdftotext`). */
import { execFileSync } from "node:child_process";

export interface PdfInfo {
  pages: number;
  /** Size of the first page in PostScript points (1/72 inch). */
  width: number;
  height: number;
}

export function pdfInfo(path: string): PdfInfo {
  const out = execFileSync("pdfinfo", [path], { encoding: "utf8", timeout: 30000 });
  const pages = /^Pages:\s+(\d+)/m.exec(out);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  if (!pages?.[1] || !size?.[1] || !size[2]) throw new Error(`pdfinfo: unexpected output for ${path}:\n${out}`);
  return { pages: Number(pages[1]), width: Number(size[1]), height: Number(size[2]) };
}

/** Text with the layout kept (`pdftotext -layout`), NFC-normalised; pages are separated by "\f". */
export function pdfText(path: string): string {
  return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"], {
    encoding: "utf8",
    timeout: 30000,
    maxBuffer: 64 * 1024 * 1024,
  }).normalize("NFC");
}

/** The text of each page. */
export function pdfPages(path: string): string[] {
  const pages = pdfText(path).split("\f");
  // pdftotext ends the last page with "\f" too.
  if (pages.length > 1 && pages[pages.length - 1]?.trim() === "") pages.pop();
  return pages;
}

/** Size of every page in points (`pdfinfo -f 1 -l N`). */
export function pdfPageSizes(path: string): { width: number; height: number }[] {
  const { pages } = pdfInfo(path);
  const out = execFileSync("pdfinfo", ["-f", "1", "-l", String(pages), path], { encoding: "utf8", timeout: 30000 });
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}

/** Text in content-stream order (`pdftotext -raw`): a wrapped cell's lines stay together. */
export function pdfRawText(path: string): string {
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", path, "-"], {
    encoding: "utf8",
    timeout: 30000,
    maxBuffer: 64 * 1024 * 1024,
  }).normalize("NFC");
}
