/** Table tests of the import's small pure parts: cleaning, header meanings, agencies. */
import { agencyKey, isCollective, isCommuneLevel, splitAgencies } from "../../src/import/agencies";
import { cleanCellText } from "../../src/import/clean";
import { fieldOf, headerAt, isColumnNumbering } from "../../src/import/headers";
import { groupLabel, headingText } from "../../src/import/rows";
import { tableFromGrid } from "../../src/import/table";

describe("cell text is kept verbatim, only the wrapping is cleaned", () => {
  it.each([
    ["Xây dựng đề án chuyển\u00a0đổi số", "Xây dựng đề án chuyển đổi số"],
    ["chuyển đổi số\u00ad hoá", "chuyển đổi số hoá"],
    ["Nghị quyết¹ và Kế hoạch²", "Nghị quyết và Kế hoạch"],
    ["Nghị quyết[1] số 08", "Nghị quyết số 08"],
    ["**Xây dựng** kế hoạch", "Xây dựng kế hoạch"],
    ["<b>TT</b>", "TT"],
    ["Ban hành quy chế<br>- quản lý<br/>- chia sẻ", "Ban hành quy chế\n- quản lý\n- chia sẻ"],
    ["Dòng một\r\n\r\n  Dòng   hai  ", "Dòng một\nDòng hai"],
    ["Nâng cấp hạ tầng".normalize("NFD"), "Nâng cấp hạ tầng"],
    ["giai đoạn 2026 – 2030", "giai đoạn 2026 - 2030"],
    ["*(Kèm theo Kế hoạch)*", "(Kèm theo Kế hoạch)"],
    ["OKR/KPI.", "OKR/KPI."],
    ["Hệ số 2*3*4", "Hệ số 2*3*4"],
  ])("%j → %j", (raw, clean) => {
    expect(cleanCellText(raw)).toBe(clean);
  });
});

describe("headers are read by meaning, in any wording", () => {
  it.each([
    ["TT", "number"],
    ["STT", "number"],
    ["Số TT", "number"],
    ["Nội dung công việc", "content"],
    ["Tên nhiệm vụ", "content"],
    ["Nhiệm vụ", "content"],
    ["NỘI DUNG NHIỆM VỤ", "content"],
    ["Thời gian thực hiện", "timing"],
    ["Thời gian hoàn thành", "timing"],
    ["Thời hạn", "timing"],
    ["Tiến độ", "timing"],
    ["Thời hạn hoàn thành", "timing"],
    ["Cơ quan chủ trì tham mưu thực hiện", "lead"],
    ["Cơ quan chủ trì", "lead"],
    ["Đơn vị chủ trì", "lead"],
    ["Cơ quan thực hiện Chủ trì", "lead"],
    ["Cơ quan phối hợp", "partners"],
    ["Cơ quan thực hiện Phối hợp", "partners"],
    ["Cấp ban hành", "issuer"],
    ["Cấp trình", "issuer"],
    ["Kết quả", "result"],
    ["Sản phẩm", "result"],
    ["Kết quả / sản phẩm", "result"],
    ["Ghi chú", "note"],
    ["co quan chu tri", "lead"],
  ])("%s → %s", (header, field) => {
    expect(fieldOf(header)).toBe(field);
  });

  it("returns null for words that name no column", () => {
    expect(fieldOf("Ký tên")).toBeNull();
    expect(fieldOf("")).toBeNull();
  });

  it("reads a two-row header with a merged group cell over Chủ trì / Phối hợp", () => {
    const t = tableFromGrid(
      { vi: "t", en: "t" },
      [
        ["TT", "Nội dung", "Cơ quan thực hiện", "", "Thời hạn"],
        ["", "", "Chủ trì", "Phối hợp", ""],
        ["1", "Việc một", "Sở Nội vụ", "Sở Tài chính", "2026"],
      ],
      () => ({ vi: "", en: "" }),
      [
        { top: 0, left: 0, bottom: 1, right: 0 },
        { top: 0, left: 1, bottom: 1, right: 1 },
        { top: 0, left: 2, bottom: 0, right: 3 },
        { top: 0, left: 4, bottom: 1, right: 4 },
      ],
    );
    const h = headerAt(t.rows, 0)!;
    expect(h.rows).toBe(2);
    expect(Object.fromEntries(h.columns)).toEqual({ number: 0, content: 1, lead: 2, partners: 3, timing: 4 });
  });

  it("knows a column-numbering row", () => {
    expect(isColumnNumbering([{ text: "(1)" }, { text: "(2)" }, { text: "(3)" }, { text: "(4)" }])).toBe(true);
    expect(isColumnNumbering([{ text: "1" }, { text: "Xây dựng" }, { text: "2026" }])).toBe(false);
  });
});

