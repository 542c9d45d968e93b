import type { Text } from "../../../i18n";
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
  asOf: { vi: "Ngày báo cáo", en: "Report date" },
  asOfHint: {
    vi: "Mặc định là hôm nay: sổ luôn tính hạn theo ngày hiện tại. Chọn ngày khác thì sổ tính theo ngày đó.",
    en: "Today by default: the workbook then always judges deadlines on the current day. Another date is kept as chosen.",
  },
  soonDays: { vi: "Số ngày “sắp đến hạn”", en: "Days counted as “due soon”" },
  soonDaysHint: {
    vi: "Nhiệm vụ còn ít hơn số ngày này đến hạn thì tô vàng (0–365).",
    en: "Tasks due within this many days turn yellow (0–365).",
  },
  titleSize: { vi: "Cỡ chữ tiêu đề", en: "Title font size" },
  tableSize: { vi: "Cỡ chữ trong bảng", en: "Table font size" },
  sizeHint: { vi: "Times New Roman, từ 8 đến 30.", en: "Times New Roman, 8 to 30." },
  badDate: { vi: "Hãy chọn một ngày hợp lệ.", en: "Choose a valid date." },
  badSoonDays: { vi: "Nhập số nguyên từ 0 đến 365.", en: "Enter a whole number from 0 to 365." },
  badSize: { vi: "Nhập số nguyên từ 8 đến 30.", en: "Enter a whole number from 8 to 30." },
  createExcel: { vi: "Tạo sổ trong Excel", en: "Create in Excel" },
  createBrowser: { vi: "Tạo và tải sổ (.xlsx)", en: "Create and download (.xlsx)" },
  working: { vi: "Đang lập sổ theo dõi…", en: "Building the tracking workbook…" },
  writing: { vi: "Đang ghi vào sổ đang mở…", en: "Writing into the open workbook…" },
  doneExcel: {
    vi: "Đã ghi sổ theo dõi vào sổ làm việc đang mở.",
    en: "The tracking workbook was written into the open workbook.",
  },
  sheetsWritten: { vi: "Các trang tính", en: "Sheets" },
  doneBrowser: {
    vi: "Đã tạo sổ theo dõi; tệp đã được tải về.",
    en: "The tracking workbook was created and downloaded.",
  },
} satisfies PageStrings & Record<string, Text>;
