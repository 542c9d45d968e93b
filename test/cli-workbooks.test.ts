import { spawnSync } from "child_process";
import { unzipSync } from "fflate";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { runCli } from "../src/cli/main";
import { isoToSerial } from "../src/dates";
import { identityFromPairs } from "../src/workbook/identity";
import { readXlsx } from "../src/xlsx/read";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) } };
}

describe("cli template", () => {
  const dir = mkdtempSync(join(tmpdir(), "nq08-cli-template-"));

  it("writes the tracking workbook; a report date other than today is written as that date", async () => {
    const o = io();
    const file = join(dir, "so", "So-theo-doi.xlsx");
    expect(await runCli(["template", "-o", file, "--as-of", "2026-07-01", "--soon-days", "20"], o.io)).toBe(0);
    expect(o.out.join("")).toContain(file);
    const book = readXlsx(new Uint8Array(readFileSync(file)));
    expect(book.sheets.map((s) => s.name)).toEqual(["Phụ lục", "Theo dõi", "Đơn vị", "Phân công", "Thông tin"]);
    expect(book.sheet("Theo dõi")!.cell("C2")!.value).toBe(isoToSerial("2026-07-01"));
    expect(book.sheet("Theo dõi")!.cell("F2")!.value).toBe(20);
  });

  it.each([
    [["template"], /Thiếu -o[^]*Missing -o/],
    [["template", "-o", "x.csv"], /phải có đuôi \.xlsx[^]*must end in \.xlsx/],
    [["template", "-o", "x.xlsx", "--as-of", "2026-02-30"], /--as-of must be a real date/],
    [["template", "-o", "x.xlsx", "--soon-days", "-3"], /soon-days/],
    [["template", "-o", "x.xlsx", "--bogus"], /Không có tùy chọn --bogus[^]*Unknown option/],
  ])("%j → usage, exit 2", async (argv, message) => {
    const o = io();
    expect(await runCli(argv, o.io)).toBe(2);
    expect(o.err.join("")).toMatch(message);
    expect(o.err.join("")).toContain("Cách dùng / Usage");
  });
});

describe("cli forms", () => {
  const dir = mkdtempSync(join(tmpdir(), "nq08-cli-forms-"));

  it("writes one form per chosen unit, named by unit, and the same as one .zip", async () => {
    const o = io();
    const out = join(dir, "mau");
    expect(await runCli(["forms", "--period", "2026-H2", "-o", out, "--unit", "BTCTU", "--unit=16681"], o.io)).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(["2026-H2_16681_Phuong-Thanh-Vinh.xlsx", "2026-H2_BTCTU_Ban-To-chuc-Tinh-uy.xlsx"]);
    const zip = unzipSync(new Uint8Array(readFileSync(`${out}.zip`)));
    expect(
      Object.keys(zip)
        .map((n) => n.split("/").pop())
        .sort(),
    ).toEqual(files);
    const id = identityFromPairs(readXlsx(new Uint8Array(readFileSync(join(out, files[1]!)))).customProperties);
    expect(id).toMatchObject({ unitCode: "BTCTU", period: "2026-H2", kind: "form" });
    expect(o.out.join("")).toMatch(/Đã tạo 2 mẫu báo cáo[\s\S]*Created 2 report forms/);
  });

  it.each([
    [["forms", "-o", "d"], /Thiếu --period[^]*Missing --period/],
    [["forms", "--period", "2026-Q3", "-o", "d"], /không hợp lệ[^]*is not valid/],
    [["forms", "--period", "2026-H1"], /Thiếu -o[^]*Missing -o/],
    [
      ["forms", "--period", "2026-H1", "-o", "d", "--unit", "HDND"],
      /Không có đơn vị báo cáo nào mang mã: HDND[^]*No reporting unit has the code\(s\): HDND/,
    ],
    [["forms", "--period", "2026-H1", "-o", "d", "--unit="], /--unit cần một giá trị[^]*--unit needs a value/],
  ])("%j → usage, exit 2", async (argv, message) => {
    const o = io();
    expect(await runCli(argv, o.io)).toBe(2);
    expect(o.err.join("")).toMatch(message);
  });

  it("runs as a child process: every reporting unit's form and the zip", () => {
    const out = join(dir, "tat-ca");
    const r = spawnSync("npm", ["run", "--silent", "cli", "--", "forms", "--period", "2026-H1", "-o", out], {
      cwd: resolve(__dirname, ".."),
      encoding: "utf8",
      timeout: 120000,
    });
    expect(r.status).toBe(0);
    expect(readdirSync(out)).toHaveLength(138);
    expect(existsSync(`${out}.zip`)).toBe(true);
    // Piped, not a terminal: no progress bar, only the result on stdout.
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/Đã tạo 138 mẫu báo cáo[^]*Created 138 report forms/);
  });
});
