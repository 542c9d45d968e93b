/**
 * The `phuluc` command keeps V8's code cache beside the bundle (bin/phuluc.cjs): made by a first
 * run, used by the next (the file is then left alone), rejected and made again when damaged, and
 * never used for another bundle. Whatever the cache, the command prints and exits the same.
 * Run on a copy of the command in a temporary folder, so the repository's build is not touched.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  appendFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
let dir = "";
let cli = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "phuluc-cache-"));
  mkdirSync(join(dir, "bin"));
  mkdirSync(join(dir, "build", "cli"), { recursive: true });
  copyFileSync(join(ROOT, "bin", "phuluc.cjs"), join(dir, "bin", "phuluc.cjs"));
  copyFileSync(join(ROOT, "build", "cli", "phuluc.js"), join(dir, "build", "cli", "phuluc.js"));
  cli = join(dir, "bin", "phuluc.cjs");
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const caches = () => readdirSync(join(dir, "build", "cli")).filter((n) => n.startsWith(".cache-"));
const stamp = (name: string) => {
  const s = statSync(join(dir, "build", "cli", name));
  return `${s.ino}:${s.mtimeMs}:${s.size}`;
};

describe("the command's code cache", () => {
  it("is made by a first run and used, untouched, by the next; the output is the same", () => {
    const first = run("deadline", "--as-of", "01/07/2026", "Quý II/2026 và hằng năm");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("2026");
    const made = caches();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^\.cache-deadline-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+\.bin$/);
    expect(statSync(join(dir, "build", "cli", made[0]!)).size).toBeGreaterThan(10_000);
    const before = stamp(made[0]!);

    const second = run("deadline", "--as-of", "01/07/2026", "Quý II/2026 và hằng năm");
    expect(second).toEqual(first);
    // Accepted by V8, so not written again.
    expect(caches()).toEqual(made);
    expect(stamp(made[0]!)).toBe(before);
  });

  it("one cache per command; a usage error exits 2 with the same bilingual message either way", () => {
    const a = run("consolidate", "--as-of", "2026");
    const b = run("consolidate", "--as-of", "2026");
    expect(a.status).toBe(2);
    expect(b).toEqual(a);
    expect(a.stderr).toMatch(/phải là một ngày có thật[^]*must be a real date/);
    expect(caches().some((n) => n.startsWith(".cache-consolidate-"))).toBe(true);
  });

  it("a cache left by a usage error is replaced by the fuller one of a real run, which is then kept", () => {
    const name = caches().find((n) => n.startsWith(".cache-consolidate-"))!;
    const weak = statSync(join(dir, "build", "cli", name)).size;
    // A real run: a file read (not a form), the workbook written, exit 1.
    // Absolute paths: under npm the command takes relative ones from INIT_CWD.
    const input = join(dir, "khong-phai-mau.xlsx");
    writeFileSync(input, "STT,Nội dung\n1,Thử\n");
    const real = run("consolidate", "--as-of", "30/06/2026", "-o", join(dir, "kq.xlsx"), input);
    expect(real.status).toBe(1);
    expect(real.stderr).toContain("không phải bảng tính Excel");
    const full = statSync(join(dir, "build", "cli", name)).size;
    expect(full).toBeGreaterThan(1.25 * weak);
    const kept = stamp(name);
    expect(run("consolidate", "--as-of", "30/06/2026", "-o", join(dir, "kq.xlsx"), input)).toEqual(real);
    expect(stamp(name)).toBe(kept);
  });

  it("a damaged cache is refused by V8 and made again: the output does not change", () => {
    const name = caches().find((n) => n.startsWith(".cache-deadline-"))!;
    const path = join(dir, "build", "cli", name);
    const expected = run("deadline", "--as-of", "01/07/2026", "Năm 2026");
    writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
    const garbage = stamp(name);
    expect(run("deadline", "--as-of", "01/07/2026", "Năm 2026")).toEqual(expected);
    expect(stamp(name)).not.toBe(garbage);
    expect(statSync(path).size).toBeGreaterThan(10_000);
  });

  it("a rebuilt bundle never meets the cache of the old one (named by the bundle's digest)", () => {
    const old = caches().filter((n) => n.startsWith(".cache-deadline-"));
    const expected = run("deadline", "--as-of", "01/07/2026", "Năm 2026");
    appendFileSync(join(dir, "build", "cli", "phuluc.js"), "\n// rebuilt\n");
    expect(run("deadline", "--as-of", "01/07/2026", "Năm 2026")).toEqual(expected);
    const now = caches().filter((n) => n.startsWith(".cache-deadline-"));
    expect(now).toHaveLength(old.length + 1);
  });
});
