import type { IsoDate, Plan } from "../plan/types";
import { trackingWorkbook, type TrackingOptions } from "../workbook/tracking";
import type { Typography } from "../workbook/styles";
import { renderXlsx, type ZipParts } from "../xlsx/write";
import { planTag } from "./files";

/** "So-theo-doi-NQ08.xlsx". */
export function trackingFileName(plan: Plan): string {
  return `So-theo-doi-${planTag(plan)}.xlsx`;
}

/** The tracking workbook ("Sổ theo dõi") as .xlsx bytes. */
export function trackingXlsx(
  plan: Plan,
  options: {
    asOf: IsoDate;
    today?: IsoDate;
    soonDays?: number;
    typography?: Typography;
    zip?: ZipParts;
    /** The office's entries on "Theo dõi" of the book being rebuilt (src/book readTrackingEntries). */
    entries?: TrackingOptions["entries"];
  },
): Uint8Array {
  const { zip, ...rest } = options;
  return renderXlsx(trackingWorkbook(plan, rest), zip ? { zip } : {});
}
