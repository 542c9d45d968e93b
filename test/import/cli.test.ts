/** `phuluc import FILE -o BOOK.xlsx [--json PLAN.json] [--book …]`, run in-process. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runCli } from "../../src/cli/main";
import { readBook } from "../../src/book";
import { builtinPlan } from "../../src/plan";
import { trackingXlsx } from "../../src/jobs/tracking";
import { readXlsx } from "../../src/xlsx/read";
import { writeDocx } from "./docx-writer";
import { PROVINCIAL_MD, SEED_PATH } from "./fixtures";

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), cwd } };
}

describe("cli import", () => {
  const dir = mkdtempSync(join(tmpdir(), "nq08-cli-import-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("imports the seed: the book, the JSON and the report on the console", async () => {
    const o = io(dir);
    expect(await runCli(["import", SEED_PATH, "-o", "so.xlsx", "--json", "ke-hoach.json"], o.io)).toBe(0);
    const out = o.out.join("");
    expect(out).toContain("17 nhiệm vụ, 0 nhóm");
    expect(out).toContain("17 tasks, 0 groups");
    expect(out).toContain("Đã nhập 17 nhiệm vụ");
    const bytes = new Uint8Array(readFileSync(join(dir, "so.xlsx")));
    expect(readXlsx(bytes).sheets.map((s) => s.name)).toContain("Kiểm tra nhập");
    expect(readBook(bytes).plan!.tasks).toEqual(builtinPlan().tasks);
    const json = JSON.parse(readFileSync(join(dir, "ke-hoach.json"), "utf8")) as {
      tasks: unknown[];
      importReport: { tasks: number; lines: unknown[] };
      document: { term: unknown };
    };
    expect(json.tasks).toHaveLength(17);
    expect(json.importReport.tasks).toBe(17);
    expect(json.document.term).toEqual({ from: 2025, to: 2030 });
    expect(json.importReport.lines.length).toBeGreaterThan(3);
  });

  it("takes units and the term from --book when the document names no term", async () => {
    const plan = builtinPlan();
    const book = join(dir, "so-cu.xlsx");
    writeFileSync(
      book,
      trackingXlsx({ ...plan, document: { ...plan.document, term: { from: 2020, to: 2025 } } }, { asOf: "2026-07-01" }),
    );
    writeFileSync(join(dir, "tinh.md"), PROVINCIAL_MD);
    const o = io(dir);
    expect(await runCli(["import", "tinh.md", "-o", "moi.xlsx", "--book", "so-cu.xlsx"], o.io)).toBe(0);
    const read = readBook(new Uint8Array(readFileSync(join(dir, "moi.xlsx"))));
    expect(read.plan!.document.term).toEqual({ from: 2020, to: 2025 });
    expect(read.plan!.id).toBe(plan.id);
    expect(o.out.join("")).toContain('"Khi có yêu cầu"');
  });

  it("a hostile file: exit 1, a bilingual message naming it, nothing written", async () => {
    writeFileSync(join(dir, "doc-hai.docx"), writeDocx([{ p: "x" }], { doctype: true }));
    const o = io(dir);
    expect(await runCli(["import", "doc-hai.docx", "-o", "x.xlsx"], o.io)).toBe(1);
    const err = o.err.join("");
    expect(err).toMatch(/Tệp doc-hai\.docx chứa khai báo XML không được phép/);
    expect(err).toMatch(/The file doc-hai\.docx contains forbidden XML/);
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
  });

  it.each([
    [["import", "-o", "a.xlsx"], /Thiếu tệp phụ lục/],
    [["import", "khong-co.docx", "-o", "a.xlsx"], /Không tìm thấy tệp "khong-co.docx"/],
    [["import", SEED_PATH], /Thiếu -o SO.xlsx/],
    [["import", SEED_PATH, SEED_PATH, "-o", "a.xlsx"], /Mỗi lần chỉ nhập một tệp/],
  ])("usage errors exit 2: %j", async (argv, message) => {
    const o = io(dir);
    expect(await runCli(argv, o.io)).toBe(2);
    expect(o.err.join("")).toMatch(message);
  });
});
