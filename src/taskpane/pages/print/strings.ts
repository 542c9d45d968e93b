import type { PageStrings } from "../../components/PageShell";

export const strings = {
  title: { vi: "In ấn", en: "Print setup" },
  description: {
    vi: "Thiết lập trang in theo Hướng dẫn 36-HD/VPTW: khổ giấy A4, hướng giấy, lề, dòng tiêu đề lặp lại ở mỗi trang và số trang.",
    en: "Set up printing to Guidance 36-HD/VPTW: A4 paper, orientation, margins, title rows repeated on every page and page numbers.",
  },
  excelNote: {
    vi: "Thiết lập được áp dụng cho các trang tính của sổ làm việc đang mở.",
    en: "The settings are applied to the sheets of the open workbook.",
  },
  browserNote: {
    vi: "Thiết lập in đã có sẵn trong các tệp .xlsx tải về; mở tệp và in.",
    en: "Print settings are already in the downloaded .xlsx files; open a file and print.",
  },
} satisfies PageStrings;
