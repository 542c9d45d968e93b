import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { ConsolidationResult } from "../../../consolidate/types";
import { ErrorBar, Progress, useAction } from "../../components/Feedback";
import FilePick from "../../components/FilePick";
import { rememberBook } from "../../components/PlanSource";
import { useAppContext } from "../../context";
import { todayIso } from "../../dates";
import { fill } from "../../fill";
import {
  download,
  errorText,
  loadBookFile,
  recordConsolidation,
  ServiceError,
  type RecordOutcome,
} from "../../services";
import { useExcelTarget } from "../../useExcel";
import { strings } from "./strings";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/**
 * "Ghi vào sổ": the consolidation recorded into the book's history — the picked book downloaded
 * again (browser page), or the open workbook's sheets (Excel). With the built-in plan there is no
 * book: the page says so and offers to pick one.
 */
export default function RecordBook(props: { result: ConsolidationResult }): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const excel = useExcelTarget();
  const [outcome, setOutcome] = React.useState<RecordOutcome | null>(null);
  const record = async () => {
    setOutcome(null);
    const out = await recordConsolidation({ result: props.result, today: todayIso(), ...(excel ? { excel } : {}) });
    if (out.kind === "download") download(out.download.bytes, out.download.name, out.download.mime);
    setOutcome(out);
  };
  const action = useAction(record, errorText);
  const pick = useAction(async (file: File) => {
    const book = await loadBookFile(new Uint8Array(await file.arrayBuffer()), file.name);
    rememberBook(book);
    if (book.kind !== "book" || !book.used) throw new ServiceError(strings.recordBookErrors);
    await record();
  }, errorText);
  const busy = action.busy || pick.busy;
  const period = t(props.result.period.label);
  const notes = outcome && outcome.kind !== "no-book" ? [...outcome.problems, ...outcome.notes] : [];

  return (
    <div className={styles.box} data-testid="consolidate-record-box">
      <div>
        <Button
          size="small"
          appearance="primary"
          title={t(strings.recordHint)}
          disabled={busy}
          onClick={() => void action.run()}
          data-testid="consolidate-record"
        >
          {t(strings.record)}
        </Button>
      </div>
      {busy && <Progress label={t(strings.recording)} testId="consolidate-record-progress" />}
      {action.error && <ErrorBar text={action.error} testId="consolidate-record-error" />}
      {pick.error && <ErrorBar text={pick.error} testId="consolidate-record-error" />}
      {outcome?.kind === "no-book" && (
        <MessageBar intent="info" layout="multiline" data-testid="consolidate-record-no-book">
          <MessageBarBody className={styles.box}>
            {t(outcome.text)}
            <div>
              <FilePick
                label={t(strings.recordPick)}
                accept=".xlsx,.xlsm"
                disabled={busy}
                testId="consolidate-record-pick"
                inputTestId="consolidate-record-file"
                onFile={(file) => void pick.run(file)}
              />
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome && outcome.kind !== "no-book" && (
        <MessageBar intent="success" layout="multiline" data-testid="consolidate-recorded">
          <MessageBarBody>
            {outcome.kind === "download"
              ? fill(t(strings.recordedFile), { period, rows: outcome.rows, file: outcome.download.name })
              : fill(t(strings.recordedExcel), {
                  period,
                  rows: outcome.rows,
                  sheets: outcome.report.sheets.join(", "),
                })}
            {notes.length > 0 && (
              <>
                <br />
                {t(strings.recordNotes)}
                <ul className={styles.list}>
                  {notes.map((n, i) => (
                    <li key={i}>{t(n)}</li>
                  ))}
                </ul>
              </>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
