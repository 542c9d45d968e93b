import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ConsolidationResult } from "../../src/consolidate";
import { decodeSummary, type SummaryV3 } from "../../src/consolidate/summary";
import { runCli } from "../../src/cli/main";
import { zipSync } from "fflate";
import { CONSOLIDATED_SHEETS } from "../../src/workbook/consolidated";
import { readXlsx } from "../../src/xlsx/read";
import { fillForm } from "../helpers/fill-form";
import { blankForm } from "./fixtures";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) } };
}

/** Every file under a folder with its bytes, to prove nothing was modified. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(p, `${statSync(p).mtimeMs}:${readFileSync(p).toString("base64")}`);
    }
  };
  walk(dir);
  return out;
}

describe("cli consolidate", () => {
  let dir: string;
  let inbox: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "consolidate-cli-"));
    inbox = join(dir, "nhan");
    mkdirSync(join(inbox, "xa-phuong"), { recursive: true });
    writeFileSync(
      join(inbox, "btc.xlsx"),
      fillForm(await blankForm("BTCTU"), [{ task: 2, status: "Hoàn thành", result: "Đã giao" }]),
    );
    writeFileSync(
      join(inbox, "xa-phuong", "cua-lo.xlsx"),
      fillForm(await blankForm("16732"), [{ task: 1, status: "Đang thực hiện" }]),
    );
    writeFileSync(join(inbox, "xa-phuong", "bao-cao.doc"), "Báo cáo bằng Word");
    writeFileSync(join(dir, "outside.xlsx"), await blankForm("SNV"));
    symlinkSync(join(dir, "outside.xlsx"), join(inbox, "link-ra-ngoai.xlsx"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("consolidates a folder recursively, reports the .doc, skips links leading out, never touches inputs", async () => {
    const before = snapshot(inbox);
    const out = join(dir, "ket-qua", "tong-hop.xlsx");
    const json = join(dir, "ket-qua", "tong-hop.json");
    const c = io();
    const code = await runCli(
      ["consolidate", "--as-of", "20/06/2026", "--period", "2026-H1", "-o", out, "--json", json, inbox],
      { ...c.io, interactive: true, columns: 100 },
    );
    // The .doc was rejected: the outputs are written and the exit status says so to scripts.
    expect(code).toBe(1);
    expect(snapshot(inbox)).toEqual(before);
    const summary = decodeSummary(JSON.parse(readFileSync(json, "utf8")) as SummaryV3);
    expect(summary.files.map((f) => [f.name.split("/").pop(), f.outcome]).sort()).toEqual([
      ["bao-cao.doc", "rejected"],
      ["btc.xlsx", "accepted"],
      ["cua-lo.xlsx", "accepted"],
    ]);
    expect(summary.problems.find((p) => p.file.endsWith("bao-cao.doc"))).toMatchObject({
      severity: "error",
      code: "read-not-xlsx",
    });
    expect(summary.files.some((f) => f.name.includes("link-ra-ngoai"))).toBe(false);
    expect(c.err.join("")).toContain("link-ra-ngoai.xlsx");
    // The rejected file is named on the console with why, in both languages.
    expect(c.err.join("")).toMatch(/✗ \S*nhan\/xa-phuong\/bao-cao\.doc: [^\n]+\n {4}[A-Z][^\n]+/);
    // On a terminal: a progress bar redrawn in place, cleared at the end.
    expect(c.err.join("")).toMatch(/\r\[#+\] 3\/3 tệp\/files/);
    expect(readXlsx(new Uint8Array(readFileSync(out))).sheets.map((s) => s.name)).toContain("Chưa nộp");
    const [vi, en] = c.out.join("").trim().split("\n");
    expect(vi).toContain(`đơn vị đã gửi 2/${summary.totals.units}`);
    expect(en).toContain(`2/${summary.totals.units} units returned`);
    expect(en).toContain(`${summary.totals.missing} missing`);
    // English counts take their plural ending: "3 files", "1 error".
    expect(en).toContain(`${summary.totals.files} files (`);
    expect(en).toMatch(/; 1 error, \d+ warnings?, \d+ notes?\./);
  });

  it.each([
    ["output not .xlsx", ["consolidate", "-o", "out.csv", "x.xlsx"]],
    ["no inputs", ["consolidate", "-o", "out.xlsx"]],
    ["bad period", ["consolidate", "--period", "2026-Q3", "-o", "out.xlsx", "x.xlsx"]],
    ["bad date", ["consolidate", "--as-of", "2026-02-30", "-o", "out.xlsx", "x.xlsx"]],
    ["unknown option", ["consolidate", "--frobnicate", "-o", "out.xlsx", "x.xlsx"]],
    ["bad language", ["consolidate", "--lang", "fr", "-o", "out.xlsx", "x.xlsx"]],
  ])("usage error (%s) exits 2", async (_label, argv) => {
    const c = io();
    expect(await runCli(argv, c.io)).toBe(2);
    expect(c.err.join("")).toContain("consolidate");
  });

  it("refuses to write over an input (exit 2) and fails on a missing path (exit 1)", async () => {
    const input = join(inbox, "btc.xlsx");
    const before = readFileSync(input);
    expect(await runCli(["consolidate", "-o", input, input], io().io)).toBe(2);
    expect(readFileSync(input).equals(before)).toBe(true);
    const c = io();
    expect(await runCli(["consolidate", "-o", join(dir, "o.xlsx"), join(dir, "khong-co")], c.io)).toBe(1);
    expect(c.err.join("")).toContain("khong-co");
  });

  it("writes the problems' messages in English with --lang en, Vietnamese by default", async () => {
    const sheetTexts = (path: string) =>
      readXlsx(new Uint8Array(readFileSync(path)))
        .sheet(CONSOLIDATED_SHEETS.problems)!
        .cells.map((c) => String(c.value));
    const input = join(dir, "loi.xlsx");
    writeFileSync(input, fillForm(await blankForm("BTCTU"), [{ task: 2, status: "Xong rồi" }]));
    const vi = join(dir, "vi.xlsx");
    const en = join(dir, "en.xlsx");
    const json = join(dir, "lang.json");
    await runCli(["consolidate", "--json", json, "-o", vi, input], io().io);
    await runCli(["consolidate", "--lang", "en", "-o", en, input], io().io);
    const problems = decodeSummary(JSON.parse(readFileSync(json, "utf8")) as SummaryV3).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(sheetTexts(vi)).toContain(p.text.vi);
      expect(sheetTexts(vi)).not.toContain(p.text.en);
      expect(sheetTexts(en)).toContain(p.text.en);
    }
  });

  it("exits 1 when the output cannot be written", async () => {
    const blocker = join(dir, "blocker");
    writeFileSync(blocker, "a file where a folder should be");
    const c = io();
    expect(await runCli(["consolidate", "-o", join(blocker, "out.xlsx"), join(inbox, "btc.xlsx")], c.io)).toBe(1);
  });

  it("runs as the built command from a sub-folder: paths are the user's, exit 0 when all is clean, quiet when piped", () => {
    const root = resolve(__dirname, "../..");
    const work = join(dir, "phong", "tong-hop");
    mkdirSync(work, { recursive: true });
    // Through npm, as the README says: npm runs scripts in the package folder and says where the user was.
    const r = spawnSync(
      "npm",
      [
        "--prefix",
        root,
        "run",
        "--silent",
        "cli",
        "--",
        "consolidate",
        "--as-of",
        "20/06/2026",
        "-o",
        "kq.xlsx",
        "../../nhan/btc.xlsx",
        "../../nhan/xa-phuong/cua-lo.xlsx",
      ],
      { cwd: work, encoding: "utf8", timeout: 60000, env: { ...process.env, INIT_CWD: work } },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(existsSync(join(work, "kq.xlsx"))).toBe(true);
    expect(r.stdout).toMatch(/^Tổng hợp 6 tháng đầu năm 2026, tính đến ngày 20\/06\/2026/);
    expect(r.stdout).toContain("Kết quả: kq.xlsx");
    const bad = spawnSync(process.execPath, [join(root, "bin", "phuluc.cjs"), "consolidate", "--as-of", "2026"], {
      cwd: work,
      encoding: "utf8",
      timeout: 60000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/phải là một ngày có thật[^]*must be a real date/);
  });

  it("reads a .zip of forms as the pane does: folders inside, one nested archive, noise skipped", async () => {
    const inner = zipSync({
      "cua-lo.xlsx": [new Uint8Array(readFileSync(join(inbox, "xa-phuong", "cua-lo.xlsx"))), { level: 0 }],
    });
    const zip = zipSync({
      "gui-ve/btc.xlsx": new Uint8Array(readFileSync(join(inbox, "btc.xlsx"))),
      "gui-ve/xa.zip": inner,
      "gui-ve/~$btc.xlsx": new Uint8Array([1, 2, 3]),
      "__MACOSX/gui-ve/._btc.xlsx": new Uint8Array([0]),
      "gui-ve/Thumbs.db": new Uint8Array([0]),
    });
    const zipPath = join(dir, "bao-cao.zip");
    writeFileSync(zipPath, zip);
    const json = join(dir, "zip.json");
    const c = io();
    const code = await runCli(
      ["consolidate", "--as-of", "20/06/2026", "-o", join(dir, "zip.xlsx"), "--json", json, zipPath],
      { ...c.io, cwd: dir },
    );
    expect(code).toBe(0);
    const summary = decodeSummary(JSON.parse(readFileSync(json, "utf8")) as SummaryV3);
    expect(summary.files.map((f) => [f.name, f.outcome]).sort()).toEqual([
      ["bao-cao.zip › gui-ve/btc.xlsx", "accepted"],
      ["bao-cao.zip › gui-ve/xa.zip › cua-lo.xlsx", "accepted"],
    ]);
    // Lock files and Mac/Windows folder metadata are listed as skipped, not as errors.
    const err = c.err.join("");
    for (const noise of ["~$btc.xlsx", "._btc.xlsx", "Thumbs.db"]) expect(err).toContain(noise);
    expect(err).toMatch(/Bỏ qua: tệp hệ thống[^\n]*Skipped: a system file/);
  });
});

describe("cli consolidate --previous: late files on top of an earlier summary", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "consolidate-prev-"));
    mkdirSync(join(dir, "dot1"));
    mkdirSync(join(dir, "dot2"));
    writeFileSync(
      join(dir, "dot1", "btc.xlsx"),
      fillForm(await blankForm("BTCTU"), [
        { task: 2, status: "Hoàn thành", result: "Đã giao", completedOn: "20/5/2026" },
      ]),
    );
    writeFileSync(
      join(dir, "dot2", "snv.xlsx"),
      fillForm(await blankForm("SNV"), [{ task: 12, status: "Đang thực hiện" }]),
    );
    writeFileSync(join(dir, "not-a-summary.json"), JSON.stringify({ hello: "world" }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (...args: string[]) => {
    const o = io();
    const code = await runCli(["consolidate", "--as-of", "2026-06-30", "--period", "2026-H1", ...args], o.io);
    return { code, ...o };
  };
  const summary = (name: string) => decodeSummary(JSON.parse(readFileSync(join(dir, name), "utf8")) as SummaryV3);

  it("gives the same result as consolidating everything at once", async () => {
    expect((await run("-o", join(dir, "a.xlsx"), "--json", join(dir, "a.json"), join(dir, "dot1"))).code).toBe(0);
    const late = await run(
      "--previous",
      join(dir, "a.json"),
      "-o",
      join(dir, "b.xlsx"),
      "--json",
      join(dir, "b.json"),
      join(dir, "dot2"),
    );
    expect(late.code).toBe(0);
    const once = await run(
      "-o",
      join(dir, "c.xlsx"),
      "--json",
      join(dir, "c.json"),
      join(dir, "dot1"),
      join(dir, "dot2"),
    );
    expect(once.code).toBe(0);
    expect(summary("b.json").totals.returned).toBe(2);
    // File names are shown relative to the folder given; compare what does not depend on that.
    const strip = (r: ConsolidationResult) => ({
      ...r,
      files: r.files.map((f) => ({ ...f, name: f.name.split("/").pop() })),
    });
    expect(strip(summary("b.json")).totals).toEqual(strip(summary("c.json")).totals);
    expect(summary("b.json").rows.map((r) => [r.task, r.unitCode, r.status, r.completedOn])).toEqual(
      summary("c.json").rows.map((r) => [r.task, r.unitCode, r.status, r.completedOn]),
    );
  });

  it("refuses a file that is not one of its summaries, saying so in both languages", async () => {
    const bad = await run("--previous", join(dir, "not-a-summary.json"), "-o", join(dir, "x.xlsx"), join(dir, "dot2"));
    expect(bad.code).toBe(1);
    expect(bad.err.join("")).toMatch(/không phải bản tóm tắt JSON[\s\S]*is not a JSON summary/);
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
    const missing = await run("--previous", join(dir, "khong-co.json"), "-o", join(dir, "y.xlsx"), join(dir, "dot2"));
    expect(missing.code).toBe(1);
    expect(missing.err.join("")).toContain("Không đọc được bản tóm tắt trước");
  });
});
