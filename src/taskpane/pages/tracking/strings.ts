import type { PageStrings } from "../../components/PageShell";

export const strings = {
  title: { vi: "Sổ theo dõi", en: "Tracking workbook" },
  description: {
    vi: "Lập sổ theo dõi 17 nhiệm vụ của Phụ lục Kế hoạch triển khai Nghị quyết 08-NQ/TU: nội dung nguyên văn, cơ quan chủ trì và phối hợp, thời hạn đọc thành ngày cụ thể, tình trạng thực hiện và tô màu theo hạn.",
    en: "Build the tracking workbook of the 17 tasks in the appendix of the plan implementing Resolution 08-NQ/TU: verbatim content, lead and supporting bodies, deadlines read into dates, progress and deadline colours.",
  },
  excelNote: {
    vi: "Sổ được tạo thành các trang tính mới trong sổ làm việc đang mở.",
    en: "The workbook is created as new sheets in the open workbook.",
  },
  browserNote: {
    vi: "Sổ được tải về máy dưới dạng tệp .xlsx.",
    en: "The workbook is downloaded as an .xlsx file.",
  },
} satisfies PageStrings;
