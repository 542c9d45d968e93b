/**
 * The production build, run once into a temporary folder with a deployment base URL, then:
 * the files, the rewritten manifest, the initial JavaScript budget, source maps without absolute
 * paths, and the built task pane in headless Chromium with no network at all (browser mode,
 * keyboard navigation, language switch) and with a stand-in office.js (Excel mode, dark theme).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { PAGE_IDS } from "../src/taskpane/routing";
import { manifestProblems } from "./addin/manifest-rules";
import { serveDirectory, type StaticServer } from "./addin/static-server";

interface WebpackConfigModule {
  TASKPANE_INITIAL_JS_BUDGET: number;
  OFFICE_JS_URL: string;
}

const ROOT = join(__dirname, "..");

const webpackConfig = require("../webpack.config.js") as WebpackConfigModule;
const BASE_URL = "https://example.test/addin/";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let outDir = "";
let buildLog = "";

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), "phuluc-build-"));
  const run = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production"],
    {
      cwd: ROOT,
      // Base URL given without its trailing slash on purpose: the config must normalise it.
      env: { ...process.env, ADDIN_OUT_DIR: outDir, ADDIN_BASE_URL: "https://example.test/addin" },
      encoding: "utf8",
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  buildLog = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`webpack failed (${run.status ?? run.signal}):\n${buildLog.slice(-4000)}`);
}, 320_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Every file under dir, relative, with "/" separators. */
function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*?\bsrc=["']?([^"'\s>]+)/g)].map((m) => m[1] as string);
}

