import type { PageStrings } from "../../components/PageShell";

export const strings = {
  title: { vi: "Tổng hợp", en: "Consolidate" },
  description: {
    vi: "Đọc các mẫu báo cáo đơn vị gửi về, nhận diện đơn vị, kiểm tra từng ô, gộp vào bảng tổng hợp và liệt kê các đơn vị chưa nộp.",
    en: "Read the report forms units send back, identify each unit, check every cell, merge them into the summary and list the units that have not reported.",
  },
  excelNote: {
    vi: "Chọn các tệp báo cáo trên máy; bảng tổng hợp được ghi vào sổ làm việc đang mở.",
    en: "Pick the report files on this computer; the summary is written into the open workbook.",
  },
  browserNote: {
    vi: "Chọn các tệp báo cáo trên máy; bảng tổng hợp được tải về dưới dạng tệp .xlsx.",
    en: "Pick the report files on this computer; the summary is downloaded as an .xlsx file.",
  },
} satisfies PageStrings;
