import { makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import { DEADLINE_CLASS_LABELS } from "../../../schedule/labels";
import type { DeadlineClass } from "../../../schedule/types";
import { TREND_CLASSES, TREND_COLORS } from "../../../workbook/trends";
import { useAppContext } from "../../context";
import { fill } from "../../fill";
import type { PeriodFigures } from "../../services";
import { strings } from "./strings";

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  legend: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  swatch: { display: "inline-block", width: "0.8em", height: "0.8em", marginRight: "0.3em", verticalAlign: "-0.05em" },
  svg: { width: "100%", height: "auto", overflow: "visible" },
});

const BAR = 22;
const GAP = 14;
const LABEL = 92;
const WIDTH = 300;

/** The classes a chart stacks: those of the sheet's chart, then "ongoing" when a period has any. */
function classesOf(periods: readonly PeriodFigures[]): DeadlineClass[] {
  const ongoing = periods.some((p) => p.counts.ongoing > 0);
  return [...TREND_CLASSES, ...(ongoing ? (["ongoing"] as const) : [])];
}

function color(k: DeadlineClass): string {
  return `#${TREND_COLORS[k] ?? "9BC2E6"}`;
}

/**
 * One horizontal stacked bar per period (the task pane is narrow), split by class with the same
 * colours as the sheet's chart. The SVG is an image with a title and description; every bar has its
 * own spoken label, and the table under it holds the same figures for screen readers and print.
 */
export default function TrendChart(props: { periods: readonly PeriodFigures[] }): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const titleId = React.useId();
  const descId = React.useId();
  const classes = classesOf(props.periods);
  const height = props.periods.length * (BAR + GAP);
  const plot = WIDTH - LABEL;
  return (
    <figure className={styles.figure} data-testid="trends-chart">
      <strong id={titleId}>{t(strings.chartTitle)}</strong>
      <svg
        className={styles.svg}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        viewBox={`0 0 ${WIDTH} ${height}`}
      >
        <desc id={descId}>{t(strings.chartDesc)}</desc>
        {props.periods.map((p, i) => {
          const total = classes.reduce((s, k) => s + p.counts[k], 0);
          const y = i * (BAR + GAP);
          let x = LABEL;
          const parts = classes.map((k) => `${t(DEADLINE_CLASS_LABELS[k])} ${p.counts[k]}`).join(", ");
          return (
            <g key={p.period} data-testid="trends-bar" data-period={p.period}>
              <title>{fill(t(strings.barLabel), { period: t(p.label), total, parts })}</title>
              <text
                x={LABEL - 6}
                y={y + BAR / 2}
                textAnchor="end"
                dominantBaseline="central"
                fontSize="11"
                fill="currentColor"
              >
                {p.period}
              </text>
              {classes.map((k) => {
                const w = total > 0 ? (p.counts[k] / total) * plot : 0;
                const rect = w > 0 ? <rect key={k} x={x} y={y} width={w} height={BAR} fill={color(k)} /> : null;
                x += w;
                return rect;
              })}
              {total === 0 && <rect x={LABEL} y={y} width={plot} height={BAR} fill="none" stroke="currentColor" />}
            </g>
          );
        })}
      </svg>
      <ul className={styles.legend} aria-label={t(strings.colClasses)}>
        {classes.map((k) => (
          <li key={k}>
            <span className={styles.swatch} style={{ background: color(k) }} aria-hidden="true" />
            {t(DEADLINE_CLASS_LABELS[k])}
          </li>
        ))}
      </ul>
    </figure>
  );
}
