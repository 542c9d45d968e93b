/** Workbook descriptions for the .xlsx writer tests: a sheet with defaults, and one using every feature. */
import type { Sheet, WorkbookSpec } from "../../src/workbook/model";

/** A visible, empty sheet; override what a test needs. */
export function makeSheet(overrides: Partial<Sheet> = {}): Sheet {
  return {
    name: "Trang tính",
    visibility: "visible",
    columns: [],
    rows: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
    tables: [],
    showGridLines: true,
    ...overrides,
  };
}

/** A one-sheet workbook; override what a test needs. */
export function makeSpec(overrides: Partial<WorkbookSpec> = {}): WorkbookSpec {
  return {
    properties: { title: "Thử", subject: "Kiểm thử", creator: "Tester" },
    customProperties: {},
    defaultFont: { name: "Times New Roman", size: 13 },
    styles: {},
    sheets: [makeSheet()],
    definedNames: [],
    activeSheet: 0,
    ...overrides,
  };
}

export const LONG_LIST = ["Chưa thực hiện", "Đang thực hiện", "Hoàn thành", "Quá hạn"];

/** Every model feature at least once. */
export function fullSpec(): WorkbookSpec {
  const report = makeSheet({
    name: "Báo cáo",
    tabColor: "C00000",
    showGridLines: false,
    freeze: { rows: 3, columns: 1 },
    columns: [{ width: 6 }, { width: 50 }, { width: 14 }, { width: 16 }, { width: 12 }, { width: 10, hidden: true }],
    rows: [
      { height: 30, cells: [{ value: "BÁO CÁO TIẾN ĐỘ  ", style: "title" }] },
      { cells: [] },
      {
        height: 45,
        cells: ["STT", "Nội dung", "Hạn", "Trạng thái", "Tiến độ", "Ẩn"].map((v) => ({ value: v, style: "header" })),
      },
      {
        // An input row: its height starts here and stays automatic (Row.fit).
        height: 32,
        fit: true,
        cells: [
          { value: 1, style: "center" },
          { value: 'Nhiệm vụ 1 & <kiểm thử> "trích dẫn"\nxuống dòng', style: "text" },
          { value: { date: "2026-03-15" }, style: "date" },
          { value: "Hoàn thành", style: "input" },
          { value: 0.5, style: "percent" },
          { value: true },
        ],
      },
      {
        cells: [
          { value: 2, style: "center" },
          { value: "  khoảng trắng đầu cuối  ", style: "text" },
          { value: { date: "2030-12-31" }, style: "date" },
          { value: null, style: "input" },
          { value: 1, style: "percent" },
          { value: false },
        ],
      },
      {
        cells: [
          { value: { formula: "=A4+A5", result: 3 }, style: "center" },
          { value: { formula: 'IF(A4=1,"một","khác")', result: "một" }, style: "text" },
          { value: { formula: "C4+1" }, style: "date" },
          { value: { formula: "A4=1", result: true } },
          { value: 0.25, style: "percent" },
        ],
      },
      { cells: [{ value: "ghi chú", style: "note" }, null, { value: -12.5 }] },
    ],
    merges: ["A1:E1"],
    validations: [
      {
        range: "D4:D6",
        type: "list",
        list: LONG_LIST,
        allowBlank: true,
        prompt: { title: "Trạng thái", message: "Chọn một trạng thái trong danh sách." },
        error: { title: "Sai giá trị", message: "Chỉ chọn trong danh sách.", style: "stop" },
      },
      {
        range: "C4:C6",
        type: "date",
        operator: "between",
        min: { date: "2026-01-01" },
        max: { date: "2030-12-31" },
        allowBlank: true,
        error: { title: "Ngày", message: "Ngày trong 2026–2030.", style: "warning" },
      },
      {
        range: "E4:E6",
        type: "decimal",
        operator: "between",
        min: 0,
        max: 1,
        allowBlank: false,
        error: { title: "Tỉ lệ", message: "Từ 0 đến 100%.", style: "information" },
      },
      {
        range: "A4:A6",
        type: "whole",
        operator: "greaterThanOrEqual",
        min: 1,
        allowBlank: true,
        error: { title: "STT", message: "Số nguyên dương.", style: "stop" },
      },
      {
        range: "B4:B6",
        type: "textLength",
        operator: "lessThanOrEqual",
        max: 2000,
        allowBlank: true,
        error: { title: "Độ dài", message: "Tối đa 2000 ký tự.", style: "stop" },
      },
    ],
    conditionalFormats: [
      {
        kind: "expression",
        range: "A4:E6",
        formula: '$D4="Quá hạn"',
        style: { font: { bold: true, color: "9C0006" }, fill: "FFC7CE" },
        stopIfTrue: true,
      },
      { kind: "dataBar", range: "E4:E6", color: "638EC6", max: 1 },
      { kind: "expression", range: "C4:C6", formula: "=C4<TODAY()", style: { font: { italic: true } } },
    ],
    protection: {
      password: "secret",
      allow: {
        selectLockedCells: true,
        selectUnlockedCells: true,
        formatColumns: true,
        formatRows: false,
        sort: false,
        autoFilter: true,
      },
    },
    print: {
      paper: "A4",
      orientation: "landscape",
      marginsMm: { top: 20, bottom: 15, left: 30, right: 15, header: 10, footer: 8 },
      fitToWidth: true,
      repeatRows: { first: 3, last: 3 },
      area: "A1:E7",
      centerHorizontally: true,
      header: { center: "Trang &P/&N", firstPageDifferent: true },
      footer: { center: "Phụ lục NQ08 && kế hoạch" },
    },
  });
  const list = makeSheet({
    name: "Danh mục",
    visibility: "hidden",
    columns: [{ width: 20 }, { width: 10 }],
    rows: [
      { cells: [{ value: "Trạng thái" }, { value: "Mã\nsố" }] },
      ...LONG_LIST.map((s, i) => ({ cells: [{ value: s }, { value: i + 1 }] })),
    ],
    tables: [{ name: "DanhMucTrangThai", range: "A1:B5", style: "TableStyleMedium2", showRowStripes: true }],
  });
  const secret = makeSheet({ name: "Cấu hình", visibility: "veryHidden", rows: [{ cells: [{ value: "v1" }] }] });
  return {
    properties: {
      title: "Báo cáo Phụ lục NQ08",
      subject: "Tiến độ nhiệm vụ",
      creator: "Văn phòng Tỉnh ủy",
      company: "Tỉnh ủy Nghệ An",
      description: "Biểu mẫu báo cáo",
      keywords: "NQ08; báo cáo",
    },
    customProperties: { "Mã biểu mẫu": "NQ08-BC-01", "Kỳ báo cáo": "2026-06", "Đơn vị": "Sở Nội vụ & <VP>" },
    defaultFont: { name: "Times New Roman", size: 13 },
    styles: {
      title: { font: { bold: true, size: 16 }, alignment: { horizontal: "center", vertical: "center" } },
      header: {
        font: { bold: true },
        fill: "D9E1F2",
        border: "thin",
        alignment: { horizontal: "center", vertical: "center", wrap: true },
      },
      text: { border: "thin", alignment: { vertical: "top", wrap: true, indent: 1, horizontal: "left" } },
      center: { border: "thin", alignment: { horizontal: "center", vertical: "top" } },
      date: { border: "thin", numberFormat: "dd/mm/yyyy", alignment: { horizontal: "center" } },
      input: { border: "dotted", fill: "FFF2CC", locked: false },
      percent: { border: "medium", numberFormat: "0%" },
      note: { font: { italic: true, underline: true, color: "C00000", name: "Arial", size: 10 } },
      // Same as "center": must share its cell format.
      centerCopy: { border: "thin", alignment: { horizontal: "center", vertical: "top" } },
    },
    sheets: [report, list, secret],
    definedNames: [
      { name: "DanhSachTrangThai", formula: "'Danh mục'!$A$2:$A$5", hidden: true },
      { name: "KyBaoCao", formula: '"2026-06"', hidden: false },
    ],
    activeSheet: 0,
  };
}
