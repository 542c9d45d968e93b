/**
 * Where is the task pane running: inside Excel (Office.js available, host = Excel) or in a plain
 * browser (the offline page)?
 *
 * Approach (why it is not a static <script> tag): office.js is on Microsoft's CDN. A static tag in
 * <head> blocks rendering until the request fails or times out, and an offline plain browser then
 * logs a network error. So office.js is injected here, dynamically, and only when the page shows a
 * sign of being hosted by Office (the `_host_Info` query parameter Office appends to add-in URLs,
 * Office's saved host info, an iframe as in Excel on the web, or a WebView2 / WKWebView bridge).
 * A plain top-level browser tab never requests it: no network, no console noise, instant start.
 * When it is requested, `onerror` and a timeout both resolve to browser mode; so does
 * `Office.onReady` reporting no host (office.js opened outside Office) or a host that is not Excel.
 * `?office=1` forces the attempt, `?office=0` forces browser mode (diagnostics).
 * Nothing here logs to the console or throws: failures are a mode, reported in `reason`.
 */

export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

export type HostMode = "excel" | "browser";

export type HostReason =
  | "excel" // Office.onReady said Excel
  | "no-office-signs" // plain browser tab: office.js not even requested
  | "forced-browser" // ?office=0
  | "office-js-unavailable" // script failed to load or timed out (offline)
  | "no-host" // office.js loaded, but not inside an Office application
  | "other-host" // inside Office, but not Excel
  | "ready-timeout"; // Office.onReady never settled

export interface HostInfo {
  mode: HostMode;
  /** Highest ExcelApi requirement set supported, e.g. "1.17" (Excel mode only). */
  excelApi?: string;
  /** From Office.context.officeTheme in Excel; always "light" in the browser. */
  theme: "light" | "dark";
  reason: HostReason;
}

/** The slice of `window` detection reads; a plain object in tests. */
export interface HostWindow {
  location: { search: string; hash: string };
  name?: string;
  top?: unknown;
  self?: unknown;
  sessionStorage?: { getItem(key: string): string | null; length: number; key(i: number): string | null };
  chrome?: { webview?: unknown };
  webkit?: { messageHandlers?: unknown };
  external?: unknown;
  Office?: OfficeLike;
}

/** The part of the Office.js API used here (typed structurally so tests can supply it). */
export interface OfficeLike {
  onReady(): Promise<{ host: string | null; platform: string | null }>;
  context?: {
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
    officeTheme?: { bodyBackgroundColor?: string };
  };
}

/** Minimal document API used to inject the script tag. */
export interface ScriptDocument {
  createElement(tag: "script"): {
    src: string;
    async: boolean;
    onload: ((ev: unknown) => unknown) | null;
    onerror: ((ev: unknown) => unknown) | null;
  };
  head: { appendChild(node: unknown): unknown } | null;
}

function queryFlag(win: HostWindow, name: string): string | null {
  try {
    return new URLSearchParams(win.location.search).get(name);
  } catch {
    return null;
  }
}

/** Signs that Office hosts this page. False for an ordinary browser tab. */
export function hasOfficeSigns(win: HostWindow): boolean {
  const { search, hash } = win.location;
  if (/[?&#]_host_Info=/i.test(search) || /_host_Info=/i.test(hash)) return true;
  try {
    const store = win.sessionStorage;
    if (store) {
      // office.js keeps the host info it was given so that in-pane navigation keeps working.
      for (let i = 0; i < store.length; i++) if (/hostinfo/i.test(store.key(i) ?? "")) return true;
    }
  } catch {
    // Storage can be blocked (privacy settings): not a sign either way.
  }
  if (win.name && /hostInfo|xdmInfo|_host_Info/i.test(win.name)) return true;
  // Excel on the web runs the pane in an iframe; desktop Office uses WebView2 or WKWebView bridges.
  if (win.top !== undefined && win.self !== undefined && win.top !== win.self) return true;
  if (win.chrome?.webview !== undefined) return true;
  if (win.webkit?.messageHandlers !== undefined) return true;
  if (typeof win.external === "object" && win.external !== null && "GetContext" in win.external) return true;
  return false;
}

/** Inject office.js; resolves true when it loaded, false on error or after `timeoutMs`. */
export function loadOfficeJs(doc: ScriptDocument, timeoutMs: number, src: string = OFFICE_JS_URL): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(ok);
    };
    const timer = setTimeout(() => settle(false), timeoutMs);
    try {
      const script = doc.createElement("script");
      script.async = true;
      script.onload = () => settle(true);
      script.onerror = () => settle(false);
      script.src = src;
      if (!doc.head) {
        settle(false);
        return;
      }
      doc.head.appendChild(script);
    } catch {
      settle(false);
    }
  });
}

