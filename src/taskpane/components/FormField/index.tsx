import { makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  label: { fontWeight: tokens.fontWeightSemibold },
  required: { color: tokens.colorPaletteRedForeground1, paddingLeft: tokens.spacingHorizontalXXS },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
  "aria-required"?: boolean;
}

/**
 * A label, the control, a hint and an error line, wired by id / aria-describedby / aria-invalid.
 * A light stand-in for Fluent's Field, whose validation icons would weigh on the initial bundle.
 */
export default function FormField(props: {
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => React.ReactNode;
}): React.JSX.Element {
  const styles = useStyles();
  const id = React.useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [props.error ? errorId : null, props.hint ? hintId : null].filter(Boolean).join(" ");
  const control: ControlProps = { id };
  if (described) control["aria-describedby"] = described;
  if (props.error) control["aria-invalid"] = true;
  if (props.required) control["aria-required"] = true;
  return (
    <div className={props.className ? `${styles.root} ${props.className}` : styles.root}>
      <label htmlFor={id} className={styles.label}>
        {props.label}
        {props.required && (
          <span className={styles.required} aria-hidden="true">
            *
          </span>
        )}
      </label>
      {props.children(control)}
      {props.error && (
        <span id={errorId} className={styles.error} role="alert">
          {props.error}
        </span>
      )}
      {props.hint && (
        <span id={hintId} className={styles.hint}>
          {props.hint}
        </span>
      )}
    </div>
  );
}
