/**
 * The book end to end: `plan --book` (--json, --check), `forms`, `consolidate` and `template`
 * reading the office's book; and the book surviving LibreOffice (saved again, edits kept).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readBook } from "../../src/book";
import { runCli } from "../../src/cli/main";
import { isoToSerial } from "../../src/dates";
import { builtinPlan } from "../../src/plan";
import { APPENDIX_SHEET } from "../../src/workbook/appendix";
import { ASSIGN_SHEET, UNITS_SHEET } from "../../src/workbook/book-layout";
import { columnLetter } from "../../src/workbook/a1";
import { trackingColumn } from "../../src/workbook/tracking";
import { readXlsx } from "../../src/xlsx/read";
import { fillForm } from "../helpers/fill-form";
import { convertManyWithLibreOffice } from "../helpers/libreoffice";
import { bookBytes, editBook, rowOfCode, sheet } from "./helpers";

/** A tracking column's letter, wherever the layout puts it. */
const col = (key: Parameters<typeof trackingColumn>[0]) => columnLetter(trackingColumn(key));

const plan = builtinPlan();

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) },
  };
}

/** The built-in book with a task 18 for BTCTU and SNV no longer reporting task 12. */
async function editedBook(): Promise<Uint8Array> {
  return editBook(bookBytes(), (wb) => {
    const a = sheet(wb, APPENDIX_SHEET);
    a.getRow(24).values = [18, "Sơ kết giữa nhiệm kỳ", "Năm 2028", "Ban Tổ chức Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"];
    a.getCell("H24").value = "NV18";
    const p = sheet(wb, ASSIGN_SHEET);
    p.getCell(3, 20).value = "NV18";
    p.getCell(4, 20).value = 18;
    p.getCell(rowOfCode(p, "BTCTU"), 20).value = "x";
    p.getCell(rowOfCode(p, "SNV"), 14).value = null;
  });
}

