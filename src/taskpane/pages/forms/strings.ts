import type { Text } from "../../../i18n";
import type { PageStrings } from "../../components/PageShell";

export const strings = {
  title: { vi: "Mẫu báo cáo", en: "Report forms" },
  description: {
    vi: "Tạo mẫu báo cáo cho từng đơn vị, chỉ gồm các nhiệm vụ đơn vị được giao. Đơn vị điền bằng Excel 2016–365, LibreOffice hoặc WPS, không cần cài add-in, rồi gửi lại.",
    en: "Create the report form for each unit, listing only the tasks assigned to it. Units fill it in with Excel 2016–365, LibreOffice or WPS, without the add-in, and send it back.",
  },
  excelNote: {
    vi: "Mỗi đơn vị nhận một tệp riêng, nên các mẫu được tải về máy trong một tệp .zip (cả khi dùng trong Excel); sổ đang mở không bị thay đổi.",
    en: "Each unit gets a file of its own, so the forms are downloaded in one .zip file (inside Excel too); the open workbook is not changed.",
  },
  browserNote: {
    vi: "Các mẫu được tải về máy trong một tệp .zip, mỗi đơn vị một tệp .xlsx.",
    en: "The forms are downloaded in one .zip file, one .xlsx file per unit.",
  },
  periodKind: { vi: "Kỳ báo cáo", en: "Report period" },
  year: { vi: "Năm", en: "Year" },
  H1: { vi: "6 tháng đầu năm", en: "First half" },
  H2: { vi: "6 tháng cuối năm", en: "Second half" },
  yearKind: { vi: "Cả năm", en: "Whole year" },
  periodRange: { vi: "Từ ngày {from} đến ngày {to}", en: "From {from} to {to}" },
  password: { vi: "Mật khẩu khóa trang (không bắt buộc)", en: "Sheet protection password (optional)" },
  passwordHint: {
    vi: "Chỉ để tránh sửa nhầm các ô cố định; để trống nếu không cần.",
    en: "Only guards the fixed cells against accidental edits; leave empty if not needed.",
  },
  create: { vi: "Tạo mẫu", en: "Create forms" },
  progress: { vi: "Đang tạo mẫu {done}/{total}…", en: "Creating form {done} of {total}…" },
  starting: { vi: "Đang chuẩn bị…", en: "Preparing…" },
  done: {
    vi: "Đã tạo {count} mẫu báo cáo ({period}); tệp {file} đã được tải về.",
    en: "{count} report forms created ({period}); {file} was downloaded.",
  },
  unitsTitle: { vi: "Danh sách đơn vị ({count})", en: "Units ({count})" },
  provincial: { vi: "Cấp tỉnh", en: "Provincial" },
  commune: { vi: "Cấp xã, phường", en: "Communes and wards" },
  tasks: { vi: "{count} nhiệm vụ", en: "{count} tasks" },
} satisfies PageStrings & Record<string, Text>;
