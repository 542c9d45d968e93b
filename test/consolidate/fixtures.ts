/** Shared set-up for the consolidation tests: the plan, generated forms, spec edits, bad files. */
import { strToU8, zipSync } from "fflate";
import type { ConsolidationResult, InputFile, Problem } from "../../src/consolidate";
import { generateForms } from "../../src/jobs/forms";
import { builtinPlan, reportingUnits } from "../../src/plan";
import type { Plan, Unit } from "../../src/plan/types";
import { reportPeriod, type ReportPeriod } from "../../src/schedule";
import { parseRange, rangeAddress } from "../../src/workbook/a1";
import { reportForm } from "../../src/workbook/form";
import { FORM_HEADER_ROW } from "../../src/workbook/form-layout";
import type { WorkbookSpec } from "../../src/workbook/model";
import { renderXlsx } from "../../src/xlsx/write";

export const plan: Plan = builtinPlan();
export const H1: ReportPeriod = reportPeriod("2026-H1")!;
export const H2: ReportPeriod = reportPeriod("2026-H2")!;
/** A report date after the first half ended, when its forms come back. */
export const AS_OF = "2026-06-20";

export const unit = (code: string): Unit => reportingUnits(plan).find((u) => u.code === code)!;
export const owed = (code: string): number[] => plan.assignments.get(code) ?? [];

/** Blank generated forms by unit code (generated once per test file). */
const cache = new Map<string, Uint8Array>();
export async function blankForm(code: string, period: ReportPeriod = H1): Promise<Uint8Array> {
  const key = `${code}/${period.id}`;
  let bytes = cache.get(key);
  if (!bytes) {
    const g = await generateForms(plan, period, { units: [unit(code)] });
    bytes = g.files[0]!.bytes;
    cache.set(key, bytes);
  }
  return bytes;
}

/** A form description to edit before rendering (to move rows or columns, as a unit might). */
export function formSpec(code: string, period: ReportPeriod = H1): WorkbookSpec {
  return reportForm(plan, unit(code), period);
}

/** Swaps two whole rows of the form sheet (1-based), as cutting and pasting a row does. */
export function swapRows(spec: WorkbookSpec, a: number, b: number): WorkbookSpec {
  const rows = spec.sheets[0]!.rows;
  [rows[a - 1], rows[b - 1]] = [rows[b - 1]!, rows[a - 1]!];
  return spec;
}

/** Deletes a row and shifts everything below up, merges included. */
export function deleteRow(spec: WorkbookSpec, row: number): WorkbookSpec {
  const sheet = spec.sheets[0]!;
  sheet.rows.splice(row - 1, 1);
  sheet.merges = sheet.merges.map((m) => {
    const r = parseRange(m)!;
    return r.top > row ? rangeAddress(r.top - 1, r.left, r.bottom - 1, r.right) : m;
  });
  sheet.validations = [];
  sheet.conditionalFormats = [];
  if (sheet.print) delete sheet.print.area;
  return spec;
}

/** Swaps two columns (1-based) in the header and task rows, as moving a column does. */
export function swapColumns(spec: WorkbookSpec, a: number, b: number, lastRow: number): WorkbookSpec {
  const sheet = spec.sheets[0]!;
  for (let r = FORM_HEADER_ROW; r <= lastRow; r++) {
    const cells = sheet.rows[r - 1]!.cells;
    while (cells.length < Math.max(a, b)) cells.push(null);
    [cells[a - 1], cells[b - 1]] = [cells[b - 1]!, cells[a - 1]!];
  }
  sheet.validations = [];
  sheet.conditionalFormats = [];
  return spec;
}

export const render = (spec: WorkbookSpec): Uint8Array => renderXlsx(spec);

export function file(name: string, bytes: Uint8Array, lastModified?: string): InputFile {
  return lastModified ? { name, bytes, lastModified } : { name, bytes };
}

/** A minimal OpenDocument spreadsheet package (what "Save as .ods" gives). */
export function odsBytes(): Uint8Array {
  return zipSync({
    mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
    "content.xml": strToU8(
      '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
    ),
    "META-INF/manifest.xml": strToU8(
      '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
    ),
  });
}

export const problemsOf = (r: ConsolidationResult, name: string): Problem[] =>
  r.problems.filter((p) => p.file === name);
export const rowOf = (r: ConsolidationResult, code: string, task: number) =>
  r.rows.find((x) => x.unitCode === code && x.task === task)!;