describe("cli --book", () => {
  const dir = mkdtempSync(join(tmpdir(), "nq08-book-cli-"));

  it("plan --book --json: today's shape plus id (and partners, result, group where present)", async () => {
    const file = join(dir, "so.xlsx");
    writeFileSync(file, await editedBook());
    const o = io();
    expect(await runCli(["plan", "--book", file, "--json"], o.io)).toBe(0);
    const json = JSON.parse(o.out.join("")) as {
      id: string;
      tasks: { number: number; id: string; reportingUnits: string[] }[];
      units: { code: string; tasks: number[] }[];
    };
    expect(json.id).toBe(plan.id);
    expect(json.tasks).toHaveLength(18);
    expect(json.tasks[17]).toMatchObject({ number: 18, id: "NV18", reportingUnits: ["BTCTU"] });
    expect(json.units.find((u) => u.code === "SNV")!.tasks).not.toContain(12);
    const builtin = io();
    expect(await runCli(["plan", "--json"], builtin.io)).toBe(0);
    const b = JSON.parse(builtin.out.join("")) as { tasks: object[] };
    expect(Object.keys(b.tasks[0]!)).toEqual(
      expect.arrayContaining(["number", "content", "timing", "lead", "issuer", "leads", "issuers", "reportingUnits"]),
    );
  });

  it("plan --book --check: problems with sheet and cell, exit 1 on errors, 0 when clean", async () => {
    const good = join(dir, "good.xlsx");
    writeFileSync(good, bookBytes());
    const ok = io();
    expect(await runCli(["plan", "--book", good, "--check"], ok.io)).toBe(0);
    expect(ok.err.join("")).toMatch(/không có lỗi[^]*no problems/);
    const bad = join(dir, "bad.xlsx");
    writeFileSync(
      bad,
      await editBook(bookBytes(), (wb) => {
        sheet(wb, APPENDIX_SHEET).getCell("A9").value = 2;
        sheet(wb, UNITS_SHEET).getCell("A5").value = sheet(wb, UNITS_SHEET).getCell("A4").value;
      }),
    );
    const o = io();
    expect(await runCli(["plan", "--book", bad, "--check"], o.io)).toBe(1);
    const text = o.err.join("");
    expect(text).toContain("Phụ lục!A9 — lỗi: TT 2 bị trùng");
    expect(text).toContain("Phụ lục!A9 — error: TT 2 is used twice");
    expect(text).toContain("Đơn vị!A5 — lỗi: Mã đơn vị");
    // forms refuses a book with errors and shows the list; nothing is written.
    const f = io();
    const out = join(dir, "mau-bad");
    expect(await runCli(["forms", "--book", bad, "--period", "2026-H1", "-o", out], f.io)).toBe(1);
    expect(f.err.join("")).toMatch(/Sổ có lỗi[^]*The book has errors/);
    expect(() => readdirSync(out)).toThrow();
    // A missing book file is a usage error.
    const m = io();
    expect(await runCli(["plan", "--book", join(dir, "none.xlsx")], m.io)).toBe(2);
    expect(m.err.join("")).toMatch(/Không tìm thấy tệp sổ[^]*was not found/);
  });

  it("forms, consolidate and template follow the book", async () => {
    const file = join(dir, "so2.xlsx");
    writeFileSync(file, await editedBook());
    const out = join(dir, "mau");
    const o = io();
    expect(await runCli(["forms", "--book", file, "--period", "2026-H1", "-o", out, "--unit", "BTCTU"], o.io)).toBe(0);
    const [name] = readdirSync(out);
    const bytes = new Uint8Array(readFileSync(join(out, name!)));
    const form = readXlsx(bytes);
    expect(form.sheet("Báo cáo")!.cells.some((c) => c.value === "Sơ kết giữa nhiệm kỳ")).toBe(true);
    // The unit reports on the new task; the consolidation reads it as task 18.
    writeFileSync(join(out, name!), fillForm(bytes, [{ task: 18, status: "Đang thực hiện", progress: 40 }]));

    const c = io();
    const summary = join(dir, "th.json");
    const code = await runCli(
      [
        "consolidate",
        "--book",
        file,
        "--as-of",
        "30/06/2026",
        "--period",
        "2026-H1",
        "-o",
        join(dir, "th.xlsx"),
        "--json",
        summary,
        out,
      ],
      c.io,
    );
    expect([0, 1]).toContain(code);
    const result = JSON.parse(readFileSync(summary, "utf8")) as {
      byTask: { task: number }[];
      files: { outcome: string }[];
    };
    expect(result.byTask.map((t) => t.task)).toContain(18);
    expect(result.files.map((f) => f.outcome)).toEqual(["accepted"]);
    // A form made from the built-in plan, consolidated against the edited book: older version, still merged.

    // The office also recorded progress on "Theo dõi": the rebuilt book keeps it, by task.
    writeFileSync(
      file,
      await editBook(new Uint8Array(readFileSync(file)), (wb) => {
        const ws = sheet(wb, "Theo dõi");
        ws.getCell(`${col("status")}7`).value = "Hoàn thành";
        ws.getCell(`${col("completedOn")}7`).value = new Date(Date.UTC(2026, 4, 20));
        ws.getCell(`${col("notes")}7`).value = "Đã có quyết định";
      }),
    );
    const rebuilt = join(dir, "so-moi.xlsx");
    const inPlace = io();
    expect(await runCli(["template", "--book", file, "-o", file], inPlace.io)).toBe(2);
    expect(inPlace.err.join("")).toMatch(/không bị ghi đè[^]*never overwritten/);
    const t = io();
    expect(await runCli(["template", "--book", file, "-o", rebuilt], t.io)).toBe(0);
    const tracking = readXlsx(new Uint8Array(readFileSync(rebuilt))).sheet("Theo dõi")!;
    expect(tracking.cell("B7")?.value).toBe(plan.tasks[1]!.content);
    expect([
      tracking.cell(`${col("status")}7`)?.value,
      tracking.cell(`${col("completedOn")}7`)?.value,
      tracking.cell(`${col("notes")}7`)?.value,
    ]).toEqual(["Hoàn thành", isoToSerial("2026-05-20"), "Đã có quyết định"]);
    expect(tracking.cell(`${col("status")}8`)).toBeUndefined();
    const again = readBook(new Uint8Array(readFileSync(rebuilt)));
    expect(again.problems.map((p) => p.code)).toEqual(["task-unassigned"]);
    expect(again.plan).toEqual(readBook(new Uint8Array(readFileSync(file))).plan);
  });
});

describe("the book and LibreOffice", () => {
  it("a book saved again by LibreOffice reads back the same plan, with the edits made before", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nq08-book-lo-"));
    const src = join(dir, "src");
    mkdirSync(src);
    const plainPath = join(src, "so.xlsx");
    const editedPath = join(src, "so-sua.xlsx");
    writeFileSync(plainPath, bookBytes());
    const edited = await editedBook();
    writeFileSync(editedPath, edited);
    const [plainOut, editedOut] = await convertManyWithLibreOffice([plainPath, editedPath], "xlsx", join(dir, "out"));
    const plain = readBook(new Uint8Array(readFileSync(plainOut!)));
    expect(plain.problems).toEqual([]);
    expect(plain.plan).toEqual(plan);
    const resaved = readBook(new Uint8Array(readFileSync(editedOut!)));
    // Task 12 was only SNV's: the same warning before and after LibreOffice.
    expect(resaved.problems.map((p) => p.code)).toEqual(["task-unassigned"]);
    expect(resaved.problems).toEqual(readBook(edited).problems);
    expect(resaved.plan).toEqual(readBook(edited).plan);
    expect(resaved.plan!.tasks).toHaveLength(18);
  });
});