describe("production build", () => {
  it("writes the pages, bundles, icons and manifest", () => {
    const files = listFiles(outDir);
    for (const f of ["taskpane.html", "commands.html", "manifest.xml"]) expect(files).toContain(f);
    const pngs = files.filter((f) => f.startsWith("assets/") && f.endsWith(".png"));
    expect(pngs.sort()).toEqual(
      readdirSync(join(ROOT, "assets"))
        .filter((f) => f.endsWith(".png"))
        .map((f) => `assets/${f}`)
        .sort(),
    );
    expect(buildLog).toContain("compiled successfully");
  });

  it("rewrites the manifest to the configured base URL, and it passes every manifest rule", () => {
    const built = readFileSync(join(outDir, "manifest.xml"), "utf8");
    expect(built).not.toContain("localhost");
    expect(built).toContain(`${BASE_URL}taskpane.html?page=tracking`);
    expect(manifestProblems(built, { baseUrl: BASE_URL, root: outDir, pageIds: PAGE_IDS })).toEqual([]);
  });

  it("names bundles by content hash and minifies them", () => {
    const js = listFiles(outDir).filter((f) => f.endsWith(".js"));
    expect(js.length).toBeGreaterThanOrEqual(2);
    for (const file of js) {
      expect(file).toMatch(/\.[0-9a-f]{8}(\.chunk)?\.js$/);
      const text = readFileSync(join(outDir, file), "utf8");
      // Minified: the code on a line or two (plus the sourceMappingURL comment), no indented source layout.
      expect(text.split("\n").length).toBeLessThanOrEqual(3);
      expect(text).not.toMatch(/\n[ \t]+\S/);
      expect(text).toMatch(/\/\/# sourceMappingURL=[^/\s]+\.map\s*$/);
    }
  });

  it("task pane HTML loads only its own bundles (office.js is injected on demand, not a static tag)", () => {
    const html = readFileSync(join(outDir, "taskpane.html"), "utf8");
    const scripts = scriptSources(html);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src).not.toMatch(/^(https?:)?\/\//);
      expect(existsSync(join(outDir, src))).toBe(true);
    }
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//);
    const bundles = scripts.map((s) => readFileSync(join(outDir, s), "utf8")).join("\n");
    expect(bundles).toContain(webpackConfig.OFFICE_JS_URL);
  });

  it("commands.html loads office.js and its own bundle", () => {
    const html = readFileSync(join(outDir, "commands.html"), "utf8");
    const scripts = scriptSources(html);
    expect(scripts[0]).toBe(webpackConfig.OFFICE_JS_URL);
    for (const src of scripts.slice(1)) expect(existsSync(join(outDir, src))).toBe(true);
  });

  it("keeps the task pane's initial JavaScript under budget", () => {
    const html = readFileSync(join(outDir, "taskpane.html"), "utf8");
    const total = scriptSources(html).reduce((sum, src) => sum + statSync(join(outDir, src)).size, 0);
    expect(total).toBeGreaterThan(100 * 1024); // React + Fluent UI are really in there
    expect(total).toBeLessThanOrEqual(webpackConfig.TASKPANE_INITIAL_JS_BUDGET);
  });

  it("source maps name files relative to the project; no output leaks an absolute path", () => {
    const maps = listFiles(outDir).filter((f) => f.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(0);
    for (const file of maps) {
      const map = JSON.parse(readFileSync(join(outDir, file), "utf8")) as { sources: string[] };
      expect(map.sources.length).toBeGreaterThan(0);
      // "./src/…", "./node_modules/…" or webpack's own runtime ("webpack/bootstrap"); never "/…" or "C:\…".
      for (const source of map.sources) expect(source).toMatch(/^webpack:\/\/phu-luc-nq08\/(\.\/|webpack\/)/);
    }
    for (const file of listFiles(outDir)) {
      const text = readFileSync(join(outDir, file), "latin1");
      expect(text.includes(ROOT)).toBe(false);
      expect(text.includes(outDir)).toBe(false);
    }
  });
});

describe("built task pane in headless Chromium", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveDirectory(outDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], timeout: 60_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  interface Session {
    context: BrowserContext;
    page: Page;
    consoleErrors: string[];
    pageErrors: string[];
    officeJsRequests: number;
  }

  /** A fresh profile where nothing but the local server is reachable; office.js served or refused. */
  async function open(path: string, officeJs: "refused" | string): Promise<Session> {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const session: Session = {
      context,
      page: await context.newPage(),
      consoleErrors: [],
      pageErrors: [],
      officeJsRequests: 0,
    };
    await context.route(
      (url) => url.origin !== server.origin,
      (route) => {
        if (route.request().url() === webpackConfig.OFFICE_JS_URL) {
          session.officeJsRequests++;
          if (officeJs !== "refused")
            return route.fulfill({ status: 200, contentType: "text/javascript", body: officeJs });
        }
        return route.abort("internetdisconnected");
      },
    );
    session.page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") session.consoleErrors.push(m.text());
    });
    session.page.on("pageerror", (e) => session.pageErrors.push(e.message));
    await session.page.goto(`${server.origin}${path}`);
    await session.page.getByRole("tab", { selected: true }).waitFor({ timeout: 30_000 });
    return session;
  }

  // innerText, not textContent: Fluent tabs keep a hidden bold copy of the label to reserve its width.
  const selectedTab = (page: Page): Promise<string> => page.getByRole("tab", { selected: true }).innerText();

  it("offline in a plain browser: browser mode, page from ?page=, no office.js request, no console errors", async () => {
    const s = await open("/taskpane.html?page=print", "refused");
    try {
      expect(await selectedTab(s.page)).toBe("In ấn");
      await expect(s.page.locator("h2").textContent()).resolves.toBe("In ấn");
      const banner = await s.page.getByTestId("browser-banner").textContent();
      expect(banner).toContain("Chế độ trình duyệt: mọi xử lý diễn ra trên máy này, không tệp nào được gửi đi.");
      expect(banner).toContain(".xlsx");
      expect(await s.page.getByTestId("mode-note").textContent()).toContain("Chế độ trình duyệt");
      expect(await s.page.evaluate(() => document.documentElement.lang)).toBe("vi");
      expect(s.officeJsRequests).toBe(0);
      expect(s.consoleErrors).toEqual([]);
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  it("keyboard: arrows move between tabs, Enter opens one and the URL follows", async () => {
    const s = await open("/taskpane.html?page=print", "refused");
    try {
      await s.page.getByRole("tab", { selected: true }).focus();
      await s.page.keyboard.press("ArrowLeft");
      expect(await s.page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText)).toBe("Tô màu hạn");
      await s.page.keyboard.press("Enter");
      expect(await selectedTab(s.page)).toBe("Tô màu hạn");
      expect(new URL(s.page.url()).searchParams.get("page")).toBe("highlight");
      const panel = s.page.getByRole("tabpanel");
      expect(await panel.getAttribute("aria-labelledby")).toBe("tab-highlight");
      await expect(panel.locator("h2").textContent()).resolves.toBe("Tô màu hạn");
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  it("VI/EN switch translates the pane and is remembered across reloads", async () => {
    const s = await open("/taskpane.html?page=consolidate", "refused");
    try {
      await s.page.getByRole("button", { name: "Tiếng Anh" }).click();
      expect(await s.page.getByTestId("browser-banner").textContent()).toContain(
        "Browser mode: everything runs on this computer; no file leaves it.",
      );
      expect(await selectedTab(s.page)).toBe("Consolidate");
      expect(await s.page.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");
      expect(await s.page.evaluate(() => document.documentElement.lang)).toBe("en");
      await s.page.reload();
      await s.page.getByRole("tab", { selected: true }).waitFor();
      expect(await selectedTab(s.page)).toBe("Consolidate");
      expect(await s.page.locator("h1").textContent()).toBe("NQ 08 Appendix");
      expect(s.consoleErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  it("an unknown ?page= falls back to the first page", async () => {
    const s = await open("/taskpane.html?page=nope", "refused");
    try {
      expect(await selectedTab(s.page)).toBe("Sổ theo dõi");
      expect(await s.page.getByRole("tab").allInnerTexts()).toEqual([
        "Sổ theo dõi",
        "Mẫu báo cáo",
        "Tổng hợp",
        "Tô màu hạn",
        "In ấn",
        "Xu hướng / Sơ kết",
      ]);
    } finally {
      await s.context.close();
    }
  });

  it("browser mode refuses connections to other hosts (nothing can be uploaded)", async () => {
    const s = await open("/taskpane.html", "refused");
    try {
      const outcome = await s.page.evaluate(() =>
        fetch("https://example.test/upload", { method: "POST", body: "x" }).then(
          () => "sent",
          () => "refused",
        ),
      );
      expect(outcome).toBe("refused");
      expect(s.consoleErrors.some((e) => /Content Security Policy/.test(e))).toBe(true);
    } finally {
      await s.context.close();
    }
  });

  const FAKE_OFFICE_JS = `
    window.Office = {
      HostType: { Excel: "Excel" },
      onReady: function () { return Promise.resolve({ host: "Excel", platform: "OfficeOnline" }); },
      context: {
        requirements: {
          isSetSupported: function (name, version) {
            return name === "ExcelApi" && Number(String(version).split(".")[1]) <= 17;
          }
        },
        officeTheme: { bodyBackgroundColor: "#1f1f1f" }
      }
    };`;
  const HOSTED = "/taskpane.html?_host_Info=Excel$Web$16.01$vi-VN$$$$0";

  it("inside Excel (office.js answering host Excel): Excel mode, API level, dark theme, no banner", async () => {
    const s = await open(`${HOSTED}&page=forms`, FAKE_OFFICE_JS);
    try {
      expect(s.officeJsRequests).toBe(1);
      expect(await selectedTab(s.page)).toBe("Mẫu báo cáo");
      expect(await s.page.getByTestId("browser-banner").count()).toBe(0);
      expect(await s.page.getByTestId("mode-note").textContent()).toContain("Chế độ Excel · ExcelApi 1.17");
      const background = await s.page
        .locator("[data-mode=excel]")
        .first()
        .evaluate((e) => getComputedStyle(e).backgroundColor);
      const channels = (background.match(/\d+/g) ?? []).slice(0, 3).map(Number);
      expect(Math.max(...channels)).toBeLessThan(80); // Fluent's dark theme follows Office's
      await s.page.getByRole("tab", { name: "Tổng hợp" }).click();
      const url = new URL(s.page.url());
      expect(url.searchParams.get("page")).toBe("consolidate");
      expect(url.searchParams.get("_host_Info")).toBe("Excel$Web$16.01$vi-VN$$$$0"); // office.js needs it kept
      expect(s.consoleErrors).toEqual([]);
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  it("hosted by Office but office.js unreachable: falls back to browser mode", async () => {
    const s = await open(`${HOSTED}&page=tracking`, "refused");
    try {
      expect(s.officeJsRequests).toBe(1);
      expect(await s.page.getByTestId("browser-banner").count()).toBe(1);
      expect(await selectedTab(s.page)).toBe("Sổ theo dõi");
      // The only console line is the browser's own note about the refused request.
      for (const e of s.consoleErrors) expect(e).toMatch(/Failed to load resource/);
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  it("office.js loaded outside Office (onReady without host): browser mode", async () => {
    const outside = `window.Office = { onReady: function () { return Promise.resolve({ host: null, platform: null }); } };`;
    const s = await open(`${HOSTED}&page=print`, outside);
    try {
      expect(await s.page.getByTestId("browser-banner").count()).toBe(1);
      expect(s.consoleErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });
});
