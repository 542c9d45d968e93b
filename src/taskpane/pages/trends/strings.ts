import type { Text } from "../../../i18n";
import type { PageStrings } from "../../components/PageShell";
import { title } from "./title";

export const strings = {
  title,
  description: {
    vi: "Số liệu từng kỳ báo cáo đã ghi trong trang Lịch sử của sổ theo dõi: số đơn vị đã báo cáo, nhiệm vụ theo tình trạng, tỉ lệ đúng hạn và quá hạn; tạo gói sơ kết, tổng kết nhiều kỳ.",
    en: "The figures of each report period recorded on the tracking book's Lịch sử sheet: units that reported, tasks by status, on-time and overdue rates; and the multi-period review pack.",
  },
  excelNote: {
    vi: "Số liệu đọc từ trang Lịch sử của sổ đang mở; gói sơ kết được ghi thành hai trang mới trong sổ, bên cạnh trang Xu hướng và Lịch sử của sổ.",
    en: "The figures are read from the open workbook's Lịch sử sheet; the review pack is written as two new sheets in the workbook, beside its own Xu hướng and Lịch sử.",
  },
  browserNote: {
    vi: "Số liệu đọc từ tệp sổ theo dõi đã chọn (chỉ trên máy này); gói sơ kết được tải về dưới dạng tệp .xlsx.",
    en: "The figures are read from the picked tracking book file (on this computer only); the review pack is downloaded as an .xlsx file.",
  },
  load: { vi: "Đọc số liệu từ sổ", en: "Read the figures from the book" },
  loading: { vi: "Đang đọc lịch sử của sổ…", en: "Reading the book's history…" },
  source: {
    vi: "Từ {source}: {count} kỳ báo cáo, {rows} dòng lịch sử.",
    en: "From {source}: {count} report period{s}, {rows} history rows.",
  },
  empty: {
    vi: "Sổ chưa ghi kỳ báo cáo nào. Sau khi tổng hợp, bấm “Ghi vào sổ” ở trang Tổng hợp.",
    en: "The book records no report period yet. After a consolidation, click “Record in the book” on the Consolidate page.",
  },
  chartTitle: { vi: "Tình trạng nhiệm vụ theo kỳ báo cáo", en: "Task status by report period" },
  chartDesc: {
    vi: "Biểu đồ cột chồng: mỗi cột là một kỳ, chia theo tình trạng của các nhiệm vụ (theo đơn vị). Số liệu chi tiết ở bảng dưới.",
    en: "Stacked bar chart: one bar per period, split by the status of the tasks (per unit). The table below holds the figures.",
  },
  tableCaption: { vi: "Số liệu từng kỳ", en: "Figures per period" },
  colPeriod: { vi: "Kỳ", en: "Period" },
  colUnits: { vi: "Đơn vị đã báo cáo / phải báo cáo", en: "Units reported / owing" },
  colClasses: { vi: "Nhiệm vụ theo tình trạng", en: "Tasks by status" },
  colOnTime: { vi: "Tỉ lệ đúng hạn", en: "On-time rate" },
  colOverdue: { vi: "Tỉ lệ quá hạn", en: "Overdue rate" },
  unitsValue: { vi: "{reported}/{owed}", en: "{reported} of {owed}" },
  barLabel: {
    vi: "{period}: {total} nhiệm vụ theo đơn vị; {parts}",
    en: "{period}: {total} unit tasks; {parts}",
  },
  notApplicable: { vi: "—", en: "—" },
  ratesNote: {
    vi: "Tỉ lệ đúng hạn = hoàn thành đúng hạn ÷ nhiệm vụ đến hạn; tỉ lệ quá hạn = (hoàn thành quá hạn + quá hạn) ÷ nhiệm vụ đến hạn.",
    en: "On-time rate = done on time ÷ tasks due; overdue rate = (done late + overdue) ÷ tasks due.",
  },
  problems: { vi: "Lưu ý về trang Lịch sử:", en: "Notes on the Lịch sử sheet:" },
  reviewHeading: { vi: "Gói sơ kết, tổng kết", en: "Review pack" },
  until: { vi: "Sơ kết đến ngày", en: "Review up to" },
  untilHint: { vi: "Các kỳ kết thúc từ ngày này trở về trước.", en: "The periods that ended by this date." },
  badDate: { vi: "Hãy chọn một ngày hợp lệ.", en: "Choose a valid date." },
  review: { vi: "Tải gói sơ kết", en: "Download the review pack" },
  reviewExcel: { vi: "Ghi gói sơ kết vào sổ", en: "Write the review pack into the workbook" },
  reviewing: { vi: "Đang tạo gói sơ kết…", en: "Making the review pack…" },
  reviewDone: {
    vi: "Đã tải về {file}: {count} kỳ ({periods}).",
    en: "{file} was downloaded: {count} period{s} ({periods}).",
  },
  reviewDoneExcel: {
    vi: "Đã ghi các trang {sheets}: {count} kỳ ({periods}).",
    en: "Sheets written: {sheets}: {count} period{s} ({periods}).",
  },
} satisfies PageStrings & Record<string, Text>;
