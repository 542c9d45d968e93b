import { makeStyles, ProgressBar, tokens } from "@fluentui/react-components";
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
    rowGap: tokens.spacingVerticalS,
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

const Row = React.memo(function Row(props: { name: string; progress: FileProgress }): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const p = props.progress;
  const text = stateText(p, t);
  const finished = p.state === "done" || p.state === "failed";
  const value = finished ? 1 : p.state === "waiting" ? 0 : undefined;
  return (
    <li className={styles.item} data-testid="consolidate-file" data-state={p.state}>
      <div className={styles.line}>
        <span className={styles.name}>{props.name}</span>
        <span className={styles.state}>{text}</span>
      </div>
      <ProgressBar
        aria-label={`${props.name}: ${text}`}
        thickness="medium"
        {...(p.state === "failed" ? { color: "error" as const } : finished ? { color: "success" as const } : {})}
        {...(value !== undefined ? { value, max: 1 } : {})}
      />
    </li>
  );
});

/** One line per picked file: its name, where it is (waiting, reading, checking, used…), a bar. */
export default function FileProgressList(props: {
  files: readonly File[];
  progress: readonly FileProgress[];
}): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  return (
    <section aria-label={t(strings.filesTitle)}>
      <ul className={styles.list} data-testid="consolidate-file-list">
        {props.files.map((f, i) => (
          <Row key={`${i}:${f.name}`} name={f.name} progress={props.progress[i] ?? { state: "waiting" }} />
        ))}
      </ul>
    </section>
  );
}
