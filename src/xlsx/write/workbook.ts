/** xl/workbook.xml: the sheet list, the view (active tab), defined names and calculation settings. */
import type { WorkbookSpec } from "../../workbook/model";
import { quoteSheet } from "../../workbook/a1";
import { WorkbookSpecError } from "./errors";
import { absoluteRange, checkedRange } from "./ranges";
import { looksLikeReference } from "./table";
import { el, escapeText, NS, XML_DECLARATION } from "./xml";

/** Excel's calculation engine id of Excel 2019/365; older ids make Excel recalculate every file it opens. */
const CALC_ID = 191029;

/** A defined name Excel accepts (letter, "_" or "\" first; then letters, digits, "_", ".", "\", "?"). */
export function checkDefinedName(name: string, where: string): void {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\?]{0,254}$/u.test(name) || looksLikeReference(name)) {
    throw new WorkbookSpecError(`${where}: "${name}" is not a valid Excel name`);
  }
}

export interface WorkbookXmlInput {
  spec: WorkbookSpec;
  /** Relationship id of each sheet, parallel to spec.sheets. */
  sheetRelIds: readonly string[];
  needsRecalc: boolean;
}

export function workbookXml({ spec, sheetRelIds, needsRecalc }: WorkbookXmlInput): string {
  const sheets = spec.sheets
    .map((sheet, i) =>
      el("sheet", {
        name: sheet.name,
        sheetId: i + 1,
        state: sheet.visibility === "visible" ? undefined : sheet.visibility,
        "r:id": sheetRelIds[i],
      }),
    )
    .join("");

  const names: string[] = [];
  for (const n of spec.definedNames) {
    const formula = n.formula.trim().replace(/^=/, "");
    if (formula === "") throw new WorkbookSpecError(`defined name "${n.name}": the formula is empty`);
    names.push(el("definedName", { name: n.name, hidden: n.hidden ? true : undefined }, escapeText(formula)));
  }
  spec.sheets.forEach((sheet, i) => {
    const p = sheet.print;
    if (!p) return;
    const sheetRef = quoteSheet(sheet.name);
    if (p.repeatRows) {
      const { first, last } = p.repeatRows;
      if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last < first || last > 1048576) {
        throw new WorkbookSpecError(`sheet "${sheet.name}", print: repeatRows ${first}–${last} is not a row span`);
      }
      names.push(
        el(
          "definedName",
          { name: "_xlnm.Print_Titles", localSheetId: i },
          escapeText(`${sheetRef}!$${first}:$${last}`),
        ),
      );
    }
    if (p.area) {
      const r = checkedRange(p.area, `sheet "${sheet.name}", print area`);
      names.push(
        el("definedName", { name: "_xlnm.Print_Area", localSheetId: i }, escapeText(`${sheetRef}!${absoluteRange(r)}`)),
      );
    }
  });

  return (
    XML_DECLARATION +
    el(
      "workbook",
      { xmlns: NS.main, "xmlns:r": NS.rel },
      "<workbookPr/>" +
        el("bookViews", {}, el("workbookView", { activeTab: spec.activeSheet > 0 ? spec.activeSheet : undefined })) +
        el("sheets", {}, sheets) +
        (names.length ? el("definedNames", {}, names.join("")) : "") +
        // Formulas without a cached result would show as empty until something recalculates them.
        el("calcPr", { calcId: CALC_ID, fullCalcOnLoad: needsRecalc ? true : undefined }),
    )
  );
}
