import { strToU8 } from "fflate";
import { consolidate, type InputFile } from "../../src/consolidate";
import { fillForm } from "../helpers/fill-form";
import { BILLION_LAUGHS, buildCompoundFile, buildZipBomb, patchZip, randomBytes, zipText } from "../helpers/fixtures";
import { AS_OF, blankForm, file, H1, odsBytes, plan, rowOf } from "./fixtures";

/** Every kind of file that is not a usable form, each with the reader's error code it must give. */
async function badFiles(): Promise<{ input: InputFile; code: string }[]> {
  const form = await blankForm("SNV");
  const big = new Uint8Array(51 * 1024 * 1024);
  big.set([0x50, 0x4b, 0x03, 0x04]);
  const ct = zipText(form, "[Content_Types].xml");
  return [
    { input: file("rong.xlsx", new Uint8Array(0)), code: "read-empty" },
    { input: file("hong.xlsx", randomBytes(4096)), code: "read-not-xlsx" },
    { input: file("cat-ngang.xlsx", form.slice(0, Math.floor(form.length / 2))), code: "read-corrupt" },
    { input: file("bao-cao.csv", strToU8("TT;Nội dung;Tình trạng\n1;Quán triệt;Hoàn thành\n")), code: "read-not-xlsx" },
    // An .xls is read (src/xls): random bytes in its Workbook stream hold no sheet, so no form.
    {
      input: file("cu.xls", buildCompoundFile([{ name: "Workbook", data: randomBytes(5000, 7) }])),
      code: "not-a-form",
    },
    {
      input: file("van-ban.doc", buildCompoundFile([{ name: "WordDocument", data: randomBytes(5000, 9) }])),
      code: "read-not-xlsx",
    },
    // An .ods is read like an .xlsx: this one holds no sheet at all, so it is not a form.
    { input: file("bang.ods", odsBytes()), code: "not-a-form" },
    {
      input: file(
        "mat-khau.xlsx",
        buildCompoundFile([
          { name: "EncryptionInfo", data: randomBytes(300, 3) },
          { name: "EncryptedPackage", data: randomBytes(6000, 5) },
        ]),
      ),
      code: "read-encrypted",
    },
    { input: file("bom.xlsx", buildZipBomb(form, 120 * 1024 * 1024)), code: "read-zip-bomb" },
    {
      input: file("entity.xlsx", patchZip(form, { "xl/sharedStrings.xml": BILLION_LAUGHS })),
      code: "read-forbidden-xml",
    },
    { input: file("qua-lon.xlsx", big), code: "read-too-large" },
    {
      input: file("thieu.xlsx", patchZip(form, { "xl/workbook.xml": null, "[Content_Types].xml": ct })),
      code: "read-missing-part",
    },
  ];
}

describe("untrusted input", () => {
  it("each bad file gets one clear error naming it; the good files still consolidate; inputs are untouched", async () => {
    const bad = await badFiles();
    const good = file("snv.xlsx", fillForm(await blankForm("SNV"), [{ task: 2, status: "Hoàn thành", result: "ok" }]));
    const inputs = [bad[0]!.input, good, ...bad.slice(1).map((b) => b.input)];
    const copies = inputs.map((f) => f.bytes.slice());
    const r = await consolidate(inputs, { plan, asOf: AS_OF, period: H1 });

    inputs.forEach((f, i) => expect(Buffer.from(f.bytes).equals(Buffer.from(copies[i]!))).toBe(true));
    expect(rowOf(r, "SNV", 2)).toMatchObject({ status: "done", result: "ok", file: "snv.xlsx" });
    expect(r.files.find((f) => f.name === "snv.xlsx")!.outcome).toBe("accepted");
    for (const { input, code } of bad) {
      const mine = r.problems.filter((p) => p.file === input.name);
      expect({ name: input.name, codes: mine.map((p) => p.code) }).toEqual({ name: input.name, codes: [code] });
      expect(mine[0]).toMatchObject({ severity: "error", sheet: "", cell: "" });
      expect(mine[0]!.text.vi).not.toBe("");
      expect(r.files.find((f) => f.name === input.name)!.outcome).toBe("rejected");
    }
    expect(r.totals).toMatchObject({ files: bad.length + 1, accepted: 1, rejected: bad.length });
  });

  it("an .xlsm form is read for its values only, with a note; nothing is run", async () => {
    const form = fillForm(await blankForm("SNV"), [{ task: 6, status: "Đang thực hiện", result: "macro" }]);
    const ct = zipText(form, "[Content_Types].xml").replace(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    );
    const xlsm = patchZip(form, { "[Content_Types].xml": ct, "xl/vbaProject.bin": randomBytes(2048, 11) });
    const r = await consolidate([file("co-macro.xlsm", xlsm)], { plan, asOf: AS_OF, period: H1 });
    expect(r.files[0]!.outcome).toBe("accepted");
    expect(rowOf(r, "SNV", 6)).toMatchObject({ status: "in-progress", result: "macro" });
    expect(r.problems).toEqual([expect.objectContaining({ code: "macros-ignored", severity: "info" })]);
  });

  it("text that looks like a formula stays text, and formulas are never evaluated", async () => {
    const form = fillForm(await blankForm("SNV"), [
      {
        task: 2,
        status: "Hoàn thành",
        result: "=cmd|' /C calc'!A0",
        documents: "+SUM(1,2)",
        difficulties: "-1+1",
        proposals: "@SUM(A1)",
      },
      {
        task: 6,
        status: { formula: 'IF(1,"Hoàn thành","")', result: "Hoàn thành" },
        result: { formula: 'WEBSERVICE("http://x")', result: "#VALUE!" },
      },
    ]);
    const r = await consolidate([file("f.xlsx", form)], { plan, asOf: AS_OF, period: H1 });
    expect(rowOf(r, "SNV", 2)).toMatchObject({
      result: "=cmd|' /C calc'!A0",
      documents: "+SUM(1,2)",
      difficulties: "-1+1",
      proposals: "@SUM(A1)",
    });
    // The formula's cached value is used and the formula itself is reported, not run.
    expect(rowOf(r, "SNV", 6).status).toBe("done");
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "formula-input", cell: "E8", formula: 'IF(1,"Hoàn thành","")' }),
    );
    expect(r.problems).toContainEqual(expect.objectContaining({ cell: "H8", formula: 'WEBSERVICE("http://x")' }));
  });
});
