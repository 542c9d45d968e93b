import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import * as React from "react";
import { DownloadButtons, ErrorBar, Progress, useAction, WarningsBar } from "../../components/Feedback";
import { DateField, WholeNumberField } from "../../components/Fields";
import PageShell from "../../components/PageShell";
import { useAppContext } from "../../context";
import { dmyText, isIsoDate, todayIso, wholeIn } from "../../dates";
import { fill } from "../../fill";
import { download, errorText, refreshHighlight, type HighlightOutcome } from "../../services";
import { keepConsolidation, useKeptConsolidation } from "../../services/store";
import { useExcelTarget } from "../../useExcel";
import { strings } from "./strings";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Deadline highlighting, recomputed for a report date. */
export default function HighlightPage(): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const excel = useExcelTarget();
  const kept = useKeptConsolidation();
  const [asOf, setAsOf] = React.useState(() => todayIso());
  const [soonText, setSoonText] = React.useState(() => String(kept?.result.soonDays ?? 30));
  const [outcome, setOutcome] = React.useState<{ value: HighlightOutcome; asOf: string; soonDays: number } | null>(
    null,
  );
  const soonDays = wholeIn(soonText, 0, 365);
  const dateOk = isIsoDate(asOf);

  const action = useAction(async () => {
    if (soonDays === null) return;
    setOutcome(null);
    const value = await refreshHighlight({
      asOf,
      today: todayIso(),
      soonDays,
      consolidation: kept?.result ?? null,
      ...(excel ? { excel } : {}),
    });
    if (value.consolidation && value.locations) {
      keepConsolidation({
        result: value.consolidation,
        locations: value.locations,
        inWorkbook: excel !== undefined && value.excel !== null && value.downloads.length === 0,
      });
    }
    const first = value.downloads[0];
    if (!excel && first) download(first.bytes, first.name, first.mime);
    setOutcome({ value, asOf, soonDays });
  }, errorText);

  const counted = (cls: "overdue" | "due-soon") =>
    outcome?.value.consolidation?.byTask.reduce((n, task) => n + task.counts[cls], 0) ?? 0;

  return (
    <PageShell strings={strings}>
      <form
        className={styles.form}
        aria-busy={action.busy}
        onSubmit={(e) => {
          e.preventDefault();
          if (!action.busy && dateOk && soonDays !== null) void action.run();
        }}
      >
        <DateField
          label={t(strings.asOf)}
          hint={t(strings.asOfHint)}
          value={asOf}
          valid={dateOk}
          errorText={t(strings.badDate)}
          onChange={setAsOf}
          testId="highlight-as-of"
        />
        <WholeNumberField
          label={t(strings.soonDays)}
          value={soonText}
          min={0}
          max={365}
          valid={soonDays !== null}
          errorText={t(strings.badSoonDays)}
          onChange={setSoonText}
          testId="highlight-soon-days"
        />
        <p data-testid="highlight-consolidation-note">
          {kept
            ? fill(t(strings.withConsolidation), {
                period: t(kept.result.period.label),
                returned: kept.result.totals.returned,
                units: kept.result.totals.units,
              })
            : t(strings.withoutConsolidation)}
        </p>
        <div>
          <Button
            type="submit"
            appearance="primary"
            disabled={action.busy || !dateOk || soonDays === null}
            data-testid="highlight-run"
          >
            {t(strings.run)}
          </Button>
        </div>
      </form>

      {action.busy && <Progress label={t(strings.working)} testId="highlight-progress" />}
      {action.error && <ErrorBar text={action.error} testId="highlight-error" />}
      {outcome && (
        <>
          <MessageBar intent="success" layout="multiline" data-testid="highlight-result">
            <MessageBarBody>
              <ul className={styles.lines}>
                {excel && outcome.value.trackingUpdated && (
                  <li>{fill(t(strings.doneTracking), { date: dmyText(outcome.asOf), days: outcome.soonDays })}</li>
                )}
                {!excel && <li>{fill(t(strings.doneBrowser), { date: dmyText(outcome.asOf) })}</li>}
                {outcome.value.consolidation && (
                  <li>
                    {fill(t(strings.doneConsolidation), { overdue: counted("overdue"), soon: counted("due-soon") })}
                  </li>
                )}
                {excel && outcome.value.excel && outcome.value.excel.sheets.length > 0 && (
                  <li>{fill(t(strings.sheetsWritten), { sheets: outcome.value.excel.sheets.join(", ") })}</li>
                )}
              </ul>
            </MessageBarBody>
          </MessageBar>
          <WarningsBar
            warnings={[...outcome.value.warnings, ...(outcome.value.excel?.warnings ?? [])]}
            testId="highlight-warnings"
          />
          <DownloadButtons files={outcome.value.downloads} testId="highlight-downloads" />
        </>
      )}
    </PageShell>
  );
}
