#!/usr/bin/env node
// npm start: run the webpack dev server (https when the localhost certificate is already trusted,
// else http — never an install, a prompt or administrator rights: see dev-certs.mjs), wait until it
// answers, then either sideload into desktop Excel (Windows/macOS, only when office-addin-debugging
// is installed) or print how to open the add-in — Vietnamese, then English.
// Ctrl+C stops the server (and removes the sideloaded add-in when this script sideloaded it).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { get as httpGet } from "node:http";
import { get as httpsGet } from "node:https";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCertificates, chooseProtocol, httpFallbackLines } from "./dev-certs.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const PORT = 3000;
const READY_TIMEOUT_MS = 180_000;

function resolveOptional(id) {
  try {
    return require.resolve(id, { paths: [ROOT] });
  } catch {
    return null;
  }
}

/** Desktop Excel installed? Only the usual install locations are looked at. */
function desktopExcelPresent() {
  if (process.platform === "darwin") return existsSync("/Applications/Microsoft Excel.app");
  if (process.platform !== "win32") return false;
  const roots = [process.env.ProgramFiles, process.env["ProgramFiles(x86)"]].filter(Boolean);
  return roots.some((root) =>
    ["root\\Office16\\EXCEL.EXE", "Office16\\EXCEL.EXE"].some((rel) => existsSync(join(root, "Microsoft Office", rel))),
  );
}

/** Resolves with the protocol the dev server answers on, or null after the timeout. */
function waitForServer(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const probe = (get, protocol) =>
    new Promise((resolve) => {
      const req = get(
        `${protocol}://localhost:${PORT}/taskpane.html`,
        { rejectUnauthorized: false, timeout: 2000 },
        (res) => {
          res.resume();
          resolve(res.statusCode === 200 ? protocol : null);
        },
      );
      req.on("error", () => resolve(null));
      req.on("timeout", () => {
        req.destroy();
        resolve(null);
      });
    });
  return new Promise((resolve) => {
    const tick = async () => {
      const found = (await probe(httpsGet, "https")) ?? (await probe(httpGet, "http"));
      if (found) resolve(found);
      else if (Date.now() > deadline) resolve(null);
      else setTimeout(tick, 1000);
    };
    void tick();
  });
}

const RULE = "──────────────────────────────────────────────────────────────";

function printHowToOpen(protocol, fallback) {
  if (protocol === "http") {
    // On http Excel cannot load the add-in at all: only what works now and how to get https.
    console.log(
      [
        "",
        "── Phụ lục NQ 08 ─────────────────────────────────────────────",
        ...fallback,
        "Ctrl+C: dừng / stop.",
        RULE,
      ].join("\n"),
    );
    return;
  }
  const page = `${protocol}://localhost:${PORT}/taskpane.html`;
  const manifest = join(ROOT, "manifest.xml");
  console.log(
    [
      "",
      "── Phụ lục NQ 08 ─────────────────────────────────────────────",
      "Tiếng Việt:",
      "  • Excel trên web: mở một sổ làm việc › Chèn (Insert) › Bổ trợ (Add-ins) › Tải lên bổ trợ của tôi",
      `    (Upload My Add-in) › chọn tệp ${manifest}`,
      '    Thẻ "Phụ lục NQ 08" xuất hiện trên dải băng.',
      `  • Trình duyệt thường: mở ${page}`,
      "    Trang chạy hoàn toàn trên máy này (chế độ trình duyệt); kết quả tải về dưới dạng tệp .xlsx.",
      "English:",
      "  • Excel on the web: open a workbook › Insert › Add-ins › Upload My Add-in ›",
      `    choose ${manifest}`,
      '    The "NQ 08 Appendix" tab appears on the ribbon.',
      `  • Plain browser: open ${page}`,
      "    The page runs entirely on this computer (browser mode); results download as .xlsx files.",
      "Ctrl+C: dừng / stop.",
      RULE,
    ].join("\n"),
  );
}

const webpackCli = resolveOptional("webpack-cli/bin/cli.js");
if (!webpackCli) {
  console.error("Thiếu webpack-cli — chạy `npm ci` trước. / webpack-cli is missing — run `npm ci` first.");
  process.exit(1);
}

console.log("Đang kiểm tra chứng chỉ https cho localhost… / Checking the localhost https certificate…");
const certificates =
  process.env.ADDIN_HTTP === "1" ? { status: "not-installed" } : await checkCertificates({ root: ROOT });
const choice = chooseProtocol({ forceHttp: process.env.ADDIN_HTTP === "1", certificates: certificates.status });
let fallback = httpFallbackLines({ reason: choice.reason, port: PORT, detail: certificates.detail });
// The full explanation comes once the server answers; webpack's output would bury it here.
if (choice.protocol === "http") console.log(fallback[0]);

const server = spawn(process.execPath, [webpackCli, "serve", "--mode", "development"], {
  cwd: ROOT,
  stdio: "inherit",
  // ADDIN_HTTP=1 keeps webpack.config.js from calling getHttpsServerOptions(), which would try to install.
  env: choice.protocol === "http" ? { ...process.env, ADDIN_HTTP: "1" } : process.env,
});

let sideloaded = false;
let stopping = false;
const debuggingCli = debuggingCliPath();

/** office-addin-debugging's command line script, when the package is installed (it is optional). */
function debuggingCliPath() {
  const pkgJson = resolveOptional("office-addin-debugging/package.json");
  if (!pkgJson) return null;
  const { bin } = require(pkgJson);
  const rel = typeof bin === "string" ? bin : bin?.["office-addin-debugging"];
  return rel ? join(dirname(pkgJson), rel) : null;
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  if (sideloaded && debuggingCli) {
    spawn(process.execPath, [debuggingCli, "stop", "manifest.xml"], { cwd: ROOT, stdio: "inherit" }).on("exit", () =>
      server.kill("SIGTERM"),
    );
  } else {
    server.kill("SIGTERM");
  }
  server.on("exit", () => process.exit(code));
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
server.on("exit", (code) => {
  if (!stopping) process.exit(code ?? 1);
});

const protocol = await waitForServer(READY_TIMEOUT_MS);
if (!protocol) {
  console.error(
    `Máy chủ chưa trả lời sau ${READY_TIMEOUT_MS / 1000} giây. / The dev server did not answer within ${READY_TIMEOUT_MS / 1000} s.`,
  );
  stop(1);
} else if (desktopExcelPresent() && debuggingCli && protocol === "https") {
  console.log("Đang nạp add-in vào Excel trên máy… / Sideloading the add-in into desktop Excel…");
  const sideload = spawn(
    process.execPath,
    [
      debuggingCli,
      "start",
      "manifest.xml",
      "desktop",
      "--app",
      "excel",
      "--no-debug",
      "--dev-server-port",
      String(PORT),
    ],
    { cwd: ROOT, stdio: "inherit" },
  );
  sideload.on("exit", (code) => {
    sideloaded = code === 0;
    if (!sideloaded) printHowToOpen(protocol, fallback);
  });
} else {
  if (protocol === "http" && choice.protocol === "https") {
    // The certificate looked trusted but the server still came up on http (webpack.config.js said why above).
    fallback = httpFallbackLines({ reason: "error", port: PORT, detail: "webpack.config.js" });
  }
  printHowToOpen(protocol, fallback);
}
