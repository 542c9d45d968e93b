/**
 * Requirement sets: the generated member table agrees with @types/office-js, the manifest's minimum
 * is what the code assumes, and the recorder refuses what Excel refuses (members above the client's
 * version, unloaded properties, missing sheets, very hidden deletes, long inline lists, tables over
 * merged cells).
 */
import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import { join } from "path";
import { GATED_MEMBERS, MIN_EXCEL_API, renderToExcel, supportsExcelApi } from "../../src/excel";
import { apiMember, ExcelRecorder, FakeExcelError } from "../helpers/excel-recorder";
import { everyFeatureSpec } from "./fixtures";

const ROOT = join(__dirname, "..", "..");

async function syncError(recorder: ExcelRecorder): Promise<FakeExcelError> {
  const error = await recorder.context.sync().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FakeExcelError);
  return error as FakeExcelError;
}

describe("the member → requirement set table", () => {
  it("is what scripts/gen-excel-api-sets.mjs makes of the installed @types/office-js", () => {
    const out = execFileSync(process.execPath, [join(ROOT, "scripts", "gen-excel-api-sets.mjs"), "--check"], {
      encoding: "utf8",
    });
    expect(out).toContain("matches @types/office-js");
  });

  it("carries the tags, including those that depend on how a member is used", () => {
    expect(apiMember("PageLayout", "zoom")).toMatchObject({ kind: "property", version: "1.9" });
    expect(apiMember("PageLayout", "headersFooters")).toMatchObject({ version: "1.9", type: "HeaderFooterGroup" });
    expect(apiMember("RangeFormat", "indentLevel")?.version).toBe("1.9");
    expect(apiMember("Worksheet", "showGridlines")?.version).toBe("1.8");
    expect(apiMember("Worksheet", "visibility")).toMatchObject({ version: "1.1", setVersion: "1.2" });
    expect(apiMember("WorksheetProtection", "protect")).toMatchObject({
      version: "1.2",
      args: [{ index: 1, when: "given", version: "1.7" }],
    });
    expect(apiMember("TableCollection", "add")).toMatchObject({
      version: "1.1",
      type: "Table",
      args: [{ index: 0, when: "object", version: "1.3" }],
    });
    expect(apiMember("Worksheet", "nope")).toBeUndefined();
  });
});

describe("requirements.ts", () => {
  it("names the manifest's minimum", () => {
    const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    expect(manifest).toContain(`<Set Name="ExcelApi" MinVersion="${MIN_EXCEL_API}"/>`);
  });

  it("lists each gated member with the version its tag names, above the minimum", () => {
    for (const g of GATED_MEMBERS) {
      const [cls, member] = g.member.split(".") as [string, string];
      expect(apiMember(cls, member)?.version).toBe(g.version);
      expect(Number(g.version.split(".")[1])).toBeGreaterThan(Number(MIN_EXCEL_API.split(".")[1]));
      expect(g.what.vi).toBe(g.what.vi.normalize("NFC"));
    }
  });

  it("supportsExcelApi answers from the client's isSetSupported, below and above a gate", () => {
    const at19 = new ExcelRecorder([], { apiVersion: "1.9" });
    const at110 = new ExcelRecorder([], { apiVersion: "1.10" });
    expect(supportsExcelApi("1.10", (s, v) => at19.isSetSupported(s, v))).toBe(false);
    expect(supportsExcelApi("1.10", (s, v) => at110.isSetSupported(s, v))).toBe(true);
    expect(supportsExcelApi("1.9", (s, v) => at19.isSetSupported(s, v))).toBe(true);
  });

  it("the whole renderer runs on an Excel at exactly the minimum", async () => {
    const recorder = new ExcelRecorder(["Sheet1"], { apiVersion: MIN_EXCEL_API });
    const result = await renderToExcel(recorder.context, everyFeatureSpec());
    expect(result.warnings).toEqual([]);
    expect(recorder.sheet("Theo dõi").pageLayout.paperSize).toBe("A4");
  });
});

