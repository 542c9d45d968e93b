/**
 * Every file a unit can send back, in one corpus built here: forms re-saved by LibreOffice as .xlsx,
 * .ods and .xls, a copied sheet (and one filled while the original stayed blank), a table under the unit's letterhead, a blank form, odd values
 * (progress 0.5, "Ngày 27/5/2026", a cell merged across task rows), an unreadable file named after
 * its unit, an archive with a folder, a nested archive and noise files, and a lock file. One
 * consolidation over all of it; then every non-empty input cell of every readable file must be in
 * the output — merged, or listed with its sheet, cell and value.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { unpackForms } from "../../src/consolidate/stored";
import type { ConsolidationResult, FormRecord } from "../../src/consolidate";
import { runConsolidation, type ConsolidationRun } from "../../src/jobs/consolidate";
import { expandBytes, type Source } from "../../src/jobs/inputs";
import { readXls } from "../../src/xls";
import { detectFormat, readXlsx, type ReadCell, type ReadWorkbook } from "../../src/xlsx/read";
import { SheetBuilder } from "../../src/workbook/sheet-builder";
import { fillForm, setCells, stripIdentity, type FillRow } from "../helpers/fill-form";
import { buildCompoundFile, randomBytes } from "../helpers/fixtures";
import { convertManyWithLibreOffice } from "../helpers/libreoffice";
import { AS_OF, blankForm, formSpec, H1, owed, plan, render, unit } from "./fixtures";

jest.setTimeout(180_000);

function rows(code: string, status = "Đang thực hiện"): FillRow[] {
  return owed(code).map((task, i) => ({
    task,
    status: i === 0 ? "Hoàn thành" : status,
    progress: i === 0 ? 100 : 40 + i,
    result: `Kết quả nhiệm vụ ${task} của ${code}`,
    ...(i === 0 ? { completedOn: { date: "2026-05-20" } } : {}),
  }));
}

const source = (name: string, bytes: Uint8Array): Source => ({
  name,
  lastModified: "2026-06-16T08:00:00Z",
  read: async () => bytes,
});

interface Corpus {
  /** What the unit sent (loose files and archives), as given to the consolidation. */
  sources: Source[];
  /** The blank form each unit's file started from, by unit code: its unchanged cells are the form's own. */
  templates: Map<string, Uint8Array>;
}

/** The form with its sheet copied as "Báo cáo 2", as a unit does with "Move or Copy…". */
function withCopy(spec: ReturnType<typeof formSpec>): ReturnType<typeof formSpec> {
  const copy = structuredClone(spec.sheets[0]!);
  copy.name = "Báo cáo 2";
  spec.sheets.splice(1, 0, copy);
  return spec;
}

