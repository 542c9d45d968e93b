import { makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { Text } from "../../../i18n";
import { useAppContext } from "../../context";
import { fill } from "../../fill";
import type { FileProgress } from "../../services";
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
  if (p.state === "done" || (p.state === "failed" && p.outcome)) parts.push(t(strings[p.outcome ?? "rejected"]));
  else if (p.state === "failed") parts.push(t(strings.rejected));
  else parts.push(t(strings[p.state]));
  if (p.forms !== undefined && p.forms > 1) parts.push(fill(t(strings.formsInFile), { count: p.forms }));
  if (p.errors) parts.push(fill(t(strings.errorsInFile), { count: p.errors }));
  return parts.join(" · ");
}

/** One mark per state, so outcomes read without colour too; colours from the theme. */
const MARKS: Record<string, { mark: string; color: string }> = {
  waiting: { mark: "○", color: tokens.colorNeutralForeground3 },
  reading: { mark: "◔", color: tokens.colorBrandForeground1 },
  checking: { mark: "◑", color: tokens.colorBrandForeground1 },
  checked: { mark: "◕", color: tokens.colorBrandForeground1 },
  accepted: { mark: "✓", color: tokens.colorPaletteGreenForeground1 },
  superseded: { mark: "↺", color: tokens.colorNeutralForeground2 },
  rejected: { mark: "✗", color: tokens.colorPaletteRedForeground1 },
};

function markOf(p: FileProgress): { mark: string; color: string } {
  if (p.state === "done" || p.state === "failed")
    return MARKS[p.outcome ?? (p.state === "failed" ? "rejected" : "accepted")]!;
  return MARKS[p.state]!;
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
    <li className={styles.item} data-testid="consolidate-file" data-state={p.state}>
      <div className={styles.line}>
        <span className={styles.name}>
          <span aria-hidden="true" style={{ color, marginRight: "0.4em" }}>
            {mark}
          </span>
          {props.name}
        </span>
        <span className={styles.state} style={p.state === "failed" ? { color } : undefined}>
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
