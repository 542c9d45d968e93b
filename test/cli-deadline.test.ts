import { spawnSync } from "child_process";
import { join } from "path";
import { runCli } from "../src/cli/main";
import { todayIso } from "../src/dates";

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const lines = (out: string) =>
  out
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("deadline command, in-process", () => {
  it("prints one JSON line per phrase", async () => {
    const { code, out, err } = await run([
      "deadline",
      "--as-of",
      "2026-07-01",
      "Quý II/2026 và hằng năm",
      "Thường xuyên",
      "quý V/2026",
    ]);
    expect([code, err]).toEqual([0, ""]);
    expect(lines(out)).toEqual([
      {
        text: "Quý II/2026 và hằng năm",
        parsed: true,
        due: "2026-06-30",
        repeat: "yearly",
        until: "2030-06-30",
        nextDue: "2027-06-30",
        start: "2026-04-01",
        milestones: [],
        unread: [],
      },
      {
        text: "Thường xuyên",
        parsed: true,
        due: null,
        repeat: "ongoing",
        until: "2030-12-31",
        nextDue: null,
        start: null,
        milestones: [],
        unread: [],
      },
      {
        text: "quý V/2026",
        parsed: false,
        due: null,
        repeat: "none",
        until: null,
        nextDue: null,
        start: null,
        milestones: [],
        unread: ["quý V/2026"],
      },
    ]);
  });

  it("lists the term reviews and takes --as-of=DATE", async () => {
    const { code, out } = await run([
      "deadline",
      "--as-of=2028-01-01",
      "Hàng năm, sơ kết giữa nhiệm kỳ và tổng kết cuối nhiệm kỳ",
    ]);
    expect(code).toBe(0);
    const [line] = lines(out);
    expect(line?.nextDue).toBe("2028-12-31");
    expect(line?.milestones).toEqual([
      { kind: "mid-term-review", due: "2027-12-31", text: "sơ kết giữa nhiệm kỳ" },
      { kind: "end-of-term-review", due: "2030-06-30", text: "tổng kết cuối nhiệm kỳ" },
    ]);
  });

  it("defaults --as-of to today", async () => {
    const { code, out } = await run(["deadline", "Năm 2026"]);
    expect(code).toBe(0);
    expect(lines(out)[0]?.nextDue).toBe(todayIso() <= "2026-12-31" ? "2026-12-31" : null);
  });

  it("keeps a phrase that starts with a dash after --", async () => {
    const { code, out } = await run(["deadline", "--as-of", "2026-01-01", "--", "-Năm 2026"]);
    expect(code).toBe(0);
    expect(lines(out)[0]).toMatchObject({ text: "-Năm 2026", parsed: false, unread: ["-Năm 2026"] });
  });

  it.each([
    [["deadline"], /Cần ít nhất một cụm từ thời gian[^]*At least one timing phrase/],
    [["deadline", "--as-of", "2026-02-30", "Năm 2026"], /phải là một ngày có thật[^]*--as-of must be a real date/],
    [["deadline", "--as-of", "31/4/2026", "Năm 2026"], /phải là một ngày có thật[^]*--as-of must be a real date/],
    [["deadline", "--as-of"], /cần một giá trị[^]*needs a value/],
    [["deadline", "--json", "Năm 2026"], /Không có tùy chọn --json[^]*Unknown option --json/],
  ])("%j → usage, exit code 2", async (argv, message) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(message);
    expect(err).toContain('deadline [--as-of DD/MM/YYYY] "PHRASE"...');
  });

  it("takes the date the Vietnamese way too: 01/07/2026 is 2026-07-01", async () => {
    const dmy = await run(["deadline", "--as-of", "01/07/2026", "Quý II/2026 và hằng năm"]);
    const iso = await run(["deadline", "--as-of", "2026-07-01", "Quý II/2026 và hằng năm"]);
    expect(dmy.code).toBe(0);
    expect(dmy.out).toBe(iso.out);
    expect(lines(dmy.out)[0]?.nextDue).toBe("2027-06-30");
  });

  it("is listed in the usage, and has its own --help", async () => {
    const { code, out } = await run(["help"]);
    expect(code).toBe(0);
    expect(out).toMatch(/deadline +Đọc thời hạn[^]*Read deadlines/);
    const help = await run(["deadline", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain('phuluc deadline [--as-of DD/MM/YYYY] "PHRASE"...');
    expect(help.out).toMatch(/--as-of DD\/MM\/YYYY +Ngày để tính hạn[^]*The date the next deadline/);
  });
});

describe("deadline command, as a child process", () => {
  const repo = join(__dirname, "..");
  const npm = (args: string[]) =>
    spawnSync("npm", ["run", "--silent", "cli", "--", "deadline", ...args], {
      cwd: repo,
      encoding: "utf8",
      timeout: 60000,
    });

  it("prints JSON lines and exits 0", () => {
    const r = npm(["--as-of", "2026-07-01", "Quý II/2026 và hằng năm", "Giai đoạn 2026 - 2030"]);
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    expect(out.map((l) => [l.text, l.due, l.repeat, l.until, l.nextDue])).toEqual([
      ["Quý II/2026 và hằng năm", "2026-06-30", "yearly", "2030-06-30", "2027-06-30"],
      ["Giai đoạn 2026 - 2030", "2030-12-31", "none", null, "2030-12-31"],
    ]);
  });

  it("exits 2 with the usage on stderr for a bad date", () => {
    const r = npm(["--as-of", "2026-13-01", "Năm 2026"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage");
  });

  it("exits 2 without a phrase", () => {
    const r = npm([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('deadline [--as-of DD/MM/YYYY] "PHRASE"...');
  });
});
