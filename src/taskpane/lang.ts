import type { Lang } from "../i18n";

const KEY = "phuluc-nq08.lang";

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function storage(): StorageLike | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage may be disabled (privacy settings, some embedded browsers): then the choice is not kept.
    return undefined;
  }
}

/** Vietnamese unless the user chose English earlier on this computer. */
export function loadLang(store: StorageLike | undefined = storage()): Lang {
  try {
    return store?.getItem(KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

export function saveLang(lang: Lang, store: StorageLike | undefined = storage()): void {
  try {
    store?.setItem(KEY, lang);
  } catch {
    // Quota or disabled storage: the switch still works for this session.
  }
}
