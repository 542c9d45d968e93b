import { readFileSync } from "fs";
import { join } from "path";
import { builtinPlan } from "../../src/plan";
import { contextFromPlan, DEFAULT_CONTEXT, parseSchedule } from "../../src/schedule";
import type { Milestone, Repeat } from "../../src/schedule";

type Row = [phrase: string, due: string | null, start: string | null, repeat: Repeat, until: string | null];

const MID_TERM: Omit<Milestone, "text"> = { kind: "mid-term-review", due: "2027-12-31" };
const END_OF_TERM: Omit<Milestone, "text"> = { kind: "end-of-term-review", due: "2030-06-30" };

/** The seed's "Thời gian thực hiện" column, read from the copy of the source document. */
function seedTimings(): string[] {
  const text = readFileSync(join(__dirname, "..", "fixtures", "seed-ke-hoach-08-NQ-TU.txt"), "utf8");
  return text
    .split("\n")
    .filter((line) => /^\d+\t/.test(line))
    .map((line) => line.split("\t")[2]!.normalize("NFC"));
}

describe("the seed's timing phrases", () => {
  const seed: Row[] = [
    ["Tháng 6/2026 và thường xuyên", "2026-06-30", "2026-06-01", "ongoing", "2030-12-31"],
    ["Năm 2026 và thường xuyên", "2026-12-31", "2026-01-01", "ongoing", "2030-12-31"],
    ["Tháng 6/2026", "2026-06-30", "2026-06-01", "none", null],
    ["Tháng 6/2026 và hàng năm", "2026-06-30", "2026-06-01", "yearly", "2030-06-30"],
    ["Quý II/2026 và hằng năm", "2026-06-30", "2026-04-01", "yearly", "2030-06-30"],
    ["Giai đoạn 2026 - 2030", "2030-12-31", "2026-01-01", "none", null],
    ["Năm 2026", "2026-12-31", "2026-01-01", "none", null],
    ["Quý III/2026", "2026-09-30", "2026-07-01", "none", null],
    ["Giai đoạn 2026 - 2027", "2027-12-31", "2026-01-01", "none", null],
    ["Thường xuyên", null, null, "ongoing", "2030-12-31"],
    ["Hàng năm, sơ kết giữa nhiệm kỳ và tổng kết cuối nhiệm kỳ", "2026-12-31", null, "yearly", "2030-12-31"],
  ];

  it("covers every distinct phrase of the seed", () => {
    expect(new Set(seedTimings())).toEqual(new Set(seed.map((r) => r[0])));
    expect(seedTimings()).toHaveLength(17);
  });

  it.each(seed)("%s", (phrase, due, start, repeat, until) => {
    const s = parseSchedule(phrase);
    expect(s).toEqual({
      text: phrase,
      parsed: true,
      due,
      start,
      repeat,
      until,
      milestones: phrase.startsWith("Hàng năm")
        ? [
            { ...MID_TERM, text: "sơ kết giữa nhiệm kỳ" },
            { ...END_OF_TERM, text: "tổng kết cuối nhiệm kỳ" },
          ]
        : [],
      unread: [],
    });
  });

  it("reads every task of the built-in plan in the plan's own context", () => {
    const plan = builtinPlan();
    const ctx = contextFromPlan(plan);
    expect(ctx).toEqual(DEFAULT_CONTEXT);
    for (const task of plan.tasks) expect(parseSchedule(task.timing, ctx).parsed).toBe(true);
  });
});

