import { columnWidthPoints, maxDigitWidthPx, mmToPoints } from "../../src/excel";
import { columnWidthPixels, maxDigitWidthPx as sharedMaxDigitWidthPx } from "../../src/workbook/metrics";
import { excelWouldConvert, rectangles, chunkRows, batchOps, type Op } from "../../src/excel/plan";
import { rewriteRefs } from "../../src/excel/refs";

describe("units", () => {
  it.each([
    [25.4, 72],
    [10, 28.35],
    [20, 56.69],
    [0, 0],
  ])("%d mm = %d pt", (mm, pt) => expect(mmToPoints(mm)).toBe(pt));

  it.each([
    // Excel's own defaults: Calibri 11 and Arial 10 have a 7 px digit; 8.43 chars = 64 px = 48 pt.
    [{ name: "Calibri", size: 11 }, 7, 8.43, 48],
    [{ name: "Arial", size: 10 }, 7, 8.43, 48],
    [{ name: "Times New Roman", size: 13 }, 9, 10, 72.75],
    [{ name: "Times New Roman", size: 12 }, 8, 10, 63.75],
  ])("%o: digit %d px, %d chars = %d pt", (font, mdw, chars, points) => {
    expect(maxDigitWidthPx(font)).toBe(mdw);
    expect(columnWidthPoints(chars, font)).toBe(points);
  });

  it.each([
    // Times New Roman 13: the padding grows with the font (7 px), as in the .xlsx the writer stores.
    [{ name: "Times New Roman", size: 13 }, 6, 61, 45.75],
    [{ name: "Times New Roman", size: 13 }, 46, 421, 315.75],
    [{ name: "Calibri", size: 11 }, 10, 75, 56.25],
    // A family missing from the table falls back to a typical digit (0.55 em): 8.8 px → 9 px at 12 pt.
    [{ name: "Unknown Font", size: 12 }, 10, 97, 72.75],
  ])("%o: %d chars = the shared %d px × 0.75 = %d pt", (font, chars, px, points) => {
    expect(columnWidthPixels(chars, font)).toBe(px);
    expect(columnWidthPoints(chars, font)).toBe(points);
  });

  it("re-exports the shared digit width, not a copy", () => {
    expect(maxDigitWidthPx).toBe(sharedMaxDigitWidthPx);
  });
});

describe("text that Excel would convert", () => {
  it.each([
    "=A1",
    "+84 912",
    "-",
    "@user",
    "#N/A",
    "'abc",
    "TRUE",
    "false",
    "12",
    "1.5",
    "01/2026",
    "15%",
    "(3)",
    "1-Jan",
    "Jan 2026",
    "2026-06-30",
    "10:30",
  ])("%s is kept as text with '@'", (s) => expect(excelWouldConvert(s)).toBe(true));
  it.each(["", "Nhiệm vụ 1", "Quý I/2026", "Xã Hưng Nguyên", "Đang thực hiện", "Số 08-NQ/TU"])(
    "%s is written as is",
    (s) => expect(excelWouldConvert(s)).toBe(false),
  );
});

describe("rectangles", () => {
  it("merges identical runs downwards and starts a new rectangle when a run changes", () => {
    const grid = [
      ["h", "h", "h"],
      ["a", "b", "b"],
      ["a", "b", "b"],
      ["a", null, "b"],
    ];
    const rects = rectangles(
      grid.length,
      (r) => grid[r - 1]?.length ?? 0,
      (r, c) => grid[r - 1]?.[c - 1] ?? null,
    );
    expect(rects).toEqual([
      { key: "h", top: 1, left: 1, bottom: 1, right: 3 },
      { key: "a", top: 2, left: 1, bottom: 4, right: 1 },
      { key: "b", top: 2, left: 2, bottom: 3, right: 3 },
      { key: "b", top: 4, left: 3, bottom: 4, right: 3 },
    ]);
  });

  it("3,000 uniform rows give one rectangle per column style", () => {
    const rects = rectangles(
      3000,
      () => 4,
      (_r, c) => (c <= 2 ? "x" : "y"),
    );
    expect(rects).toEqual([
      { key: "x", top: 1, left: 1, bottom: 3000, right: 2 },
      { key: "y", top: 1, left: 3, bottom: 3000, right: 4 },
    ]);
  });
});

describe("batching", () => {
  it("cuts rows into chunks under the byte limit, keeping order", () => {
    const rows = Array.from({ length: 100 }, (_, i) => [i, "Nội dung dòng"]);
    const chunks = chunkRows(rows, 500);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flatMap((c) => c.rows)).toEqual(rows);
    for (const c of chunks) expect(JSON.stringify(c.rows).length).toBeLessThanOrEqual(500 + 2 * 20);
    expect(chunks.map((c) => c.offset)).toEqual(
      chunks.map((_, i) => chunks.slice(0, i).reduce((n, x) => n + x.rows.length, 0)),
    );
  });

  it("packs operations greedily up to the limit", () => {
    const op = (bytes: number): Op => ({ features: [], sheet: 0, bytes, run: () => undefined });
    const ops = [op(40), op(40), op(40), op(90), op(10)];
    expect(batchOps(ops, 100).map((b) => b.map((o) => o.bytes))).toEqual([[40, 40], [40], [90, 10]]);
  });
});

describe("rewriteRefs", () => {
  const sheets = new Map([
    ["THEO DÕI", "~t-0"],
    ["DATA", "~t-1"],
  ]);
  const tables = new Map([["THEODOI", "_t_0"]]);
  it.each([
    ["='Theo dõi'!A1+Data!B2", "='~t-0'!A1+'~t-1'!B2", false],
    ["=COUNTIF('theo dõi'!H:H,\"Data!A1\")", "=COUNTIF('~t-0'!H:H,\"Data!A1\")", false],
    ["=SUM(TheoDoi[Số])", "=SUM(_t_0[Số])", true],
    ["=Other!A1+MyData!A1", "=Other!A1+MyData!A1", false],
    ["='It''s'!A1", "='It''s'!A1", false],
  ])("%s → %s", (input, output, usesTables) => {
    expect(rewriteRefs(input, sheets, tables)).toEqual({ formula: output, usesTables });
  });
});
