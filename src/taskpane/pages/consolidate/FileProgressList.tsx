import { makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { Text } from "../../../i18n";
import { useAppContext } from "../../context";
import { fill } from "../../fill";
import type { FileProgress } from "../../services";
import { FILE_MARKS, type Mark } from "./marks";
import { strings } from "./strings";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    maxHeight: "260px",
    overflowY: "auto",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  item: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  line: { display: "flex", justifyContent: "space-between", columnGap: tokens.spacingHorizontalS },
  name: { overflowWrap: "anywhere" },
  state: { flexShrink: 0, color: tokens.colorNeutralForeground2 },
});

function stateText(p: FileProgress, t: (text: Text) => string): string {
  const parts: string[] = [];
  const look = lookOf(p);
  if (look === "accepted-errors") parts.push(t(strings.acceptedWithErrors));
  else if (look === "skipped") parts.push(t(strings.noForm));
  else parts.push(t(strings[look]));
  if (p.forms !== undefined && p.forms > 1) parts.push(fill(t(strings.formsInFile), { count: p.forms }));
  if (p.errors) parts.push(fill(t(strings.errorsInFile), { count: p.errors }));
  return parts.join(" · ");
}

/** Where a file stands, as shown: a used file with errors is not shown as a clean one. */
function lookOf(p: FileProgress): keyof typeof FILE_MARKS {
  if (p.state === "failed") return p.outcome && p.outcome !== "rejected" ? p.outcome : "rejected";
  if (p.state !== "done") return p.state;
  if (!p.outcome) return "skipped"; // an archive with nothing but noise in it
  return p.outcome === "accepted" && (p.errors ?? 0) > 0 ? "accepted-errors" : p.outcome;
}

function markOf(p: FileProgress): Mark {
  return FILE_MARKS[lookOf(p)];
}

// A text mark, not a progress bar per file: thousands of animated bars make the page crawl, and
// the page already has one bar for the whole run.
const Row = React.memo(function Row(props: { name: string; progress: FileProgress }): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const p = props.progress;
  const text = stateText(p, t);
  const { mark, color } = markOf(p);
  return (
    <li className={styles.item} data-testid="consolidate-file" data-state={p.state} data-look={lookOf(p)}>
      <div className={styles.line}>
        <span className={styles.name}>
          <span aria-hidden="true" style={{ color, marginRight: "0.4em" }}>
            {mark}
          </span>
          {props.name}
        </span>
        <span className={styles.state} style={p.state === "done" || p.state === "failed" ? { color } : undefined}>
          {text}
        </span>
      </div>
    </li>
  );
});

/** Above this many files, rows are shown only where there is something to see (a long list is slow to draw and to read). */
const ALL_ROWS_UP_TO = 400;

/**
 * One line per picked file: its name, where it is (waiting, reading, checking, used…), a bar. For
 * thousands of files: a count, the files being read now and every file that was not consolidated.
 */
export default function FileProgressList(props: {
  files: readonly File[];
  progress: readonly FileProgress[];
}): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const many = props.files.length > ALL_ROWS_UP_TO;
  const progressOf = (i: number): FileProgress => props.progress[i] ?? { state: "waiting" };
  const shown = many
    ? props.files
        .map((f, i) => ({ f, i }))
        .filter(({ i }) => {
          const s = progressOf(i).state;
          return s === "reading" || s === "checking" || s === "failed";
        })
    : props.files.map((f, i) => ({ f, i }));
  const done = many
    ? props.files.reduce((n, _f, i) => n + (["checked", "done", "failed"].includes(progressOf(i).state) ? 1 : 0), 0)
    : 0;
  return (
    <section aria-label={t(strings.filesTitle)}>
      {many && (
        <p role="status" data-testid="consolidate-file-count">
          {fill(t(strings.manyFiles), { done, total: props.files.length })}
        </p>
      )}
      <ul className={styles.list} data-testid="consolidate-file-list">
        {shown.map(({ f, i }) => (
          <Row key={`${i}:${f.name}`} name={f.name} progress={progressOf(i)} />
        ))}
      </ul>
    </section>
  );
}
