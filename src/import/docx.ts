/**
 * Word documents (.docx): the tables of the main document part into the table model, paragraphs
 * outside tables into prose. Read with the project's own zip and XML readers (src/xlsx/read) rather
 * than a library, because a plan arrives by e-mail and is untrusted: the zip reader counts what it
 * really inflates (a zip bomb stops after a few MB), the XML reader refuses DOCTYPE/ENTITY outright
 * (no entity expansion, no external entities) and neither ever runs anything. Macros are refused.
 */
import type { Text } from "../i18n";
import { readErrors, XlsxReadError } from "../xlsx/read/errors";
import { MAIN_TYPES, readContentTypes } from "../xlsx/read/package";
import { DEFAULT_LIMITS, type InflateRaw } from "../xlsx/read/types";
import { decodeXmlBytes, parseXml } from "../xlsx/read/xml";
import { ZipArchive } from "../xlsx/read/zip";
import { cleanCellText, cleanLine } from "./clean";
import { ImportError, type ImportSource, type SourceCell, type SourceTable } from "./table";

const WORD_MAIN = [
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
];
const WORD_MACRO = [
  "application/vnd.ms-word.document.macroenabled.main+xml",
  "application/vnd.ms-word.template.macroenabledtemplate.main+xml",
];

/** Elements whose content is not the document's text: deleted revisions, field codes, footnote marks. */
const SKIPPED = new Set([
  "del",
  "delText",
  "instrText",
  "footnoteReference",
  "endnoteReference",
  "commentReference",
  // Text boxes and drawings sit inside a paragraph's run; they are not the table's text.
  "drawing",
  "pict",
  "object",
]);

interface CellBuild {
  paragraphs: string[];
  span: number;
  vMerge: "restart" | "continue" | null;
}

/** Why a .docx cannot be read, in the words of this feature (the xlsx messages talk about report forms). */
function docxError(file: string, error: unknown): ImportError {
  const code = error instanceof XlsxReadError ? error.code : "corrupt";
  // The part that failed, not the reader's own sentence (it speaks of report forms and Excel).
  const detail = error instanceof XlsxReadError ? (error.part ?? error.code) : String(error);
  const texts: Record<string, Text> = {
    "zip-bomb": {
      vi: "có cấu trúc nén bất thường (giải nén ra quá nhiều dữ liệu) nên bị từ chối để bảo đảm an toàn",
      en: "is compressed abnormally (it expands to far too much data), so it was refused for safety",
    },
    "forbidden-xml": {
      vi: "chứa khai báo XML không được phép (DOCTYPE/ENTITY), có thể là tệp độc hại, nên bị từ chối",
      en: "contains forbidden XML declarations (DOCTYPE/ENTITY); it may be malicious and was refused",
    },
    "too-large": { vi: "quá lớn", en: "is too large" },
  };
  const t = texts[code] ?? {
    vi: `bị hỏng hoặc không đầy đủ (${detail})`,
    en: `is damaged or incomplete (${detail})`,
  };
  return new ImportError({
    vi: `Tệp ${file} ${t.vi}. Hãy mở bằng Word hoặc LibreOffice, lưu lại dạng .docx rồi thử lại.`,
    en: `The file ${file} ${t.en}. Open it in Word or LibreOffice, save it as .docx and try again.`,
  });
}

/** Reads a .docx; throws ImportError (naming the file) for anything that is not a readable Word document. */
export function readDocxSource(bytes: Uint8Array, file: string, inflateRaw?: InflateRaw): ImportSource {
  try {
    if (bytes.length > DEFAULT_LIMITS.maxFileBytes)
      throw readErrors.tooLarge(bytes.length, DEFAULT_LIMITS.maxFileBytes);
    const zip = new ZipArchive(bytes, DEFAULT_LIMITS, inflateRaw);
    const types = readContentTypes(zip);
    let main: string | undefined;
    for (const [part, type] of types?.overrides ?? []) {
      if (WORD_MACRO.includes(type))
        throw new ImportError({
          vi: `Tệp ${file} là tài liệu Word có macro (.docm): không nhập để bảo đảm an toàn. Hãy lưu lại dạng Tài liệu Word (.docx) rồi thử lại.`,
          en: `The file ${file} is a macro-enabled Word document (.docm): it is not imported, for safety. Save it as a Word Document (.docx) and try again.`,
        });
      if (WORD_MAIN.includes(type)) main = part;
      if ([...MAIN_TYPES.xlsx, ...MAIN_TYPES.xlsm].includes(type))
        throw new ImportError({
          vi: `Tệp ${file} là bảng tính Excel, không phải tài liệu Word: hãy đặt đuôi .xlsx.`,
          en: `The file ${file} is an Excel workbook, not a Word document: name it .xlsx.`,
        });
    }
    const entry = main ? zip.get(main) : undefined;
    if (!entry)
      throw new ImportError({
        vi: `Tệp ${file} không phải tài liệu Word (.docx): không có phần nội dung văn bản.`,
        en: `The file ${file} is not a Word document (.docx): it has no document part.`,
      });
    return parseDocument(decodeXmlBytes(zip.read(entry)), main!, file);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw docxError(file, error);
  }
}