/** Highest "1.N" for which `isSetSupported("ExcelApi", "1.N")` holds; sets are cumulative. */
export function highestExcelApi(
  isSetSupported: (name: string, minVersion?: string) => boolean,
  maxMinor = 40,
): string | undefined {
  let best: string | undefined;
  for (let minor = 1; minor <= maxMinor; minor++) {
    const version = `1.${minor}`;
    let ok = false;
    try {
      ok = isSetSupported("ExcelApi", version);
    } catch {
      ok = false;
    }
    if (!ok) break;
    best = version;
  }
  return best;
}

/** Compare requirement-set versions numerically: "1.10" > "1.9". */
export function compareApiVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * "#1f1f1f" → dark. Office gives the pane's body colour; pick the theme whose text contrasts more
 * with it: white text wins when (1.05 / (L + 0.05)) > ((L + 0.05) / 0.05), i.e. L < ~0.179.
 */
export function themeFromBackground(color: string | undefined): "light" | "dark" {
  const m = /^#?([0-9a-f]{6})$/i.exec((color ?? "").trim());
  if (!m || m[1] === undefined) return "light";
  const n = parseInt(m[1], 16);
  const channel = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel((n >> 16) & 0xff) + 0.7152 * channel((n >> 8) & 0xff) + 0.0722 * channel(n & 0xff);
  return (luminance + 0.05) ** 2 < 0.0525 ? "dark" : "light";
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve("timeout");
      },
    );
  });
}

export interface DetectOptions {
  win?: HostWindow;
  doc?: ScriptDocument;
  /** How long to wait for office.js to arrive. */
  loadTimeoutMs?: number;
  /** How long to wait for Office.onReady once office.js is there. */
  readyTimeoutMs?: number;
}

const BROWSER = (reason: HostReason): HostInfo => ({ mode: "browser", theme: "light", reason });

export async function detectHost(options: DetectOptions = {}): Promise<HostInfo> {
  const win = options.win ?? (globalThis as unknown as HostWindow);
  const doc = options.doc ?? (globalThis as unknown as { document: ScriptDocument }).document;
  const force = queryFlag(win, "office");
  if (force === "0") return BROWSER("forced-browser");
  if (force !== "1" && !hasOfficeSigns(win)) return BROWSER("no-office-signs");

  if (win.Office === undefined) {
    const loaded = await loadOfficeJs(doc, options.loadTimeoutMs ?? 10_000);
    if (!loaded || win.Office === undefined) return BROWSER("office-js-unavailable");
  }
  const office = win.Office;
  if (office === undefined) return BROWSER("office-js-unavailable");

  const info = await withTimeout(office.onReady(), options.readyTimeoutMs ?? 10_000);
  if (info === "timeout") return BROWSER("ready-timeout");
  if (!info.host) return BROWSER("no-host");
  if (info.host !== "Excel") return BROWSER("other-host");

  const isSetSupported = office.context?.requirements?.isSetSupported;
  const excelApi = isSetSupported
    ? highestExcelApi((name, version) => isSetSupported.call(office.context?.requirements, name, version))
    : undefined;
  const theme = themeFromBackground(office.context?.officeTheme?.bodyBackgroundColor);
  return excelApi ? { mode: "excel", excelApi, theme, reason: "excel" } : { mode: "excel", theme, reason: "excel" };
}