describe("general forms", () => {
  const rows: Row[] = [
    // months
    ["tháng 6 năm 2026", "2026-06-30", "2026-06-01", "none", null],
    ["6/2026", "2026-06-30", "2026-06-01", "none", null],
    ["06/2026", "2026-06-30", "2026-06-01", "none", null],
    ["T6/2026", "2026-06-30", "2026-06-01", "none", null],
    ["Tháng 2/2028", "2028-02-29", "2028-02-01", "none", null],
    ["Tháng 2/2027", "2027-02-28", "2027-02-01", "none", null],
    ["Tháng 12-2026", "2026-12-31", "2026-12-01", "none", null],
    ["Trong tháng 9/2026", "2026-09-30", "2026-09-01", "none", null],
    // quarters
    ["Quý 3/2026", "2026-09-30", "2026-07-01", "none", null],
    ["Quý III năm 2026", "2026-09-30", "2026-07-01", "none", null],
    ["Quý I/2027", "2027-03-31", "2027-01-01", "none", null],
    ["Quý IV/2026", "2026-12-31", "2026-10-01", "none", null],
    ["Q2/2026", "2026-06-30", "2026-04-01", "none", null],
    // half years
    ["6 tháng đầu năm 2026", "2026-06-30", "2026-01-01", "none", null],
    ["6 tháng cuối năm 2026", "2026-12-31", "2026-07-01", "none", null],
    // years
    ["2026", "2026-12-31", "2026-01-01", "none", null],
    ["trong năm 2027", "2027-12-31", "2027-01-01", "none", null],
    // periods
    ["2025-2026", "2026-12-31", "2025-01-01", "none", null],
    ["2026–2030", "2030-12-31", "2026-01-01", "none", null],
    ["từ năm 2026 đến năm 2030", "2030-12-31", "2026-01-01", "none", null],
    ["Giai đoạn 2026—2028", "2028-12-31", "2026-01-01", "none", null],
    ["từ tháng 6/2026 đến tháng 3/2027", "2027-03-31", "2026-06-01", "none", null],
    ["từ ngày 1/7/2026 đến ngày 30/9/2026", "2026-09-30", "2026-07-01", "none", null],
    // days
    ["Trước ngày 30/9/2026", "2026-09-30", null, "none", null],
    ["ngày 15/10/2026", "2026-10-15", null, "none", null],
    ["30/9/2026", "2026-09-30", null, "none", null],
    ["Chậm nhất ngày 05/01/2027", "2027-01-05", null, "none", null],
    ["ngày 30 tháng 9 năm 2026", "2026-09-30", null, "none", null],
    ["29/02/2028", "2028-02-29", null, "none", null],
    // repeats alone run over the plan's years
    ["hằng năm", "2026-12-31", null, "yearly", "2030-12-31"],
    ["Hàng quý", "2026-03-31", null, "quarterly", "2030-12-31"],
    ["hằng tháng", "2026-01-31", null, "monthly", "2030-12-31"],
    ["định kỳ 6 tháng", "2026-06-30", null, "half-yearly", "2030-12-31"],
    ["6 tháng một lần", "2026-06-30", null, "half-yearly", "2030-12-31"],
    ["Định kỳ hằng năm", "2026-12-31", null, "yearly", "2030-12-31"],
    ["Thường xuyên, liên tục", null, null, "ongoing", "2030-12-31"],
    // combinations
    ["Quý II/2026 và hằng năm", "2026-06-30", "2026-04-01", "yearly", "2030-06-30"],
    ["Quý II/2026 hằng năm", "2026-06-30", "2026-04-01", "yearly", "2030-06-30"],
    ["Tháng 6/2026; hằng quý", "2026-06-30", "2026-06-01", "quarterly", "2030-12-31"],
    ["Tháng 6/2026, hằng tháng", "2026-06-30", "2026-06-01", "monthly", "2030-12-31"],
    ["ngày 15/10/2026 và hằng quý", "2026-10-15", null, "quarterly", "2030-12-31"],
    ["Năm 2027 và những năm tiếp theo", "2027-12-31", "2027-01-01", "yearly", "2030-12-31"],
    ["Tháng 9/2026 và các năm tiếp theo", "2026-09-30", "2026-09-01", "yearly", "2030-09-30"],
    ["6 tháng đầu năm 2026 và định kỳ 6 tháng", "2026-06-30", "2026-01-01", "half-yearly", "2030-12-31"],
    ["Giai đoạn 2026 - 2030 và thường xuyên", "2030-12-31", "2026-01-01", "ongoing", "2030-12-31"],
    // a window holding several slots bounds the repeat
    ["Giai đoạn 2026 - 2030 và hằng năm", "2026-12-31", "2026-01-01", "yearly", "2030-12-31"],
    ["Giai đoạn 2026 - 2027, hằng quý", "2026-03-31", "2026-01-01", "quarterly", "2027-12-31"],
    ["Quý II/2026 và hằng tháng", "2026-04-30", "2026-04-01", "monthly", "2026-06-30"],
    // 29 February falls on 28 February in common years
    ["29/2/2028 và hằng năm", "2028-02-29", null, "yearly", "2030-02-28"],
    // a deadline past the plan's years is its own end
    ["Năm 2031 và hằng năm", "2031-12-31", "2031-01-01", "yearly", "2031-12-31"],
  ];

  it.each(rows)("%s", (phrase, due, start, repeat, until) => {
    const s = parseSchedule(phrase);
    expect({
      parsed: s.parsed,
      unread: s.unread,
      due: s.due,
      start: s.start,
      repeat: s.repeat,
      until: s.until,
    }).toEqual({ parsed: true, unread: [], due, start, repeat, until });
    expect(s.text).toBe(phrase.normalize("NFC"));
  });
});

