/** What every end-to-end suite needs: the production page built into a folder of its own, and Debian's Chromium. */
import { execFileSync } from "child_process";
import { resolve } from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { serveDirectory, type StaticServer } from "../addin/static-server";

const ROOT = resolve(__dirname, "..", "..");

/** Builds the page (webpack, production) into `dist`; slow (tens of seconds), so once per suite. */
export function buildPage(dist: string): void {
  execFileSync(process.execPath, [require.resolve("webpack/bin/webpack.js"), "--mode", "production"], {
    cwd: ROOT,
    env: { ...process.env, ADDIN_OUT_DIR: dist },
    stdio: "pipe",
    timeout: 300000,
  });
}

/** Headless Debian Chromium, quiet: no background requests, no first-run pages. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A suite's page built and served, and Chromium started: what each end-to-end suite's beforeAll does. */
export async function startPage(
  dist: string,
): Promise<{ server: StaticServer; browser: Browser; close(): Promise<void> }> {
  buildPage(dist);
  const server = await serveDirectory(dist);
  const browser = await launchChromium();
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** A pane-sized page that accepts downloads, collecting console errors and page errors into `errors`. */
export async function panePage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 420, height: 900 },
    locale: "vi-VN",
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return page;
}
