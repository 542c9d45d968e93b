import type { Text } from "../../../i18n";
import type { PageStrings } from "../../components/PageShell";

export const strings = {
  title: { vi: "Tô màu hạn", en: "Deadline colours" },
  description: {
    vi: "Tính lại tình trạng thời hạn của từng nhiệm vụ đến ngày báo cáo (mặc định hôm nay) và tô màu: quá hạn, sắp đến hạn, còn hạn, đã hoàn thành.",
    en: "Recompute each task's deadline status as of the report date (today by default) and colour it: overdue, due soon, on time, done.",
  },
  excelNote: {
    vi: "Ngày báo cáo và số ngày “sắp đến hạn” được đặt vào trang “Theo dõi”, màu cập nhật ngay; kết quả tổng hợp gần nhất (nếu có) được phân loại lại và ghi lại.",
    en: "The report date and the “due soon” days are set on the “Theo dõi” sheet and the colours follow at once; the latest consolidation (if any) is re-classified and written again.",
  },
  browserNote: {
    vi: "Sổ theo dõi (và bảng tổng hợp gần nhất, nếu có) được tạo lại cho ngày đã chọn và tải về dưới dạng tệp .xlsx.",
    en: "The tracking workbook (and the latest consolidation, if any) is produced again for the chosen date and downloaded as .xlsx files.",
  },
  asOf: { vi: "Ngày báo cáo", en: "Report date" },
  asOfHint: {
    vi: "Chọn hôm nay để sổ luôn tính theo ngày hiện tại.",
    en: "Choose today to keep the workbook judging on the current day.",
  },
  soonDays: { vi: "Số ngày “sắp đến hạn”", en: "Days counted as “due soon”" },
  badDate: { vi: "Hãy chọn một ngày hợp lệ.", en: "Choose a valid date." },
  badSoonDays: { vi: "Nhập số nguyên từ 0 đến 365.", en: "Enter a whole number from 0 to 365." },
  withConsolidation: {
    vi: "Kết quả tổng hợp gần nhất ({period}, {returned}/{units} đơn vị đã nộp) cũng được phân loại lại theo ngày này.",
    en: "The latest consolidation ({period}, {returned} of {units} units reported) is re-classified for this date too.",
  },
  withoutConsolidation: {
    vi: "Chưa có kết quả tổng hợp trong phiên này; chỉ sổ theo dõi được tô màu lại.",
    en: "No consolidation in this session yet; only the tracking workbook is recoloured.",
  },
  run: { vi: "Tô màu lại", en: "Recolour" },
  working: { vi: "Đang tính lại…", en: "Recomputing…" },
  doneTracking: {
    vi: "Trang “Theo dõi”: ngày báo cáo {date}, sắp đến hạn trong {days} ngày.",
    en: "“Theo dõi” sheet: report date {date}, due soon within {days} days.",
  },
  doneConsolidation: {
    vi: "Đã phân loại lại kết quả tổng hợp: {overdue} lượt quá hạn, {soon} lượt sắp đến hạn.",
    en: "The consolidation was re-classified: {overdue} overdue, {soon} due soon.",
  },
  sheetsWritten: { vi: "Các trang đã ghi: {sheets}.", en: "Sheets written: {sheets}." },
  doneBrowser: { vi: "Đã tạo lại các tệp cho ngày {date}.", en: "The files were produced again for {date}." },
} satisfies PageStrings & Record<string, Text>;
