import type { Plan, Task, TaskGroup } from "../plan/types";
import { columnLetter, rangeAddress } from "./a1";
import { APPENDIX_EXTRA_HEADERS, SPARE_ROWS } from "./book-layout";
import type { Column, Sheet } from "./model";
import { officialPrint } from "./print";
import { SheetBuilder } from "./sheet-builder";
import { DEFAULT_TYPOGRAPHY, titleRowHeight, type Typography, wrappedRowHeight } from "./styles";

export const APPENDIX_SHEET = "Phụ lục";

/** Widths (characters) chosen so the five columns fill an A4 landscape page between 30/15 mm margins. */
const APPENDIX_COLUMNS: Column[] = [{ width: 5 }, { width: 46 }, { width: 17 }, { width: 24 }, { width: 21 }];
/** The book's own columns: optional texts (printed only when a task uses them), then the task id. */
const EXTRA_COLUMNS: Column[] = [{ width: 20 }, { width: 20 }, { width: 11 }];
export const APPENDIX_PARTNERS_COLUMN = 6;
export const APPENDIX_RESULT_COLUMN = 7;
export const APPENDIX_ID_COLUMN = 8;

/** Rows of the appendix: title block 1–4, a spacer, header row 6, tasks from row 7. */
export const APPENDIX_HEADER_ROW = 6;

/** "I", "II", "A": a TT that marks a group heading rather than a task. */
export function isGroupLabel(text: string): boolean {
  const t = text.trim().replace(/\.$/, "");
  return /^(?=[IVXLC])C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(t) || /^[A-ZĐ]$/.test(t);
}

/** The group heading shown above each task: its group where a new one starts there, else null. */
export function groupHeadings(tasks: readonly Task[]): (TaskGroup | null)[] {
  let previous = "";
  return tasks.map((t) => {
    const key = t.group ? `${t.group.label}\u001f${t.group.title}` : "";
    const starts = t.group && key !== previous ? t.group : null;
    previous = key;
    return starts;
  });
}

/**
 * The appendix as in the source (title block, then TT / Nội dung / Thời gian / Cơ quan chủ trì /
 * Cấp ban hành), group headings where the plan has them, and the book's columns the office edits:
 * "Cơ quan phối hợp", "Kết quả / sản phẩm" and the stable "Mã nhiệm vụ" (outside the printed area).
 */
export function appendixSheet(plan: Plan, typography: Typography = DEFAULT_TYPOGRAPHY): Sheet {
  const a = plan.appendix;
  const extras = plan.tasks.some((t) => t.partners || t.result);
  const last = extras ? APPENDIX_RESULT_COLUMN : APPENDIX_COLUMNS.length;
  const s = new SheetBuilder(APPENDIX_SHEET, [...APPENDIX_COLUMNS, ...EXTRA_COLUMNS]);
  const printed = widths().slice(0, last);
  const total = printed.reduce((x, y) => x + y, 0);
  s.merge(1, 1, 1, last, a.label, "title");
  a.titleLines.forEach((line, i) => {
    s.merge(2 + i, 1, 2 + i, last, line, "title");
    s.height(2 + i, titleRowHeight(line, total, typography.titleSize, typography.tableSize));
  });
  const noteRow = 2 + a.titleLines.length;
  s.merge(noteRow, 1, noteRow, last, a.note, "note");
  s.height(noteRow, titleRowHeight(a.note, total, typography.tableSize, typography.tableSize));
  const headerRow = noteRow + 2;
  if (headerRow !== APPENDIX_HEADER_ROW) throw new Error("appendix title block must keep the header on row 6");
  const h = a.headers;
  const x = APPENDIX_EXTRA_HEADERS;
  const headers = [h.number, h.content, h.timing, h.lead, h.issuer, x.partners, x.result, x.id];
  s.line(headerRow, 1, headers, "header");
  s.height(headerRow, wrappedRowHeight(headers, widths(), typography.tableSize));
  let row = headerRow;
  const headings = groupHeadings(plan.tasks);
  for (const [i, t] of plan.tasks.entries()) {
    const heading = headings[i];
    if (heading) {
      row++;
      s.line(
        row,
        1,
        [heading.label, heading.title, null, null, null, null, null, null],
        ["cellBoldCenter", "cellBold", "cell", "cell", "cell", "cell", "cell", "idCell"],
      );
      s.height(row, wrappedRowHeight([heading.label, heading.title], widths(), typography.tableSize));
    }
    row++;
    const texts = [t.number, t.content, t.timing, t.lead, t.issuer, t.partners ?? null, t.result ?? null, t.id];
    s.line(row, 1, texts, ["cellCenter", "cell", "cellCenter", "cell", "cell", "cell", "cell", "idCell"]);
    s.height(
      row,
      wrappedRowHeight(
        texts.map((v) => (v === null ? null : String(v))),
        widths(),
        typography.tableSize,
      ),
    );
  }
  const spare = rangeAddress(headerRow + 1, 1, row + SPARE_ROWS, 1);
  s.validate({
    range: spare,
    type: "textLength",
    operator: "lessThanOrEqual",
    max: 6,
    allowBlank: true,
    prompt: {
      title: "TT",
      message:
        "Số thứ tự nhiệm vụ (1, 2, 3…), không trùng. Ghi I, II hoặc A, B cho dòng tiêu đề nhóm. Thêm nhiệm vụ: ghi ngay dưới nhiệm vụ cuối hoặc chèn dòng.",
    },
    error: { title: "TT không hợp lệ", message: "TT là một số (1, 2…) hoặc I, II, A cho tiêu đề nhóm.", style: "stop" },
  });
  s.validate({
    range: rangeAddress(headerRow + 1, 3, row + SPARE_ROWS, 3),
    type: "textLength",
    operator: "lessThanOrEqual",
    max: 255,
    allowBlank: true,
    prompt: {
      title: "Thời gian thực hiện",
      message:
        'Ví dụ: "Quý II/2026 và hằng năm", "Trước 30/6/2026", "Thường xuyên", "Năm 2027". Cụm từ không đọc được thì nhiệm vụ vẫn được theo dõi nhưng không có hạn.',
    },
    error: { title: "Quá dài", message: "Thời gian thực hiện tối đa 255 ký tự.", style: "stop" },
  });
  s.validate({
    range: rangeAddress(headerRow + 1, APPENDIX_ID_COLUMN, row + SPARE_ROWS, APPENDIX_ID_COLUMN),
    type: "textLength",
    operator: "lessThanOrEqual",
    max: 20,
    allowBlank: true,
    prompt: {
      title: "Mã nhiệm vụ",
      message:
        "Không sửa, không trùng: mẫu báo cáo gửi trước đây khớp với nhiệm vụ theo mã này. Nhiệm vụ mới: để trống, chương trình tự đặt mã (NV + TT).",
    },
    error: { title: "Mã quá dài", message: "Mã nhiệm vụ tối đa 20 ký tự.", style: "stop" },
  });
  return s
    .with({
      print: officialPrint({
        headerRows: { first: headerRow, last: headerRow },
        area: `A1:${columnLetter(last)}${row}`,
      }),
      freeze: { rows: headerRow, columns: 0 },
      showGridLines: false,
    })
    .build();
}

function widths(): number[] {
  return [...APPENDIX_COLUMNS, ...EXTRA_COLUMNS].map((c) => c.width);
}
