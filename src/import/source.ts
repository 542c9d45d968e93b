/** Which reader a file needs, from its bytes (the name is only a hint): Word, a workbook, or text. */
import { detectFormat, type InflateRaw } from "../xlsx/read";
import { containsUtf16, isOle2, ole2EntryNames } from "../xlsx/read/detect";
import { readDocxSource } from "./docx";
import { readSheetSource } from "./sheet";
import { ImportError, type ImportSource } from "./table";
import { readTextSource } from "./text";

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function readImportSource(bytes: Uint8Array, file: string, inflateRaw?: InflateRaw): ImportSource {
  if (bytes.length === 0)
    throw new ImportError({ vi: `Tệp ${file} rỗng (0 byte).`, en: `The file ${file} is empty (0 bytes).` });
  // Old Word files are compound documents like old Excel ones: told apart by their "WordDocument" stream.
  const oldWord =
    isOle2(bytes) && (ole2EntryNames(bytes)?.includes("WordDocument") ?? containsUtf16(bytes, "WordDocument"));
  const format = oldWord ? "doc" : detectFormat(bytes);
  if (format === "xlsx" || format === "xlsm" || format === "ods" || format === "xls")
    return readSheetSource(bytes, file, inflateRaw);
  if (format === "zip") return readDocxSource(bytes, file, inflateRaw);
  if (format === "doc" || format === "encrypted")
    throw new ImportError({
      vi: `Tệp ${file} là tài liệu Word 97–2003 (.doc) hoặc tệp có mật khẩu: hãy mở bằng Word hoặc LibreOffice, lưu lại dạng .docx (không mật khẩu) rồi thử lại.`,
      en: `The file ${file} is a Word 97–2003 document (.doc) or password-protected: open it in Word or LibreOffice, save it as .docx (no password) and try again.`,
    });
  if (format === "text") {
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw new ImportError({
        vi: `Tệp ${file} không phải văn bản UTF-8: hãy lưu lại với bảng mã UTF-8.`,
        en: `The file ${file} is not UTF-8 text: save it again as UTF-8.`,
      });
    }
    return readTextSource(text, file);
  }
  throw new ImportError({
    vi: `Tệp ${file} không phải tài liệu Word (.docx), bảng tính (.xlsx) hay văn bản (.txt, .md): không nhập được.`,
    en: `The file ${file} is not a Word document (.docx), a workbook (.xlsx) or text (.txt, .md): it cannot be imported.`,
  });
}