describe("the recorder refuses what Excel refuses", () => {
  it("a member above the client's version fails the sync with ApiNotFound; the calls before it stay applied", async () => {
    const recorder = new ExcelRecorder(["A", "B"], { apiVersion: "1.7" });
    const sheets = recorder.context.workbook.worksheets;
    sheets.getItem("A").tabColor = "#FF0000"; // 1.7
    sheets.getItem("A").showGridlines = false; // 1.8
    const error = await syncError(recorder);
    expect(error.code).toBe("ApiNotFound");
    expect(error.message).toContain("Worksheet.showGridlines");
    expect(recorder.sheet("A").tabColor).toBe("#FF0000");
    expect(recorder.sheet("A").showGridlines).toBe(true);
  });

  it("a navigation property above the version fails whatever is done through it", async () => {
    const recorder = new ExcelRecorder(["A"], { apiVersion: "1.8" });
    recorder.context.workbook.worksheets.getItem("A").pageLayout.orientation = "Landscape";
    expect((await syncError(recorder)).message).toContain("Worksheet.pageLayout");
  });

  it("an argument form above the version fails with InvalidArgument (password 1.7, Range object 1.3)", async () => {
    const recorder = new ExcelRecorder(["A"], { apiVersion: "1.6" });
    const sheet = recorder.context.workbook.worksheets.getItem("A");
    sheet.protection.protect({ allowSort: true }, "mật khẩu");
    expect((await syncError(recorder)).code).toBe("InvalidArgument");
    sheet.protection.protect({ allowSort: true });
    await recorder.context.sync();
    expect(recorder.sheet("A").protection).not.toBeNull();

    const old = new ExcelRecorder(["A"], { apiVersion: "1.2" });
    const s = old.context.workbook.worksheets.getItem("A");
    s.tables.add(s.getRange("A1:B3"), true);
    expect((await syncError(old)).code).toBe("InvalidArgument");
  });

  it("a member the types do not declare throws at once", () => {
    const recorder = new ExcelRecorder(["A"]);
    const sheet = recorder.context.workbook.worksheets.getItem("A") as unknown as Record<string, unknown>;
    expect(() => sheet.gridlines).toThrow(/no member "gridlines"/);
    expect(() => {
      sheet.gridlines = false;
    }).toThrow(TypeError);
  });

  it("reading a property that was not loaded and synced throws PropertyNotLoaded; load gives only what was asked", async () => {
    const recorder = new ExcelRecorder(["A"]);
    const sheets = recorder.context.workbook.worksheets;
    expect(() => sheets.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    expect(() => sheets.getItem("A").name).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    sheets.load("items/name");
    expect(() => sheets.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    await recorder.context.sync();
    expect(sheets.items.map((s) => s.name)).toEqual(["A"]);
    expect(() => sheets.items[0]!.visibility).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
  });

  it("getItem of a missing sheet fails the sync with ItemNotFound", async () => {
    const recorder = new ExcelRecorder(["A"]);
    recorder.context.workbook.worksheets.getItem("Không có").getRange("A1").values = [[1]];
    expect((await syncError(recorder)).code).toBe("ItemNotFound");
  });

  it("a very hidden sheet cannot be deleted; made visible first, it can", async () => {
    const recorder = new ExcelRecorder(["A", "B"]);
    recorder.sheet("B").visibility = "VeryHidden";
    const b = recorder.context.workbook.worksheets.getItem("B");
    b.delete();
    expect((await syncError(recorder)).code).toBe("InvalidOperation");
    b.visibility = "Visible";
    b.delete();
    await recorder.context.sync();
    expect(recorder.sheetNames()).toEqual(["A"]);
  });

  it("an inline list source over 255 characters fails; a table over merged cells fails", async () => {
    const recorder = new ExcelRecorder(["A"]);
    const sheet = recorder.context.workbook.worksheets.getItem("A");
    sheet.getRange("A1:A3").dataValidation.rule = { list: { inCellDropDown: true, source: "x".repeat(256) } };
    expect((await syncError(recorder)).code).toBe("InvalidArgument");
    sheet.getRange("A1:A3").dataValidation.rule = { list: { inCellDropDown: true, source: "x".repeat(255) } };
    await recorder.context.sync();

    sheet.getRange("B1:C1").merge(false);
    sheet.tables.add(sheet.getRange("B1:D4"), true);
    expect((await syncError(recorder)).code).toBe("InvalidOperation");
  });
});
