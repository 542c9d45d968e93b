import { createContext, useContext } from "react";
import type { HostMode } from "../host";
import type { Lang, Text } from "../i18n";
import { tr } from "../i18n";

/** What every page needs to know about where it runs and in which language it speaks. */
export interface AppInfo {
  mode: HostMode;
  lang: Lang;
  /** Highest ExcelApi requirement set, e.g. "1.17"; undefined in browser mode. */
  excelApi?: string;
  setLang(lang: Lang): void;
  /** Translate a {vi, en} text into the current language. */
  t(text: Text): string;
}

export const AppContext = createContext<AppInfo>({
  mode: "browser",
  lang: "vi",
  setLang: () => undefined,
  t: (text) => tr(text, "vi"),
});

export function useAppContext(): AppInfo {
  return useContext(AppContext);
}
