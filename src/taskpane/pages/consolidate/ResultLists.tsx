import { makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { ConsolidationResult } from "../../../consolidate/types";
import type { SkippedEntry } from "../../../jobs/inputs";
import { useAppContext } from "../../context";
import { fill } from "../../fill";
import type { ConsolidationLocations, SheetLocation } from "../../services";
import { SEVERITY_MARKS, type Mark } from "./marks";
import { strings } from "./strings";

/** Long lists are cut on the page; the sheets and the JSON summary keep everything. */
const SHOWN = 200;

const useStyles = makeStyles({
  details: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  summary: { cursor: "pointer", fontWeight: tokens.fontWeightSemibold, padding: `${tokens.spacingVerticalXS} 0` },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: "320px", overflowY: "auto" },
  item: { padding: `${tokens.spacingVerticalXXS} 0` },
  link: {
    background: "none",
    border: "none",
    padding: 0,
    textAlign: "left",
    font: "inherit",
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "underline",
    cursor: "pointer",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

interface Item {
  key: string;
  text: string;
  location?: SheetLocation | undefined;
  /** A severity's mark and colour (problems), so errors never read like warnings. */
  mark?: Mark;
  severity?: string;
}

function ItemList(props: {
  title: string;
  items: Item[];
  testId: string;
  onSelect?: ((location: SheetLocation) => void) | undefined;
  open?: boolean;
}): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const shown = props.items.slice(0, SHOWN);
  return (
    <details className={styles.details} data-testid={props.testId} open={props.open}>
      <summary className={styles.summary}>{props.title}</summary>
      <ul className={styles.list}>
        {shown.map((item) => {
          const location = item.location;
          const onSelect = props.onSelect;
          return (
            <li key={item.key} className={styles.item} data-severity={item.severity}>
              {item.mark && (
                <span aria-hidden="true" style={{ color: item.mark.color, marginRight: "0.4em", fontWeight: 700 }}>
                  {item.mark.mark}
                </span>
              )}
              {onSelect && location ? (
                <button
                  type="button"
                  className={styles.link}
                  title={`${t(strings.showInSheet)}: ${location.sheet}!${location.address}`}
                  onClick={() => onSelect(location)}
                >
                  {item.text}
                </button>
              ) : (
                item.text
              )}
            </li>
          );
        })}
        {props.items.length > shown.length && (
          <li className={styles.item}>{fill(t(strings.more), { count: props.items.length - shown.length })}</li>
        )}
      </ul>
    </details>
  );
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Tasks, units that reported, units that did not, and problems, each a collapsible list. With
 * `onSelect` (Excel mode) every line is a button that shows its row in the consolidated sheets.
 */
export default function ResultLists(props: {
  result: ConsolidationResult;
  locations: ConsolidationLocations;
  /** Entries of picked archives set aside (lock files, folder metadata, damaged entries). */
  skipped?: readonly SkippedEntry[];
  onSelect?: ((location: SheetLocation) => void) | undefined;
}): React.JSX.Element {
  const { t } = useAppContext();
  const { result, locations, onSelect } = props;
  const skipped: Item[] = (props.skipped ?? []).map((s, i) => ({ key: `s${i}`, text: `${s.name}: ${t(s.reason)}` }));
  const tasks: Item[] = result.byTask.map((task) => ({
    key: `t${task.task}`,
    text: fill(t(strings.taskLine), {
      task: task.task,
      reported: task.reported,
      owed: task.owed,
      overdue: task.counts.overdue,
    }),
    location: locations.tasks[task.task],
  }));
  const returned: Item[] = result.byUnit
    .filter((u) => u.returned)
    .map((u) => ({ key: `u${u.code}`, text: `${u.name} (${u.code})`, location: locations.units[u.code] }));
  const missing: Item[] = result.missing.map((m) => ({
    key: `m${m.code}`,
    // A unit that sent something unusable says so, with the file: "gửi mẫu trống: x.xlsx".
    text: [
      `${m.name} (${m.code})`,
      ...m.rejectedFiles.map((f, k) => (m.rejectedWhy?.[k] ? `${t(m.rejectedWhy[k]!)}: ${f}` : f)),
    ].join(" — "),
    location: locations.units[m.code],
  }));
  // Errors first: they are what the office must chase; the sheet keeps the file order.
  const problems: Item[] = result.problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => SEVERITY_ORDER[a.p.severity] - SEVERITY_ORDER[b.p.severity] || a.i - b.i)
    .map(({ p, i }) => ({
      key: `p${i}`,
      mark: SEVERITY_MARKS[p.severity],
      severity: p.severity,
      text: `${t(strings[p.severity])} — ${p.file}${p.sheet ? ` · ${p.sheet}` : ""}${p.cell ? `!${p.cell}` : ""}: ${t(p.text)}`,
      location: locations.problems[i],
    }));
  return (
    <>
      <ItemList
        title={fill(t(strings.tasksList), { count: tasks.length })}
        items={tasks}
        testId="consolidate-list-tasks"
        onSelect={onSelect}
      />
      <ItemList
        title={fill(t(strings.returnedList), { count: returned.length })}
        items={returned}
        testId="consolidate-list-returned"
        onSelect={onSelect}
      />
      <ItemList
        title={fill(t(strings.missingList), { count: missing.length })}
        items={missing}
        testId="consolidate-list-missing"
        onSelect={onSelect}
      />
      <ItemList
        title={fill(t(strings.problemsList), { count: problems.length, ...result.totals.problems })}
        items={problems}
        testId="consolidate-list-problems"
        onSelect={onSelect}
      />
      {skipped.length > 0 && (
        <ItemList
          title={fill(t(strings.skippedList), { count: skipped.length })}
          items={skipped}
          testId="consolidate-list-skipped"
        />
      )}
    </>
  );
}
