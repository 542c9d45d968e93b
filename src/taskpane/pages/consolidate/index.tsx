import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import { DownloadButtons, ErrorBar, Progress, useAction, WarningsBar } from "../../components/Feedback";
import { DateField } from "../../components/Fields";
import FormField from "../../components/FormField";
import PageShell from "../../components/PageShell";
import PlanSource from "../../components/PlanSource";
import { useAppContext } from "../../context";
import { isIsoDate, todayIso } from "../../dates";
import { fill } from "../../fill";
import { periodId, periodOf, periodYears, type PeriodKind } from "../../periods";
import type { ConsolidationResult } from "../../../consolidate/types";
import {
  consolidateFiles,
  consolidationDownloads,
  consolidationReport,
  download,
  errorText,
  selectInExcel,
  type ConsolidateOutcome,
  type Download,
  type FileProgress,
  type SheetLocation,
} from "../../services";
import { keepConsolidation, useKeptConsolidation } from "../../services/store";
import { useExcelTarget } from "../../useExcel";
import FilePicker from "./FilePicker";
import FileProgressList from "./FileProgressList";
import { SEVERITY_MARKS } from "./marks";
import ResultLists from "./ResultLists";
import { strings } from "./strings";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  grow: { flex: "1 1 140px" },
  counts: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const KINDS: PeriodKind[] = ["H1", "H2", "year"];

/** "Ghi vào sổ" loads with its first showing (after a consolidation): the initial bundle stays as it was. */
const RecordBookLazy = React.lazy(() => import(/* webpackChunkName: "page-record" */ "./RecordBook"));

function RecordBook(props: { result: ConsolidationResult }): React.JSX.Element {
  return (
    <React.Suspense fallback={null}>
      <RecordBookLazy result={props.result} />
    </React.Suspense>
  );
}

/** A count line with its severity's mark and colour; nothing when the count is 0. */
function CountLine(props: { severity: keyof typeof SEVERITY_MARKS; text: string; count: number; testId: string }) {
  if (props.count === 0) return null;
  const { mark, color } = SEVERITY_MARKS[props.severity];
  return (
    <li data-testid={props.testId} style={{ color }}>
      <span aria-hidden="true" style={{ fontWeight: 700, marginRight: "0.4em" }}>
        {mark}
      </span>
      {props.text}
    </li>
  );
}

/**
 * The result box: its intent follows the worst finding — errors or rejected files never sit under a
 * green tick — and errors, warnings and notes each have their own line, mark and colour.
 */
function SummaryBox(props: { result: ConsolidationResult; kept?: boolean; children?: React.ReactNode }) {
  const { t } = useAppContext();
  const styles = useStyles();
  const { totals, period } = props.result;
  const errors = totals.problems.error > 0 || totals.rejected > 0;
  const intent = errors ? "error" : totals.problems.warning > 0 ? "warning" : props.kept ? "info" : "success";
  const title = props.kept
    ? strings.keptTitle
    : errors
      ? strings.summaryTitleErrors
      : totals.problems.warning > 0
        ? strings.summaryTitleWarnings
        : strings.summaryTitle;
  return (
    <MessageBar intent={intent} layout="multiline" data-testid="consolidate-summary" data-intent={intent}>
      <MessageBarBody>
        <MessageBarTitle>{fill(t(title), { period: t(period.label) })}</MessageBarTitle>
        <ul className={styles.counts}>
          <li data-testid="consolidate-count-returned">
            {fill(t(strings.returned), { returned: totals.returned, units: totals.units })}
          </li>
          <li data-testid="consolidate-count-missing">{fill(t(strings.missing), { count: totals.missing })}</li>
          {(
            [
              ["error", totals.rejected, strings.rejectedCount, "rejected"],
              ["error", totals.problems.error, strings.errorsCount, "errors"],
              ["warning", totals.problems.warning, strings.warningsCount, "warnings"],
              ["info", totals.problems.info, strings.infoCount, "info"],
            ] as const
          ).map(([severity, count, text, id]) => (
            <CountLine
              key={id}
              severity={severity}
              count={count}
              text={fill(t(text), { count })}
              testId={`consolidate-count-${id}`}
            />
          ))}
        </ul>
        {props.children}
      </MessageBarBody>
    </MessageBar>
  );
}

