import { contentHash, parseDateText } from "../../src/consolidate";
import { readDate, readProgress } from "../../src/consolidate/values";
import type { ReadCell } from "../../src/xlsx/read";

const cell = (value: string | number | boolean, extra: Partial<ReadCell> = {}): ReadCell => ({
  ref: "A1",
  row: 1,
  col: 1,
  kind: typeof value === "string" ? "string" : typeof value === "number" ? "number" : "boolean",
  value,
  isDate: false,
  locked: false,
  ...extra,
});

describe("dates as units type them", () => {
  it.each([
    ["30/6/2026", "2026-06-30"],
    ["30/06/2026", "2026-06-30"],
    ["30-06-2026", "2026-06-30"],
    ["30.6.2026", "2026-06-30"],
    [" 1/7/2026 ", "2026-07-01"],
    ["30/6/26", "2026-06-30"],
    ["2026-06-30", "2026-06-30"],
    ["ngày 30 tháng 6 năm 2026", "2026-06-30"],
    ["29/02/2028", "2028-02-29"],
    ["31/02/2026", "invalid"],
    ["29/02/2027", "invalid"],
    ["32/1/2026", "invalid"],
    ["30/13/2026", "invalid"],
    ["2026-02-30", "invalid"],
    ["tháng 6", null],
    ["6/2026", null],
    ["", null],
  ])("%j → %j", (text, expected) => {
    expect(parseDateText(text)).toBe(expected);
  });

  it.each([
    [cell(46203, { isDate: true, numFmt: "dd/mm/yyyy" }), { ok: true, iso: "2026-06-30", how: "date" }],
    [cell(46203.75, { isDate: true }), { ok: true, iso: "2026-06-30", how: "date" }],
    [cell(46203), { ok: true, iso: "2026-06-30", how: "serial" }],
    [cell("30/6/2026"), { ok: true, iso: "2026-06-30", how: "text" }],
    [cell(2026), { ok: false, reason: "not-a-date" }],
    [cell(true), { ok: false, reason: "not-a-date" }],
    [cell("31/02/2026"), { ok: false, reason: "invalid" }],
  ])("cell %# reads as %j", (c, expected) => {
    expect(readDate(c)).toEqual(expected);
  });
});

describe("progress", () => {
  it.each([
    [cell(80), { ok: true, value: 80, converted: false }],
    [cell(0), { ok: true, value: 0, converted: false }],
    [cell(100), { ok: true, value: 100, converted: false }],
    [cell(0.8, { numFmt: "0%" }), { ok: true, value: 80, converted: true }],
    [cell(0.255, { numFmt: "0.0%" }), { ok: true, value: 25.5, converted: true }],
    [cell("80%"), { ok: true, value: 80, converted: true }],
    [cell("80 %"), { ok: true, value: 80, converted: true }],
    [cell("80,5"), { ok: true, value: 80.5, converted: true }],
    [cell("80"), { ok: true, value: 80, converted: true }],
    [cell(120), { ok: false, reason: "range" }],
    [cell(-1), { ok: false, reason: "range" }],
    [cell(1.2, { numFmt: "0%" }), { ok: false, reason: "range" }],
    [cell("gần xong"), { ok: false, reason: "not-a-number" }],
    [cell(true), { ok: false, reason: "not-a-number" }],
  ])("cell %# reads as %j", (c, expected) => {
    expect(readProgress(c)).toEqual(expected);
  });
});

describe("content hash", () => {
  it("depends on every byte and on the length", () => {
    const a = new Uint8Array([1, 2, 3, 4]);
    expect(contentHash(a)).toBe(contentHash(a.slice()));
    expect(contentHash(a)).not.toBe(contentHash(new Uint8Array([1, 2, 3, 5])));
    expect(contentHash(a)).not.toBe(contentHash(new Uint8Array([1, 2, 3, 4, 0])));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{16}$/);
  });
});