describe("typing variants read the same as the clean phrase", () => {
  const nfd = (t: string) => t.normalize("NFD");
  const clean = parseSchedule("Quý II/2026 và hằng năm");
  it.each([
    "quy II/2026 va hang nam",
    "QUÝ II/2026 VÀ HẰNG NĂM",
    nfd("Quý II/2026 và hằng năm"),
    "Quý II/2026 và hàng năm",
    "  Quý   II / 2026   và\u00a0hằng năm.",
    "Quý\u00a0II/2026\tvà hằng năm",
    "quý ii/2026, hằng năm",
    "Quý 2/2026 và hằng năm",
    "Quý II năm 2026 và hằng năm",
    "quy 2-2026 ; hang nam",
  ])("%j", (typed) => {
    const s = parseSchedule(typed);
    expect(s.text).toBe(typed.normalize("NFC"));
    expect({ ...s, text: "" }).toEqual({ ...clean, text: "" });
  });

  it.each([
    ["Giai đoạn 2026 – 2030", "2030-12-31"],
    ["Giai đoạn 2026 — 2030", "2030-12-31"],
    ["giai doan 2026-2030.", "2030-12-31"],
    ["GIAI ĐOẠN 2026 - 2030", "2030-12-31"],
    ["Ðến ngày 30/9/2026", "2026-09-30"],
    ["thang 6/2026 va thuong xuyen", "2026-06-30"],
    [nfd("Tháng 6/2026 và thường xuyên"), "2026-06-30"],
    ["nam 2026", "2026-12-31"],
  ])("%j is due %s", (typed, due) => {
    const s = parseSchedule(typed);
    expect(s.parsed).toBe(true);
    expect(s.due).toBe(due);
  });

  it("keeps the text as given, composed", () => {
    expect(parseSchedule(nfd("Năm 2026")).text).toBe("Năm 2026");
    expect(parseSchedule(" Năm 2026 ").text).toBe(" Năm 2026 ");
  });
});

describe("milestones", () => {
  it("places the term reviews from the context's term", () => {
    const s = parseSchedule("Sơ kết giữa nhiệm kỳ; tổng kết cuối nhiệm kỳ");
    expect(s.due).toBe("2027-12-31");
    expect(s.milestones).toEqual([
      { ...MID_TERM, text: "Sơ kết giữa nhiệm kỳ" },
      { ...END_OF_TERM, text: "tổng kết cuối nhiệm kỳ" },
    ]);
  });

  it("follows another term and plan", () => {
    const ctx = { planYears: { from: 2021, to: 2025 }, term: { from: 2020, to: 2025 } };
    const s = parseSchedule("Hàng năm, sơ kết giữa nhiệm kỳ và tổng kết cuối nhiệm kỳ", ctx);
    expect(s.due).toBe("2021-12-31");
    expect(s.until).toBe("2025-12-31");
    expect(s.milestones.map((m) => [m.kind, m.due])).toEqual([
      ["mid-term-review", "2022-12-31"],
      ["end-of-term-review", "2025-06-30"],
    ]);
    expect(parseSchedule("Thường xuyên", ctx).until).toBe("2025-12-31");
  });

  it("keeps the words as typed, without diacritics too", () => {
    const s = parseSchedule("hang nam, so ket giua nhiem ky va tong ket cuoi nhiem ky");
    expect(s.milestones.map((m) => m.text)).toEqual(["so ket giua nhiem ky", "tong ket cuoi nhiem ky"]);
  });

  it("turns further windows into fixed milestones", () => {
    const s = parseSchedule("Tháng 12/2026, tháng 6/2026");
    expect(s.due).toBe("2026-06-30");
    expect(s.start).toBe("2026-06-01");
    expect(s.milestones).toEqual([{ kind: "fixed", due: "2026-12-31", text: "Tháng 12/2026" }]);
  });

  it("mixes a repeat, a window and a review", () => {
    const s = parseSchedule("Quý II/2026 và hằng năm; sơ kết giữa nhiệm kỳ");
    expect([s.due, s.repeat, s.until]).toEqual(["2026-06-30", "yearly", "2030-06-30"]);
    expect(s.milestones).toEqual([{ ...MID_TERM, text: "sơ kết giữa nhiệm kỳ" }]);
  });
});

