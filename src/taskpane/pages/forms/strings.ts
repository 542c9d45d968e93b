import type { PageStrings } from "../../components/PageShell";

export const strings = {
  title: { vi: "Mẫu báo cáo", en: "Report forms" },
  description: {
    vi: "Tạo mẫu báo cáo 6 tháng cho từng đơn vị, chỉ gồm các nhiệm vụ đơn vị được giao. Đơn vị điền bằng Excel 2016–365, LibreOffice hoặc WPS, không cần cài add-in, rồi gửi lại.",
    en: "Create the six-monthly report form for each unit, listing only the tasks assigned to it. Units fill it in with Excel 2016–365, LibreOffice or WPS, without the add-in, and send it back.",
  },
  excelNote: {
    vi: "Mẫu của đơn vị đang chọn được tạo trong sổ làm việc đang mở; bộ mẫu cho nhiều đơn vị được tải về thành các tệp .xlsx.",
    en: "The selected unit's form is created in the open workbook; a set of forms for many units is downloaded as .xlsx files.",
  },
  browserNote: {
    vi: "Các mẫu được tải về máy dưới dạng tệp .xlsx (nhiều đơn vị thì gói trong một tệp .zip).",
    en: "Forms are downloaded as .xlsx files (several units come packed in one .zip file).",
  },
} satisfies PageStrings;