async function corpus(dir: string): Promise<Corpus> {
  const templates = new Map<string, Uint8Array>();
  const form = async (code: string) => {
    const t = await blankForm(code);
    templates.set(code, t);
    return t;
  };
  // Three forms re-saved by LibreOffice, one per format a unit's LibreOffice may write.
  const lo = { SNV: "ods", STC: "xls", "16732": "xlsx" } as const;
  const inputs: string[] = [];
  for (const code of Object.keys(lo) as (keyof typeof lo)[]) {
    const p = join(dir, `${code}.xlsx`);
    writeFileSync(p, fillForm(await form(code), rows(code), { preparer: `Người lập ${code}`, phone: "0912 345 678" }));
    inputs.push(p);
  }
  const outs = await Promise.all(
    (Object.entries(lo) as [string, "ods" | "xls" | "xlsx"][]).map(([code, target]) =>
      convertManyWithLibreOffice([join(dir, `${code}.xlsx`)], target, join(dir, target)),
    ),
  );
  const resaved = outs.map((o) => new Uint8Array(readFileSync(o[0]!)));

  // A copied sheet: the unit filled "Báo cáo 2" more than the original.
  const spec = withCopy(formSpec("17110"));
  const copied = render(spec);
  templates.set("17110", copied);
  const sxdRows = owed("17110");
  const firstTaskRow = 7;
  let copiedFilled = fillForm(copied, [{ task: sxdRows[0]!, status: "Chưa triển khai" }]);
  copiedFilled = setCells(copiedFilled, "Báo cáo 2", {
    [`E${firstTaskRow}`]: "Hoàn thành",
    [`H${firstTaskRow}`]: "Kết quả ghi ở trang sao chép",
    [`E${firstTaskRow + 1}`]: "Đang thực hiện",
  });

  // A copied sheet filled in while the original "Báo cáo" was left blank.
  const onlyCopy = render(withCopy(formSpec("17128")));
  templates.set("17128", onlyCopy);
  const onlyCopyFilled = setCells(onlyCopy, "Báo cáo 2", {
    [`E${firstTaskRow}`]: "Hoàn thành",
    [`H${firstTaskRow}`]: "Chỉ điền ở bản sao",
  });

  // Odd values: progress as fractions, dates with a prefix, a cell merged across task rows.
  const oddSpec = formSpec("17125");
  // The difficulties cell of the first two task rows merged into one (FORM_HEADER_ROW is 6).
  oddSpec.sheets[0]!.merges.push("J7:J8");
  const oddTemplate = render(oddSpec);
  templates.set("17125", oddTemplate);
  const odd = fillForm(oddTemplate, [
    {
      task: owed("17125")[0]!,
      status: "Hoàn thành",
      progress: 1,
      completedOn: "Ngày 27/5/2026",
      result: "Xong",
      difficulties: "Khó khăn chung của hai nhiệm vụ",
    },
    { task: owed("17125")[1]!, status: "Đang thực hiện", progress: 0.5, completedOn: "ngày 27 tháng 5 năm 2026" },
  ]);

  // A table typed under the commune's letterhead, without the form's identity or name cells.
  const commune = unit("16822");
  const letter = stripIdentity(
    setCells(fillForm(await form("16822"), rows("16822")), "Báo cáo", {
      A1: `ĐẢNG ỦY ${commune.name.toUpperCase()}`,
      C3: "",
      K3: "",
    }),
  );

  // A blank form (only the preparer typed) and an unreadable file named after its unit.
  const blank = fillForm(await form("BTCTU"), [], { preparer: "Trần Thị B" });
  const damaged = (await blankForm("SXD")).subarray(0, 3000);
  // A password-protected .xlsx (an encrypted package in an OLE2 file), named after its unit.
  const encrypted = buildCompoundFile([
    { name: "EncryptionInfo", data: randomBytes(300, 3) },
    { name: "EncryptedPackage", data: randomBytes(6000, 5) },
  ]);

  // Not a form at all (a letter typed in a sheet), whose heading names the commune.
  const letterSheet = new SheetBuilder("Sheet1", [{ width: 40 }]);
  letterSheet.line(1, 1, [`ĐẢNG ỦY ${unit("16837").name.toUpperCase()}`]);
  letterSheet.line(3, 1, ["Báo cáo bằng văn bản gửi kèm"]);
  const letterBook = render({ ...formSpec("16837"), sheets: [letterSheet.build()] });

  // An archive: a folder, a nested archive holding the .ods, noise files.
  const inner = zipSync({ [`${"SNV"}.ods`]: resaved[0]! });
  const archive = zipSync({
    "Bao cao/STC.xls": resaved[1]!,
    "Bao cao/Thumbs.db": strToU8("noise"),
    "__MACOSX/Bao cao/._STC.xls": strToU8("noise"),
    "lan-2.zip": inner,
  });
  return {
    sources: [
      source("thu-zalo.zip", archive),
      source("16732.xlsx", resaved[2]!),
      source("xa-sao-chep.xlsx", copiedFilled),
      source("xa-chi-dien-ban-sao.xlsx", onlyCopyFilled),
      source("xa-17125.xlsx", odd),
      source("bao-cao-dang-uy-xa.xlsx", letter),
      source("BTCTU-mau-trong.xlsx", blank),
      source("bao-cao-so-xay-dung.xlsx", damaged),
      source("UBKTTU-co-mat-khau.xlsx", encrypted),
      source("cong-van.xlsx", letterBook),
      source("~$TCT.xlsx", strToU8("lock")),
    ],
    templates,
  };
}

/** Reads any readable form file the way the consolidation does; null for an unreadable one. */
async function readAny(bytes: Uint8Array): Promise<ReadWorkbook | null> {
  try {
    return detectFormat(bytes) === "xls" ? await readXls(bytes) : readXlsx(bytes);
  } catch {
    return null;
  }
}

function filled(c: ReadCell): boolean {
  return c.formula !== undefined || !(c.kind === "string" && (c.value as string).trim() === "");
}

/** Why a cell is in the output: merged into a consolidated row, or listed with its cell; null when lost. */
function accounted(result: ConsolidationResult, forms: FormRecord[], name: string, sheet: string, c: ReadCell) {
  if (result.problems.some((p) => p.file === name && p.sheet === sheet && p.cell === c.ref && p.value === c.value))
    return "listed";
  const report = result.files.find((f) => f.name === name);
  const record = forms.find((f) => f.name === name);
  if (!report || report.outcome !== "accepted" || !record) return null;
  for (const e of record.entries)
    for (const raw of Object.values(e.raw))
      if (e.sheet === sheet && raw.cell === c.ref && raw.value === c.value)
        return result.rows.some((r) => r.file === name && r.task === e.task) ? "merged" : null;
  for (const raw of Object.values(record.footer.raw))
    if (raw.sheet === sheet && raw.cell === c.ref && raw.value === c.value) return "merged-footer";
  return null;
}

