import { both, type Text } from "../../i18n";

export type XlsxReadErrorCode =
  | "empty"
  | "too-large"
  | "not-xlsx"
  | "xls"
  | "ods"
  | "encrypted"
  | "corrupt"
  | "zip-bomb"
  | "forbidden-xml"
  | "missing-part"
  | "too-many-cells";

/** Why a returned file could not be read, in words an official can act on (Vietnamese first). */
export class XlsxReadError extends Error {
  readonly code: XlsxReadErrorCode;
  readonly text: Text;
  readonly part?: string;

  constructor(code: XlsxReadErrorCode, text: Text, part?: string) {
    super(both(text));
    this.name = "XlsxReadError";
    this.code = code;
    this.text = text;
    if (part !== undefined) this.part = part;
  }
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const RESAVE_VI = "Hãy mở bằng Excel hoặc LibreOffice, lưu lại dạng Sổ làm việc Excel (.xlsx) rồi gửi lại.";
const RESAVE_EN = "Open it in Excel or LibreOffice, save it as an Excel Workbook (.xlsx) and send it again.";

export const readErrors = {
  empty: (): XlsxReadError =>
    new XlsxReadError("empty", {
      vi: "Tệp rỗng (0 byte). Hãy kiểm tra lại tệp đã lưu và gửi lại bản báo cáo đầy đủ.",
      en: "The file is empty (0 bytes). Check the saved file and send the complete report again.",
    }),
  tooLarge: (size: number, limit: number): XlsxReadError =>
    new XlsxReadError("too-large", {
      vi: `Tệp quá lớn (${mb(size)}, giới hạn ${mb(limit)}). Biểu mẫu báo cáo thường chỉ vài trăm KB: hãy xoá ảnh và trang tính thừa, lưu lại dạng .xlsx rồi gửi lại.`,
      en: `The file is too large (${mb(size)}, limit ${mb(limit)}). A report form is usually a few hundred KB: remove pictures and extra sheets, save as .xlsx and send it again.`,
    }),
  text: (): XlsxReadError =>
    new XlsxReadError("not-xlsx", {
      vi: `Tệp này là văn bản thuần (CSV, HTML hoặc TXT), không phải bảng tính Excel. ${RESAVE_VI}`,
      en: `This is a plain-text file (CSV, HTML or TXT), not an Excel workbook. ${RESAVE_EN}`,
    }),
  otherZip: (): XlsxReadError =>
    new XlsxReadError("not-xlsx", {
      vi: "Tệp nén (.zip) hoặc tài liệu khác (Word, PowerPoint, .xlsb…), không phải bảng tính .xlsx. Hãy gửi đúng tệp biểu mẫu báo cáo, lưu dạng .xlsx.",
      en: "A .zip archive or another kind of document (Word, PowerPoint, .xlsb…), not an .xlsx workbook. Send the report form itself, saved as .xlsx.",
    }),
  unknown: (): XlsxReadError =>
    new XlsxReadError("not-xlsx", {
      vi: `Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng. Hãy dùng đúng biểu mẫu được gửi. ${RESAVE_VI}`,
      en: `The file is not an Excel workbook (.xlsx), or it is damaged. Use the form that was sent to you. ${RESAVE_EN}`,
    }),
  xls: (): XlsxReadError =>
    new XlsxReadError("xls", {
      vi: "Tệp Excel cũ (.xls). Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx rồi gửi lại.",
      en: "An old Excel file (.xls). Open it in Excel or LibreOffice, save it as .xlsx and send it again.",
    }),
  xlsUnavailable: (detail: string): XlsxReadError =>
    new XlsxReadError("xls", {
      vi: `Tệp Excel cũ (.xls) nhưng không tải được bộ đọc tệp .xls (${detail}). Hãy tải lại trang rồi thử lại, hoặc mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx.`,
      en: `An old Excel file (.xls), but the .xls reader could not be loaded (${detail}). Reload the page and try again, or open the file in Excel or LibreOffice and save it as .xlsx.`,
    }),
  ods: (): XlsxReadError =>
    new XlsxReadError("ods", {
      vi: "Tệp bảng tính OpenDocument (.ods). Trong LibreOffice chọn Tệp → Lưu thành…, kiểu “Excel 2007-365 (.xlsx)”, rồi gửi lại.",
      en: "An OpenDocument spreadsheet (.ods). In LibreOffice choose File → Save As…, type “Excel 2007-365 (.xlsx)”, and send it again.",
    }),
  encrypted: (): XlsxReadError =>
    new XlsxReadError("encrypted", {
      vi: "Tệp được đặt mật khẩu mở nên chương trình không đọc được (không cần và không nên gửi mật khẩu). Đề nghị đơn vị gỡ mật khẩu rồi gửi lại: trong Excel mở tệp, chọn Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa hết mật khẩu, bấm OK rồi lưu; trong LibreOffice chọn Tệp → Lưu thành…, bỏ chọn “Lưu với mật khẩu”, lưu dạng .xlsx.",
      en: "The file has a password to open, so it cannot be read (do not send the password). Ask the unit to remove it and send the file again: in Excel open the file, choose File → Info → Protect Workbook → Encrypt with Password, delete the password, click OK and save; in LibreOffice choose File → Save As…, untick “Save with password” and save as .xlsx.",
    }),
  corrupt: (part: string, detail: string): XlsxReadError =>
    new XlsxReadError(
      "corrupt",
      {
        vi: `Tệp bị hỏng hoặc không đầy đủ (${part}: ${detail}). ${RESAVE_VI} Nếu không mở được, đề nghị đơn vị gửi lại tệp.`,
        en: `The file is damaged or incomplete (${part}: ${detail}). ${RESAVE_EN} If it does not open, ask the unit to send the file again.`,
      },
      part,
    ),
  zipBomb: (part: string): XlsxReadError =>
    new XlsxReadError(
      "zip-bomb",
      {
        vi: `Tệp có cấu trúc nén bất thường (${part} giải nén ra quá nhiều dữ liệu) nên bị từ chối để bảo đảm an toàn. Đề nghị đơn vị lưu lại biểu mẫu bằng Excel và gửi lại.`,
        en: `The file is compressed abnormally (${part} expands to far too much data), so it was refused for safety. Ask the unit to save the form again in Excel and resend it.`,
      },
      part,
    ),
  forbiddenXml: (part: string): XlsxReadError =>
    new XlsxReadError(
      "forbidden-xml",
      {
        vi: `Tệp chứa khai báo XML không được phép (DOCTYPE/ENTITY) trong ${part}; có thể là tệp độc hại nên bị từ chối. ${RESAVE_VI}`,
        en: `The file contains forbidden XML declarations (DOCTYPE/ENTITY) in ${part}; it may be malicious and was refused. ${RESAVE_EN}`,
      },
      part,
    ),
  missingPart: (part: string): XlsxReadError =>
    new XlsxReadError(
      "missing-part",
      {
        vi: `Tệp thiếu thành phần ${part}. ${RESAVE_VI}`,
        en: `The file lacks its part ${part}. ${RESAVE_EN}`,
      },
      part,
    ),
  tooManyCells: (limit: number, part: string): XlsxReadError =>
    new XlsxReadError(
      "too-many-cells",
      {
        vi: `Tệp có quá nhiều ô (hơn ${limit.toLocaleString("vi-VN")} ô). Biểu mẫu báo cáo chỉ có vài nghìn ô: hãy xoá dữ liệu thừa ngoài biểu mẫu rồi gửi lại.`,
        en: `The file has too many cells (more than ${limit.toLocaleString("en-US")}). A report form has a few thousand: delete data outside the form and send it again.`,
      },
      part,
    ),
};
