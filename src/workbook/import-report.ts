/**
 * "Kiểm tra nhập": what an import of an appendix did, as a sheet of the book (after the plan
 * sheets): tasks per group, deadlines not read (with their cell in the source), new agencies to
 * review, rows and tables left out and why. The office reads it once and may delete it.
 */
import type { ImportReport, ReportSection } from "../import/report";
import { reportLines } from "../import/report";
import type { Sheet } from "./model";
import { officialPrint } from "./print";
import { SheetBuilder } from "./sheet-builder";
import { DEFAULT_TYPOGRAPHY, titleRowHeight, type Typography, wrappedRowHeight } from "./styles";

export const IMPORT_REPORT_SHEET = "Kiểm tra nhập";

const SECTION_LABELS: Record<ReportSection, string> = {
  summary: "Tổng quát",
  table: "Bảng",
  group: "Nhóm",
  deadline: "Thời hạn chưa đọc",
  agency: "Cơ quan",
  skipped: "Bỏ qua",
  note: "Lưu ý",
};

const COLUMNS = [
  { header: "Mục", width: 18 },
  { header: "Vị trí trong tệp nhập", width: 30 },
  { header: "Nội dung", width: 90 },
];

export function importReportSheet(report: ImportReport, typography: Typography = DEFAULT_TYPOGRAPHY): Sheet {
  const s = new SheetBuilder(
    IMPORT_REPORT_SHEET,
    COLUMNS.map((c) => ({ width: c.width })),
  );
  const total = COLUMNS.reduce((x, c) => x + c.width, 0);
  s.merge(1, 1, 1, 3, `KIỂM TRA NHẬP PHỤ LỤC TỪ TỆP ${report.file}`, "title");
  s.height(
    1,
    titleRowHeight(`KIỂM TRA NHẬP PHỤ LỤC TỪ TỆP ${report.file}`, total, typography.titleSize, typography.tableSize),
  );
  const help =
    'Đọc kỹ trước khi dùng sổ: sửa thời hạn chưa đọc được ở trang "Phụ lục", rà soát cơ quan mới ở trang "Đơn vị" và phân công ở trang "Phân công". Trang này không được đọc lại; có thể xóa sau khi kiểm tra.';
  s.merge(2, 1, 2, 3, help, "instructions");
  s.height(2, titleRowHeight(help, total, typography.tableSize * 0.85, typography.tableSize));
  const h = 3;
  s.line(
    h,
    1,
    COLUMNS.map((c) => c.header),
    "header",
  );
  reportLines(report).forEach((line, i) => {
    const row = h + 1 + i;
    const values = [SECTION_LABELS[line.section], line.where.vi, line.text.vi];
    s.line(row, 1, values, ["cellBold", "cell", "cell"]);
    s.height(
      row,
      wrappedRowHeight(
        values,
        COLUMNS.map((c) => c.width),
        typography.tableSize,
      ),
    );
  });
  return s
    .with({
      freeze: { rows: h, columns: 0 },
      tabColor: "F4B084",
      print: officialPrint({ headerRows: { first: h, last: h } }),
    })
    .build();
}
