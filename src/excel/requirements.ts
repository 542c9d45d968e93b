/**
 * Requirement sets of the Office.js renderer and the task pane's Excel services.
 *
 * The manifest asks for ExcelApi 1.9 (page layout, headers and footers, indentation), so Excel
 * does not load the add-in on a client below it: Excel 2016/2019 use the browser page or the
 * command line instead (README, "Excel versions"). Everything the add-in calls unconditionally is
 * therefore within 1.9 — checked, not assumed: the Office.js suites run the recording fake
 * (test/helpers/excel-recorder.ts) at 1.9, and it refuses any member whose `[Api set: ExcelApi 1.x]`
 * tag in @types/office-js (src/excel/api-sets.json, scripts/gen-excel-api-sets.mjs) is later.
 *
 * A member newer than 1.9 may only be used behind `supportsExcelApi` and must be listed in
 * GATED_MEMBERS with the set its tag names (test/excel/requirements.test.ts compares the two and
 * runs each gated page below and above its gate). There are none today.
 */
import type { Text } from "../i18n";

export const EXCEL_API_SET = "ExcelApi";

/** The `<Set Name="ExcelApi" MinVersion=…>` of manifest.xml. */
export const MIN_EXCEL_API = "1.9";

export interface GatedMember {
  /** `Class.member` as in @types/office-js, e.g. "Worksheet.autoFilter". */
  member: string;
  /** The ExcelApi version its tag names. */
  version: string;
  /** What the user loses below that version (a warning then says so). */
  what: Text;
}

/** Members above MIN_EXCEL_API that the add-in uses behind an isSetSupported check. */
export const GATED_MEMBERS: readonly GatedMember[] = [];

/** Office's own check when running inside Office; outside Office (tests, CLI) everything counts as supported. */
export function officeIsSetSupported(): (set: string, version: string) => boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const requirements = office?.context?.requirements;
  if (!requirements) return () => true;
  return (set, version) => requirements.isSetSupported(set, version);
}

/** True when the client has ExcelApi `version` (for members in GATED_MEMBERS only). */
export function supportsExcelApi(
  version: string,
  isSetSupported: (set: string, version: string) => boolean = officeIsSetSupported(),
): boolean {
  return isSetSupported(EXCEL_API_SET, version);
}