describe("group headings", () => {
  it.each([
    ["I", "I"],
    ["II.", "II"],
    ["IV)", "IV"],
    ["A", "A"],
    ["B-", "B"],
    ["1", null],
    ["1.", null],
    ["IIII", null],
  ])("TT %j → %j", (tt, label) => {
    expect(groupLabel(tt)).toBe(label);
  });
  it.each([
    ["I. NHÓM NHIỆM VỤ VỀ THỂ CHẾ", { label: "I", title: "NHÓM NHIỆM VỤ VỀ THỂ CHẾ" }],
    ["A- Công tác tuyên truyền", { label: "A", title: "Công tác tuyên truyền" }],
    ["Nhóm 2: Nhiệm vụ về cán bộ", { label: "", title: "Nhóm 2: Nhiệm vụ về cán bộ" }],
    ["Xây dựng kế hoạch", null],
  ])("%j → %j", (text, heading) => {
    expect(headingText(text)).toEqual(heading);
  });
});

describe("agencies are split without breaking a name or a collective", () => {
  it.each([
    ["Ban Tổ chức Tỉnh ủy/Sở Nội vụ", ["Ban Tổ chức Tỉnh ủy", "Sở Nội vụ"]],
    ["Sở Khoa học và Công nghệ/ Sở Tài chính", ["Sở Khoa học và Công nghệ", "Sở Tài chính"]],
    ["Ban Tuyên giáo và Dân vận Tỉnh ủy", ["Ban Tuyên giáo và Dân vận Tỉnh ủy"]],
    ["Ban xây dựng Đảng các Đảng ủy xã, phường", ["Ban xây dựng Đảng các Đảng ủy xã, phường"]],
    ["Sở Nội vụ, Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]],
    ["Sở Nội vụ và Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]],
    ["Bộ Công an; Bộ Quốc phòng", ["Bộ Công an", "Bộ Quốc phòng"]],
    ["Các bộ, ngành, địa phương", ["Các bộ, ngành, địa phương"]],
    ["Sở Nội vụ, các sở, ban, ngành liên quan", ["Sở Nội vụ", "các sở, ban, ngành liên quan"]],
    ["Ủy ban MTTQ và các tổ chức chính trị - xã hội tỉnh", ["Ủy ban MTTQ", "các tổ chức chính trị - xã hội tỉnh"]],
    ["Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]],
    ["Đài Phát thanh và Truyền hình tỉnh", ["Đài Phát thanh và Truyền hình tỉnh"]],
    ["- Sở Nội vụ\n- Sở Xây dựng", ["Sở Nội vụ", "Sở Xây dựng"]],
    ["", []],
  ])("%j → %j", (cell, agencies) => {
    expect(splitAgencies(cell)).toEqual(agencies);
  });

  it.each([
    ["UBND tỉnh", "Ủy ban nhân dân tỉnh"],
    ["HĐND tỉnh", "Hội đồng nhân dân tỉnh"],
    ["Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh"],
    ["Sở KH&CN", "Sở Khoa học và Công nghệ"],
    ["Sở TT&TT", "Sở Thông tin và Truyền thông"],
    ["So Noi vu", "Sở Nội vụ"],
    ["sở nội vụ", "Sở Nội Vụ"],
    ["Ủy ban kiểm tra Tỉnh uỷ", "Ủy ban Kiểm tra Tỉnh ủy".normalize("NFD")],
  ])("%s matches %s", (a, b) => {
    expect(agencyKey(a)).toBe(agencyKey(b));
  });

  it("tells collectives and commune-level bodies", () => {
    expect(isCollective("Các bộ, ngành, địa phương")).toBe(true);
    expect(isCollective("các sở, ban, ngành liên quan")).toBe(true);
    expect(isCollective("Sở Nội vụ")).toBe(false);
    expect(isCommuneLevel("UBND các xã, phường")).toBe(true);
    expect(isCommuneLevel("Trung tâm chính trị cấp xã")).toBe(true);
    expect(isCommuneLevel("Sở Xây dựng")).toBe(false);
  });
});
