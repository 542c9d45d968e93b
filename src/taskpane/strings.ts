import type { Text } from "../i18n";

/** Strings of the frame around the pages (each page has its own strings.ts). */
export const appStrings = {
  title: { vi: "Phụ lục NQ 08", en: "NQ 08 Appendix" },
  subtitle: {
    vi: "Theo dõi, báo cáo và tổng hợp Phụ lục nhiệm vụ Kế hoạch triển khai Nghị quyết 08-NQ/TU",
    en: "Tracking, reporting and consolidating the task appendix of the plan implementing Resolution 08-NQ/TU",
  },
  pagesLabel: { vi: "Chức năng", en: "Functions" },
  languageLabel: { vi: "Ngôn ngữ", en: "Language" },
  vietnamese: { vi: "Tiếng Việt", en: "Vietnamese" },
  english: { vi: "Tiếng Anh", en: "English" },
  browserTitle: { vi: "Chế độ trình duyệt", en: "Browser mode" },
  browserBanner: {
    vi: "Chế độ trình duyệt: mọi xử lý diễn ra trên máy này, không tệp nào được gửi đi.",
    en: "Browser mode: everything runs on this computer; no file leaves it.",
  },
  browserDownloads: {
    vi: "Kết quả được tải về máy dưới dạng tệp .xlsx, mở được bằng Excel, LibreOffice hoặc WPS.",
    en: "Results are downloaded as .xlsx files that open in Excel, LibreOffice or WPS.",
  },
  excelMode: { vi: "Chế độ Excel", en: "Excel mode" },
  excelApi: { vi: "Phiên bản API Excel", en: "Excel API version" },
} satisfies Record<string, Text>;