function parseDocument(xml: string, part: string, file: string): ImportSource {
  const tables: SourceTable[] = [];
  const prose: string[] = [];
  /** Open tables, innermost last: a table inside a cell is read as that cell's text. */
  const stack: { rows: CellBuild[][]; row: CellBuild[] | null; cell: CellBuild | null }[] = [];
  let para: string | null = null;
  let bullet = false;
  let inText = false;
  parseXml(xml, part, {
    open(name, attrs, selfClosing) {
      if (SKIPPED.has(name)) return true;
      const top = stack[stack.length - 1];
      switch (name) {
        case "tbl":
          if (!selfClosing) stack.push({ rows: [], row: null, cell: null });
          break;
        case "tr":
          if (top && stack.length === 1) top.row = [];
          break;
        case "tc":
          if (top && stack.length === 1) top.cell = { paragraphs: [], span: 1, vMerge: null };
          break;
        case "gridSpan":
          if (top?.cell && stack.length === 1) top.cell.span = Math.min(64, Math.max(1, Number(attrs.val) || 1));
          break;
        case "vMerge":
          if (top?.cell && stack.length === 1) top.cell.vMerge = attrs.val === "restart" ? "restart" : "continue";
          break;
        case "gridBefore":
          if (top?.row && stack.length === 1)
            for (let i = 0; i < Math.min(64, Number(attrs.val) || 0); i++)
              top.row.push({ paragraphs: [], span: 1, vMerge: null });
          break;
        case "p":
          para = "";
          bullet = false;
          break;
        case "numPr":
          bullet = true;
          break;
        case "t":
          inText = !selfClosing;
          break;
        case "tab":
          // A run's tab; the tab stops of a paragraph's properties carry a val and are not text.
          if (para !== null && attrs.val === undefined) para += " ";
          break;
        case "br":
        case "cr":
          if (para !== null && attrs.type !== "page" && attrs.type !== "column") para += "\n";
          break;
        case "noBreakHyphen":
          if (para !== null) para += "-";
          break;
      }
      return undefined;
    },
    text(t) {
      if (inText && para !== null) para += t;
    },
    close(name) {
      const top = stack[stack.length - 1];
      if (name === "t") inText = false;
      else if (name === "p" && para !== null) {
        const text = para;
        const cell = stack.length >= 1 ? stack[0]!.cell : null;
        if (stack.length > 1) {
          // A nested table's paragraph: part of the outer cell, one line each.
          if (cell && text.trim()) cell.paragraphs.push(text);
          para = "";
          return;
        }
        if (cell) {
          if (text.trim()) cell.paragraphs.push(bullet && !/^\s*[-–•+*]/.test(text) ? `- ${text}` : text);
        } else if (stack.length === 0) {
          for (const line of text.split("\n")) {
            const clean = cleanLine(line);
            if (clean) prose.push(clean);
          }
        }
        para = null;
      } else if (name === "tc" && top && stack.length === 1 && top.cell && top.row) {
        top.row.push(top.cell);
        top.cell = null;
      } else if (name === "tr" && top && stack.length === 1 && top.row) {
        top.rows.push(top.row);
        top.row = null;
      } else if (name === "tbl" && top) {
        stack.pop();
        if (stack.length === 0) tables.push(buildTable(tables.length + 1, top.rows));
      }
    },
  });
  if (tables.length === 0 && prose.length === 0)
    throw new ImportError({
      vi: `Tệp ${file} không có nội dung văn bản.`,
      en: `The file ${file} has no text.`,
    });
  return { file, kind: "docx", tables, prose };
}

/** Spreads merged cells: a gridSpan repeats the text across its columns, a vMerge continue copies the text above. */
function buildTable(index: number, rows: CellBuild[][]): SourceTable {
  const grid: SourceCell[][] = [];
  const where = (r: number, c: number): Text => ({
    vi: `bảng ${index}, dòng ${r + 1}, cột ${c + 1}`,
    en: `table ${index}, row ${r + 1}, column ${c + 1}`,
  });
  rows.forEach((cells, r) => {
    const out: SourceCell[] = [];
    for (const cell of cells) {
      const col = out.length;
      const above = grid[r - 1]?.[col];
      const own = cleanCellText(cell.paragraphs.join("\n"));
      const continues = cell.vMerge === "continue" && above !== undefined;
      const text = continues ? above.text : own;
      out.push({ text, where: where(r, col), ...(continues ? { merged: true } : {}) });
      for (let s = 1; s < cell.span; s++) out.push({ text, where: where(r, col + s), merged: true });
    }
    grid.push(out);
  });
  return {
    name: { vi: `bảng ${index}`, en: `table ${index}` },
    rows: grid.map((cells, r) => ({
      cells,
      where: { vi: `bảng ${index}, dòng ${r + 1}`, en: `table ${index}, row ${r + 1}` },
    })),
  };
}
