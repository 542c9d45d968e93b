import * as React from "react";
import PageShell from "../../components/PageShell";
import { strings } from "./strings";

/** Deadline highlighting, recomputed as of today. */
export default function HighlightPage(): React.JSX.Element {
  return <PageShell strings={strings} />;
}
