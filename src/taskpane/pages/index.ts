import * as React from "react";
import type { Text } from "../../i18n";
import type { PageId } from "../routing";
import ConsolidatePage from "./consolidate";
import { strings as consolidate } from "./consolidate/strings";
import FormsPage from "./forms";
import { strings as forms } from "./forms/strings";
import HighlightPage from "./highlight";
import { strings as highlight } from "./highlight/strings";
import PrintPage from "./print";
import { strings as print } from "./print/strings";
import TrackingPage from "./tracking";
import { strings as tracking } from "./tracking/strings";
import { title as trendsTitle } from "./trends/title";

/** Loaded on the first visit (its own chunk): the initial JavaScript does not grow with this page. */
const TrendsLazy = React.lazy(() => import(/* webpackChunkName: "page-trends" */ "./trends"));

function TrendsPage(): React.JSX.Element {
  return React.createElement(React.Suspense, { fallback: null }, React.createElement(TrendsLazy));
}

export interface PageEntry {
  id: PageId;
  /** Tab label (same as the ribbon button label). */
  title: Text;
  Component: () => React.JSX.Element;
}

/** The pages in tab order; ids match the ribbon buttons' `?page=`. */
export const PAGES: readonly PageEntry[] = [
  { id: "tracking", title: tracking.title, Component: TrackingPage },
  { id: "forms", title: forms.title, Component: FormsPage },
  { id: "consolidate", title: consolidate.title, Component: ConsolidatePage },
  { id: "highlight", title: highlight.title, Component: HighlightPage },
  { id: "print", title: print.title, Component: PrintPage },
  // Last: a review page visited twice a term, after the half-yearly work.
  { id: "trends", title: trendsTitle, Component: TrendsPage },
];
