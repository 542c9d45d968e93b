import { periodContaining, reportPeriod } from "../../src/schedule";

describe("reportPeriod", () => {
  it.each([
    ["2026-H1", "H1", 2026, "2025-12-15", "2026-06-14", "6 tháng đầu năm 2026", "First half of 2026"],
    ["2026-H2", "H2", 2026, "2026-06-15", "2026-12-14", "6 tháng cuối năm 2026", "Second half of 2026"],
    ["2026", "year", 2026, "2025-12-15", "2026-12-14", "Năm 2026", "Year 2026"],
    ["2030-H2", "H2", 2030, "2030-06-15", "2030-12-14", "6 tháng cuối năm 2030", "Second half of 2030"],
  ])("%s", (id, kind, year, from, to, vi, en) => {
    expect(reportPeriod(id)).toEqual({ id, kind, year, from, to, label: { vi, en } });
  });

  it("accepts a lower-case half", () => {
    expect(reportPeriod("2027-h1")?.id).toBe("2027-H1");
  });

  it.each(["", "2026-H3", "2026H1", "26-H1", "2026-Q1", "abcd", "2026-", "H1-2026", "20266", "0999"])(
    "%j → null",
    (id) => {
      expect(reportPeriod(id)).toBeNull();
    },
  );
});

describe("periodContaining", () => {
  it.each([
    ["2026-01-01", "2026-H1"],
    ["2025-12-15", "2026-H1"],
    ["2025-12-14", "2025-H2"],
    ["2026-06-14", "2026-H1"],
    ["2026-06-15", "2026-H2"],
    ["2026-12-14", "2026-H2"],
    ["2026-12-15", "2027-H1"],
    ["2026-12-31", "2027-H1"],
    ["2028-02-29", "2028-H1"],
    ["2026-07-01", "2026-H2"],
  ])("%s lies in %s", (date, id) => {
    const p = periodContaining(date);
    expect(p).toEqual(reportPeriod(id));
    expect(p.from <= date && date <= p.to).toBe(true);
  });

  it("tiles the calendar: each period starts the day after the previous one ends", () => {
    let p = periodContaining("2026-01-01");
    for (let i = 0; i < 12; i++) {
      const end = new Date(`${p.to}T00:00:00Z`);
      const next = new Date(end.getTime() + 86400000).toISOString().slice(0, 10);
      const q = periodContaining(next);
      expect(q.from).toBe(next);
      expect(q.id).not.toBe(p.id);
      p = q;
    }
  });

  it.each(["2026-02-30", "2026-6-1", ""])("refuses %j", (date) => {
    expect(() => periodContaining(date)).toThrow(RangeError);
  });
});