describe("what cannot be read is never guessed", () => {
  const bad: Array<[string, string[]]> = [
    ["", [""]],
    ["   ", [""]],
    ["Sớm nhất có thể", ["Sớm nhất có thể"]],
    ["30/02/2026", ["30/02/2026"]],
    ["31/4/2026", ["31/4/2026"]],
    ["29/2/2027", ["29/2/2027"]],
    ["tháng 13/2026", ["tháng 13/2026"]],
    ["Tháng 0/2026", ["Tháng 0/2026"]],
    ["quý V/2026", ["quý V/2026"]],
    ["Quý 5/2026", ["Quý 5/2026"]],
    ["Năm 1899", ["Năm 1899"]],
    ["Năm 2101", ["Năm 2101"]],
    ["Giai đoạn 2030 - 2026", ["Giai đoạn 2030 - 2026"]],
    ["từ tháng 6/2026 đến tháng 3/2026", ["từ tháng 6/2026 đến tháng 3/2026"]],
    ["Tháng 6", ["Tháng 6"]],
    ["Quý II", ["Quý II"]],
    ["6 tháng", ["6 tháng"]],
    ["Tháng 6/2026 và sau đó", ["sau đó"]],
    ["Quý II/2026 và hằng năm, khi có yêu cầu", ["khi có yêu cầu"]],
    ["abc; Năm 2026; xyz", ["abc", "xyz"]],
    ["những năm tiếp theo", ["những năm tiếp theo"]],
    ["Thường xuyên và hằng quý", ["hằng quý"]],
    ["Tháng 6/2026 và", ["Tháng 6/2026 và"]],
    ["định kỳ", ["định kỳ"]],
    ["Năm 2026 2027x", ["Năm 2026 2027x"]],
  ];

  it.each(bad)("%j → unread %j", (phrase, unread) => {
    expect(parseSchedule(phrase)).toEqual({
      text: phrase,
      parsed: false,
      due: null,
      start: null,
      repeat: "none",
      until: null,
      milestones: [],
      unread,
    });
  });

  it("reports the unread part as typed (composed), not as folded", () => {
    expect(parseSchedule("Quý II/2026 và KHI CẦN".normalize("NFD")).unread).toEqual(["KHI CẦN"]);
  });
});

describe("phrases real appendices write (issue 13), read in the document's own context", () => {
  // The term and years come from the plan being imported (2021–2025 here), never from the built-in plan.
  const ctx = { planYears: { from: 2025, to: 2030 }, term: { from: 2020, to: 2025 } };
  const rows: Row[] = [
    ["6/2025", "2025-06-30", "2025-06-01", "none", null],
    ["06/2025", "2025-06-30", "2025-06-01", "none", null],
    ["Tháng 10/2025", "2025-10-31", "2025-10-01", "none", null],
    ["Quý II/2025", "2025-06-30", "2025-04-01", "none", null],
    ["2025", "2025-12-31", "2025-01-01", "none", null],
    ["2025 - 2026", "2026-12-31", "2025-01-01", "none", null],
    ["2025-2026", "2026-12-31", "2025-01-01", "none", null],
    ["2025 và những năm tiếp theo", "2025-12-31", "2025-01-01", "yearly", "2030-12-31"],
    ["Thường xuyên", null, null, "ongoing", "2030-12-31"],
    ["Nhiệm vụ thường xuyên", null, null, "ongoing", "2030-12-31"],
    ["Hằng năm", "2025-12-31", null, "yearly", "2030-12-31"],
    ["hằng năm", "2025-12-31", null, "yearly", "2030-12-31"],
    ["Cuối năm 2026", "2026-12-31", "2026-10-01", "none", null],
    ["Đầu năm 2027", "2027-03-31", "2027-01-01", "none", null],
    ["Trước ngày 30/6/2026", "2026-06-30", null, "none", null],
    ["Chậm nhất ngày 15/3/2026", "2026-03-15", null, "none", null],
    ["Chậm nhất là ngày 15/3/2026", "2026-03-15", null, "none", null],
    ["Chậm nhất trong tháng 6/2026", "2026-06-30", "2026-06-01", "none", null],
    ["Chậm nhất quý II/2026", "2026-06-30", "2026-04-01", "none", null],
    ["Cuối tháng 6/2026", "2026-06-30", "2026-06-01", "none", null],
    ["Cuối quý III/2026", "2026-09-30", "2026-07-01", "none", null],
    ["Thực hiện thường xuyên", null, null, "ongoing", "2030-12-31"],
    ["Đầu năm 2027 và hằng năm", "2027-03-31", "2027-01-01", "yearly", "2030-03-31"],
  ];
  it.each(rows)("%s", (phrase, due, start, repeat, until) => {
    const s = parseSchedule(phrase, ctx);
    expect([s.parsed, s.due, s.start, s.repeat, s.until, s.milestones, s.unread]).toEqual([
      true,
      due,
      start,
      repeat,
      until,
      [],
      [],
    ]);
  });

  it("term reviews fall in the document's term, not the built-in one", () => {
    const s = parseSchedule("sơ kết giữa nhiệm kỳ", ctx);
    expect(s.milestones).toEqual([{ kind: "mid-term-review", due: "2022-12-31", text: "sơ kết giữa nhiệm kỳ" }]);
  });
});
