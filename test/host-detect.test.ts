/** Host detection and the task pane's routing / language memory, without a browser. */
import {
  compareApiVersions,
  detectHost,
  hasOfficeSigns,
  highestExcelApi,
  loadOfficeJs,
  OFFICE_JS_URL,
  themeFromBackground,
  type HostWindow,
  type OfficeLike,
  type ScriptDocument,
} from "../src/host";
import { loadLang, saveLang } from "../src/taskpane/lang";
import { hrefWithPage, pageFromLocation } from "../src/taskpane/routing";

function plainWindow(overrides: Partial<HostWindow> = {}): HostWindow {
  const self = {};
  return { location: { search: "", hash: "" }, name: "", top: self, self, ...overrides };
}

/** A document whose injected <script> loads, fails, or never answers. */
function scriptDocument(
  outcome: "load" | "error" | "hang",
  onLoad?: () => void,
): ScriptDocument & { injected: string[] } {
  const injected: string[] = [];
  return {
    injected,
    createElement: () => ({ src: "", async: false, onload: null, onerror: null }),
    head: {
      appendChild(node: unknown) {
        const script = node as { src: string; onload: (() => void) | null; onerror: (() => void) | null };
        injected.push(script.src);
        setTimeout(() => {
          if (outcome === "load") {
            onLoad?.();
            script.onload?.();
          } else if (outcome === "error") script.onerror?.();
        }, 1);
        return node;
      },
    },
  };
}

function fakeOffice(host: string | null, maxMinor: number, background = "#ffffff"): OfficeLike {
  return {
    onReady: () => Promise.resolve({ host, platform: host ? "PC" : null }),
    context: {
      requirements: {
        isSetSupported: (name, version) => name === "ExcelApi" && Number(version?.split(".")[1]) <= maxMinor,
      },
      officeTheme: { bodyBackgroundColor: background },
    },
  };
}

describe("hasOfficeSigns", () => {
  it.each<[string, Partial<HostWindow>, boolean]>([
    ["a plain top-level tab", {}, false],
    [
      "Office's _host_Info query parameter",
      { location: { search: "?_host_Info=Excel$Win32$16.01$vi-VN", hash: "" } },
      true,
    ],
    ["_host_Info after other parameters", { location: { search: "?page=forms&_host_Info=Excel$Mac", hash: "" } }, true],
    ["_host_Info in the hash", { location: { search: "", hash: "#_host_Info=Excel$Web" } }, true],
    ["a page parameter only", { location: { search: "?page=forms", hash: "#page=print" } }, false],
    ["an iframe (Excel on the web)", { top: {}, self: {} }, true],
    ["a WebView2 bridge (Windows desktop)", { chrome: { webview: {} } }, true],
    ["a plain Chrome window object", { chrome: {} }, false],
    ["WKWebView message handlers (Mac)", { webkit: { messageHandlers: {} } }, true],
    ["host info in window.name", { name: '{"hostInfo":"Excel|Web"}' }, true],
    ["an unrelated window.name", { name: "main" }, false],
  ])("%s → %s", (_name, overrides, expected) => {
    expect(hasOfficeSigns(plainWindow(overrides))).toBe(expected);
  });

  it("sees host info office.js saved in sessionStorage, and survives blocked storage", () => {
    const keys = ["other", "Office.hostInfoValue"];
    const store = { length: keys.length, key: (i: number) => keys[i] ?? null, getItem: () => null };
    expect(hasOfficeSigns(plainWindow({ sessionStorage: store }))).toBe(true);
    const blocked = plainWindow();
    Object.defineProperty(blocked, "sessionStorage", {
      get() {
        throw new Error("SecurityError");
      },
    });
    expect(hasOfficeSigns(blocked)).toBe(false);
  });
});

describe("highestExcelApi / compareApiVersions / themeFromBackground", () => {
  it.each([
    [0, undefined],
    [1, "1.1"],
    [9, "1.9"],
    [17, "1.17"],
  ])("supports up to 1.%i → %s", (maxMinor, expected) => {
    expect(highestExcelApi((name, v) => name === "ExcelApi" && Number(v?.split(".")[1]) <= maxMinor)).toBe(expected);
  });

  it("treats a throwing isSetSupported as unsupported", () => {
    expect(
      highestExcelApi((_n, v) => {
        if (v === "1.3") throw new Error("boom");
        return true;
      }),
    ).toBe("1.2");
  });

  it.each([
    ["1.10", "1.9", 1],
    ["1.9", "1.10", -1],
    ["1.9", "1.9", 0],
    ["1.9", "1.9.0", 0],
  ])("%s vs %s", (a, b, sign) => {
    expect(Math.sign(compareApiVersions(a, b))).toBe(sign);
  });

  it.each([
    ["#ffffff", "light"],
    ["#e6e6e6", "light"],
    ["#1f1f1f", "dark"],
    ["#262626", "dark"],
    ["#6b6b6b", "dark"], // Office "dark gray": white text contrasts more
    ["#a6a6a6", "light"],
    ["", "light"],
    ["not a colour", "light"],
  ])("%j → %s", (colour, theme) => {
    expect(themeFromBackground(colour)).toBe(theme);
  });
});

