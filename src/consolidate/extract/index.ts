/**
 * One returned file → a FormRecord: who sent it, for which period, what it says per task, and
 * every problem found, each with its cell and the value verbatim. Independent of the report date
 * and of the period being consolidated (those are applied when merging), so records can be kept
 * and merged again later. Tasks are found by TT number and columns by header text, never by position.
 *
 * The stages, in order (each in its own module):
 * - identify.ts  identity stored in the file; the unit (by metadata, or by name/code cells) and the period
 * - sheet.ts     the form sheet, its header row and columns
 * - rows.ts      task rows and the footer
 * - fixed.ts     the form's fixed cells
 * - leftovers.ts everything else the unit typed, listed so nothing is dropped
 */
import type { Plan } from "../../plan/types";
import { FORMAT_VERSION } from "../../workbook/identity";
import type { ReadWorkbook } from "../../xlsx/read";
import { M } from "../messages";
import type { FormRecord, Problem } from "../types";
import { checkFixedCells } from "./fixed";
import { checkVisibleUnit, findPeriod, identifyUnit, readIdentity, readTitleBlock, UnitIndex } from "./identify";
import { checkTitleBlock, listNotMerged, listOutside } from "./leftovers";
import { ProblemList } from "./problems";
import { emptyFooter, readTable } from "./rows";
import { checkColumns, findFormSheet, metaSheetOf } from "./sheet";

export { UnitIndex } from "./identify";

/** What is known about a file before it is read (name, hash, times). */
export interface FileFacts {
  name: string;
  hash: string;
  size: number;
  lastModified: string | null;
}

/** A record of a file before anything in it is known: not usable, no unit, no entries. */
export function emptyRecord(facts: FileFacts, modified: string | null, problems: Problem[]): FormRecord {
  return {
    name: facts.name,
    hash: facts.hash,
    size: facts.size,
    lastModified: facts.lastModified,
    modified,
    usable: false,
    unitCode: null,
    unitName: null,
    period: null,
    identifiedBy: null,
    formatVersion: null,
    unitMismatch: false,
    entries: [],
    footer: emptyFooter(),
    problems,
  };
}

/** Reads one workbook into a record. Never throws for anything a file can contain. */
export function extractForm(
  plan: Plan,
  facts: FileFacts,
  wb: ReadWorkbook,
  units: UnitIndex = new UnitIndex(plan),
): FormRecord {
  const problems = new ProblemList(facts.name);
  const record = emptyRecord(facts, wb.core.modified ?? null, problems.items);
  const meta = metaSheetOf(wb);
  /** Not merged: every value is listed instead, so nothing the unit typed is lost. */
  const notMerged = (): FormRecord => {
    listNotMerged(wb, meta, problems);
    return record;
  };
  if (wb.format === "xlsm" || wb.hasMacros) problems.add("info", "macros-ignored", M.macros());

  // 1. What the file says it is.
  const { identity, places } = readIdentity(wb, problems);
  record.formatVersion = identity.formatVersion ?? null;
  if (identity.kind && identity.kind !== "form") {
    problems.add("error", "wrong-kind", M.wrongKind(identity.kind));
    return notMerged();
  }
  if (identity.formatVersion && Number(identity.formatVersion) > Number(FORMAT_VERSION))
    problems.add("warning", "newer-format", M.newerFormat(identity.formatVersion));

  // 2. The form sheet and its header row.
  const form = findFormSheet(wb, meta);
  if (!form) {
    if (places === 0 || !identity.unitCode) problems.add("error", "not-a-form", M.notAForm());
    else problems.add("error", "header-missing", M.headerMissing());
    return notMerged();
  }

  if (form.copies) problems.add("warning", "sheet-copies", M.sheetCopies(form.name, form.copies), { sheet: form.name });

  // 3. Whose file, for which period.
  const title = readTitleBlock(form, units);
  const found = identifyUnit(plan, identity, form, title, units, problems);
  if (!found) return notMerged();
  const { unit: u, by: identifiedBy } = found;
  if (checkVisibleUnit(form, title, u, problems)) record.unitMismatch = true;
  const period = findPeriod(plan, identity, title);
  record.unitCode = u.code;
  record.unitName = u.name;
  record.period = period?.id ?? identity.period ?? null;
  record.identifiedBy = identifiedBy;
  if (identifiedBy === "name")
    problems.add("info", "identified-by-name", M.byName(u.name, period?.id ?? null), { sheet: form.name });

  // 4. The table: columns, task rows, footer.
  checkColumns(form, problems);
  const table = readTable(plan, u.code, form, problems);
  record.footer = table.footer;
  record.entries = table.entries;

  // 5. Fixed cells, then whatever else is in the file.
  if (period) checkFixedCells(plan, u.code, period, identity.fingerprint, form, table.entries, table.fixed, problems);
  checkTitleBlock(plan, u, period, form, title.cells, problems);
  listOutside(wb, meta, form, problems);
  record.usable = true;
  return record;
}
