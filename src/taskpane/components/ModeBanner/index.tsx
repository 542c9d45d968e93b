import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import * as React from "react";
import { compareApiVersions } from "../../../host";
import { useAppContext } from "../../context";
import { appStrings } from "../../strings";

/** The Excel API level the manifest requires (page layout). */
export const MIN_EXCEL_API = "1.9";

/**
 * Browser mode: says that nothing leaves the computer and that results are downloads.
 * Excel mode: silent unless the Excel API is below what the add-in needs.
 */
export default function ModeBanner(): React.JSX.Element | null {
  const { mode, excelApi, t } = useAppContext();
  if (mode === "browser") {
    return (
      <MessageBar intent="success" layout="multiline" role="status" data-testid="browser-banner">
        <MessageBarBody>
          <span>{t(appStrings.browserBanner)}</span> <span>{t(appStrings.browserDownloads)}</span>
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (excelApi !== undefined && compareApiVersions(excelApi, MIN_EXCEL_API) < 0) {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="excel-too-old">
        <MessageBarBody>{t(appStrings.excelTooOld)}</MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}
