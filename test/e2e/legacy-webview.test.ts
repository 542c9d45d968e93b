/**
 * The task pane's start-up guard (src/taskpane/legacy-check.js, inlined into taskpane.html) in the
 * production build, in Debian's Chromium. Internet Explorer 11 and old Edge cannot be run here, so
 * what they lack is taken away before the page runs (addInitScript): the ES2020 syntax probe fails,
 * built-ins are deleted, the user agent says Trident or Edge. The guard must then show its
 * Vietnamese + English message instead of "Đang tải…", and a bundle that still half-runs must not
 * draw over it. In a normal Chromium it must stay silent. The watchdog is checked with a failing
 * and with a stalled bundle (Playwright's fake clock). Screenshots go to test-output/e2e/.
 */
import { buildPage, launchChromium } from "./page";
import { parse } from "acorn";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { type Browser, type BrowserContext, type Page, type Route } from "playwright-core";
import { serveDirectory, type StaticServer } from "../addin/static-server";

const ROOT = resolve(__dirname, "..", "..");
const SHOTS = join(ROOT, "test-output", "e2e");
const IE11_UA = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko";
const EDGE18_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045";
/** What Office appends to the add-in's URL (the guard and detect.ts both read it). */
const HOSTED = "/taskpane.html?_host_Info=Excel$Win32$16.01$vi-VN$$$$0";

/** The ES2020 probe fails as in an ES5 engine; Function bodies without arrows still compile. */
const NO_MODERN_SYNTAX = `(() => {
  const NativeFunction = window.Function;
  const Legacy = function (...args) {
    if (String(args[args.length - 1] ?? "").includes("=>")) throw new SyntaxError("Expected ')' (simulated)");
    return NativeFunction(...args);
  };
  Legacy.prototype = NativeFunction.prototype;
  window.Function = Legacy;
})();`;
/** Roughly what Internet Explorer 11 lacks, on top of the syntax. */
const IE11_BUILTINS = `(() => {
  for (const name of ["fetch", "TextDecoder", "URLSearchParams", "CSS"]) delete window[name];
  delete Object.fromEntries;
  delete Array.prototype.flatMap;
})();`;

let dist = "";
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dist = join(mkdtempSync(join(tmpdir(), "nq08-legacy-")), "dist");
  buildPage(dist);
  server = await serveDirectory(dist);
  browser = await launchChromium();
}, 360000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) rmSync(resolve(dist, ".."), { recursive: true, force: true });
});

interface Session {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
}

/** A fresh profile where only the local server answers (office.js and the internet are refused). */
async function session(options: { userAgent?: string; initScripts?: string[] } = {}): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: 420, height: 900 },
    locale: "vi-VN",
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
  await context.route(
    (url) => url.origin !== server.origin,
    (route) => route.abort("internetdisconnected"),
  );
  const page = await context.newPage();
  for (const script of options.initScripts ?? []) await page.addInitScript(script);
  const s: Session = { context, page, consoleErrors: [], pageErrors: [] };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") s.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => s.pageErrors.push(e.message));
  return s;
}

interface Notice {
  kind: string | null;
  vi: string;
  en: string;
  detail: string;
  addresses: string[];
  body: string;
  rootId: string | null;
}

async function notice(page: Page): Promise<Notice> {
  await page.locator("[data-notice]").waitFor({ timeout: 20_000 });
  return page.evaluate(() => {
    const box = document.querySelector("[data-notice]") as HTMLElement;
    const text = (selector: string): string => (box.querySelector(selector) as HTMLElement | null)?.innerText ?? "";
    return {
      kind: box.getAttribute("data-notice"),
      vi: text('section[lang="vi"]'),
      en: text('section[lang="en"]'),
      detail: text(".detail"),
      addresses: [...box.querySelectorAll("code")].map((c) => c.textContent ?? ""),
      body: document.body.innerText,
      rootId: box.parentElement?.id ?? null,
    };
  });
}