describe("every file a unit can send back", () => {
  let dir: string;
  let data: Corpus;
  let run: ConsolidationRun;
  let forms: FormRecord[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "phuluc-corpus-"));
    data = await corpus(dir);
    run = await runConsolidation({ plan, sources: data.sources, asOf: AS_OF, period: H1 });
    forms = unpackForms(run.result.forms);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fileOf = (name: string) => run.result.files.find((f) => f.name === name);
  const problems = (name: string) => run.result.problems.filter((p) => p.file === name);

  it("reads the .ods and .xls LibreOffice wrote, inside archives too, like the .xlsx", () => {
    for (const name of ["thu-zalo.zip › lan-2.zip › SNV.ods", "thu-zalo.zip › Bao cao/STC.xls", "16732.xlsx"]) {
      expect(fileOf(name)).toMatchObject({ outcome: "accepted", identifiedBy: "metadata" });
    }
    for (const code of ["SNV", "STC", "16732"]) {
      const reported = run.result.rows.filter((r) => r.unitCode === code && r.status !== null);
      expect(reported.length).toBe(owed(code).length);
      expect(run.result.rows.find((r) => r.unitCode === code)?.preparer).toBe(`Người lập ${code}`);
    }
    expect(run.skipped.map((s) => s.name).sort()).toEqual(
      ["thu-zalo.zip › Bao cao/Thumbs.db", "thu-zalo.zip › __MACOSX/Bao cao/._STC.xls", "~$TCT.xlsx"].sort(),
    );
  });

  it("consolidates the copied sheet with more entries and warns about the other", () => {
    const f = fileOf("xa-sao-chep.xlsx")!;
    expect(f.outcome).toBe("accepted");
    const warn = problems("xa-sao-chep.xlsx").find((p) => p.code === "sheet-copies");
    expect(warn?.severity).toBe("warning");
    const first = run.result.rows.find((r) => r.unitCode === "17110" && r.task === owed("17110")[0]);
    expect(first).toMatchObject({ status: "done", result: "Kết quả ghi ở trang sao chép", sheet: "Báo cáo 2" });
    expect(problems("xa-sao-chep.xlsx").some((p) => p.code === "sheet-copy-value" && p.sheet === "Báo cáo")).toBe(true);
  });

  it("a copy filled while the original stayed blank: the copy is consolidated, the blank sheet said once, not cell by cell", () => {
    expect(fileOf("xa-chi-dien-ban-sao.xlsx")?.outcome).toBe("accepted");
    const first = run.result.rows.find((r) => r.unitCode === "17128" && r.task === owed("17128")[0]);
    expect(first).toMatchObject({ status: "done", result: "Chỉ điền ở bản sao", sheet: "Báo cáo 2" });
    const listed = problems("xa-chi-dien-ban-sao.xlsx");
    expect(listed.filter((p) => p.code === "sheet-copy-blank")).toEqual([
      expect.objectContaining({ severity: "info", sheet: "Báo cáo" }),
    ]);
    expect(listed.filter((p) => p.sheet === "Báo cáo" && p.cell !== null && p.cell !== "")).toEqual([]);
    expect(listed.some((p) => p.code === "sheet-copies")).toBe(false);
  });

  it("reads progress fractions and prefixed dates, and warns about a merge across task rows", () => {
    const [a, b] = owed("17125");
    const rowA = run.result.rows.find((r) => r.unitCode === "17125" && r.task === a)!;
    const rowB = run.result.rows.find((r) => r.unitCode === "17125" && r.task === b)!;
    expect(rowA).toMatchObject({ progress: 100, completedOn: "2026-05-27" });
    expect(rowB).toMatchObject({ progress: 50, completedOn: "2026-05-27" });
    const fractions = problems("xa-17125.xlsx").filter((p) => p.code === "progress-fraction");
    expect(fractions.map((p) => p.severity)).toEqual(["warning", "warning"]);
    const merged = problems("xa-17125.xlsx").find((p) => p.code === "merged-across-tasks");
    expect(merged).toMatchObject({ severity: "warning", cell: "J7", value: "Khó khăn chung của hai nhiệm vụ" });
    expect(merged?.text.vi).toContain(`TT ${a}, ${b}`);
  });

  it("identifies a table under the unit's letterhead", () => {
    expect(fileOf("bao-cao-dang-uy-xa.xlsx")).toMatchObject({ outcome: "accepted", unitCode: "16822" });
    expect(problems("bao-cao-dang-uy-xa.xlsx").some((p) => p.code === "identified-by-letterhead")).toBe(true);
  });

  it("keeps a unit that sent a blank form or an unreadable file under 'Chưa nộp', saying so, with the file", () => {
    const blank = run.result.missing.find((m) => m.code === "BTCTU")!;
    expect(blank.rejectedFiles).toEqual(["BTCTU-mau-trong.xlsx"]);
    expect(blank.rejectedWhy?.[0]?.vi).toBe("gửi mẫu trống");
    expect(run.result.byUnit.find((u) => u.code === "BTCTU")?.returned).toBe(false);
    const broken = run.result.missing.find((m) => m.code === "SXD")!;
    expect(broken.rejectedFiles).toEqual(["bao-cao-so-xay-dung.xlsx"]);
    expect(broken.rejectedWhy?.[0]?.vi).toBe("đã gửi tệp nhưng không đọc được");
    expect(fileOf("bao-cao-so-xay-dung.xlsx")).toMatchObject({ outcome: "rejected", unitCode: "SXD" });
    expect(run.result.missing.find((m) => m.code === "UBKTTU")?.rejectedWhy?.[0]?.vi).toBe(
      "đã gửi tệp nhưng không đọc được",
    );
  });

  it("puts a file that is not a form under the unit its heading names", () => {
    expect(fileOf("cong-van.xlsx")).toMatchObject({
      outcome: "rejected",
      unitCode: "16837",
      identifiedBy: "file-name",
    });
    expect(problems("cong-van.xlsx").find((p) => p.code === "unit-from-file-name")?.text.vi).toContain("nội dung tệp");
    expect(run.result.missing.find((m) => m.code === "16837")).toMatchObject({
      rejectedFiles: ["cong-van.xlsx"],
      rejectedWhy: [expect.objectContaining({ vi: "đã gửi tệp nhưng không đọc được" })],
    });
  });

  it("tells how to remove an open password, in Excel and in LibreOffice", () => {
    const p = problems("UBKTTU-co-mat-khau.xlsx").find((x) => x.code === "read-encrypted")!;
    expect(p.severity).toBe("error");
    expect(p.text.vi).toContain("Mã hóa bằng mật khẩu");
    expect(p.text.vi).toContain("bỏ chọn “Lưu với mật khẩu”");
    expect(p.text.en).toContain("Encrypt with Password");
  });

  it("the built command line reads the .ods and .xls too, in worker threads as in this thread", () => {
    for (const jobs of ["0", "2"]) {
      const json = join(dir, `cli-${jobs}.json`);
      const r = spawnSync(
        process.execPath,
        [
          join(__dirname, "..", "..", "bin", "phuluc.cjs"),
          "consolidate",
          "--as-of",
          "20/06/2026",
          "--period",
          "2026-H1",
          "--jobs",
          jobs,
          "-o",
          join(dir, `cli-${jobs}.xlsx`),
          "--json",
          json,
          join(dir, "ods"),
          join(dir, "xls"),
        ],
        { cwd: dir, encoding: "utf8", timeout: 120_000 },
      );
      expect([r.status, r.stderr]).toEqual([0, ""]);
      expect(r.stdout).toContain("không tổng hợp 0");
      const out = JSON.parse(readFileSync(json, "utf8")) as ConsolidationResult;
      expect(out.files.map((f) => [f.name.slice(dir.length + 1).replace(/\\/g, "/"), f.outcome, f.unitCode])).toEqual([
        ["ods/SNV.ods", "accepted", "SNV"],
        ["xls/STC.xls", "accepted", "STC"],
      ]);
    }
  });

  it("every non-empty input cell of every readable file is merged or listed with its cell", async () => {
    const lost: string[] = [];
    let checked = 0;
    let files = 0;
    for (const s of data.sources) {
      const expanded = expandBytes(s.name, await s.read(), s.lastModified);
      for (const f of expanded.files) {
        const wb = await readAny(f.bytes);
        if (!wb) continue;
        files++;
        const record = forms.find((r) => r.name === f.name);
        const template = record?.unitCode ? data.templates.get(record.unitCode) : undefined;
        const blank = template ? readXlsx(template) : null;
        for (const sheet of wb.sheets) {
          if (sheet.name === "_nq08") continue;
          const before = blank?.sheet(sheet.name);
          for (const c of sheet.cells) {
            if (!filled(c)) continue;
            // The form's own cell, unchanged (formulas are compared by value: .ods/.xls spell them differently).
            const orig = before?.cell(c.ref);
            if (orig && orig.value === c.value && orig.kind === c.kind) continue;
            // The form's own formula (the deadline class), recalculated by the program that saved it.
            if (orig?.formula !== undefined && c.formula !== undefined) continue;
            checked++;
            if (!accounted(run.result, forms, f.name, sheet.name, c))
              lost.push(`${f.name} ${sheet.name}!${c.ref} = ${JSON.stringify(c.value)}`);
          }
        }
      }
    }
    expect(files).toBe(9);
    expect(checked).toBeGreaterThan(60);
    expect(lost).toEqual([]);
  });
});
