import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import type { Text } from "../../../i18n";
import { useAppContext } from "../../context";
import { download, type Download } from "../../services";
import { feedbackStrings } from "./strings";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  downloads: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  progress: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  // Fluent eases the bar's width over 0.3 s: with a step every tenth of a second the page was laying
  // itself out and painting every frame of a long run (about 1.5 s of a 3,000-file consolidation).
  bar: { transitionProperty: "none" },
});

/** A failure, read out at once (role=alert). */
export function ErrorBar(props: { text: Text; testId: string }): React.JSX.Element {
  const { t } = useAppContext();
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid={props.testId}>
      <MessageBarBody>
        <MessageBarTitle>{t(feedbackStrings.errorTitle)}</MessageBarTitle>
        {t(props.text)}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Warnings of a finished action (features this Excel lacks, renamed tables…); nothing when empty. */
export function WarningsBar(props: { warnings: readonly Text[]; testId: string }): React.JSX.Element | null {
  const { t } = useAppContext();
  const styles = useStyles();
  if (props.warnings.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid={props.testId}>
      <MessageBarBody>
        <MessageBarTitle>{t(feedbackStrings.warningsTitle)}</MessageBarTitle>
        <ul className={styles.list}>
          {props.warnings.map((w) => (
            <li key={w.en}>{t(w)}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/** Buttons that save the given files again (a download can be missed or blocked). */
export function DownloadButtons(props: { files: readonly Download[]; testId: string }): React.JSX.Element | null {
  const { t } = useAppContext();
  const styles = useStyles();
  if (props.files.length === 0) return null;
  return (
    <div className={styles.downloads} role="group" aria-label={t(feedbackStrings.downloads)} data-testid={props.testId}>
      {props.files.map((f) => (
        <Button key={f.name} size="small" onClick={() => download(f.bytes, f.name, f.mime)}>
          {`${t(feedbackStrings.download)} ${f.name}`}
        </Button>
      ))}
    </div>
  );
}

/**
 * A labelled progress bar with its text announced politely. `value` in 0..1; undefined shows
 * Fluent's indeterminate bar (a step whose length is unknown).
 */
export function Progress(props: { label: string; value?: number; testId: string }): React.JSX.Element {
  const styles = useStyles();
  const id = React.useId();
  return (
    <div className={styles.progress}>
      <span id={id} aria-live="polite">
        {props.label}
      </span>
      <ProgressBar
        aria-labelledby={id}
        data-testid={props.testId}
        thickness="large"
        bar={{ className: styles.bar }}
        {...(props.value !== undefined ? { value: Math.max(0, Math.min(1, props.value)), max: 1 } : {})}
      />
    </div>
  );
}

/** Runs an async action with busy/error state; errors become a Text, never a crash. */
export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  toText: (e: unknown) => Text,
): { busy: boolean; error: Text | null; run: (...args: A) => Promise<R | undefined>; clearError: () => void } {
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<Text | null>(null);
  const latest = React.useRef(action);
  latest.current = action;
  const run = React.useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        return await latest.current(...args);
      } catch (e) {
        setError(toText(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [toText],
  );
  const clearError = React.useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}
