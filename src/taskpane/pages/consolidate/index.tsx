import * as React from "react";
import PageShell from "../../components/PageShell";
import { strings } from "./strings";

/** Consolidation of the report forms units send back. */
export default function ConsolidatePage(): React.JSX.Element {
  return <PageShell strings={strings} />;
}
