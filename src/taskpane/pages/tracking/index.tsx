import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";
import * as React from "react";
import { DownloadButtons, ErrorBar, Progress, useAction, WarningsBar } from "../../components/Feedback";
import { DateField, WholeNumberField } from "../../components/Fields";
import PageShell from "../../components/PageShell";
import ImportAppendix from "../../components/ImportAppendix";
import PlanSource from "../../components/PlanSource";
import { useAppContext } from "../../context";
import { isIsoDate, todayIso, wholeIn } from "../../dates";
import { createTracking, download, errorText, type TrackingOutcome } from "../../services";
import { useExcelTarget } from "../../useExcel";
import { strings } from "./strings";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  small: { flex: "1 1 120px" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Tracking workbook: the 17 tasks, deadlines and progress. */
export default function TrackingPage(): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const excel = useExcelTarget();
  const [asOf, setAsOf] = React.useState(() => todayIso());
  const [soonText, setSoonText] = React.useState("30");
  const [titleText, setTitleText] = React.useState("14");
  const [tableText, setTableText] = React.useState("13");
  const [progress, setProgress] = React.useState<number | undefined>(undefined);
  const [outcome, setOutcome] = React.useState<TrackingOutcome | null>(null);

  const soonDays = wholeIn(soonText, 0, 365);
  const titleSize = wholeIn(titleText, 8, 30);
  const tableSize = wholeIn(tableText, 8, 30);
  const dateOk = isIsoDate(asOf);
  const valid = dateOk && soonDays !== null && titleSize !== null && tableSize !== null;

  const action = useAction(async () => {
    if (soonDays === null || titleSize === null || tableSize === null) return;
    setOutcome(null);
    setProgress(undefined);
    const result = await createTracking({
      asOf,
      today: todayIso(),
      soonDays,
      titleSize,
      tableSize,
      ...(excel ? { excel } : {}),
      onProgress: (done, total) => setProgress(total > 0 ? done / total : undefined),
    });
    if (result.kind === "download") download(result.download.bytes, result.download.name, result.download.mime);
    setOutcome(result);
  }, errorText);

  return (
    <PageShell strings={strings}>
      <PlanSource />
      <ImportAppendix />
      <form
        className={styles.form}
        aria-busy={action.busy}
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && !action.busy) void action.run();
        }}
      >
        <DateField
          label={t(strings.asOf)}
          hint={t(strings.asOfHint)}
          value={asOf}
          valid={dateOk}
          errorText={t(strings.badDate)}
          onChange={setAsOf}
          testId="tracking-as-of"
        />
        <WholeNumberField
          label={t(strings.soonDays)}
          hint={t(strings.soonDaysHint)}
          value={soonText}
          min={0}
          max={365}
          valid={soonDays !== null}
          errorText={t(strings.badSoonDays)}
          onChange={setSoonText}
          testId="tracking-soon-days"
        />
        <div className={styles.row}>
          <WholeNumberField
            className={styles.small}
            label={t(strings.titleSize)}
            hint={t(strings.sizeHint)}
            value={titleText}
            min={8}
            max={30}
            valid={titleSize !== null}
            errorText={t(strings.badSize)}
            onChange={setTitleText}
            testId="tracking-title-size"
          />
          <WholeNumberField
            className={styles.small}
            label={t(strings.tableSize)}
            value={tableText}
            min={8}
            max={30}
            valid={tableSize !== null}
            errorText={t(strings.badSize)}
            onChange={setTableText}
            testId="tracking-table-size"
          />
        </div>
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={!valid || action.busy} data-testid="tracking-create">
            {t(excel ? strings.createExcel : strings.createBrowser)}
          </Button>
        </div>
      </form>

      {action.busy && (
        <Progress
          label={t(progress === undefined ? strings.working : strings.writing)}
          {...(progress !== undefined ? { value: progress } : {})}
          testId="tracking-progress"
        />
      )}
      {action.error && <ErrorBar text={action.error} testId="tracking-error" />}
      {outcome?.kind === "excel" && (
        <>
          <MessageBar intent="success" layout="multiline" data-testid="tracking-result">
            <MessageBarBody>
              <MessageBarTitle>{t(strings.doneExcel)}</MessageBarTitle>
              {`${t(strings.sheetsWritten)}: ${outcome.report.sheets.join(", ")}.`}
            </MessageBarBody>
          </MessageBar>
          <WarningsBar warnings={outcome.report.warnings} testId="tracking-warnings" />
        </>
      )}
      {outcome?.kind === "download" && (
        <>
          <MessageBar intent="success" layout="multiline" data-testid="tracking-result">
            <MessageBarBody>{`${t(strings.doneBrowser)} (${outcome.download.name})`}</MessageBarBody>
          </MessageBar>
          <DownloadButtons files={[outcome.download]} testId="tracking-downloads" />
        </>
      )}
    </PageShell>
  );
}
