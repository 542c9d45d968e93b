import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import * as React from "react";
import { useAppContext } from "../../context";
import { appStrings } from "../../strings";

/**
 * Browser mode: says that nothing leaves the computer and that results are downloads.
 * Excel mode: silent. Excel does not load the add-in below the manifest's ExcelApi 1.9, so no
 * client here can be too old for it (src/excel/requirements.ts).
 */
export default function ModeBanner(): React.JSX.Element | null {
  const { mode, t } = useAppContext();
  if (mode === "browser") {
    return (
      <MessageBar intent="success" layout="multiline" role="status" data-testid="browser-banner">
        <MessageBarBody>
          <span>{t(appStrings.browserBanner)}</span> <span>{t(appStrings.browserDownloads)}</span>
        </MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}
