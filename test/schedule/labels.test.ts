import { DEADLINE_CLASS_LABELS, readStatus, REPEAT_LABELS, REPORTED_STATUS_LABELS } from "../../src/schedule";
import type { ReportedStatus } from "../../src/schedule";

describe("labels", () => {
  it("names the classes in Vietnamese and English", () => {
    expect(Object.fromEntries(Object.entries(DEADLINE_CLASS_LABELS).map(([k, t]) => [k, t.vi]))).toEqual({
      "done-on-time": "Hoàn thành đúng hạn",
      "done-late": "Hoàn thành quá hạn",
      "in-progress": "Đang thực hiện trong hạn",
      "due-soon": "Sắp đến hạn",
      overdue: "Quá hạn",
      ongoing: "Thường xuyên / không có hạn",
      "not-reported": "Chưa báo cáo",
    });
    expect(DEADLINE_CLASS_LABELS.overdue.en).toBe("Overdue");
  });

  it("names the statuses and repeats", () => {
    expect(Object.values(REPORTED_STATUS_LABELS).map((t) => t.vi)).toEqual([
      "Chưa triển khai",
      "Đang thực hiện",
      "Hoàn thành",
    ]);
    expect(REPEAT_LABELS.yearly.vi).toBe("Hằng năm");
    expect(REPEAT_LABELS["half-yearly"].vi).toBe("6 tháng một lần");
    expect(REPEAT_LABELS.none.vi).toBe("Không lặp");
  });

  it("stores every label in NFC with English beside it", () => {
    for (const table of [DEADLINE_CLASS_LABELS, REPORTED_STATUS_LABELS, REPEAT_LABELS])
      for (const t of Object.values(table)) {
        expect(t.vi).toBe(t.vi.normalize("NFC"));
        expect(t.en).toMatch(/^[A-Z][A-Za-z ,/]+$/);
      }
  });

  it("reads back every status label it writes", () => {
    for (const [status, t] of Object.entries(REPORTED_STATUS_LABELS)) expect(readStatus(t.vi)).toBe(status);
  });
});

describe("readStatus", () => {
  const nfd = (t: string) => t.normalize("NFD");
  it.each<[string, ReportedStatus]>([
    ["Hoàn thành", "done"],
    ["hoàn thành", "done"],
    ["HOÀN THÀNH", "done"],
    ["hoan thanh", "done"],
    ["Hoan Thanh", "done"],
    [nfd("Hoàn thành"), "done"],
    ["Đã hoàn thành", "done"],
    ["da hoan thanh", "done"],
    ["Xong", "done"],
    ["  xong. ", "done"],
    ["Đang thực hiện", "in-progress"],
    ["dang thuc hien", "in-progress"],
    ["Đang  triển\u00a0khai", "in-progress"],
    ["Ðang làm", "in-progress"],
    ["ĐANG LÀM", "in-progress"],
    [nfd("Đang triển khai"), "in-progress"],
    ["Chưa triển khai", "not-started"],
    ["chua trien khai", "not-started"],
    ["Chưa thực hiện", "not-started"],
    [nfd("CHƯA THỰC HIỆN"), "not-started"],
    // tone mark on the other vowel, and words mixed with and without diacritics
    ["Hòan thành", "done"],
    ["Chưa thuc hien", "not-started"],
    ["đang thuc hiện", "in-progress"],
  ])("%j → %s", (text, status) => {
    expect(readStatus(text)).toBe(status);
  });

  it.each([
    "",
    "   ",
    "Chưa hoàn thành",
    "Hoàn",
    "Hoàn thánh",
    "Đang hoàn thành",
    "Không",
    "x",
    "done",
    "Hoàn thành đúng hạn",
    "Xong rồi",
  ])("%j → null", (text) => {
    expect(readStatus(text)).toBeNull();
  });
});
