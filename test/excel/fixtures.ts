/** Workbook descriptions for the Office.js renderer tests. */
import type { Cell, Row, Sheet, WorkbookSpec } from "../../src/workbook/model";

/** A small spec that uses every field of the model at least once. */
export function everyFeatureSpec(): WorkbookSpec {
  const theoDoi: Sheet = {
    name: "Theo dõi",
    visibility: "visible",
    tabColor: "1f4e79",
    columns: [{ width: 6 }, { width: 40 }, { width: 14 }, { width: 14, hidden: true }, { width: 12 }, { width: 18 }],
    rows: [
      { height: 30, cells: [{ value: "BẢNG THEO DÕI", style: "title" }] },
      { cells: [] },
      {
        height: 42,
        cells: ["STT", "Nhiệm vụ", "Hạn", "Ẩn", "Tỷ lệ", "Trạng thái"].map((value) => ({ value, style: "header" })),
      },
      {
        // An input row: its height starts here and stays automatic (Row.fit).
        height: 20,
        fit: true,
        cells: [
          { value: 1, style: "body" },
          { value: "Nhiệm vụ một", style: "body" },
          { value: { date: "2026-06-30" }, style: "date" },
          { value: true },
          { value: 0.5, style: "pct" },
          { value: { formula: 'IF(C4<DATE(2026,7,1),"Quá hạn","")', result: "" }, style: "input" },
        ],
      },
      {
        cells: [
          { value: 2, style: "body" },
          { value: "=chuỗi không phải công thức", style: "body" },
          { value: { date: "2026-12-31" } },
          { value: false },
          { value: 0.25, style: "pct" },
          { value: "Hoàn thành", style: "input" },
        ],
      },
      {
        cells: [
          { value: 3, style: "body" },
          { value: "-", style: "body" },
          { value: null, style: "date" },
          { value: "01/2026", style: "text" },
          { value: { formula: "'Tổng hợp'!B2/100" }, style: "pct" },
          { value: null, style: "input" },
        ],
      },
    ],
    merges: ["A1:F1"],
    validations: [
      {
        range: "F4:F6",
        type: "list",
        list: ["Đang thực hiện", "Hoàn thành", "Quá hạn"],
        allowBlank: true,
        prompt: { title: "Trạng thái", message: "Chọn từ danh sách" },
        error: { title: "Sai giá trị", message: "Chọn một giá trị trong danh sách", style: "stop" },
      },
      {
        range: "C4:C6",
        type: "date",
        operator: "between",
        min: { date: "2026-01-01" },
        max: { date: "2030-12-31" },
        allowBlank: true,
        error: { title: "Ngày", message: "Ngày trong giai đoạn 2026–2030", style: "warning" },
      },
      {
        range: "E4:E6",
        type: "decimal",
        operator: "between",
        min: 0,
        max: 1,
        allowBlank: false,
        error: { title: "Tỷ lệ", message: "Từ 0 đến 100%", style: "information" },
      },
      {
        range: "A4:A6",
        type: "whole",
        operator: "greaterThanOrEqual",
        min: 1,
        allowBlank: true,
        error: { title: "STT", message: "Số nguyên", style: "stop" },
      },
      {
        range: "B4:B6",
        type: "textLength",
        operator: "lessThanOrEqual",
        max: 500,
        allowBlank: true,
        error: { title: "Dài", message: "Tối đa 500 ký tự", style: "stop" },
      },
    ],
    conditionalFormats: [
      {
        kind: "expression",
        range: "A4:F6",
        formula: '$F4="Quá hạn"',
        style: { font: { bold: true, italic: false, color: "9C0006" }, fill: "FFC7CE" },
        stopIfTrue: true,
      },
      { kind: "dataBar", range: "E4:E6", color: "638EC6", min: 0, max: 1 },
    ],
    tables: [{ name: "TheoDoi", range: "A3:F6", style: "TableStyleLight9", showRowStripes: true }],
    charts: [
      {
        anchor: "H2:M14",
        title: "Tỷ lệ theo hạn",
        source: "C3:E6",
        stacked: 1,
        colors: ["4472C4", "C00000"],
        lineAxisFormat: "0%",
      },
    ],
    protection: {
      password: "nq08",
      allow: {
        selectLockedCells: true,
        selectUnlockedCells: true,
        formatColumns: true,
        formatRows: false,
        sort: true,
        autoFilter: true,
      },
    },
    print: {
      paper: "A4",
      orientation: "landscape",
      marginsMm: { top: 20, bottom: 20, left: 30, right: 15, header: 10, footer: 10 },
      fitToWidth: true,
      repeatRows: { first: 3, last: 3 },
      area: "A1:F6",
      centerHorizontally: true,
      header: { center: "&P", firstPageDifferent: true },
      footer: { center: "Trang &P/&N" },
    },
    freeze: { rows: 3, columns: 2 },
    showGridLines: false,
  };
  const tongHop: Sheet = {
    name: "Tổng hợp",
    visibility: "hidden",
    columns: [{ width: 20 }, { width: 10 }],
    rows: [
      { cells: [{ value: "Số nhiệm vụ" }, { value: { formula: "=COUNTA('Theo dõi'!B4:B6)" } }] },
      { cells: [{ value: "Hằng số" }, { value: 42 }] },
      { cells: [{ value: "Theo bảng" }, { value: { formula: "ROWS(TheoDoi[STT])" } }] },
    ],
    merges: [],
    validations: [],
    conditionalFormats: [],
    tables: [],
    print: {
      paper: "A4",
      orientation: "portrait",
      marginsMm: { top: 15, bottom: 15, left: 20, right: 10, header: 8, footer: 8 },
      fitToWidth: false,
      centerHorizontally: false,
    },
    freeze: { rows: 1, columns: 0 },
    showGridLines: true,
  };
  const danhMuc: Sheet = {
    name: "Danh mục",
    visibility: "veryHidden",
    columns: [],
    rows: [{ cells: [{ value: "a" }] }, { cells: [{ value: "b" }] }],
    merges: [],
    validations: [],
    conditionalFormats: [],
    tables: [],
    freeze: { rows: 0, columns: 1 },
    showGridLines: true,
  };
  return {
    properties: {
      title: "Theo dõi Phụ lục NQ 08",
      subject: "Kế hoạch triển khai Nghị quyết 08-NQ/TU",
      creator: "Văn phòng Tỉnh ủy",
      company: "Tỉnh ủy Nghệ An",
      description: "Sổ theo dõi",
      keywords: "NQ08; phụ lục",
    },
    customProperties: { "NQ08.FormId": "theo-doi-v1", "NQ08.Unit": "XA001" },
    defaultFont: { name: "Times New Roman", size: 13 },
    styles: {
      title: {
        font: { name: "Times New Roman", size: 14, bold: true, color: "C00000" },
        alignment: { horizontal: "center", vertical: "center", wrap: true },
      },
      header: {
        font: { bold: true, italic: true, underline: true },
        fill: "D9E1F2",
        border: "thin",
        alignment: { horizontal: "center", wrap: true },
      },
      body: { border: "thin", alignment: { vertical: "top", wrap: true, indent: 1, horizontal: "left" } },
      date: { border: "dotted", numberFormat: "dd/mm/yyyy", locked: false },
      pct: { numberFormat: "0%", border: "medium", alignment: { horizontal: "right" } },
      input: { locked: false, fill: "FFF2CC", alignment: { horizontal: "justify" } },
      text: { numberFormat: "@" },
    },
    sheets: [theoDoi, tongHop, danhMuc],
    definedNames: [
      { name: "DanhSach", formula: "'Danh mục'!$A$1:$A$2", hidden: false },
      { name: "_PhienBan", formula: '"1.0"', hidden: true },
    ],
    activeSheet: 0,
  };
}

