import type { PageStrings } from "../../components/PageShell";

export const strings = {
  title: { vi: "Tô màu hạn", en: "Deadline colours" },
  description: {
    vi: "Tính lại tình trạng thời hạn của từng nhiệm vụ đến ngày hôm nay và tô màu: quá hạn, sắp đến hạn, còn hạn, đã hoàn thành.",
    en: "Recompute each task's deadline status as of today and colour it: overdue, due soon, on time, done.",
  },
  excelNote: {
    vi: "Màu được cập nhật ngay trên sổ theo dõi đang mở.",
    en: "Colours are updated in place in the open tracking workbook.",
  },
  browserNote: {
    vi: "Chọn tệp sổ theo dõi trên máy; bản đã tô màu được tải về dưới dạng tệp .xlsx.",
    en: "Pick the tracking workbook on this computer; the recoloured copy is downloaded as an .xlsx file.",
  },
} satisfies PageStrings;
