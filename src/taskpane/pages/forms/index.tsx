import * as React from "react";
import PageShell from "../../components/PageShell";
import { strings } from "./strings";

/** Report forms issued to each reporting unit. */
export default function FormsPage(): React.JSX.Element {
  return <PageShell strings={strings} />;
}