/**
 * Sheets of returned-form rows (the consolidation layout): a header, `rows` data rows of 8 cells
 * (text, numbers, a date, a formula), styles in columns, a table, validation, rules, protection.
 */
export function formsSpec(rows: number, sheetCount: number): WorkbookSpec {
  const sheets: Sheet[] = [];
  for (let s = 0; s < sheetCount; s++) {
    const data: Row[] = [];
    data.push({
      height: 36,
      cells: ["STT", "Đơn vị", "Nhiệm vụ", "Hạn", "Ngày báo cáo", "Tiến độ", "Trạng thái", "Còn lại"].map((v) => ({
        value: v,
        style: "header",
      })),
    });
    for (let i = 1; i <= rows; i++) {
      const r = i + 1;
      const cells: Cell[] = [
        { value: i, style: "num" },
        { value: `Xã số ${(i % 130) + 1}`, style: "text" },
        { value: (i % 17) + 1, style: "num" },
        { value: { date: "2026-12-31" }, style: "date" },
        { value: { date: `2026-0${(i % 9) + 1}-15` }, style: "date" },
        { value: (i % 100) / 100, style: "pct" },
        { value: i % 3 === 0 ? "Hoàn thành" : "Đang thực hiện", style: "input" },
        { value: { formula: `D${r}-E${r}` }, style: "num" },
      ];
      data.push({ cells });
    }
    const last = rows + 1;
    sheets.push({
      name: `Báo cáo ${s + 1}`,
      visibility: "visible",
      columns: [6, 30, 8, 12, 12, 10, 16, 10].map((width) => ({ width })),
      rows: data,
      merges: [],
      validations: [
        {
          range: `G2:G${last}`,
          type: "list",
          list: ["Đang thực hiện", "Hoàn thành"],
          allowBlank: true,
          error: { title: "Sai", message: "Chọn trong danh sách", style: "stop" },
        },
      ],
      conditionalFormats: [
        { kind: "expression", range: `A2:H${last}`, formula: '$G2="Hoàn thành"', style: { fill: "C6EFCE" } },
      ],
      tables: [{ name: `BaoCao${s + 1}`, range: `A1:H${last}`, style: "TableStyleLight1", showRowStripes: false }],
      protection: {
        allow: {
          selectLockedCells: true,
          selectUnlockedCells: true,
          formatColumns: false,
          formatRows: false,
          sort: true,
          autoFilter: true,
        },
      },
      print: {
        paper: "A4",
        orientation: "landscape",
        marginsMm: { top: 20, bottom: 15, left: 25, right: 15, header: 8, footer: 8 },
        fitToWidth: true,
        repeatRows: { first: 1, last: 1 },
        centerHorizontally: true,
        footer: { center: "&P" },
      },
      freeze: { rows: 1, columns: 2 },
      showGridLines: true,
    });
  }
  return {
    properties: { title: "Tổng hợp báo cáo", subject: "NQ08", creator: "Văn phòng" },
    customProperties: {},
    defaultFont: { name: "Times New Roman", size: 13 },
    styles: {
      header: { font: { bold: true }, fill: "D9E1F2", border: "thin", alignment: { horizontal: "center", wrap: true } },
      num: { border: "thin", alignment: { horizontal: "center" } },
      text: { border: "thin", alignment: { wrap: true } },
      date: { border: "thin", numberFormat: "dd/mm/yyyy" },
      pct: { border: "thin", numberFormat: "0%" },
      input: { border: "thin", locked: false },
    },
    sheets,
    definedNames: [],
    activeSheet: 0,
  };
}