/** Both languages, Vietnamese first, NFC, with the way out through a browser and the command line. */
function expectBilingual(n: Notice): void {
  expect(n.body).not.toContain("Đang tải");
  expect(n.body.indexOf(n.vi.slice(0, 20))).toBeLessThan(n.body.indexOf(n.en.slice(0, 20)));
  expect(n.vi).toBe(n.vi.normalize("NFC"));
  expect(n.vi).toContain("Chrome, Edge hoặc Firefox");
  expect(n.en).toContain("Chrome, Edge or Firefox");
  expect(n.vi).toContain("dòng lệnh (npm run cli)");
  expect(n.en).toContain("command line (npm run cli)");
  // The page's own address, without Office's query, to open in another browser.
  expect(n.addresses.length).toBeGreaterThan(0);
  for (const a of n.addresses) expect(a).toBe(`${server.origin}/taskpane.html`);
}

describe("the start-up guard in the built page", () => {
  it("is inlined, ES5 only, placed after #root and before the bundle runs, with no external address", () => {
    const html = readFileSync(join(dist, "taskpane.html"), "utf8");
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
    expect(inline).toHaveLength(1);
    const guard = inline[0] as string;
    // ecmaVersion 5 rejects arrows, let/const, template strings, classes, trailing commas in calls…
    expect(() => parse(guard, { ecmaVersion: 5 })).not.toThrow();
    const source = readFileSync(join(ROOT, "src", "taskpane", "legacy-check.js"), "utf8");
    expect(() => parse(source, { ecmaVersion: 5 })).not.toThrow();
    expect(guard).not.toMatch(/new Promise|Promise\.(resolve|all|reject)|\.then\(|\bfetch\(/); // it only tests for them
    // In <body> right after #root: it runs while the page is parsed, before any deferred bundle.
    expect(html.indexOf("<script>")).toBeGreaterThan(html.indexOf("<div id=root>"));
    expect(html.slice(html.indexOf("<body>"))).not.toMatch(/<script[^>]*\bsrc=/);
    expect(html).toMatch(/<head>.*<script defer src=[^>]+>.*<\/head>/s);
    expect(guard).not.toMatch(/https?:\/\//);
  });

  it("normal Chromium: no message, the app renders, the watchdog stays quiet, no console errors", async () => {
    const s = await session();
    try {
      await s.page.clock.install();
      await s.page.goto(`${server.origin}/taskpane.html?page=forms`);
      await s.page.getByRole("tab", { selected: true }).waitFor({ timeout: 30_000 });
      await s.page.clock.fastForward(20_000); // past the 15 s watchdog
      expect(await s.page.locator("[data-notice]").count()).toBe(0);
      expect(await s.page.getByRole("tab", { selected: true }).innerText()).toBe("Mẫu báo cáo");
      expect(await s.page.evaluate(() => (window as { __phulucStarted?: boolean }).__phulucStarted)).toBe(true);
      expect(await s.page.locator("#root").count()).toBe(1);
      expect(s.consoleErrors).toEqual([]);
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  it("Excel in an Internet Explorer web view: explains, says what to update, offers the browser page", async () => {
    const s = await session({ userAgent: IE11_UA, initScripts: [NO_MODERN_SYNTAX, IE11_BUILTINS] });
    try {
      await s.page.goto(`${server.origin}${HOSTED}`);
      const n = await notice(s.page);
      expect(n.kind).toBe("legacy");
      expectBilingual(n);
      expect(n.vi).toContain("Phụ lục NQ 08 không chạy được trong phiên bản Office này");
      expect(n.vi).toContain("hiển thị add-in bằng khung web cũ (Internet Explorer)");
      expect(n.vi).toContain("Microsoft 365 (phiên bản 2101 trở lên) hoặc Office 2021 trở lên");
      expect(n.vi).toContain("Microsoft Edge WebView2");
      expect(n.en).toContain("This version of Office or Windows shows add-ins in an old web view (Internet Explorer)");
      expect(n.en).toContain("Microsoft 365 (version 2101 or later) or Office 2021 or later");
      expect(n.detail).toMatch(/missing ES2020, fetch, Object\.assign\/entries\/fromEntries, Array\.from/);
      expect(n.detail).toContain("CSS variables");
      await s.page.screenshot({ path: join(SHOTS, "legacy-webview.png"), fullPage: true });
    } finally {
      await s.context.close();
    }
  });

  it("old Edge web view where the bundle still runs: the message stays, no app is drawn over it", async () => {
    const s = await session({ userAgent: EDGE18_UA, initScripts: [NO_MODERN_SYNTAX] });
    try {
      await s.page.goto(`${server.origin}${HOSTED}&page=print`);
      const n = await notice(s.page);
      expect(n.kind).toBe("legacy");
      expectBilingual(n);
      expect(n.vi).toContain("khung web cũ (Microsoft Edge bản cũ (EdgeHTML))");
      expect(n.en).toContain("old web view (old Microsoft Edge (EdgeHTML))");
      expect(n.detail).toBe("Chi tiết kỹ thuật / Technical details: thiếu / missing ES2020");
      // The bundle ran (office.js was refused, so it settled on browser mode) but found no #root.
      await s.page.waitForFunction(() => (window as { __phulucStarted?: boolean }).__phulucStarted === true);
      await s.page.waitForLoadState("networkidle");
      await s.page.waitForTimeout(500);
      expect(n.rootId).toBe("root-unsupported");
      expect(await s.page.locator("[data-notice=legacy]").count()).toBe(1);
      expect(await s.page.getByRole("tab").count()).toBe(0);
    } finally {
      await s.context.close();
    }
  });

  it("an old plain browser (no Office): says the browser is too old, no Office advice", async () => {
    const s = await session({
      // Not Map/Set: Playwright's own page.evaluate needs them.
      initScripts: [`delete window.TextDecoder; delete Object.fromEntries; window.CSS.supports = () => false;`],
    });
    try {
      await s.page.goto(`${server.origin}/taskpane.html`);
      const n = await notice(s.page);
      expect(n.kind).toBe("legacy");
      expectBilingual(n);
      expect(n.vi).toContain("Trình duyệt này quá cũ");
      expect(n.en).toContain("This browser is too old");
      expect(n.vi).not.toContain("Office 2021");
      expect(n.detail).toBe(
        "Chi tiết kỹ thuật / Technical details: thiếu / missing Object.assign/entries/fromEntries, TextDecoder, CSS variables",
      );
    } finally {
      await s.context.close();
    }
  });
});

describe("the watchdog", () => {
  it("a bundle file that cannot be loaded: the message comes at once, not after 15 s", async () => {
    const s = await session();
    try {
      await s.page.route(/\/vendors\.[0-9a-f]+\.js$/, (route) => route.fulfill({ status: 404, body: "not found" }));
      const started = Date.now();
      await s.page.goto(`${server.origin}/taskpane.html`);
      const n = await notice(s.page);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(n.kind).toBe("stalled");
      expectBilingual(n);
      expect(n.vi).toContain("Một tệp của trang không tải được");
      expect(n.en).toContain("A file of this page could not be loaded");
      expect(n.vi).not.toContain("Office 2021"); // not hosted by Office: no update advice
    } finally {
      await s.context.close();
    }
  });

  it("a bundle that has not started after 15 s: explains; a late bundle still replaces the message", async () => {
    const s = await session();
    try {
      const held: Route[] = [];
      await s.page.route(/\/taskpane\.[0-9a-f]+\.js$/, (route) => {
        held.push(route); // answered only after the watchdog has spoken
      });
      await s.page.clock.install();
      await s.page.goto(`${server.origin}${HOSTED}`, { waitUntil: "commit" });
      await s.page.getByText("Đang tải… / Loading…").waitFor();
      await s.page.waitForFunction(() => document.querySelectorAll("script[defer]").length > 0);
      await s.page.clock.fastForward(14_000);
      expect(await s.page.locator("[data-notice]").count()).toBe(0);
      await s.page.clock.fastForward(2_000);
      const n = await notice(s.page);
      expect(n.kind).toBe("stalled");
      expectBilingual(n);
      expect(n.vi).toContain("Đã chờ 15 giây mà chương trình chưa chạy");
      expect(n.en).toContain("After 15 seconds the program has not started");
      expect(n.vi).toContain("Office 2021"); // hosted by Office: an old Office may be the cause
      expect(n.rootId).toBe("root");
      await s.page.screenshot({ path: join(SHOTS, "legacy-webview-stalled.png"), fullPage: true });
      expect(held).toHaveLength(1);
      await held[0]!.continue();
      await s.page.getByRole("tab", { selected: true }).waitFor({ timeout: 30_000 });
      expect(await s.page.locator("[data-notice]").count()).toBe(0);
    } finally {
      await s.context.close();
    }
  });
});
