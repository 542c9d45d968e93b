/** `phuluc consolidate ... --report BAO-CAO.docx`: the draft report is written beside the workbook. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { runCli } from "../../src/cli/main";
import { fillForm } from "../helpers/fill-form";
import { blankForm } from "../consolidate/fixtures";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) } };
}

describe("cli consolidate --report", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "report-cli-"));
    writeFileSync(
      join(dir, "btc.xlsx"),
      fillForm(await blankForm("BTCTU"), [
        { task: 3, status: "Đang thực hiện", progress: 40, difficulties: "Thiếu cán bộ <chuyên trách>" },
      ]),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the Word report with the consolidation's figures and names it in the result line", async () => {
    const report = join(dir, "BAO-CAO.docx");
    const c = io();
    const code = await runCli(
      [
        "consolidate",
        "--as-of",
        "10/07/2026",
        "--period",
        "2026-H1",
        "-o",
        join(dir, "th.xlsx"),
        "--report",
        report,
        join(dir, "btc.xlsx"),
      ],
      c.io,
    );
    expect(code).toBe(0);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(report)))["word/document.xml"]!);
    expect(xml).toContain("6 tháng đầu năm 2026");
    expect(xml).toContain("Thiếu cán bộ &lt;chuyên trách&gt;");
    expect(xml).toMatch(/đã có 1 đơn vị gửi báo cáo/);
    expect(c.out.join("")).toContain("BAO-CAO.docx");
  });

  it("refuses a report name that is not .docx, or an input, before any work (exit 2)", async () => {
    const c = io();
    expect(
      await runCli(
        ["consolidate", "-o", join(dir, "a.xlsx"), "--report", join(dir, "r.doc"), join(dir, "btc.xlsx")],
        c.io,
      ),
    ).toBe(2);
    expect(c.err.join("")).toContain(".docx");
    expect(existsSync(join(dir, "a.xlsx"))).toBe(false);
    const input = join(dir, "btc.docx");
    writeFileSync(input, "not a form");
    expect(await runCli(["consolidate", "-o", join(dir, "b.xlsx"), "--report", input, input], io().io)).toBe(2);
    expect(readFileSync(input, "utf8")).toBe("not a form");
  });
});
