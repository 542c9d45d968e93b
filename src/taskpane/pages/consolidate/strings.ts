import type { Text } from "../../../i18n";
import type { PageStrings } from "../../components/PageShell";

export const strings = {
  title: { vi: "Tổng hợp", en: "Consolidate" },
  description: {
    vi: "Đọc các mẫu báo cáo đơn vị gửi về, nhận diện đơn vị, kiểm tra từng ô, gộp vào bảng tổng hợp và liệt kê các đơn vị chưa nộp.",
    en: "Read the report forms units send back, identify each unit, check every cell, merge them into the summary and list the units that have not reported.",
  },
  excelNote: {
    vi: "Chọn các tệp báo cáo trên máy; bảng tổng hợp và biểu đồ được ghi vào sổ làm việc đang mở. Tệp không được gửi đi đâu.",
    en: "Pick the report files on this computer; the summary and its chart are written into the open workbook. No file is sent anywhere.",
  },
  browserNote: {
    vi: "Chọn các tệp báo cáo trên máy; bảng tổng hợp được tải về dưới dạng tệp .xlsx kèm tệp tóm tắt .json. Tệp không được gửi đi đâu.",
    en: "Pick the report files on this computer; the summary is downloaded as an .xlsx file with a .json summary. No file is sent anywhere.",
  },
  pickLabel: {
    vi: "Tệp báo cáo (.xlsx, hoặc .zip chứa các tệp .xlsx)",
    en: "Report files (.xlsx, or a .zip of .xlsx files)",
  },
  dropZone: {
    vi: "Kéo thả tệp vào đây, hoặc nhấn Enter để chọn tệp",
    en: "Drop files here, or press Enter to pick files",
  },
  picked: { vi: "Đã chọn {count} tệp", en: "{count} files picked" },
  clear: { vi: "Bỏ chọn tất cả", en: "Clear the list" },
  asOf: { vi: "Ngày báo cáo", en: "Report date" },
  asOfHint: { vi: "Thời hạn được đánh giá đến ngày này.", en: "Deadlines are judged as of this date." },
  period: { vi: "Kỳ báo cáo", en: "Report period" },
  periodAuto: { vi: "Tự động (kỳ ghi trong các mẫu)", en: "Automatic (the period the forms name)" },
  badDate: { vi: "Hãy chọn một ngày hợp lệ.", en: "Choose a valid date." },
  run: { vi: "Tổng hợp", en: "Consolidate" },
  noFiles: { vi: "Hãy chọn ít nhất một tệp báo cáo.", en: "Pick at least one report file." },
  overall: { vi: "Đã kiểm tra {done}/{total} tệp", en: "{done} of {total} files checked" },
  writing: { vi: "Đang ghi bảng tổng hợp vào sổ đang mở…", en: "Writing the summary into the open workbook…" },
  filesTitle: { vi: "Tiến độ từng tệp", en: "Progress per file" },
  waiting: { vi: "Đang chờ", en: "Waiting" },
  reading: { vi: "Đang đọc", en: "Reading" },
  checking: { vi: "Đang kiểm tra", en: "Checking" },
  accepted: { vi: "Được dùng", en: "Used" },
  superseded: { vi: "Bản cũ, không dùng", en: "Older copy, not used" },
  rejected: { vi: "Không tổng hợp được", en: "Could not be used" },
  formsInFile: { vi: "{count} mẫu", en: "{count} forms" },
  errorsInFile: { vi: "{count} lỗi", en: "{count} errors" },
  keptTitle: {
    vi: "Kết quả tổng hợp gần nhất trong phiên này ({period})",
    en: "Latest consolidation in this session ({period})",
  },
  summaryTitle: { vi: "Kết quả tổng hợp ({period})", en: "Consolidation result ({period})" },
  returned: { vi: "Đã nộp: {returned}/{units} đơn vị", en: "Reported: {returned} of {units} units" },
  missing: { vi: "Chưa nộp: {count} đơn vị", en: "Not reported: {count} units" },
  problems: {
    vi: "Vấn đề: {error} lỗi, {warning} cảnh báo, {info} thông tin",
    en: "Problems: {error} errors, {warning} warnings, {info} notes",
  },
  writtenExcel: {
    vi: "Đã ghi các trang: {sheets}. Bấm vào một dòng dưới đây để xem trong sổ.",
    en: "Sheets written: {sheets}. Click a line below to see it in the workbook.",
  },
  downloadedBrowser: { vi: "Đã tải về {file}.", en: "{file} was downloaded." },
  downloadToo: { vi: "Tải thêm tệp .xlsx và .json", en: "Also download the .xlsx and .json" },
  tasksList: { vi: "Theo nhiệm vụ ({count})", en: "By task ({count})" },
  taskLine: {
    vi: "Nhiệm vụ {task}: {reported}/{owed} đơn vị đã báo cáo, {overdue} quá hạn",
    en: "Task {task}: {reported} of {owed} units reported, {overdue} overdue",
  },
  returnedList: { vi: "Đơn vị đã nộp ({count})", en: "Units that reported ({count})" },
  missingList: { vi: "Đơn vị chưa nộp ({count})", en: "Units that have not reported ({count})" },
  problemsList: { vi: "Vấn đề trong các tệp ({count})", en: "Problems in the files ({count})" },
  more: {
    vi: "… và {count} dòng nữa (xem trang “Kiểm tra” hoặc tệp .json).",
    en: "… and {count} more (see the “Kiểm tra” sheet or the .json file).",
  },
  error: { vi: "Lỗi", en: "Error" },
  warning: { vi: "Cảnh báo", en: "Warning" },
  info: { vi: "Thông tin", en: "Note" },
  showInSheet: { vi: "Xem trong sổ", en: "Show in the workbook" },
} satisfies PageStrings & Record<string, Text>;
