import { applicableDue, classify, deadlines, nextDue, parseSchedule } from "../../src/schedule";
import type { DeadlineClass, ReportedStatus, Schedule, UnitReport } from "../../src/schedule";

const YEARLY_Q2 = "Quý II/2026 và hằng năm";
const REVIEWS = "Hàng năm, sơ kết giữa nhiệm kỳ và tổng kết cuối nhiệm kỳ";

describe("deadlines", () => {
  it.each<[string, string[]]>([
    ["Quý III/2026", ["2026-09-30"]],
    [YEARLY_Q2, ["2026-06-30", "2027-06-30", "2028-06-30", "2029-06-30", "2030-06-30"]],
    [REVIEWS, ["2026-12-31", "2027-12-31", "2028-12-31", "2029-12-31", "2030-06-30", "2030-12-31"]],
    ["Tháng 6/2026 và thường xuyên", ["2026-06-30"]],
    ["Thường xuyên", []],
    ["Giai đoạn 2026 - 2027", ["2027-12-31"]],
    ["Giai đoạn 2026 - 2027 và hằng năm", ["2026-12-31", "2027-12-31"]],
    ["Quý II/2026 và hằng tháng", ["2026-04-30", "2026-05-31", "2026-06-30"]],
    [
      "ngày 15/10/2026 và hằng quý",
      [
        "2026-10-15",
        "2026-12-31",
        "2027-03-31",
        "2027-06-30",
        "2027-09-30",
        "2027-12-31",
        "2028-03-31",
        "2028-06-30",
        "2028-09-30",
        "2028-12-31",
        "2029-03-31",
        "2029-06-30",
        "2029-09-30",
        "2029-12-31",
        "2030-03-31",
        "2030-06-30",
        "2030-09-30",
        "2030-12-31",
      ],
    ],
    ["6 tháng cuối năm 2029, định kỳ 6 tháng", ["2029-12-31", "2030-06-30", "2030-12-31"]],
    ["29/2/2028 và hằng năm", ["2028-02-29", "2029-02-28", "2030-02-28"]],
    ["Tháng 12/2026, tháng 6/2026, tháng 12/2026", ["2026-06-30", "2026-12-31"]],
    ["quý V/2026", []],
  ])("%s", (phrase, expected) => {
    expect(deadlines(parseSchedule(phrase))).toEqual(expected);
  });

  it("counts monthly deadlines over the plan's five years", () => {
    const all = deadlines(parseSchedule("hằng tháng"));
    expect(all).toHaveLength(60);
    expect(all.slice(0, 3)).toEqual(["2026-01-31", "2026-02-28", "2026-03-31"]);
    expect(all).toContain("2028-02-29");
    expect(all[59]).toBe("2030-12-31");
  });

  it("reads a schedule built by hand: a repeat without `until` is its first date only", () => {
    const s: Schedule = {
      text: "",
      parsed: true,
      due: "2026-06-30",
      start: null,
      repeat: "yearly",
      until: null,
      milestones: [{ kind: "fixed", due: "2026-01-15", text: "" }],
      unread: [],
    };
    expect(deadlines(s)).toEqual(["2026-01-15", "2026-06-30"]);
  });
});

describe("nextDue", () => {
  it.each<[string, string, string | null]>([
    [YEARLY_Q2, "2026-01-01", "2026-06-30"],
    [YEARLY_Q2, "2026-06-30", "2026-06-30"],
    [YEARLY_Q2, "2026-07-01", "2027-06-30"],
    [YEARLY_Q2, "2030-06-30", "2030-06-30"],
    [YEARLY_Q2, "2030-07-01", null],
    [REVIEWS, "2030-01-01", "2030-06-30"],
    [REVIEWS, "2030-07-01", "2030-12-31"],
    ["Thường xuyên", "2026-07-01", null],
    ["Tháng 6/2026 và thường xuyên", "2026-07-01", null],
    ["Quý III/2026", "2026-09-30", "2026-09-30"],
  ])("%s on %s → %s", (phrase, asOf, expected) => {
    expect(nextDue(parseSchedule(phrase), asOf)).toBe(expected);
  });

  it("refuses a date that is not a calendar day", () => {
    expect(() => nextDue(parseSchedule(YEARLY_Q2), "2026-02-30")).toThrow(RangeError);
    expect(() => nextDue(parseSchedule(YEARLY_Q2), "1/7/2026")).toThrow(RangeError);
  });
});

describe("applicableDue", () => {
  it.each<[string, string, string | null]>([
    // the reporting period from 15/6 keeps 30/6 as the deadline reported on in July
    [YEARLY_Q2, "2026-07-01", "2026-06-30"],
    [YEARLY_Q2, "2026-06-14", "2026-06-30"],
    [YEARLY_Q2, "2026-12-14", "2026-06-30"],
    [YEARLY_Q2, "2026-12-15", "2027-06-30"],
    [YEARLY_Q2, "2031-01-01", "2030-06-30"],
    ["ngày 10/6/2026 và hằng năm", "2026-06-14", "2026-06-10"],
    ["ngày 10/6/2026 và hằng năm", "2026-06-15", "2027-06-10"],
    ["ngày 10/12/2026 và hằng năm", "2026-12-14", "2026-12-10"],
    ["ngày 10/12/2026 và hằng năm", "2026-12-15", "2027-12-10"],
    ["Quý III/2026", "2025-01-01", "2026-09-30"],
    ["Quý III/2026", "2027-03-01", "2026-09-30"],
    ["Thường xuyên", "2026-07-01", null],
    ["quý V/2026", "2026-07-01", null],
  ])("%s on %s → %s", (phrase, asOf, expected) => {
    expect(applicableDue(parseSchedule(phrase), asOf)).toBe(expected);
  });
});

