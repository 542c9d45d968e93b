import { Input } from "@fluentui/react-components";
import * as React from "react";
import type { Text } from "../../../i18n";
import { useAppContext } from "../../context";
import { dmyText, parseUserDate } from "../../dates";
import { fill } from "../../fill";
import FormField from "../FormField";

const dateStrings = {
  placeholder: { vi: "ngày/tháng/năm", en: "dd/mm/yyyy" },
  format: { vi: "Nhập ngày/tháng/năm, ví dụ 30/06/2026.", en: "Type day/month/year, e.g. 30/06/2026." },
  invalid: { vi: "“{text}” không phải một ngày có thật.", en: "“{text}” is not a real date." },
} satisfies Record<string, Text>;

/** "30062026" → "30/06/2026": eight digits typed without separators are read as ddmmyyyy. */
function withSlashes(text: string): string {
  const m = /^\s*(\d{2})(\d{2})(\d{4})\s*$/.exec(text);
  return m ? `${m[1]}/${m[2]}/${m[3]}` : text;
}

/**
 * The inputs several pages share: a report date and a bounded whole number (days, font sizes).
 * The error line appears whenever the value is not usable, so a page never waits silently.
 *
 * A date is shown and typed as dd/mm/yyyy whatever the browser's language (a native date input
 * follows the browser: 06/30/2026 in English). `value` and `onChange` speak ISO dates; text that is
 * not a date reports "" and keeps what was typed, with the reason under the field.
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
  const { t } = useAppContext();
  const [text, setText] = React.useState(() => (props.value ? dmyText(props.value) : ""));
  // A new date from the page (a reset, a kept value) replaces the text; "" (what bad text reports) does not.
  React.useEffect(() => {
    if (props.value && parseUserDate(withSlashes(text)) !== props.value) setText(dmyText(props.value));
  }, [props.value]); // only a new value from outside resets the text
  const typedBad = text.trim() !== "" && parseUserDate(withSlashes(text)) === null;
  const error = typedBad ? fill(t(dateStrings.invalid), { text: text.trim() }) : props.valid ? null : props.errorText;
  return (
    <FormField
      label={props.label}
      hint={props.hint ? `${props.hint} ${t(dateStrings.format)}` : t(dateStrings.format)}
      required
      error={error}
      {...(props.className ? { className: props.className } : {})}
    >
      {(c) => (
        <Input
          {...c}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t(dateStrings.placeholder)}
          maxLength={10}
          value={text}
          onChange={(_e, d) => {
            setText(d.value);
            props.onChange(parseUserDate(withSlashes(d.value)) ?? "");
          }}
          onBlur={() => {
            // Tidy a date typed loosely ("1/7/2026", "01072026", ISO) into the one way dates are shown.
            const iso = parseUserDate(withSlashes(text));
            if (iso) setText(dmyText(iso));
          }}
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
