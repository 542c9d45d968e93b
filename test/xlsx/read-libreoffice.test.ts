import { detectFormat, readXlsx, XlsxReadError, type ReadWorkbook } from "../../src/xlsx/read";
import { buildSampleWorkbook, SAMPLE_SHEETS } from "../helpers/fixtures";
import { sofficeConvert } from "../helpers/soffice-read";
import { readXls } from "../../src/xls";

let original: ReadWorkbook;
let resaved: ReadWorkbook;
let xls: Uint8Array;
let ods: Uint8Array;

beforeAll(async () => {
  const bytes = await buildSampleWorkbook();
  original = readXlsx(bytes);
  resaved = readXlsx(await sofficeConvert(bytes, "xlsx"));
  xls = await sofficeConvert(bytes, "xls");
  ods = await sofficeConvert(bytes, "ods");
}, 240_000);

describe("a form re-saved by LibreOffice", () => {
  it("was really written by LibreOffice", () => {
    expect(resaved.app.application).toMatch(/^LibreOffice/);
  });

  it("has the same values, kinds and date flags in every sheet", () => {
    for (const ws of original.sheets) {
      const other = resaved.sheet(ws.name);
      expect(other?.cells.map((c) => c.ref)).toEqual(ws.cells.map((c) => c.ref));
      for (const c of ws.cells) {
        const o = other?.cell(c.ref);
        expect({ ref: c.ref, kind: o?.kind, isDate: o?.isDate, locked: o?.locked }).toEqual({
          ref: c.ref,
          kind: c.kind,
          isDate: c.isDate,
          locked: c.locked,
        });
        if (typeof c.value === "number") expect(o?.value as number).toBeCloseTo(c.value, 8);
        else expect(o?.value).toBe(c.value);
      }
    }
  });

  it("reads LibreOffice's true/false booleans", () => {
    expect(resaved.sheet(SAMPLE_SHEETS.main)?.cell("D2")).toMatchObject({ kind: "boolean", value: true });
    expect(resaved.sheet(SAMPLE_SHEETS.main)?.cell("D3")).toMatchObject({ kind: "boolean", value: false });
  });

  it("keeps protection, validations, merges, names and custom properties", () => {
    const ws = resaved.sheet(SAMPLE_SHEETS.main);
    expect(ws?.protection).toEqual({ sheet: true, hasPassword: true });
    expect(resaved.sheet(SAMPLE_SHEETS.plain)?.protection).toEqual({ sheet: true, hasPassword: false });
    expect(ws?.merges.slice().sort()).toEqual(["A1:F1", "B9:D10"]);
    const bySqref = new Map((ws?.validations ?? []).map((v) => [v.sqref, v]));
    expect(bySqref.get("I2:I10")).toMatchObject({
      type: "list",
      formula1: '"Có,Không"',
      allowBlank: true,
      showErrorMessage: true,
    });
    expect(bySqref.get("J2:J10")).toMatchObject({ type: "whole", operator: "between", formula1: "0", formula2: "100" });
    expect(bySqref.get("K2:K20")).toMatchObject({ type: "list", formula1: `'${SAMPLE_SHEETS.list}'!$A$1:$A$5` });
    expect(resaved.definedNames.map((d) => [d.name, d.formula])).toEqual(
      expect.arrayContaining(original.definedNames.map((d) => [d.name, d.formula])),
    );
    expect(resaved.customProperties).toEqual(original.customProperties);
  });

  it("turns veryHidden into hidden", () => {
    expect(resaved.sheets.map((s) => [s.name, s.state])).toEqual([
      [SAMPLE_SHEETS.main, "visible"],
      [SAMPLE_SHEETS.list, "hidden"],
      [SAMPLE_SHEETS.config, "hidden"],
      [SAMPLE_SHEETS.plain, "visible"],
    ]);
  });
});

describe("other formats written by LibreOffice", () => {
  it("a .xls is detected, and the synchronous .xlsx reader refuses it with its own code", () => {
    expect(detectFormat(xls)).toBe("xls");
    let error: unknown;
    try {
      readXlsx(xls);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XlsxReadError);
    expect((error as XlsxReadError).code).toBe("xls");
  });

  /** Every sheet's cells as [ref, kind, value, isDate], values rounded as LibreOffice writes them. */
  const cellsOf = (wb: ReadWorkbook) =>
    wb.sheets.map((s) => ({
      name: s.name,
      cells: s.cells
        .filter((c) => !(c.kind === "string" && c.value === ""))
        .map((c) => [c.ref, c.kind, typeof c.value === "number" ? Number(c.value.toPrecision(12)) : c.value, c.isDate]),
    }));

  it("a .ods is read into the same cells, merges, sheet states and identity as LibreOffice's .xlsx", () => {
    expect(detectFormat(ods)).toBe("ods");
    const wb = readXlsx(ods);
    expect(wb.format).toBe("ods");
    // LibreOffice's .ods keeps =TRUE() as the number 1 (its .xlsx export calls it a boolean).
    const asNumbers = (w: ReadWorkbook) =>
      cellsOf(w).map((s) => ({
        ...s,
        cells: s.cells.map((c) => (c[1] === "boolean" ? [c[0], "number", c[2] ? 1 : 0, c[3]] : c)),
      }));
    expect(asNumbers(wb)).toEqual(asNumbers(resaved));
    expect(wb.sheets.map((s) => [s.name, s.state, [...s.merges].sort()])).toEqual(
      resaved.sheets.map((s) => [s.name, s.state, [...s.merges].sort()]),
    );
    // Every custom property (LibreOffice adds the .xlsx's AppVersion to them in meta.xml).
    expect(wb.customProperties).toMatchObject(resaved.customProperties);
    for (const s of resaved.sheets)
      for (const c of s.cells) expect([c.ref, wb.sheet(s.name)?.cell(c.ref)?.locked]).toEqual([c.ref, c.locked]);
  });

  it("a .xls is read (library loaded on demand) into the same cells and sheet states", async () => {
    const wb = await readXls(xls);
    expect(wb.format).toBe("xls");
    // Known limit: the library reads the cached text of a string formula LibreOffice wrote to
    // BIFF as 0, so formula cells are only checked to be formulas (BIFF spells them differently).
    const noFormulas = (w: ReadWorkbook) =>
      cellsOf(w).map((s, i) => ({
        ...s,
        cells: s.cells.filter((c) => w.sheets[i]!.cell(c[0] as string)?.formula === undefined),
      }));
    expect(noFormulas(wb)).toEqual(noFormulas(resaved));
    for (const s of resaved.sheets)
      for (const c of s.cells.filter((x) => x.formula !== undefined))
        expect([c.ref, wb.sheet(s.name)?.cell(c.ref)?.formula !== undefined]).toEqual([c.ref, true]);
    expect(wb.sheets.map((s) => [s.name, s.state === "veryHidden" ? "hidden" : s.state])).toEqual(
      resaved.sheets.map((s) => [s.name, s.state]),
    );
  });
});
