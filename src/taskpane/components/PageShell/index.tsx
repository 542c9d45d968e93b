import {
  Body1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle1,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import type { Text } from "../../../i18n";
import { useAppContext } from "../../context";
import { appStrings } from "../../strings";

/** What every page's strings.ts provides at least. */
export interface PageStrings {
  title: Text;
  description: Text;
  /** What the page does to the open workbook in Excel mode. */
  excelNote: Text;
  /** What the page produces in browser mode (downloads). */
  browserNote: Text;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  description: { margin: 0 },
});

/** Common frame of a page: heading, what it does, what it will do in the current mode, then the body. */
export default function PageShell(props: { strings: PageStrings; children?: React.ReactNode }): React.JSX.Element {
  const { strings, children } = props;
  const { mode, excelApi, t } = useAppContext();
  const styles = useStyles();
  const headingId = React.useId();
  const modeTitle =
    mode === "excel"
      ? `${t(appStrings.excelMode)}${excelApi ? ` · ExcelApi ${excelApi}` : ""}`
      : t(appStrings.browserTitle);
  return (
    <section className={styles.root} aria-labelledby={headingId} data-mode={mode}>
      <Subtitle1 as="h2" id={headingId} className={styles.heading}>
        {t(strings.title)}
      </Subtitle1>
      <Body1 as="p" className={styles.description}>
        {t(strings.description)}
      </Body1>
      <MessageBar intent="info" layout="multiline" data-testid="mode-note">
        <MessageBarBody>
          <MessageBarTitle>{modeTitle}</MessageBarTitle>
          {t(mode === "excel" ? strings.excelNote : strings.browserNote)}
        </MessageBarBody>
      </MessageBar>
      {children}
    </section>
  );
}
