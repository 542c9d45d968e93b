import { Input } from "@fluentui/react-components";
import * as React from "react";
import FormField from "../FormField";

/**
 * The inputs several pages share: a report date and a bounded whole number (days, font sizes).
 * The error line appears whenever the value is not usable, so a page never waits silently.
 */
export function DateField(props: {
  label: string;
  hint?: string;
  value: string;
  valid: boolean;
  errorText: string;
  onChange(value: string): void;
  testId: string;
  className?: string;
}): React.JSX.Element {
  return (
    <FormField
      label={props.label}
      hint={props.hint}
      required
      error={props.valid ? null : props.errorText}
      {...(props.className ? { className: props.className } : {})}
    >
      {(c) => (
        <Input
          {...c}
          type="date"
          value={props.value}
          onChange={(_e, d) => props.onChange(d.value)}
          data-testid={props.testId}
        />
      )}
    </FormField>
  );
}

export function WholeNumberField(props: {
  label: string;
  hint?: string;
  value: string;
  min: number;
  max: number;
  valid: boolean;
  errorText: string;
  onChange(value: string): void;
  testId: string;
  className?: string;
}): React.JSX.Element {
  return (
    <FormField
      label={props.label}
      hint={props.hint}
      error={props.valid ? null : props.errorText}
      {...(props.className ? { className: props.className } : {})}
    >
      {(c) => (
        <Input
          {...c}
          type="number"
          min={props.min}
          max={props.max}
          inputMode="numeric"
          value={props.value}
          onChange={(_e, d) => props.onChange(d.value)}
          data-testid={props.testId}
        />
      )}
    </FormField>
  );
}
