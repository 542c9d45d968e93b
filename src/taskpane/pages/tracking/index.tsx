import * as React from "react";
import PageShell from "../../components/PageShell";
import { strings } from "./strings";

/** Tracking workbook: the 17 tasks, deadlines and progress. */
export default function TrackingPage(): React.JSX.Element {
  return <PageShell strings={strings} />;
}
