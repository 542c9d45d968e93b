import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import * as React from "react";
import { ErrorBar, Progress, useAction, WarningsBar } from "../../components/Feedback";
import PageShell from "../../components/PageShell";
import { useAppContext } from "../../context";
import { fill } from "../../fill";
import { applyPrint, errorText, type PrintChoice, type PrintOutcome } from "../../services";
import { useExcelTarget } from "../../useExcel";
import { strings } from "./strings";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  fieldset: { border: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
  facts: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  option: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXXS} 0`,
    cursor: "pointer",
  },
  inline: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalL },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

/** The sheets the add-in writes, by the names they carry in the workbook (names are Vietnamese in both languages). */
const CHOICES: { id: PrintChoice; name: string }[] = [
  { id: "appendix", name: "Phụ lục" },
  { id: "tracking", name: "Theo dõi" },
  { id: "summary", name: "Tổng hợp" },
  { id: "byTask", name: "Theo nhiệm vụ" },
  { id: "byUnit", name: "Theo đơn vị" },
  { id: "missing", name: "Chưa nộp" },
  { id: "problems", name: "Kiểm tra" },
];

function Facts(): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  return (
    <ul className={styles.facts} data-testid="print-facts">
      <li>{t(strings.paper)}</li>
      <li>{t(strings.margins)}</li>
      <li>{t(strings.extras)}</li>
    </ul>
  );
}

/** Print setup to the Party's document standard. */
export default function PrintPage(): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const excel = useExcelTarget();
  const [chosen, setChosen] = React.useState<Set<PrintChoice>>(() => new Set(["appendix", "tracking"]));
  const [orientation, setOrientation] = React.useState<"landscape" | "portrait">("landscape");
  const [outcome, setOutcome] = React.useState<PrintOutcome | null>(null);

  const action = useAction(async () => {
    if (!excel) return;
    setOutcome(null);
    const order: PrintChoice[] = [...CHOICES.map((c) => c.id), "active"];
    setOutcome(await applyPrint({ sheets: order.filter((c) => chosen.has(c)), orientation, excel }));
  }, errorText);

  if (!excel) {
    return (
      <PageShell strings={strings}>
        <MessageBar intent="info" layout="multiline" data-testid="print-browser-explain">
          <MessageBarBody>{t(strings.browserExplain)}</MessageBarBody>
        </MessageBar>
        <Facts />
      </PageShell>
    );
  }

  const toggle = (id: PrintChoice, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <PageShell strings={strings}>
      <form
        className={styles.form}
        aria-busy={action.busy}
        onSubmit={(e) => {
          e.preventDefault();
          if (!action.busy && chosen.size > 0) void action.run();
        }}
      >
        <fieldset className={styles.fieldset} data-testid="print-sheets">
          <legend className={styles.legend}>{t(strings.sheets)}</legend>
          {[...CHOICES, { id: "active" as const, name: t(strings.active) }].map((c) => (
            <label key={c.id} className={styles.option}>
              <input
                type="checkbox"
                checked={chosen.has(c.id)}
                onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                data-testid={`print-sheet-${c.id}`}
              />
              {c.name}
            </label>
          ))}
          {chosen.size === 0 && (
            <span className={styles.error} role="alert">
              {t(strings.noneChosen)}
            </span>
          )}
        </fieldset>
        <fieldset className={styles.fieldset} data-testid="print-orientation">
          <legend className={styles.legend}>{t(strings.orientation)}</legend>
          <div className={styles.inline}>
            {(["landscape", "portrait"] as const).map((o) => (
              <label key={o} className={styles.option}>
                <input
                  type="radio"
                  name="print-orientation"
                  value={o}
                  checked={orientation === o}
                  onChange={() => setOrientation(o)}
                  data-testid={`print-orientation-${o}`}
                />
                {t(strings[o])}
              </label>
            ))}
          </div>
        </fieldset>
        <Facts />
        <div>
          <Button
            type="submit"
            appearance="primary"
            disabled={action.busy || chosen.size === 0}
            data-testid="print-apply"
          >
            {t(strings.apply)}
          </Button>
        </div>
      </form>
      {action.busy && <Progress label={t(strings.working)} testId="print-progress" />}
      {action.error && <ErrorBar text={action.error} testId="print-error" />}
      {outcome && (
        <MessageBar
          intent={outcome.applied.length > 0 ? "success" : "warning"}
          layout="multiline"
          data-testid="print-result"
        >
          <MessageBarBody>
            <p>
              {outcome.applied.length > 0
                ? fill(t(strings.applied), {
                    sheets: outcome.applied.map((s) => (s === "(active)" ? t(strings.active) : s)).join(", "),
                  })
                : t(strings.nothingApplied)}
            </p>
            {outcome.absent.length > 0 && <p>{fill(t(strings.absent), { sheets: outcome.absent.join(", ") })}</p>}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome && <WarningsBar warnings={outcome.warnings} testId="print-warnings" />}
    </PageShell>
  );
}
