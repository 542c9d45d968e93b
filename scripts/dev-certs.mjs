// How `npm start` picks https or http, and what it tells the user when it has to use http.
//
// Installing the trusted localhost certificate needs administrator rights (or a confirmation the
// office's policy may refuse), and office-addin-dev-certs' getHttpsServerOptions() tries to install
// it when it is missing: sudo on Linux, a keychain password on macOS, a dialog on Windows — a prompt
// or a hang in the middle of `npm start`. So start.mjs only *checks* (read-only, in a child process
// with a timeout, no terminal input) and serves http when the certificate is not already trusted;
// installing stays an explicit, one-time step the messages below explain.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

export const CERT_CHECK_TIMEOUT_MS = 30_000;

/**
 * @typedef {"trusted" | "not-installed" | "error" | "timeout" | "missing-package"} CertificateStatus
 * @typedef {{ protocol: "https" | "http", reason: "trusted" | "forced" | Exclude<CertificateStatus, "trusted"> }} ProtocolChoice
 */

/**
 * https only when the certificate is already trusted; anything else (not installed, check failed or
 * hung, package absent, ADDIN_HTTP=1) serves http, which never needs administrator rights.
 * @param {{ forceHttp: boolean, certificates: CertificateStatus }} input
 * @returns {ProtocolChoice}
 */
export function chooseProtocol({ forceHttp, certificates }) {
  if (forceHttp) return { protocol: "http", reason: "forced" };
  if (certificates === "trusted") return { protocol: "https", reason: "trusted" };
  return { protocol: "http", reason: certificates };
}

/** Why http, in a few words — Vietnamese / English. */
function reasonText(reason, detail) {
  switch (reason) {
    case "forced":
      return "ADDIN_HTTP=1 — chọn http / http was asked for";
    case "not-installed":
      return "máy này chưa có chứng chỉ https tin cậy cho localhost / no trusted localhost certificate on this computer";
    case "timeout":
      return "kiểm tra chứng chỉ quá lâu, đã bỏ qua / the certificate check took too long and was skipped";
    case "missing-package":
      return "thiếu gói office-addin-dev-certs (chạy `npm ci`) / office-addin-dev-certs is missing (run `npm ci`)";
    default:
      return `không kiểm tra được chứng chỉ / the certificate could not be checked${detail ? ` (${detail})` : ""}`;
  }
}

/**
 * What works on http and how to get https, for officials: Vietnamese first, then English.
 * @param {{ reason: ProtocolChoice["reason"], port: number, detail?: string }} input
 * @returns {string[]}
 */
export function httpFallbackLines({ reason, port, detail }) {
  const page = `http://localhost:${port}/taskpane.html`;
  return [
    `Máy chủ chạy http, không phải https (${reasonText(reason, detail)}).`,
    "Tiếng Việt:",
    `  • Dùng được ngay, không cần quyền quản trị, không cần mạng: mở ${page}`,
    "    bằng Chrome, Edge hoặc Firefox. Trang có đủ chức năng; kết quả tải về dưới dạng tệp .xlsx.",
    "    Dòng lệnh (npm run cli) cũng dùng được như thường.",
    "  • Excel chỉ mở add-in qua https. Muốn dùng trong Excel, chọn một trong hai cách:",
    "    1. Cài chứng chỉ một lần, bằng chính tài khoản của người sẽ dùng, trong thư mục này:",
    "       npx office-addin-dev-certs install",
    "       Máy sẽ hỏi xác nhận hoặc mật khẩu quản trị; nếu máy không cho phép, nhờ bộ phận tin học.",
    "       Sau đó chạy lại npm start.",
    "    2. Hoặc đưa thư mục dist/ lên máy chủ web nội bộ có https: xem mục",
    '       "Deploying to an office network / Triển khai" trong README.md.',
    "English:",
    `  • Works now, with no administrator rights and no internet: open ${page}`,
    "    in Chrome, Edge or Firefox. Every feature is there; results download as .xlsx files.",
    "    The command line (npm run cli) works as usual too.",
    "  • Excel opens add-ins only over https. To use it inside Excel, either:",
    "    1. Install the certificate once, signed in as the person who will use it, in this folder:",
    "       npx office-addin-dev-certs install",
    "       The computer asks for a confirmation or an administrator password; if it refuses, ask IT.",
    "       Then run npm start again.",
    "    2. Or put the dist/ folder on an https intranet web server: see",
    '       "Deploying to an office network / Triển khai" in README.md.',
  ];
}

/** Runs inside the child: read-only check, one JSON line out, then exit (usage-data reporting must not keep it alive). */
const CHECK_SCRIPT = `
let result;
try {
  const devCerts = require(process.env.PHULUC_DEV_CERTS_MODULE);
  result = { status: devCerts.verifyCertificates() ? "trusted" : "not-installed" };
} catch (error) {
  result = { status: "error", detail: String((error && error.message) || error).split("\\n")[0].slice(0, 200) };
}
process.stdout.write(JSON.stringify(result) + "\\n", () => process.exit(0));
`;

function killTree(child) {
  try {
    if (process.platform === "win32") {
      spawn("taskkill", ["/pid", String(child.pid), "/T", "/F"], { stdio: "ignore", windowsHide: true }).on(
        "error",
        () => child.kill(),
      );
    } else {
      process.kill(-child.pid, "SIGKILL");
    }
  } catch {
    child.kill("SIGKILL");
  }
}

/**
 * Is the office-addin-dev-certs localhost certificate present, valid and trusted? Never installs,
 * never reads the terminal, never throws; gives up after `timeoutMs` (a stuck PowerShell, say).
 * @param {{ root: string, timeoutMs?: number, modulePath?: string, env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ status: CertificateStatus, detail?: string }>}
 */
export function checkCertificates({ root, timeoutMs = CERT_CHECK_TIMEOUT_MS, modulePath, env = process.env }) {
  let resolved = modulePath;
  if (!resolved) {
    try {
      resolved = createRequire(import.meta.url).resolve("office-addin-dev-certs", { paths: [root] });
    } catch {
      return Promise.resolve({ status: "missing-package" });
    }
  }
  return new Promise((resolve) => {
    let settled = false;
    let out = "";
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const child = spawn(process.execPath, ["-e", CHECK_SCRIPT], {
      cwd: root,
      env: { ...env, PHULUC_DEV_CERTS_MODULE: resolved },
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
      // Own process group on POSIX: no terminal to prompt on, and a stuck check is killed with its children.
      detached: process.platform !== "win32",
    });
    const timer = setTimeout(() => {
      killTree(child);
      // The streams may be held open by a grandchild; they must not keep `npm start` waiting.
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
      finish({ status: "timeout" });
    }, timeoutMs);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.resume(); // the package's own logging is not for officials
    child.on("error", (error) => finish({ status: "error", detail: error.message }));
    child.on("close", () => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        const parsed = JSON.parse(line);
        if (parsed.status === "trusted" || parsed.status === "not-installed") finish({ status: parsed.status });
        else finish({ status: "error", detail: typeof parsed.detail === "string" ? parsed.detail : undefined });
      } catch {
        finish({ status: "error", detail: "no answer from the certificate check" });
      }
    });
  });
}
