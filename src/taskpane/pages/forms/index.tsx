import { Button, Input, makeStyles, MessageBar, MessageBarBody, Select, tokens } from "@fluentui/react-components";
import * as React from "react";
import { DownloadButtons, ErrorBar, Progress, useAction } from "../../components/Feedback";
import FormField from "../../components/FormField";
import PageShell from "../../components/PageShell";
import PlanSource from "../../components/PlanSource";
import { useAppContext } from "../../context";
import { dmyText, todayIso } from "../../dates";
import { fill } from "../../fill";
import { periodContaining, periodId, periodOf, periodYears, type PeriodKind } from "../../periods";
import { createForms, download, errorText, type FormsOutcome } from "../../services";
import { strings } from "./strings";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  grow: { flex: "1 1 130px" },
  details: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  summary: { cursor: "pointer", fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: "320px", overflowY: "auto" },
});

const KINDS: PeriodKind[] = ["H1", "H2", "year"];

/** Report forms issued to each reporting unit. */
export default function FormsPage(): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const initial = React.useMemo(() => periodContaining(todayIso()), []);
  const [kind, setKind] = React.useState<PeriodKind>(initial.kind);
  const [year, setYear] = React.useState(initial.year);
  const [password, setPassword] = React.useState("");
  const [progress, setProgress] = React.useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = React.useState<FormsOutcome | null>(null);
  const period = periodOf(kind, year);

  const action = useAction(async () => {
    setOutcome(null);
    setProgress(null);
    const result = await createForms({
      period: periodId(kind, year),
      ...(password ? { password } : {}),
      onProgress: (done, total) => setProgress({ done, total }),
    });
    download(result.download.bytes, result.download.name, result.download.mime);
    setOutcome(result);
  }, errorText);

  const groups = outcome
    ? (["provincial", "commune"] as const).map((level) => ({
        level,
        units: outcome.units.filter((u) => u.level === level),
      }))
    : [];

  return (
    <PageShell strings={strings}>
      <PlanSource />
      <form
        className={styles.form}
        aria-busy={action.busy}
        onSubmit={(e) => {
          e.preventDefault();
          if (!action.busy) void action.run();
        }}
      >
        <div className={styles.row}>
          <FormField
            className={styles.grow}
            label={t(strings.periodKind)}
            hint={
              period ? fill(t(strings.periodRange), { from: dmyText(period.from), to: dmyText(period.to) }) : undefined
            }
          >
            {(c) => (
              <Select
                {...c}
                value={kind}
                onChange={(_e, d) => setKind(d.value as PeriodKind)}
                data-testid="forms-period-kind"
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(k === "year" ? strings.yearKind : strings[k])}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField className={styles.grow} label={t(strings.year)}>
            {(c) => (
              <Select
                {...c}
                value={String(year)}
                onChange={(_e, d) => setYear(Number(d.value))}
                data-testid="forms-year"
              >
                {periodYears(initial.year).map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
        </div>
        <FormField label={t(strings.password)} hint={t(strings.passwordHint)}>
          {(c) => (
            <Input
              {...c}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(_e, d) => setPassword(d.value)}
              data-testid="forms-password"
            />
          )}
        </FormField>
        <div>
          <Button type="submit" appearance="primary" disabled={action.busy || !period} data-testid="forms-create">
            {t(strings.create)}
          </Button>
        </div>
      </form>

      {action.busy && (
        <Progress
          label={
            progress ? fill(t(strings.progress), { done: progress.done, total: progress.total }) : t(strings.starting)
          }
          {...(progress ? { value: progress.done / progress.total } : {})}
          testId="forms-progress"
        />
      )}
      {action.error && <ErrorBar text={action.error} testId="forms-error" />}
      {outcome && (
        <>
          <MessageBar intent="success" layout="multiline" data-testid="forms-result">
            <MessageBarBody>
              {fill(t(strings.done), {
                count: outcome.units.length,
                period: t(outcome.periodLabel),
                file: outcome.download.name,
              })}
            </MessageBarBody>
          </MessageBar>
          <DownloadButtons files={[outcome.download]} testId="forms-downloads" />
          <details className={styles.details} data-testid="forms-units">
            <summary className={styles.summary}>{fill(t(strings.unitsTitle), { count: outcome.units.length })}</summary>
            {groups.map((g) => (
              <section key={g.level} aria-label={t(strings[g.level])}>
                <p>{`${t(strings[g.level])} (${g.units.length})`}</p>
                <ul className={styles.list}>
                  {g.units.map((u) => (
                    <li key={u.code}>{`${u.name} (${u.code}) — ${fill(t(strings.tasks), { count: u.tasks })}`}</li>
                  ))}
                </ul>
              </section>
            ))}
          </details>
        </>
      )}
    </PageShell>
  );
}
