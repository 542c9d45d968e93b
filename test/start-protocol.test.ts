/**
 * `npm start` without administrator rights: scripts/dev-certs.mjs decides https or http from a
 * read-only certificate check (never an install, never a prompt), and says in Vietnamese, then
 * English, what works on http and how to get https. The .mjs module runs in a child Node process
 * (Jest here compiles to CommonJS); the real office-addin-dev-certs is checked against an empty HOME.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = join(__dirname, "..");
const MODULE_URL = pathToFileURL(join(ROOT, "scripts", "dev-certs.mjs")).href;

/** Runs `body` as an ES module with the exports of dev-certs.mjs in scope; returns what it prints as JSON. */
function run<T>(body: string, env: NodeJS.ProcessEnv = {}): T {
  const script = `import * as m from ${JSON.stringify(MODULE_URL)};\nconst out = await (async () => { ${body} })();\nprocess.stdout.write(JSON.stringify(out));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`child failed (${child.status ?? child.signal}): ${child.stderr}`);
  return JSON.parse(child.stdout) as T;
}

let scratch = "";
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "phuluc-start-"));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("chooseProtocol", () => {
  it("serves https only when the certificate is already trusted, and http otherwise", () => {
    const cases = run<Record<string, unknown>>(`
      const out = {};
      for (const c of ["trusted", "not-installed", "error", "timeout", "missing-package"]) {
        out[c] = m.chooseProtocol({ forceHttp: false, certificates: c });
      }
      out.forced = m.chooseProtocol({ forceHttp: true, certificates: "trusted" });
      return out;`);
    expect(cases).toEqual({
      trusted: { protocol: "https", reason: "trusted" },
      "not-installed": { protocol: "http", reason: "not-installed" },
      error: { protocol: "http", reason: "error" },
      timeout: { protocol: "http", reason: "timeout" },
      "missing-package": { protocol: "http", reason: "missing-package" },
      forced: { protocol: "http", reason: "forced" },
    });
  });
});

describe("httpFallbackLines", () => {
  const lines = (): string[] => run<string[]>(`return m.httpFallbackLines({ reason: "not-installed", port: 3000 });`);

  it("says what works (the http page, offline; the command line) and how to get https, Vietnamese first", () => {
    const text = lines().join("\n");
    expect(text).toBe(text.normalize("NFC"));
    const vi = text.indexOf("Tiếng Việt:");
    const en = text.indexOf("English:");
    expect(vi).toBeGreaterThan(-1);
    expect(en).toBeGreaterThan(vi);
    const [viPart, enPart] = [text.slice(vi, en), text.slice(en)];
    for (const part of [viPart, enPart]) {
      expect(part).toContain("http://localhost:3000/taskpane.html");
      expect(part).toContain("npx office-addin-dev-certs install");
      expect(part).toContain("dist/");
      expect(part).toContain("npm run cli");
      expect(part).toContain("Deploying to an office network / Triển khai");
    }
    expect(viPart).toContain("không cần quyền quản trị");
    expect(viPart).toContain("Excel chỉ mở add-in qua https");
    expect(viPart).toContain("nhờ bộ phận tin học");
    expect(enPart).toContain("no administrator rights and no internet");
    expect(enPart).toContain("Excel opens add-ins only over https");
    expect(enPart).toContain("ask IT");
  });

  it("names the reason on the first line, in both languages", () => {
    const first = run<string[]>(`
      return ["forced", "not-installed", "timeout", "missing-package", "error"].map(
        (reason) => m.httpFallbackLines({ reason, port: 3000, detail: "PowerShell blocked" })[0]);`);
    expect(first[0]).toContain("ADDIN_HTTP=1");
    expect(first[1]).toContain("chưa có chứng chỉ https tin cậy");
    expect(first[1]).toContain("no trusted localhost certificate");
    expect(first[2]).toContain("took too long");
    expect(first[3]).toContain("npm ci");
    expect(first[4]).toContain("PowerShell blocked");
    for (const line of first) expect(line).toMatch(/^Máy chủ chạy http, không phải https \(.+ \/ .+\)\.$/);
  });

  it("refers to a README section that exists", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("## Deploying to an office network / Triển khai");
  });
});

describe("checkCertificates", () => {
  function fakeModule(name: string, source: string): string {
    const path = join(scratch, `${name}.cjs`);
    writeFileSync(path, source);
    return path;
  }

  it("with the real package and no certificate: not installed, quickly, and nothing is installed or created", () => {
    const home = mkdtempSync(join(scratch, "home-"));
    const started = Date.now();
    const result = run<{ status: string }>(`return m.checkCertificates({ root: ${JSON.stringify(ROOT)} });`, {
      HOME: home,
      USERPROFILE: home,
    });
    expect(result).toEqual({ status: "not-installed" });
    expect(Date.now() - started).toBeLessThan(20_000);
    // An install attempt would first generate the certificates under ~/.office-addin-dev-certs.
    expect(readdirSync(home)).toEqual([]);
  });

  it("trusted when the package says so", () => {
    const modulePath = fakeModule("trusted", "exports.verifyCertificates = () => true;");
    const result = run(
      `return m.checkCertificates({ root: ${JSON.stringify(ROOT)}, modulePath: ${JSON.stringify(modulePath)} });`,
    );
    expect(result).toEqual({ status: "trusted" });
  });

  it("a failing check is an error with its first line, not a crash", () => {
    const modulePath = fakeModule(
      "throws",
      'exports.verifyCertificates = () => { throw new Error("powershell: not recognized\\nstack"); };',
    );
    const result = run(
      `return m.checkCertificates({ root: ${JSON.stringify(ROOT)}, modulePath: ${JSON.stringify(modulePath)} });`,
    );
    expect(result).toEqual({ status: "error", detail: "powershell: not recognized" });
  });

  it("a check that hangs (or waits for input) gives up after the timeout", () => {
    const modulePath = fakeModule(
      "hangs",
      'exports.verifyCertificates = () => { require("child_process").execSync("sleep 30", { stdio: "inherit" }); return true; };',
    );
    const started = Date.now();
    const result = run(
      `return m.checkCertificates({ root: ${JSON.stringify(ROOT)}, modulePath: ${JSON.stringify(modulePath)}, timeoutMs: 1500 });`,
    );
    expect(result).toEqual({ status: "timeout" });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("without office-addin-dev-certs installed: missing-package", () => {
    const result = run(`return m.checkCertificates({ root: ${JSON.stringify(scratch)} });`, { NODE_PATH: "" });
    expect(result).toEqual({ status: "missing-package" });
  });
});

describe("the dev server config on the http path", () => {
  it("ADDIN_HTTP=1 (what start.mjs sets when the certificate is not trusted) serves http and skips the certificate step", async () => {
    const saved = process.env.ADDIN_HTTP;
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      process.env.ADDIN_HTTP = "1";
      const configure = require("../webpack.config.js") as (
        env: Record<string, unknown>,
        argv: Record<string, unknown>,
      ) => Promise<{ devServer: { server: { type: string } } }>;
      const config = await configure({ WEBPACK_SERVE: true }, { mode: "development" });
      expect(config.devServer.server).toEqual({ type: "http" });
    } finally {
      if (saved === undefined) delete process.env.ADDIN_HTTP;
      else process.env.ADDIN_HTTP = saved;
      log.mockRestore();
    }
    const start = readFileSync(join(ROOT, "scripts", "start.mjs"), "utf8");
    expect(start).toContain('ADDIN_HTTP: "1"');
    expect(start).not.toMatch(/\.getHttpsServerOptions\(/); // start.mjs only checks; it never installs
  });
});
