/**
 * Importing a plan's appendix, for every shell (CLI, page, add-in): a file's bytes → the plan, the
 * import report and the book (.xlsx) with its "Kiểm tra nhập" sheet. No file system, no DOM.
 */
import type { Text } from "../i18n";
import {
  buildImport,
  builtinBase,
  ImportError,
  readImportSource,
  reportLines,
  type ImportBase,
  type ImportReport,
  type ImportResult,
  type ImportSource,
} from "../import";
import type { Plan } from "../plan/types";
import { importReportSheet } from "../workbook/import-report";
import { trackingWorkbook } from "../workbook/tracking";
import type { WorkbookSpec } from "../workbook/model";
import type { InflateRaw } from "../xlsx/read";
import { renderXlsx, type ZipParts } from "../xlsx/write";
import { describePlan } from "./book";
import { slug } from "./files";

export { ImportError, type ImportReport, type ImportResult, type ImportSource };

/** The base a plan is imported onto: the book's units and facts, or the built-in unit registry. */
export function importBase(book: Plan | null): ImportBase {
  if (!book) return builtinBase();
  return {
    units: book.units,
    province: book.document.province,
    facts: { id: book.id, document: book.document, appendix: book.appendix },
  };
}

/**
 * Reads and imports one file. `onStage` reports progress (1 read, 2 tables, 3 plan) for a bar.
 * Throws ImportError (Vietnamese and English, naming the file) when nothing can be imported.
 */
export function importAppendix(
  bytes: Uint8Array,
  file: string,
  options: {
    book?: Plan | null;
    inflateRaw?: InflateRaw;
    onStage?: (done: number, total: number, label: Text) => void;
  } = {},
): ImportResult {
  const stage = options.onStage ?? (() => undefined);
  stage(0, 3, { vi: "đọc tệp", en: "reading the file" });
  let source: ImportSource;
  try {
    source = readImportSource(bytes, file, options.inflateRaw);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw unexpected(file, error);
  }
  stage(1, 3, { vi: "nhận bảng phụ lục", en: "reading the appendix table" });
  return importSource(source, options.book ?? null, stage);
}

/** Imports an already-read source (the add-in's selected range). */
export function importSource(
  source: ImportSource,
  book: Plan | null,
  stage: (done: number, total: number, label: Text) => void = () => undefined,
): ImportResult {
  try {
    const result = buildImport(source, importBase(book));
    stage(3, 3, { vi: "xong", en: "done" });
    return result;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw unexpected(source.file, error);
  }
}

function unexpected(file: string, error: unknown): ImportError {
  return new ImportError({
    vi: `Không nhập được tệp ${file}: lỗi không lường trước (${String(error)}).`,
    en: `The file ${file} cannot be imported: unexpected failure (${String(error)}).`,
  });
}

/** The book for an imported plan: the tracking book's sheets, then "Kiểm tra nhập". */
export function importBookSpec(result: ImportResult, options: { asOf: string; today?: string }): WorkbookSpec {
  const spec = trackingWorkbook(result.plan, options);
  return { ...spec, sheets: [...spec.sheets, importReportSheet(result.report)] };
}

export function importBookXlsx(
  result: ImportResult,
  options: { asOf: string; today?: string; zip?: ZipParts },
): Uint8Array {
  const { zip, ...rest } = options;
  return renderXlsx(importBookSpec(result, rest), zip ? { zip } : {});
}

/** The JSON the CLI writes: the plan as `plan --json` shows it, and the import report. */
export function importJson(result: ImportResult): unknown {
  return {
    ...(describePlan(result.plan) as object),
    importReport: { ...result.report, lines: reportLines(result.report) },
  };
}

/** "So-theo-doi-<file>.xlsx" for the page's download. */
export function importBookName(file: string): string {
  return `So-theo-doi-${slug(file.replace(/\.[^.]+$/, "")) || "phu-luc"}.xlsx`;
}
