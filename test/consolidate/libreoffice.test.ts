/**
 * Forms filled and then re-saved by LibreOffice (what a unit without Excel does), the consolidated
 * workbook opened by LibreOffice. One soffice start per batch, private profile, time-limited.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { consolidate, type ConsolidatedRow, type InputFile } from "../../src/consolidate";
import { consolidateJob } from "../../src/jobs/consolidate";
import { convertManyWithLibreOffice } from "../helpers/libreoffice";
import { fillForm, type FillRow } from "../helpers/fill-form";
import { AS_OF, blankForm, file, H1, plan } from "./fixtures";

const FILLS: Record<string, FillRow[]> = {
  BTCTU: [
    {
      task: 2,
      status: "Hoàn thành",
      completedOn: { date: "2026-06-01" },
      progress: 100,
      result: "Đã giao biên chế",
      documents: "QĐ 12/QĐ-UBND",
    },
    {
      task: 3,
      status: "dang thuc hien",
      completedOn: "30/6/2026",
      progress: "80%",
      result: '=HYPERLINK("http://x","y")',
    },
    {
      task: 4,
      status: "Hoàn thành",
      progress: { percent: 0.9 },
      result: "Hoàn thành một phần",
      difficulties: "Thiếu người",
    },
  ],
  SNV: [{ task: 6, status: "Đang thực hiện", progress: 30, proposals: "Bổ sung kinh phí" }],
  "16732": [{ task: 1, status: "Chưa triển khai", difficulties: "Chưa có hướng dẫn" }],
};

const comparable = (rows: ConsolidatedRow[]) =>
  rows.filter((r) => r.file !== null).map(({ file: _file, ...rest }) => rest);

describe("LibreOffice", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "consolidate-lo-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("forms re-saved by LibreOffice consolidate to the same values and problems as the originals", async () => {
    mkdirSync(join(dir, "in"));
    const originals: InputFile[] = [];
    for (const [code, rows] of Object.entries(FILLS)) {
      const bytes = fillForm(await blankForm(code), rows, {
        preparer: "Người lập",
        preparedOn: { date: "2026-06-15" },
      });
      const path = join(dir, "in", `${code}.xlsx`);
      writeFileSync(path, bytes);
      originals.push(file(`${code}.xlsx`, bytes));
    }
    const outputs = await convertManyWithLibreOffice(
      originals.map((f) => join(dir, "in", f.name)),
      "xlsx",
      join(dir, "lo"),
    );
    const resaved = outputs.map((p, i) => file(originals[i]!.name, new Uint8Array(readFileSync(p))));
    const a = await consolidate(originals, { plan, asOf: AS_OF, period: H1 });
    const b = await consolidate(resaved, { plan, asOf: AS_OF, period: H1 });
    expect(b.files.map((f) => [f.outcome, f.identifiedBy])).toEqual(a.files.map((f) => [f.outcome, f.identifiedBy]));
    expect(comparable(b.rows)).toEqual(comparable(a.rows));
    const key = (p: (typeof a.problems)[number]) => `${p.file} ${p.cell} ${p.code} ${JSON.stringify(p.value)}`;
    expect(b.problems.map(key)).toEqual(a.problems.map(key));
  });

  it("opens the consolidated workbook and prints it", async () => {
    const f = fillForm(await blankForm("SNV"), [{ task: 2, status: "Hoàn thành", result: "ok" }]);
    const job = await consolidateJob([file("snv.xlsx", f)], { plan, asOf: AS_OF, period: H1 });
    mkdirSync(join(dir, "out"), { recursive: true });
    const path = join(dir, "out", job.fileName);
    writeFileSync(path, job.xlsx);
    const [pdf] = await convertManyWithLibreOffice([path], "pdf", join(dir, "pdf"));
    const info = execFileSync("pdfinfo", [pdf!], { encoding: "utf8", timeout: 30000 });
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const text = execFileSync("pdftotext", ["-layout", pdf!, "-"], { encoding: "utf8", timeout: 30000 });
    for (const title of [
      "TỔNG HỢP KẾT QUẢ THỰC HIỆN",
      "TỔNG HỢP CHI TIẾT THEO NHIỆM VỤ",
      "TỔNG HỢP CHI TIẾT THEO ĐƠN VỊ",
      "DANH SÁCH ĐƠN VỊ CHƯA NỘP",
      "KIỂM TRA CÁC TỆP",
    ])
      expect(text).toContain(title);
  });
});
