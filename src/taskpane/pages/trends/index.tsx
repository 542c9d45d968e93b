import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import * as React from "react";
import { DEADLINE_CLASS_LABELS } from "../../../schedule/labels";
import { DateField } from "../../components/Fields";
import { ErrorBar, Progress, useAction, WarningsBar } from "../../components/Feedback";
import PageShell from "../../components/PageShell";
import PlanSource, { useRememberedBook } from "../../components/PlanSource";
import { useAppContext } from "../../context";
import { isIsoDate, todayIso } from "../../dates";
import { fill } from "../../fill";
import {
  download,
  errorText,
  historyTrends,
  reviewPack,
  type PeriodFigures,
  type ReviewOutcome,
  type TrendsOutcome,
} from "../../services";
import { useExcelTarget } from "../../useExcel";
import { strings } from "./strings";
import TrendChart from "./TrendChart";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    "& th, & td": {
      border: `1px solid ${tokens.colorNeutralStroke2}`,
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
      textAlign: "left",
      verticalAlign: "top",
    },
  },
  caption: { textAlign: "left", fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  classes: { margin: 0, paddingLeft: tokens.spacingHorizontalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
});

function percent(rate: number | null, lang: string): string | null {
  return rate === null
    ? null
    : new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

/** The figures as a table: what the chart shows, readable aloud and printable. */
function FiguresTable(props: { periods: readonly PeriodFigures[] }): React.JSX.Element {
  const { t, lang } = useAppContext();
  const styles = useStyles();
  return (
    <table className={styles.table} data-testid="trends-table">
      <caption className={styles.caption}>{t(strings.tableCaption)}</caption>
      <thead>
        <tr>
          <th scope="col">{t(strings.colPeriod)}</th>
          <th scope="col">{t(strings.colUnits)}</th>
          <th scope="col">{t(strings.colClasses)}</th>
          <th scope="col">{t(strings.colOnTime)}</th>
          <th scope="col">{t(strings.colOverdue)}</th>
        </tr>
      </thead>
      <tbody>
        {props.periods.map((p) => (
          <tr key={p.period} data-testid="trends-row" data-period={p.period}>
            <th scope="row">{t(p.label)}</th>
            <td>{fill(t(strings.unitsValue), { reported: p.reportedUnits, owed: p.owedUnits })}</td>
            <td>
              <ul className={styles.classes}>
                {(Object.keys(p.counts) as (keyof typeof p.counts)[])
                  .filter((k) => p.counts[k] > 0)
                  .map((k) => (
                    <li key={k}>{`${t(DEADLINE_CLASS_LABELS[k])}: ${p.counts[k]}`}</li>
                  ))}
              </ul>
            </td>
            <td data-testid="trends-on-time">{percent(p.onTimeRate, lang) ?? t(strings.notApplicable)}</td>
            <td>{percent(p.overdueRate, lang) ?? t(strings.notApplicable)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Xu hướng / Sơ kết": the recorded periods' figures as a chart and a table, and the review pack. */
export default function TrendsPage(): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const excel = useExcelTarget();
  const [trends, setTrends] = React.useState<TrendsOutcome | null>(null);
  const [until, setUntil] = React.useState(() => todayIso());
  const [review, setReview] = React.useState<ReviewOutcome | null>(null);
  const load = useAction(async () => setTrends(await historyTrends(excel)), errorText);
  const pack = useAction(async () => {
    setReview(null);
    const out = await reviewPack({ until, ...(excel ? { excel } : {}) });
    if (out.kind === "download") download(out.download.bytes, out.download.name, out.download.mime);
    setReview(out);
  }, errorText);
  // Read on opening, and again whenever another book is read (the plan source above).
  const book = useRememberedBook();
  const run = load.run;
  React.useEffect(() => void run(), [run, book]);

  return (
    <PageShell strings={strings}>
      <PlanSource />
      <div>
        <Button disabled={load.busy} onClick={() => void load.run()} data-testid="trends-load">
          {t(strings.load)}
        </Button>
      </div>
      {load.busy && <Progress label={t(strings.loading)} testId="trends-progress" />}
      {load.error && <ErrorBar text={load.error} testId="trends-error" />}
      {trends?.kind === "no-book" && (
        <MessageBar intent="info" layout="multiline" data-testid="trends-no-book">
          <MessageBarBody>{t(trends.text)}</MessageBarBody>
        </MessageBar>
      )}
      {trends?.kind === "trends" && (
        <section className={styles.box} data-testid="trends">
          <span data-testid="trends-source">
            {fill(t(strings.source), { source: t(trends.source), count: trends.periods.length, rows: trends.rows })}
          </span>
          <WarningsBar warnings={trends.problems} testId="trends-problems" />
          {trends.periods.length === 0 ? (
            <span data-testid="trends-empty">{t(strings.empty)}</span>
          ) : (
            <>
              <TrendChart periods={trends.periods} />
              <FiguresTable periods={trends.periods} />
              <small>{t(strings.ratesNote)}</small>
            </>
          )}
        </section>
      )}
      <section className={styles.box} aria-labelledby="trends-review-heading">
        <h3 id="trends-review-heading" className={styles.heading}>
          {t(strings.reviewHeading)}
        </h3>
        <DateField
          label={t(strings.until)}
          hint={t(strings.untilHint)}
          value={until}
          valid={isIsoDate(until)}
          errorText={t(strings.badDate)}
          onChange={setUntil}
          testId="trends-until"
        />
        <div>
          <Button
            appearance="primary"
            disabled={pack.busy || !isIsoDate(until)}
            onClick={() => void pack.run()}
            data-testid="trends-review"
          >
            {t(excel ? strings.reviewExcel : strings.review)}
          </Button>
        </div>
        {pack.busy && <Progress label={t(strings.reviewing)} testId="trends-review-progress" />}
        {pack.error && <ErrorBar text={pack.error} testId="trends-review-error" />}
        {review && (
          <MessageBar intent="success" layout="multiline" data-testid="trends-review-done">
            <MessageBarBody>
              {review.kind === "download"
                ? fill(t(strings.reviewDone), {
                    file: review.download.name,
                    count: review.periods.length,
                    periods: review.periods.join(", "),
                  })
                : fill(t(strings.reviewDoneExcel), {
                    sheets: review.report.sheets.join(", "),
                    count: review.periods.length,
                    periods: review.periods.join(", "),
                  })}
            </MessageBarBody>
          </MessageBar>
        )}
      </section>
    </PageShell>
  );
}
