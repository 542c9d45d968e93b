import type { PrintSetup } from "./model";

/**
 * How Vietnamese Party documents are printed (Hướng dẫn 36-HD/VPTW; inside Nghị định 30/2020's
 * ranges): A4, margins top 20, bottom 20, left 30, right 15 mm. Header/footer sit inside the top
 * and bottom margins. This is the one place a print margin is set.
 */
export const OFFICIAL_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15, header: 10, footer: 10 } as const;

/** Page number centred in the header, from page 2 on (page 1 carries the title block). */
export const PAGE_NUMBER_HEADER = { center: "&P", firstPageDifferent: true } as const;

/** A4 landscape, all columns on one page width, table header repeated on every page. */
export function officialPrint(options: { headerRows?: { first: number; last: number }; area?: string }): PrintSetup {
  return {
    paper: "A4",
    orientation: "landscape",
    marginsMm: { ...OFFICIAL_MARGINS_MM },
    fitToWidth: true,
    ...(options.headerRows ? { repeatRows: options.headerRows } : {}),
    ...(options.area ? { area: options.area } : {}),
    centerHorizontally: true,
    header: { ...PAGE_NUMBER_HEADER },
  };
}
