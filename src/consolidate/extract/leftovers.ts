/**
 * Nothing a unit typed is dropped: title-block cells that differ from the form, cells outside the
 * form's input cells, cells on other sheets — and, for a file that is not merged at all, every
 * value in it — are listed as problems with their sheet, cell and value verbatim.
 */
import type { IsoDate, Plan, Unit } from "../../plan/types";
import type { ReportPeriod } from "../../schedule";
import { toneKey } from "../../text/vietnamese";
import { serialToIso } from "../../dates";
import { formTitleValues } from "../../workbook/form";
import type { ReadCell, ReadSheet, ReadWorkbook } from "../../xlsx/read";
import { M } from "../messages";
import type { CellScalar } from "../types";
import type { ProblemList } from "./problems";
import { filled, type FormSheet } from "./sheet";

/** Comparable key of a cell or an expected value: text by toneKey, dates by ISO, numbers as such. */
function valueKey(v: CellScalar | { date: IsoDate } | null, isDate = false): string {
  if (v === null) return "";
  if (typeof v === "object") return `d:${v.date}`;
  if (typeof v === "number") return isDate ? `d:${serialToIso(v)}` : `n:${v}`;
  if (typeof v === "boolean") return `b:${v}`;
  // "14/6/2026" and "14/06/2026" are one date: forms written before dates were zero-padded still match.
  return `s:${toneKey(v).replace(/(^|[^\d])0(\d)(?=\/)/g, "$1$2")}`;
}

const titleKeys = new WeakMap<Plan, Map<string, ReadonlySet<string>>>();

/**
 * The keys of the title block's own values for a unit and period: the same for every form the unit
 * sends, so built once per plan (building the title block is far dearer than looking it up).
 */
function expectedTitleKeys(plan: Plan, u: Unit, period: ReportPeriod): ReadonlySet<string> {
  let byUnit = titleKeys.get(plan);
  if (!byUnit) titleKeys.set(plan, (byUnit = new Map()));
  const key = `${u.code}\u0000${u.name}\u0000${period.id}`;
  let keys = byUnit.get(key);
  if (!keys) {
    const set = new Set<string>();
    for (const v of formTitleValues(plan, u, period))
      if (typeof v !== "object" || (v !== null && "date" in v)) set.add(valueKey(v as CellScalar | { date: IsoDate }));
    byUnit.set(key, (keys = set));
  }
  return keys;
}

const NO_KEYS: ReadonlySet<string> = new Set();

/** Title block: cells the form itself has (anywhere above the header) are expected; others are noted. */
export function checkTitleBlock(
  plan: Plan,
  u: Unit,
  period: ReportPeriod | null,
  form: FormSheet,
  titleCells: ReadCell[],
  problems: ProblemList,
): void {
  const g = form.grid;
  const expectedTitle = period ? expectedTitleKeys(plan, u, period) : NO_KEYS;
  for (const c of titleCells) {
    if (g.consumed.has(c.ref)) continue;
    g.use(c);
    if (!expectedTitle.has(valueKey(c.value, c.isDate)))
      problems.cell("info", "title-changed", M.titleChanged(), form.name, c);
  }
}

/** Whatever is left on the form sheet, and everything on other sheets (the identity sheet aside). */
export function listOutside(
  wb: ReadWorkbook,
  meta: ReadSheet | undefined,
  form: FormSheet,
  problems: ProblemList,
): void {
  const g = form.grid;
  for (const c of g.sheet.cells) {
    if (filled(c) && !g.consumed.has(c.ref)) problems.cell("info", "cell-outside", M.outside(), form.name, c);
  }
  for (const sheet of wb.sheets) {
    if (sheet === meta || sheet === g.sheet) continue;
    const copy = form.copies?.includes(sheet.name) === true;
    // A form sheet left blank beside the filled copy repeats the form's own text: said once; only
    // the cells that differ from the consolidated sheet are listed.
    const blank = form.blankCopies?.includes(sheet.name) === true;
    if (blank) problems.add("info", "sheet-copy-blank", M.sheetCopyBlank(sheet.name, form.name), { sheet: sheet.name });
    for (const c of sheet.cells) {
      if (!filled(c)) continue;
      if (blank) {
        const twin = g.sheet.cell(c.ref);
        if (twin && valueKey(twin.value, twin.isDate) === valueKey(c.value, c.isDate)) continue;
      }
      if (copy) problems.cell("info", "sheet-copy-value", M.sheetCopyValue(form.name), sheet.name, c);
      else problems.cell("info", "extra-sheet-cell", M.extraSheet(sheet.name), sheet.name, c);
    }
  }
}

/** A file that is not merged: every filled cell of every sheet (the identity sheet aside) is listed. */
export function listNotMerged(wb: ReadWorkbook, meta: ReadSheet | undefined, problems: ProblemList): void {
  for (const sheet of wb.sheets) {
    if (sheet === meta) continue;
    for (const c of sheet.cells) {
      if (!filled(c)) continue;
      problems.cell("info", "not-merged-value", M.notMerged(), sheet.name, c);
    }
  }
}
