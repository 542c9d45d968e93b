import type { IsoDate, Plan } from "../plan/types";
import { trackingWorkbook, type TrackingOptions } from "../workbook/tracking";
import type { Typography } from "../workbook/styles";
import { renderXlsx, type ZipParts } from "../xlsx/write";
import { planTag } from "./files";
import { bookWorkbook, renderBook } from "./history";
import type { HistoryRow } from "../workbook/history";

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
    /** The book's recorded periods: given (even empty), the book keeps "Lịch sử" and "Xu hướng". */
    history?: readonly HistoryRow[];
  },
): Uint8Array {
  const { zip, history, ...rest } = options;
  if (history) return renderBook(bookWorkbook(plan, { ...rest, history }), history, zip);
  return renderXlsx(trackingWorkbook(plan, rest), zip ? { zip } : {});
}
