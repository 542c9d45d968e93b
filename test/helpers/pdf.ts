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

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box (`pdftotext -bbox-layout`), pages numbered from 1. */
export function pdfWords(path: string): PdfWord[] {
  const html = execFileSync("pdftotext", ["-bbox-layout", "-enc", "UTF-8", path, "-"], {
    encoding: "utf8",
    timeout: 30000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const words: PdfWord[] = [];
  html
    .split(/<page /)
    .slice(1)
    .forEach((pageHtml, i) => {
      for (const m of pageHtml.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      )) {
        const text = m[5]!
          .replace(/&amp;/g, "&")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"');
        words.push({
          page: i + 1,
          text: text.normalize("NFC"),
          xMin: +m[1]!,
          yMin: +m[2]!,
          xMax: +m[3]!,
          yMax: +m[4]!,
        });
      }
    });
  return words;
}

/**
 * The printed text of each table row, keyed by the row's number in the first column. A row's band
 * runs from its number down to the next row's number (or the page's end). Text that did not fit a
 * row is drawn below it — inside the next row's band — where a clip hides it on paper; pdftotext
 * still extracts it, so only positions tell a cut-off row (see `rowsFit` in the tests).
 * `numberColumn` is the header word above the numbers ("TT").
 */
export function pdfRowBands(path: string, numberColumn: string, numbers: number[]): Map<number, string[]> {
  const words = pdfWords(path);
  const bands = new Map<number, string[]>();
  const pages = [...new Set(words.map((w) => w.page))];
  for (const page of pages) {
    const onPage = words.filter((w) => w.page === page);
    const header = onPage.find((w) => w.text === numberColumn);
    if (!header) continue;
    const anchors = onPage
      .filter((w) => /^\d{1,3}$/.test(w.text) && numbers.includes(Number(w.text)))
      .filter((w) => w.xMin < header.xMax + 12 && w.xMax > header.xMin - 12 && w.yMin > header.yMax)
      .sort((a, b) => a.yMin - b.yMin);
    // A left-aligned label starting left of the centred column title (a footer: "Người lập biểu:")
    // ends the table; row numbers are centred and table text starts further right.
    const firstColumn = onPage.filter((w) => w.xMin < header.xMin - 1 && w.yMin > header.yMax && !anchors.includes(w));
    anchors.forEach((a, i) => {
      const next = anchors[i + 1]?.yMin ?? Infinity;
      const end = Math.min(next, ...firstColumn.filter((w) => w.yMin > a.yMax).map((w) => w.yMin));
      bands.set(
        Number(a.text),
        onPage.filter((w) => w !== a && w.yMin >= a.yMin - 2 && w.yMin < end - 2).map((w) => w.text),
      );
    });
  }
  return bands;
}

/** The middle value of the words' heights (`yMax - yMin`): a page's body text, whatever its title and notes. */
export function medianWordHeight(words: readonly PdfWord[]): number {
  const h = words.map((w) => w.yMax - w.yMin).sort((a, b) => a - b);
  if (h.length === 0) throw new Error("medianWordHeight: no words");
  return h[Math.floor(h.length / 2)]!;
}
