import * as React from "react";
import PageShell from "../../components/PageShell";
import { strings } from "./strings";

/** Print setup to the Party's document standard. */
export default function PrintPage(): React.JSX.Element {
  return <PageShell strings={strings} />;
}
