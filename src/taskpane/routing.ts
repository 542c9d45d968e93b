/** Which page the pane shows: `?page=` (what the ribbon buttons pass), else `#page=`, else the first. */
/** The pages with a ribbon button (and its icons in the manifest). */
export const PAGE_IDS = ["tracking", "forms", "consolidate", "highlight", "print"] as const;
/** Pages reached from the pane's tabs only (or `?page=`): no ribbon button of their own. */
export const PANE_ONLY_PAGE_IDS = ["trends"] as const;
export type PageId = (typeof PAGE_IDS)[number] | (typeof PANE_ONLY_PAGE_IDS)[number];

export function isPageId(value: unknown): value is PageId {
  return (
    typeof value === "string" &&
    ((PAGE_IDS as readonly string[]).includes(value) || (PANE_ONLY_PAGE_IDS as readonly string[]).includes(value))
  );
}

export function pageFromLocation(location: { search: string; hash: string }): PageId {
  const fromQuery = new URLSearchParams(location.search).get("page");
  if (isPageId(fromQuery)) return fromQuery;
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, "")).get("page");
  if (isPageId(fromHash)) return fromHash;
  return PAGE_IDS[0];
}

/**
 * The same URL with `page` set in the query. Every other parameter stays: Office passes its host
 * information (`_host_Info`) in the query and office.js reads it again after in-pane navigation.
 */
export function hrefWithPage(href: string, page: PageId): string {
  const url = new URL(href);
  url.searchParams.set("page", page);
  if (/(^#|&)page=/.test(url.hash)) url.hash = "";
  return url.toString();
}
