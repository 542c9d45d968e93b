/**
 * The CLI's zlib zip writer gives the same package as the fflate one: the same parts, byte for
 * byte once unzipped, read the same by our reader, by ExcelJS and by LibreOffice; and it is
 * deterministic. (Compressed bytes differ: two deflate implementations.)
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { unzipSync } from "fflate";
import { nodeZip } from "../../src/cli/native-zip";
import { builtinPlan, reportingUnits } from "../../src/plan";
import { reportPeriod } from "../../src/schedule";
import { reportForm } from "../../src/workbook/form";
import { trackingWorkbook } from "../../src/workbook/tracking";
import { readXlsx } from "../../src/xlsx/read";
import { renderXlsx } from "../../src/xlsx/write";
import { convertWithLibreOffice } from "../helpers/libreoffice";

const plan = builtinPlan();
const tracking = trackingWorkbook(plan, { asOf: "2026-07-01", today: "2026-07-01" });
const form = reportForm(plan, reportingUnits(plan)[0]!, reportPeriod("2026-H1")!);

const cells = (bytes: Uint8Array) =>
  readXlsx(bytes).sheets.map((s) => [s.name, s.state, s.cells.map((c) => [c.ref, c.value, c.formula ?? null])]);

describe("nodeZip", () => {
  it.each([
    ["tracking workbook", tracking],
    ["report form", form],
  ])("%s: same parts and cells as the fflate writer, same bytes every time", (_label, spec) => {
    const viaFflate = renderXlsx(spec);
    const viaZlib = renderXlsx(spec, { zip: nodeZip });
    const a = unzipSync(viaFflate);
    const b = unzipSync(viaZlib);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const name of Object.keys(a)) expect(Buffer.from(b[name]!).equals(Buffer.from(a[name]!))).toBe(true);
    expect(cells(viaZlib)).toEqual(cells(viaFflate));
    expect(Buffer.from(renderXlsx(spec, { zip: nodeZip })).equals(Buffer.from(viaZlib))).toBe(true);
  });

  it("a part over 1 MiB (deflated faster) unzips to the same bytes", () => {
    const big = "<row>Đã ban hành kế hoạch số 1/KH, tổ chức hội nghị quán triệt</row>".repeat(40_000);
    const zipped = nodeZip([
      ["xl/worksheets/sheet1.xml", new TextEncoder().encode(big)],
      ["small.xml", new TextEncoder().encode("<a/>")],
    ]);
    const back = unzipSync(zipped);
    expect(new TextDecoder().decode(back["xl/worksheets/sheet1.xml"])).toBe(big);
    expect(new TextDecoder().decode(back["small.xml"])).toBe("<a/>");
    expect(zipped.length).toBeLessThan(big.length / 20);
  });

  it("is opened by ExcelJS and by LibreOffice", async () => {
    const bytes = renderXlsx(tracking, { zip: nodeZip });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(tracking.sheets.map((s) => s.name));
    const dir = mkdtempSync(join(tmpdir(), "native-zip-"));
    const input = join(dir, "so-theo-doi.xlsx");
    writeFileSync(input, bytes);
    const out = await convertWithLibreOffice(input, "pdf", join(dir, "out"));
    // LibreOffice opened and printed it: a real PDF with pages came out.
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
    expect(readFileSync(out).length).toBeGreaterThan(5000);
  });
});