/** The draft report of a result (.docx), in the pane's language, downloaded on click. */
function ReportButton(props: { result: ConsolidationResult }): React.JSX.Element {
  const { t, lang } = useAppContext();
  const action = useAction(async () => {
    const file = await consolidationReport(props.result, lang);
    download(file.bytes, file.name, file.mime);
  }, errorText);
  return (
    <div>
      <Button
        size="small"
        title={t(strings.reportHint)}
        disabled={action.busy}
        onClick={() => void action.run()}
        data-testid="consolidate-report"
      >
        {t(strings.report)}
      </Button>
      {action.error && <ErrorBar text={action.error} testId="consolidate-report-error" />}
    </div>
  );
}

/** Consolidation of the report forms units send back. */
export default function ConsolidatePage(): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const excel = useExcelTarget();
  const [files, setFiles] = React.useState<File[]>([]);
  const [asOf, setAsOf] = React.useState(() => todayIso());
  const [period, setPeriod] = React.useState("");
  const [progress, setProgress] = React.useState<FileProgress[]>([]);
  const [checked, setChecked] = React.useState(0);
  const [outcome, setOutcome] = React.useState<ConsolidateOutcome | null>(null);
  const [extra, setExtra] = React.useState<Download[]>([]);
  const [selectError, setSelectError] = React.useState<ReturnType<typeof errorText> | null>(null);
  const kept = useKeptConsolidation();
  const dateOk = isIsoDate(asOf);
  const years = React.useMemo(() => periodYears(new Date().getFullYear()), []);

  // Files report several times each: the list is redrawn at most about eight times a second, so
  // thousands of files cost a few renders, not one per event.
  const updates = React.useRef(new Map<number, FileProgress>());
  const checkedSoFar = React.useRef(0);
  const flushTimer = React.useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = React.useCallback(() => {
    if (flushTimer.current !== null) clearTimeout(flushTimer.current);
    flushTimer.current = null;
    const batch = updates.current;
    updates.current = new Map();
    setChecked(checkedSoFar.current);
    if (batch.size === 0) return;
    setProgress((prev) => {
      const next = prev.slice();
      for (const [index, p] of batch) next[index] = p;
      return next;
    });
  }, []);

  const action = useAction(async () => {
    setOutcome(null);
    setExtra([]);
    setSelectError(null);
    setChecked(0);
    checkedSoFar.current = 0;
    updates.current = new Map();
    setProgress(files.map(() => ({ state: "waiting" })));
    const result = await consolidateFiles({
      files,
      asOf,
      period: period || null,
      ...(excel ? { excel } : {}),
      onFile: (index, p) => {
        updates.current.set(index, p);
        flushTimer.current ??= setTimeout(flush, 120);
      },
      onProgress: (done) => {
        checkedSoFar.current = done;
        flushTimer.current ??= setTimeout(flush, 120);
      },
    });
    flush();
    keepConsolidation({ result: result.result, locations: result.locations, inWorkbook: result.excel !== null });
    const xlsx = result.downloads[0];
    if (xlsx) download(xlsx.bytes, xlsx.name, xlsx.mime);
    setOutcome(result);
  }, errorText);

  const more = useAction(async () => {
    if (!outcome) return;
    const files = await consolidationDownloads(outcome.result);
    const xlsx = files[0];
    if (xlsx) download(xlsx.bytes, xlsx.name, xlsx.mime);
    setExtra(files);
  }, errorText);

  const select = React.useCallback(
    (location: SheetLocation) => {
      if (!excel) return;
      setSelectError(null);
      selectInExcel(excel, location).catch((e: unknown) => setSelectError(errorText(e)));
    },
    [excel],
  );

  const result = outcome?.result;
  const writing = action.busy && files.length > 0 && checked === files.length;

  return (
    <PageShell strings={strings}>
      <PlanSource />
      <form
        className={styles.form}
        aria-busy={action.busy}
        onSubmit={(e) => {
          e.preventDefault();
          if (!action.busy && files.length > 0 && dateOk) void action.run();
        }}
      >
        <FilePicker
          files={files}
          disabled={action.busy}
          onAdd={(added) => {
            setFiles((prev) => [...prev, ...added]);
            setProgress([]);
          }}
          onClear={() => {
            setFiles([]);
            setProgress([]);
          }}
        />
        <div className={styles.row}>
          <DateField
            className={styles.grow}
            label={t(strings.asOf)}
            hint={t(strings.asOfHint)}
            value={asOf}
            valid={dateOk}
            errorText={t(strings.badDate)}
            onChange={setAsOf}
            testId="consolidate-as-of"
          />
          <FormField className={styles.grow} label={t(strings.period)}>
            {(c) => (
              <Select {...c} value={period} onChange={(_e, d) => setPeriod(d.value)} data-testid="consolidate-period">
                <option value="">{t(strings.periodAuto)}</option>
                {years.flatMap((y) =>
                  KINDS.map((k) => {
                    const p = periodOf(k, y);
                    return p ? (
                      <option key={p.id} value={periodId(k, y)}>
                        {t(p.label)}
                      </option>
                    ) : null;
                  }),
                )}
              </Select>
            )}
          </FormField>
        </div>
        <div>
          <Button
            type="submit"
            appearance="primary"
            disabled={action.busy || files.length === 0 || !dateOk}
            data-testid="consolidate-run"
          >
            {t(strings.run)}
          </Button>
        </div>
        {files.length === 0 && !outcome && <span>{t(strings.noFiles)}</span>}
      </form>

      {(action.busy || progress.length > 0) && files.length > 0 && (
        <>
          <Progress
            label={
              writing && excel ? t(strings.writing) : fill(t(strings.overall), { done: checked, total: files.length })
            }
            {...(writing && excel ? {} : { value: checked / files.length })}
            testId="consolidate-progress"
          />
          <FileProgressList files={files} progress={progress} />
        </>
      )}
      {action.error && <ErrorBar text={action.error} testId="consolidate-error" />}
      {selectError && <ErrorBar text={selectError} testId="consolidate-select-error" />}
      {!outcome && !action.busy && kept && (
        <>
          <SummaryBox result={kept.result} kept />
          <ReportButton result={kept.result} />
          <RecordBook result={kept.result} />
          <ResultLists
            result={kept.result}
            locations={kept.locations}
            onSelect={kept.inWorkbook && excel ? select : undefined}
          />
        </>
      )}
      {outcome && result && (
        <>
          <SummaryBox result={result}>
            {outcome.excel
              ? fill(t(strings.writtenExcel), { sheets: outcome.excel.sheets.join(", ") })
              : outcome.downloads[0]
                ? fill(t(strings.downloadedBrowser), { file: outcome.downloads[0].name })
                : null}
          </SummaryBox>
          {outcome.excel && <WarningsBar warnings={outcome.excel.warnings} testId="consolidate-warnings" />}
          <DownloadButtons
            files={outcome.downloads.length > 0 ? outcome.downloads : extra}
            testId="consolidate-downloads"
          />
          {outcome.excel && extra.length === 0 && (
            <div>
              <Button
                size="small"
                disabled={more.busy}
                onClick={() => void more.run()}
                data-testid="consolidate-download-too"
              >
                {t(strings.downloadToo)}
              </Button>
            </div>
          )}
          {more.error && <ErrorBar text={more.error} testId="consolidate-download-error" />}
          <ReportButton result={result} />
          <RecordBook result={result} />
          <ResultLists
            result={result}
            locations={outcome.locations}
            skipped={outcome.skipped}
            onSelect={outcome.excel && excel ? select : undefined}
          />
        </>
      )}
    </PageShell>
  );
}
