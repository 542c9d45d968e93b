import type { Text } from "../../../i18n";
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
  browserExplain: {
    vi: "Các tệp .xlsx tải về từ trang “Sổ theo dõi”, “Mẫu báo cáo”, “Tổng hợp” và “Tô màu hạn” đã mang sẵn thiết lập in dưới đây: mở tệp bằng Excel, LibreOffice hoặc WPS và in, không cần chỉnh gì thêm.",
    en: "The .xlsx files downloaded from the “Tracking workbook”, “Report forms”, “Consolidate” and “Deadline colours” pages already carry the print setup below: open a file in Excel, LibreOffice or WPS and print, nothing to adjust.",
  },
  sheets: { vi: "Trang tính cần thiết lập", en: "Sheets to set up" },
  active: { vi: "Trang tính đang mở", en: "The active sheet" },
  orientation: { vi: "Hướng giấy", en: "Orientation" },
  landscape: { vi: "Ngang", en: "Landscape" },
  portrait: { vi: "Dọc", en: "Portrait" },
  paper: { vi: "Khổ giấy: A4", en: "Paper: A4" },
  margins: {
    vi: "Lề: trên 20 mm, dưới 20 mm, trái 30 mm, phải 15 mm (Hướng dẫn 36-HD/VPTW)",
    en: "Margins: top 20 mm, bottom 20 mm, left 30 mm, right 15 mm (Guidance 36-HD/VPTW)",
  },
  extras: {
    vi: "Dàn vừa một trang theo chiều ngang, căn giữa, dòng tiêu đề bảng lặp lại ở mỗi trang, số trang ở giữa đầu trang từ trang 2.",
    en: "Fit to one page wide, centred, table header row repeated on every page, page number centred in the header from page 2.",
  },
  apply: { vi: "Áp dụng thiết lập in", en: "Apply the print setup" },
  noneChosen: { vi: "Hãy chọn ít nhất một trang tính.", en: "Choose at least one sheet." },
  working: { vi: "Đang thiết lập trang in…", en: "Setting up printing…" },
  applied: { vi: "Đã thiết lập in cho: {sheets}.", en: "Print setup applied to: {sheets}." },
  absent: { vi: "Không có trong sổ đang mở: {sheets}.", en: "Not in the open workbook: {sheets}." },
  nothingApplied: { vi: "Không trang nào được thiết lập.", en: "No sheet was set up." },
} satisfies PageStrings & Record<string, Text>;
