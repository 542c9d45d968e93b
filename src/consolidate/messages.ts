/** What each problem says, in plain words for the office (Vietnamese first, then English). */
import { dmy } from "../dates";
import type { Text } from "../i18n";

const STATUS_LIST = "Chưa triển khai / Đang thực hiện / Hoàn thành";

export const M = {
  unreadable: (detail: Text): Text => detail,
  internal: (detail: string): Text => ({
    vi: `Không đọc được tệp do lỗi không lường trước (${detail}). Các tệp khác vẫn được tổng hợp; đề nghị gửi tệp này cho bộ phận kỹ thuật.`,
    en: `The file could not be read because of an unexpected error (${detail}). Other files were still consolidated; please pass this file to technical support.`,
  }),
  macros: (): Text => ({
    vi: "Tệp có macro (.xlsm): chỉ đọc giá trị, không chạy macro nào.",
    en: "The file contains macros (.xlsm): only values were read; no macro was run.",
  }),
  notAForm: (): Text => ({
    vi: "Tệp không phải biểu mẫu báo cáo: không có thông tin nhận dạng và không tìm thấy dòng tiêu đề bảng (TT, Nội dung công việc, Tình trạng…). Các giá trị trong tệp được liệt kê dưới đây.",
    en: "The file is not a report form: it has no identity data and no table header row (TT, Nội dung công việc, Tình trạng…) was found. Its values are listed below.",
  }),
  wrongKind: (kind: string): Text => ({
    vi: `Tệp là ${kind === "consolidated" ? "bảng tổng hợp" : "sổ theo dõi"}, không phải biểu mẫu báo cáo của đơn vị.`,
    en: `The file is a ${kind === "consolidated" ? "consolidation" : "tracking workbook"}, not a unit's report form.`,
  }),
  newerFormat: (v: string): Text => ({
    vi: `Biểu mẫu thuộc phiên bản ${v}, mới hơn phiên bản chương trình này đọc được; đã đọc theo tiêu đề cột.`,
    en: `The form is format version ${v}, newer than this program knows; it was read by its column headers.`,
  }),
  identityConflict: (key: string, a: string, b: string): Text => ({
    vi: `Thông tin nhận dạng trong tệp không thống nhất (${key}: "${a}" và "${b}"); dùng "${a}".`,
    en: `The file's identity data disagree (${key}: "${a}" and "${b}"); "${a}" was used.`,
  }),
  byName: (unit: string, period: string | null): Text => ({
    vi: `Tệp không còn thông tin nhận dạng của biểu mẫu (có thể đơn vị đã chép bảng sang tệp mới); đã nhận ra đơn vị "${unit}" theo tên trong tệp${period ? `, kỳ ${period} theo dòng kỳ báo cáo` : ""} và nhiệm vụ theo số TT.`,
    en: `The file has lost the form's identity data (the table may have been copied into a new file); the unit "${unit}" was recognised by the name in the file${period ? `, period ${period} by the period line` : ""} and the tasks by their TT number.`,
  }),
  unitNotFound: (): Text => ({
    vi: "Không nhận ra đơn vị báo cáo: tệp không có mã đơn vị và không có tên đơn vị nào khớp danh sách đơn vị.",
    en: "The reporting unit could not be recognised: the file has no unit code and no unit name that matches the registry.",
  }),
  unitAmbiguous: (names: string[]): Text => ({
    vi: `Tên đơn vị trong tệp khớp với nhiều đơn vị (${names.join("; ")}); không tự chọn. Đề nghị đơn vị dùng đúng biểu mẫu được gửi.`,
    en: `The unit name in the file matches several units (${names.join("; ")}); none was chosen. Ask the unit to use the form it was sent.`,
  }),
  unitUnknown: (code: string): Text => ({
    vi: `Mã đơn vị "${code}" không có trong danh sách đơn vị phải báo cáo.`,
    en: `Unit code "${code}" is not among the units that report.`,
  }),
  unitMismatch: (code: string, codeName: string, shown: string): Text => ({
    vi: `Mã đơn vị ${code} (${codeName}) không khớp tên đơn vị ghi trên biểu mẫu "${shown}". Tệp không được tổng hợp; đề nghị đơn vị kiểm tra và gửi lại.`,
    en: `Unit code ${code} (${codeName}) does not match the unit name shown on the form, "${shown}". The file was not consolidated; ask the unit to check and resend it.`,
  }),
  periodUnknown: (assumed: string): Text => ({
    vi: `Không xác định được kỳ báo cáo của tệp; coi là kỳ đang tổng hợp (${assumed}).`,
    en: `The file's reporting period could not be determined; it is taken to be the period being consolidated (${assumed}).`,
  }),
  otherPeriod: (found: string, wanted: string): Text => ({
    vi: `Biểu mẫu của kỳ ${found}, không phải kỳ đang tổng hợp (${wanted}). Không tổng hợp; các giá trị được liệt kê để đối chiếu.`,
    en: `The form is for period ${found}, not the period being consolidated (${wanted}). Not consolidated; its values are listed for reference.`,
  }),
  superseded: (by: string): Text => ({
    vi: `Đơn vị đã gửi bản mới hơn (${by}); bản này không được dùng. Các giá trị khác với bản mới được liệt kê để đối chiếu.`,
    en: `The unit sent a newer version (${by}); this one was not used. Its values that differ from the newer version are listed for reference.`,
  }),
  supersededUnchanged: (count: number, by: string): Text => ({
    vi: `${count} giá trị còn lại của bản này giống hệt bản mới (${by}) nên không liệt kê lại; các giá trị đó xem trong bản mới.`,
    en:
      count === 1
        ? `1 other value of this version is the same as in the newer version (${by}), so it is not listed again; read it in that file.`
        : `${count} other values of this version are the same as in the newer version (${by}), so they are not listed again; read them in that file.`,
  }),
  duplicateOf: (by: string): Text => ({
    vi: `Bản trùng: nội dung giống hệt bản đang được dùng (${by}); không dùng bản này và không liệt kê lại các giá trị.`,
    en: `Duplicate: the same content as the version in use (${by}); this copy was not used and its values are not listed again.`,
  }),
  notMerged: (): Text => ({
    vi: "Giá trị của tệp không được tổng hợp (xem lỗi của tệp).",
    en: "A value from a file that was not consolidated (see the file's error).",
  }),
  supersededValue: (): Text => ({
    vi: "Giá trị của bản cũ hơn, khác bản mới; không được dùng.",
    en: "A value from an older version that differs from the newer version; not used.",
  }),
  headerMissing: (): Text => ({
    vi: "Không tìm thấy dòng tiêu đề bảng (TT, Nội dung công việc, Tình trạng…); không đọc được nhiệm vụ nào.",
    en: "The table header row (TT, Nội dung công việc, Tình trạng…) was not found; no task could be read.",
  }),
  columnsMoved: (): Text => ({
    vi: "Thứ tự cột khác biểu mẫu gốc; đã đọc theo tiêu đề cột.",
    en: "The columns are in a different order from the form; they were read by their headers.",
  }),
  columnMissing: (header: string): Text => ({
    vi: `Thiếu cột "${header}".`,
    en: `Column "${header}" is missing.`,
  }),
  rowAdded: (n: string): Text => ({
    vi: `Dòng thêm vào: nhiệm vụ TT ${n} không thuộc các nhiệm vụ đơn vị phải báo cáo. Giá trị không được tổng hợp.`,
    en: `Added row: task ${n} is not among the tasks this unit reports on. Its values were not consolidated.`,
  }),
  rowNotTask: (): Text => ({
    vi: "Ô có nội dung trong bảng nhưng dòng không có số TT của nhiệm vụ nào; không tổng hợp.",
    en: "A filled cell in the table on a row without a task number; not consolidated.",
  }),
  rowDuplicate: (n: number, first: number): Text => ({
    vi: `Nhiệm vụ TT ${n} xuất hiện lần nữa (đã dùng dòng ${first}); giá trị dòng này không được tổng hợp.`,
    en: `Task ${n} appears again (row ${first} was used); this row's values were not consolidated.`,
  }),
  rowMissing: (n: number): Text => ({
    vi: `Thiếu dòng nhiệm vụ TT ${n} (đã bị xoá khỏi biểu mẫu).`,
    en: `The row for task ${n} is missing (deleted from the form).`,
  }),
  rowMoved: (n: number): Text => ({
    vi: `Dòng nhiệm vụ TT ${n} bị đổi vị trí; đã đọc theo số TT.`,
    en: `The row for task ${n} was moved; it was read by its TT number.`,
  }),
  rowByContent: (n: number): Text => ({
    vi: `Dòng không có số TT; nhận ra nhiệm vụ TT ${n} theo nội dung công việc.`,
    en: `A row without a TT number; recognised as task ${n} by its content.`,
  }),
  fixedChanged: (what: string): Text => ({
    vi: `Ô cố định bị sửa (${what}); giá trị đã nhập vẫn được tổng hợp theo số TT.`,
    en: `A fixed cell was edited (${FIXED_EN[what] ?? what}); the values entered are still consolidated by TT number.`,
  }),
  titleChanged: (): Text => ({
    vi: "Ô ở phần đầu biểu mẫu khác biểu mẫu gốc.",
    en: "A cell in the form's title block differs from the form.",
  }),
  outside: (): Text => ({
    vi: "Ô có nội dung nằm ngoài các ô nhập của biểu mẫu; không tổng hợp.",
    en: "A filled cell outside the form's input cells; not consolidated.",
  }),
  extraSheet: (sheet: string): Text => ({
    vi: `Ô có nội dung ở trang tính "${sheet}" ngoài biểu mẫu; không tổng hợp.`,
    en: `A filled cell on the sheet "${sheet}", outside the form; not consolidated.`,
  }),
  formula: (): Text => ({
    vi: "Ô nhập chứa công thức; đã lấy giá trị hiển thị (công thức không được chạy).",
    en: "An input cell holds a formula; the value it showed was used (the formula was not run).",
  }),
  statusVariant: (canonical: string): Text => ({
    vi: `Tình trạng ghi khác danh sách, đã hiểu là "${canonical}".`,
    en: `A status outside the list, read as "${canonical}".`,
  }),
  statusInvalid: (): Text => ({
    vi: `Tình trạng không hợp lệ; chỉ chọn một trong: ${STATUS_LIST}.`,
    en: `Invalid status; choose one of: ${STATUS_LIST}.`,
  }),
  dateConverted: (iso: string, how: "serial" | "text"): Text => ({
    vi: how === "text" ? `Ngày nhập dạng chữ, đã đọc là ${dmy(iso)}.` : `Ngày nhập dạng số, đã đọc là ${dmy(iso)}.`,
    en: how === "text" ? `A date typed as text, read as ${iso}.` : `A date typed as a number, read as ${iso}.`,
  }),
  dateInvalid: (): Text => ({
    vi: "Ngày không hợp lệ (ghi ngày/tháng/năm, ví dụ 30/06/2026).",
    en: "Invalid date (write day/month/year, e.g. 30/06/2026).",
  }),
  dateBeforePlan: (plan: string): Text => ({
    vi: `Ngày hoàn thành trước ngày ban hành Nghị quyết (${dmy(plan)}); đề nghị kiểm tra.`,
    en: `The completion date is before the resolution was issued (${plan}); please check.`,
  }),
  dateAfterReport: (asOf: string): Text => ({
    vi: `Ngày hoàn thành sau ngày báo cáo (${dmy(asOf)}); đề nghị kiểm tra.`,
    en: `The completion date is after the report date (${asOf}); please check.`,
  }),
  progressConverted: (value: number): Text => ({
    vi: `Tiến độ đã đọc là ${value} (%).`,
    en: `Progress read as ${value} (%).`,
  }),
  progressInvalid: (): Text => ({
    vi: "Tiến độ không hợp lệ: phải là số từ 0 đến 100.",
    en: "Invalid progress: it must be a number from 0 to 100.",
  }),
  doneNoResult: (): Text => ({
    vi: "Báo cáo “Hoàn thành” nhưng chưa ghi kết quả thực hiện.",
    en: "Reported “Done” but no result was written.",
  }),
  doneBelow100: (p: number): Text => ({
    vi: `Báo cáo “Hoàn thành” nhưng tiến độ chỉ ${p}%.`,
    en: `Reported “Done” but progress is only ${p}%.`,
  }),
  tooLong: (limit: number): Text => ({
    vi: `Nội dung dài hơn ${limit} ký tự; vẫn được tổng hợp đầy đủ.`,
    en: `The text is longer than ${limit} characters; it is still consolidated in full.`,
  }),
  notText: (): Text => ({
    vi: "Ô nhập nội dung chứa số hoặc giá trị logic; đã lấy như chữ.",
    en: "A text input cell holds a number or logical value; it was taken as text.",
  }),
  blankForm: (): Text => ({
    vi: "Gửi mẫu trống: biểu mẫu chưa điền tình trạng, kết quả hay nội dung nào cho các nhiệm vụ, nên chưa tính là đã nộp báo cáo. Đề nghị đơn vị điền và gửi lại.",
    en: "A blank form was sent: no status, result or other entry was filled in for any task, so it does not count as a report. Ask the unit to fill it in and send it again.",
  }),
  missingBlank: (): Text => ({ vi: "gửi mẫu trống", en: "sent a blank form" }),
  missingUnreadable: (): Text => ({
    vi: "đã gửi tệp nhưng không đọc được",
    en: "sent a file that could not be read",
  }),
  missingRejected: (): Text => ({ vi: "tệp không tổng hợp được", en: "a file that could not be used" }),
  unitFromFileName: (unit: string, by: "name" | "content"): Text => ({
    vi: `Tệp không đọc được, nhưng ${by === "name" ? "tên tệp" : "nội dung tệp"} cho thấy đây là tệp của "${unit}"; đơn vị được ghi là đã gửi tệp nhưng không đọc được.`,
    en: `The file could not be read, but its ${by === "name" ? "name" : "content"} shows it comes from "${unit}"; the unit is listed as having sent a file that could not be read.`,
  }),
  byLetterhead: (unit: string): Text => ({
    vi: `Tệp không phải biểu mẫu được gửi (không có thông tin nhận dạng); đã nhận ra đơn vị "${unit}" theo tên cơ quan ở đầu văn bản.`,
    en: `The file is not the form that was sent (it has no identity data); the unit "${unit}" was recognised from the letterhead at the top.`,
  }),
  sheetCopies: (used: string, others: string[]): Text => ({
    vi: `Tệp có ${others.length + 1} trang biểu mẫu (có thể đơn vị đã sao chép trang tính); đã tổng hợp trang "${used}" vì có nhiều nội dung nhất. Nội dung ở trang ${others.map((o) => `"${o}"`).join(", ")} được liệt kê để đối chiếu, không tổng hợp.`,
    en: `The file has ${others.length + 1} form sheets (the unit may have copied the sheet); the sheet "${used}" was consolidated because it holds the most entries. What is on ${others.map((o) => `"${o}"`).join(", ")} is listed for reference, not consolidated.`,
  }),
  sheetCopyBlank: (blank: string, used: string): Text => ({
    vi: `Trang "${blank}" là mẫu chưa điền (đơn vị đã điền vào bản sao "${used}"); đã tổng hợp trang "${used}". Ô nào ở trang "${blank}" khác với trang "${used}" được liệt kê riêng.`,
    en: `The sheet "${blank}" is the form left blank (the unit filled in the copy "${used}"); the sheet "${used}" was consolidated. Any cell of "${blank}" that differs from "${used}" is listed on its own.`,
  }),
  sheetCopyValue: (used: string): Text => ({
    vi: `Giá trị ở bản sao của trang biểu mẫu; không tổng hợp (đã dùng trang "${used}").`,
    en: `A value on a copy of the form sheet; not consolidated (the sheet "${used}" was used).`,
  }),
  progressFraction: (value: number, asPercent: boolean): Text =>
    asPercent
      ? {
          vi: `Tiến độ ghi dạng số thập phân; vì các tiến độ khác của đơn vị cũng ghi như vậy nên đã hiểu là ${value}%. Đề nghị kiểm tra.`,
          en: `Progress written as a fraction; the unit's other progress values are fractions too, so it was read as ${value}%. Please check.`,
        }
      : {
          vi: `Tiến độ ${value} rất nhỏ, có thể đơn vị định ghi ${value * 100}%; giữ nguyên là ${value}% vì các tiến độ khác của đơn vị ghi theo phần trăm. Đề nghị kiểm tra.`,
          en: `Progress ${value} is very small; the unit may have meant ${value * 100}%. It was kept as ${value}% because the unit's other progress values are percentages. Please check.`,
        },
  mergedAcrossTasks: (tasks: number[]): Text => ({
    vi: `Ô được gộp qua nhiều dòng nhiệm vụ (TT ${tasks.join(", ")}); giá trị chỉ được tính cho nhiệm vụ TT ${tasks[0]}. Đề nghị ghi riêng cho từng nhiệm vụ.`,
    en: `A cell merged across several task rows (tasks ${tasks.join(", ")}); its value counts for task ${tasks[0]} only. Ask the unit to fill in each task separately.`,
  }),
  errorValue: (): Text => ({
    vi: "Ô chứa giá trị lỗi của Excel (#N/A, #VALUE!…); không tổng hợp.",
    en: "The cell holds an Excel error value (#N/A, #VALUE!…); not consolidated.",
  }),
};

const FIXED_EN: Record<string, string> = {
  "nội dung công việc": "task content",
  "thời gian thực hiện": "timing",
  "hạn trong kỳ": "due date",
};
