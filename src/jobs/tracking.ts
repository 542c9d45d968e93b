import type { IsoDate, Plan } from "../plan/types";
import { trackingWorkbook } from "../workbook/tracking";
import type { Typography } from "../workbook/styles";
import { renderXlsx } from "../xlsx/write";
import { planTag } from "./files";

/** "So-theo-doi-NQ08.xlsx". */
export function trackingFileName(plan: Plan): string {
  return `So-theo-doi-${planTag(plan)}.xlsx`;
}

/** The tracking workbook ("Sổ theo dõi") as .xlsx bytes. */
export function trackingXlsx(
  plan: Plan,
  options: { asOf: IsoDate; today?: IsoDate; soonDays?: number; typography?: Typography },
): Uint8Array {
  return renderXlsx(trackingWorkbook(plan, options));
}
