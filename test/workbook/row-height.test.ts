/**
 * Row heights for wrapped text: the estimate scans words (any run of white space is one space) and
 * remembers each text's line count per column width — the same heights however often it is asked.
 */
import { wrappedRowHeight } from "../../src/workbook/styles";

const PROSE =
  "Tổ chức quán triệt, triển khai thực hiện Nghị quyết số 08-NQ/TU đến toàn thể cán bộ, đảng viên trong đơn vị";

describe("wrappedRowHeight", () => {
  it.each([
    ["doubled spaces", PROSE.replace(/ /g, "  ")],
    ["tabs and non-breaking spaces", PROSE.replace(/ /g, (_, i: number) => (i % 2 ? "\t" : "\u00a0"))],
    ["leading and trailing space", `   ${PROSE} \u3000`],
    ["line separators and narrow spaces", PROSE.replace(/ /g, "\u202f")],
  ])("counts %s as single spaces", (_label, text) => {
    for (const width of [12, 30, 58])
      expect(wrappedRowHeight([text], [width], 12)).toBe(wrappedRowHeight([PROSE], [width], 12));
  });

  it("grows with the text, shrinks with the width, and bold needs at least as much", () => {
    const short = wrappedRowHeight([PROSE.slice(0, 40)], [30], 12);
    const long = wrappedRowHeight([PROSE], [30], 12);
    expect(long).toBeGreaterThan(short);
    expect(wrappedRowHeight([PROSE], [15], 12)).toBeGreaterThan(long);
    expect(wrappedRowHeight([PROSE], [30], 12, true)).toBeGreaterThanOrEqual(long);
    // One line: Excel's 1.31 × the size, plus padding.
    expect(wrappedRowHeight(["TT"], [5], 12)).toBe(Math.ceil(12 * 1.31 + 4));
  });

  it("gives the same height whether the text was seen before, at another width, or in bold", () => {
    const fresh = [8, 20, 44].map((w) => wrappedRowHeight([PROSE, "Hoàn thành"], [w, 10], 11));
    wrappedRowHeight([PROSE], [20], 11, true);
    const again = [8, 20, 44].map((w) => wrappedRowHeight([PROSE, "Hoàn thành"], [w, 10], 11));
    expect(again).toEqual(fresh);
    expect(new Set(fresh).size).toBe(3);
  });

  it("the tallest cell of the row decides; paragraphs each start a line; empty cells and widths count nothing", () => {
    const one = wrappedRowHeight(["Một"], [10], 12);
    expect(wrappedRowHeight(["Một\nHai\nBa"], [10], 12)).toBe(Math.ceil(3 * 12 * 1.31 + 4));
    expect(wrappedRowHeight(["Một", "Một\nHai"], [10, 10], 12)).toBe(Math.ceil(2 * 12 * 1.31 + 4));
    expect(wrappedRowHeight([null, "", PROSE], [10, 10, 0], 12)).toBe(one);
  });

  it("measures characters outside the basic plane whole, and a lone surrogate as one character", () => {
    const emoji = "😀".repeat(30);
    const lone = "\ud83d".repeat(30);
    expect(wrappedRowHeight([emoji], [10], 12)).toBe(wrappedRowHeight([lone], [10], 12));
    expect(wrappedRowHeight([emoji], [10], 12)).toBeGreaterThan(wrappedRowHeight(["x"], [10], 12));
  });
});