describe("loadOfficeJs", () => {
  it.each<["load" | "error" | "hang", boolean]>([
    ["load", true],
    ["error", false],
    ["hang", false],
  ])("script %s → %s", async (outcome, expected) => {
    const doc = scriptDocument(outcome);
    await expect(loadOfficeJs(doc, 50)).resolves.toBe(expected);
    expect(doc.injected).toEqual([OFFICE_JS_URL]);
  });

  it("resolves false without a <head>", async () => {
    const doc: ScriptDocument = {
      createElement: () => ({ src: "", async: false, onload: null, onerror: null }),
      head: null,
    };
    await expect(loadOfficeJs(doc, 50)).resolves.toBe(false);
  });
});

describe("detectHost", () => {
  const HOSTED = { location: { search: "?_host_Info=Excel$Win32$16.01$vi-VN$$$$0", hash: "" } };

  it("plain browser: browser mode without requesting office.js", async () => {
    const doc = scriptDocument("load");
    await expect(detectHost({ win: plainWindow(), doc })).resolves.toEqual({
      mode: "browser",
      theme: "light",
      reason: "no-office-signs",
    });
    expect(doc.injected).toEqual([]);
  });

  it("?office=0 forces browser mode even inside Office", async () => {
    const win = plainWindow({ location: { search: "?office=0&_host_Info=Excel$Web", hash: "" } });
    await expect(detectHost({ win, doc: scriptDocument("load") })).resolves.toMatchObject({ reason: "forced-browser" });
  });

  it("inside Excel: loads office.js, reports the API level and the theme", async () => {
    const win = plainWindow(HOSTED);
    const doc = scriptDocument("load", () => (win.Office = fakeOffice("Excel", 17, "#292929")));
    await expect(detectHost({ win, doc, loadTimeoutMs: 1000 })).resolves.toEqual({
      mode: "excel",
      excelApi: "1.17",
      theme: "dark",
      reason: "excel",
    });
    expect(doc.injected).toEqual([OFFICE_JS_URL]);
  });

  it("?office=1 tries office.js in a plain tab", async () => {
    const win = plainWindow({ location: { search: "?office=1", hash: "" } });
    const doc = scriptDocument("load", () => (win.Office = fakeOffice("Excel", 9)));
    await expect(detectHost({ win, doc })).resolves.toMatchObject({ mode: "excel", excelApi: "1.9", theme: "light" });
  });

  it("uses an office.js that is already loaded", async () => {
    const win = plainWindow({ ...HOSTED, Office: fakeOffice("Excel", 12) });
    const doc = scriptDocument("error");
    await expect(detectHost({ win, doc })).resolves.toMatchObject({ mode: "excel", excelApi: "1.12" });
    expect(doc.injected).toEqual([]);
  });

  it.each<[string, "load" | "error" | "hang", OfficeLike | undefined, string]>([
    ["office.js fails to load", "error", undefined, "office-js-unavailable"],
    ["office.js never arrives", "hang", undefined, "office-js-unavailable"],
    ["office.js loads but defines nothing", "load", undefined, "office-js-unavailable"],
    ["onReady reports no host", "load", fakeOffice(null, 0), "no-host"],
    ["onReady reports Word", "load", fakeOffice("Word", 0), "other-host"],
    ["onReady never settles", "load", { onReady: () => new Promise(() => undefined) }, "ready-timeout"],
    ["onReady rejects", "load", { onReady: () => Promise.reject(new Error("x")) }, "ready-timeout"],
  ])("%s → browser mode (%s)", async (_name, outcome, office, reason) => {
    const win = plainWindow(HOSTED);
    const doc = scriptDocument(outcome, () => {
      if (office) win.Office = office;
    });
    await expect(detectHost({ win, doc, loadTimeoutMs: 50, readyTimeoutMs: 50 })).resolves.toEqual({
      mode: "browser",
      theme: "light",
      reason,
    });
  });
});

describe("task pane routing and language memory", () => {
  it.each([
    ["?page=forms", "", "forms"],
    ["?page=print&_host_Info=x", "", "print"],
    ["", "#page=highlight", "highlight"],
    ["?page=consolidate", "#page=highlight", "consolidate"],
    ["?page=unknown", "", "tracking"],
    ["", "", "tracking"],
  ])("search %j hash %j → %s", (search, hash, page) => {
    expect(pageFromLocation({ search, hash })).toBe(page);
  });

  it("changes only the page parameter, keeping Office's", () => {
    const next = new URL(hrefWithPage("https://h.test/taskpane.html?_host_Info=Excel$Web$16&page=forms", "print"));
    expect(next.searchParams.get("page")).toBe("print");
    expect(next.searchParams.get("_host_Info")).toBe("Excel$Web$16");
    expect(new URL(hrefWithPage("https://h.test/taskpane.html#page=forms", "print")).hash).toBe("");
  });

  it("remembers English, defaults to Vietnamese, and tolerates broken storage", () => {
    const data = new Map<string, string>();
    const store = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    };
    expect(loadLang(store)).toBe("vi");
    saveLang("en", store);
    expect(loadLang(store)).toBe("en");
    saveLang("vi", store);
    expect(loadLang(store)).toBe("vi");
    const broken = {
      getItem: (): string | null => {
        throw new Error("denied");
      },
      setItem: (): void => {
        throw new Error("denied");
      },
    };
    expect(loadLang(broken)).toBe("vi");
    expect(() => saveLang("en", broken)).not.toThrow();
    expect(loadLang(undefined)).toBe("vi");
  });
});