describe("classify", () => {
  const r = (status: ReportedStatus | null, completedOn: string | null = null): UnitReport => ({ status, completedOn });
  type Case = [phrase: string, report: UnitReport | null, asOf: string, expected: DeadlineClass];

  const cases: Case[] = [
    // not reported
    ["Quý III/2026", null, "2026-10-01", "not-reported"],
    ["Quý III/2026", r(null, "2026-09-01"), "2026-10-01", "not-reported"],
    ["Thường xuyên", null, "2026-10-01", "not-reported"],
    // done, with a completion date
    ["Quý III/2026", r("done", "2026-09-30"), "2026-10-01", "done-on-time"],
    ["Quý III/2026", r("done", "2026-10-01"), "2026-10-01", "done-late"],
    ["Quý III/2026", r("done", "2026-08-01"), "2027-03-01", "done-on-time"],
    [YEARLY_Q2, r("done", "2026-06-30"), "2026-07-01", "done-on-time"],
    [YEARLY_Q2, r("done", "2026-07-02"), "2026-07-03", "done-late"],
    ["ngày 10/6/2026 và hằng năm", r("done", "2026-06-12"), "2026-06-14", "done-late"],
    ["ngày 10/6/2026 và hằng năm", r("done", "2026-06-12"), "2026-06-15", "done-on-time"],
    // done without a date: the report date stands in
    ["Quý III/2026", r("done"), "2026-09-30", "done-on-time"],
    ["Quý III/2026", r("done"), "2026-10-01", "done-late"],
    ["Thường xuyên", r("done"), "2026-10-01", "done-on-time"],
    ["Thường xuyên", r("done", "2029-01-01"), "2029-01-02", "done-on-time"],
    // no deadline at all
    ["Thường xuyên", r("in-progress"), "2026-10-01", "ongoing"],
    ["Thường xuyên", r("not-started"), "2026-10-01", "ongoing"],
    // the fixed part passed, the continuous work goes on
    ["Tháng 6/2026 và thường xuyên", r("in-progress"), "2026-07-01", "ongoing"],
    ["Tháng 6/2026 và thường xuyên", r("not-started"), "2026-07-01", "overdue"],
    ["Tháng 6/2026 và thường xuyên", r("in-progress"), "2026-06-30", "due-soon"],
    // overdue
    ["Quý III/2026", r("in-progress"), "2026-10-01", "overdue"],
    ["Quý III/2026", r("not-started"), "2027-03-01", "overdue"],
    [YEARLY_Q2, r("in-progress"), "2026-07-01", "overdue"],
    ["ngày 10/6/2026 và hằng năm", r("in-progress"), "2026-06-14", "overdue"],
    ["ngày 10/6/2026 và hằng năm", r("in-progress"), "2026-06-15", "in-progress"],
    ["ngày 10/12/2026 và hằng năm", r("in-progress"), "2026-12-14", "overdue"],
    ["ngày 10/12/2026 và hằng năm", r("in-progress"), "2026-12-15", "in-progress"],
    // due soon: the due day itself and 30 days before it, inclusive
    ["Quý III/2026", r("in-progress"), "2026-09-30", "due-soon"],
    ["Quý III/2026", r("not-started"), "2026-08-31", "due-soon"],
    ["Quý III/2026", r("in-progress"), "2026-08-30", "in-progress"],
    [YEARLY_Q2, r("in-progress"), "2026-06-14", "due-soon"],
    [YEARLY_Q2, r("in-progress"), "2027-05-31", "due-soon"],
    [YEARLY_Q2, r("in-progress"), "2027-05-30", "in-progress"],
    [REVIEWS, r("in-progress"), "2027-12-01", "due-soon"],
    [REVIEWS, r("in-progress"), "2029-07-01", "in-progress"],
    // 31/12/2029 lies in the period that began on 15/12/2029
    [REVIEWS, r("in-progress"), "2030-01-01", "overdue"],
    // in progress, on schedule
    ["Giai đoạn 2026 - 2030", r("in-progress"), "2026-07-01", "in-progress"],
    ["Giai đoạn 2026 - 2030", r("not-started"), "2026-07-01", "in-progress"],
  ];

  it.each(cases)("%s, %j on %s → %s", (phrase, report, asOf, expected) => {
    expect(classify(parseSchedule(phrase), report, asOf)).toBe(expected);
  });

  it.each<[number, string, DeadlineClass]>([
    [10, "2026-09-20", "due-soon"],
    [10, "2026-09-19", "in-progress"],
    [0, "2026-09-30", "due-soon"],
    [0, "2026-09-29", "in-progress"],
    [90, "2026-07-02", "due-soon"],
  ])("soonDays %i on %s → %s", (soonDays, asOf, expected) => {
    expect(classify(parseSchedule("Quý III/2026"), r("in-progress"), asOf, { soonDays })).toBe(expected);
  });

  it("gives every class", () => {
    const seen = new Set(cases.map(([p, rep, d]) => classify(parseSchedule(p), rep, d)));
    expect([...seen].sort()).toEqual(
      ["done-late", "done-on-time", "due-soon", "in-progress", "not-reported", "ongoing", "overdue"].sort(),
    );
  });

  it("refuses a date that is not a calendar day", () => {
    expect(() => classify(parseSchedule("Quý III/2026"), r("done"), "2026-13-01")).toThrow(RangeError);
  });
});
