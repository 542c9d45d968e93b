import { makeStyles, ToggleButton, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { Lang } from "../../../i18n";
import { useAppContext } from "../../context";
import { appStrings } from "../../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexShrink: 0, columnGap: tokens.spacingHorizontalXS },
  // Two-letter labels: no need for Fluent's 64 px minimum button width in a narrow pane.
  button: { minWidth: "40px" },
});

const CHOICES: readonly { lang: Lang; short: string }[] = [
  { lang: "vi", short: "VI" },
  { lang: "en", short: "EN" },
];

/** VI / EN toggle; the pressed button is the current language (aria-pressed), names spoken in full. */
export default function LanguageSwitch(): React.JSX.Element {
  const { lang, setLang, t } = useAppContext();
  const styles = useStyles();
  return (
    <div role="group" aria-label={`${t(appStrings.languageLabel)}`} className={styles.root}>
      {CHOICES.map((choice) => (
        <ToggleButton
          key={choice.lang}
          size="small"
          className={styles.button}
          appearance={choice.lang === lang ? "primary" : "subtle"}
          checked={choice.lang === lang}
          aria-label={t(choice.lang === "vi" ? appStrings.vietnamese : appStrings.english)}
          lang={choice.lang}
          onClick={() => setLang(choice.lang)}
        >
          {choice.short}
        </ToggleButton>
      ))}
    </div>
  );
}
