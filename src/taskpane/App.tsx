import {
  Caption1,
  FluentProvider,
  makeStyles,
  Tab,
  TabList,
  Title3,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import * as React from "react";
import type { HostInfo } from "../host";
import type { Lang, Text } from "../i18n";
import { tr } from "../i18n";
import LanguageSwitch from "./components/LanguageSwitch";
import ModeBanner from "./components/ModeBanner";
import { AppContext, type AppInfo } from "./context";
import { loadLang, saveLang } from "./lang";
import { PAGES } from "./pages";
import { hrefWithPage, isPageId, pageFromLocation, type PageId } from "./routing";
import { appStrings } from "./strings";

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
  },
  header: {
    display: "flex",
    alignItems: "flex-start",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalS,
  },
  titles: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  title: { margin: 0 },
  // Task panes are ~320 px wide: let the five tabs wrap instead of scrolling sideways.
  tabs: { flexWrap: "wrap" },
  panel: { outlineOffset: "2px" },
});

export interface AppProps {
  host: HostInfo;
}

export default function App({ host }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [lang, setLangState] = React.useState<Lang>(() => loadLang());
  const [page, setPage] = React.useState<PageId>(() => pageFromLocation(window.location));

  const setLang = React.useCallback((next: Lang) => {
    setLangState(next);
    saveLang(next);
  }, []);

  React.useEffect(() => {
    document.documentElement.lang = lang;
    document.title = tr(appStrings.title, lang);
  }, [lang]);

  React.useEffect(() => {
    const follow = (): void => setPage(pageFromLocation(window.location));
    window.addEventListener("popstate", follow);
    window.addEventListener("hashchange", follow);
    return () => {
      window.removeEventListener("popstate", follow);
      window.removeEventListener("hashchange", follow);
    };
  }, []);

  const selectPage = React.useCallback((next: PageId) => {
    setPage(next);
    // replaceState, not a reload: keeps Office's query parameters and the pane's state.
    window.history.replaceState(window.history.state, "", hrefWithPage(window.location.href, next));
  }, []);

  const info = React.useMemo<AppInfo>(() => {
    const base = { mode: host.mode, lang, setLang, t: (text: Text) => tr(text, lang) };
    return host.excelApi === undefined ? base : { ...base, excelApi: host.excelApi };
  }, [host.mode, host.excelApi, lang, setLang]);

  const current = PAGES.find((p) => p.id === page) ?? PAGES[0];
  const t = info.t;

  return (
    <FluentProvider
      theme={host.theme === "dark" ? webDarkTheme : webLightTheme}
      className={styles.root}
      data-mode={host.mode}
    >
      <AppContext.Provider value={info}>
        <header className={styles.header}>
          <div className={styles.titles}>
            <Title3 as="h1" className={styles.title}>
              {t(appStrings.title)}
            </Title3>
            <Caption1>{t(appStrings.subtitle)}</Caption1>
          </div>
          <LanguageSwitch />
        </header>
        <ModeBanner />
        <nav aria-label={t(appStrings.pagesLabel)}>
          <TabList
            className={styles.tabs}
            size="small"
            selectedValue={page}
            onTabSelect={(_event, data) => {
              if (isPageId(data.value)) selectPage(data.value);
            }}
          >
            {PAGES.map((p) => (
              <Tab key={p.id} id={`tab-${p.id}`} value={p.id} aria-controls={`panel-${p.id}`}>
                {t(p.title)}
              </Tab>
            ))}
          </TabList>
        </nav>
        {current && (
          <main
            id={`panel-${current.id}`}
            role="tabpanel"
            aria-labelledby={`tab-${current.id}`}
            tabIndex={0}
            className={styles.panel}
          >
            <current.Component />
          </main>
        )}
      </AppContext.Provider>
    </FluentProvider>
  );
}
