/**
 * The book's plan sheets the office edits: "Đơn vị" (units), "Phân công" (who reports on which
 * task) and "Thông tin" (the document facts). With "Phụ lục" (appendix.ts) they are the plan; the
 * reader is src/book. Not protected: the office owns these sheets; validation and prompts guide typing.
 */
import type { Plan } from "../plan/types";
import { columnLetter, rangeAddress } from "./a1";
import {
  ASSIGN_FIRST_TASK_COLUMN,
  ASSIGN_HEADER_ROW,
  ASSIGN_HEADERS,
  ASSIGN_ID_ROW,
  ASSIGN_MARK,
  ASSIGN_SHEET,
  INFO_FIELDS,
  INFO_HEADER_ROW,
  INFO_HEADERS,
  INFO_SHEET,
  infoValue,
  LEVEL_LABELS,
  NO,
  SPARE_ROWS,
  UNIT_COLUMNS,
  UNITS_HEADER_ROW,
  UNITS_SHEET,
  YES,
} from "./book-layout";
import type { CellValue, Sheet, Validation } from "./model";
import { officialPrint } from "./print";
import { SheetBuilder } from "./sheet-builder";
import { DEFAULT_TYPOGRAPHY, titleRowHeight, type Typography, wrappedRowHeight } from "./styles";

const TAB = "8EA9DB";

function textRule(range: string, title: string, message: string, max: number): Validation {
  return {
    range,
    type: "textLength",
    operator: "lessThanOrEqual",
    max,
    allowBlank: true,
    prompt: { title, message },
    error: { title: `${title}: quá dài`, message: `Tối đa ${max} ký tự.`, style: "stop" },
  };
}

function listRule(range: string, list: string[], title: string, message: string): Validation {
  return {
    range,
    type: "list",
    list,
    allowBlank: true,
    prompt: { title, message },
    error: { title: `${title} không hợp lệ`, message: `Chỉ chọn: ${list.join(", ")}.`, style: "stop" },
  };
}

/** "Đơn vị": every unit, active or not, in the plan's order. */
export function unitsSheet(plan: Plan, typography: Typography = DEFAULT_TYPOGRAPHY): Sheet {
  const s = new SheetBuilder(
    UNITS_SHEET,
    UNIT_COLUMNS.map((c) => ({ width: c.width })),
  );
  const width = UNIT_COLUMNS.length;
  const total = UNIT_COLUMNS.reduce((x, c) => x + c.width, 0);
  const title = "DANH SÁCH ĐƠN VỊ BÁO CÁO";
  s.merge(1, 1, 1, width, title, "title");
  const help =
    "Thêm đơn vị: ghi vào dòng trống cuối bảng. Đơn vị thôi báo cáo: chọn Không ở cột Còn báo cáo (không xóa dòng); " +
    "đơn vị sáp nhập: ghi mã đơn vị mới ở cột Sáp nhập vào — mẫu đơn vị cũ gửi về được tính cho đơn vị mới.";
  s.merge(2, 1, 2, width, help, "instructions");
  s.height(2, titleRowHeight(help, total, typography.tableSize * 0.75, typography.tableSize));
  const h = UNITS_HEADER_ROW;
  s.line(
    h,
    1,
    UNIT_COLUMNS.map((c) => c.header),
    "header",
  );
  s.height(
    h,
    wrappedRowHeight(
      UNIT_COLUMNS.map((c) => c.header),
      UNIT_COLUMNS.map((c) => c.width),
      typography.tableSize,
    ),
  );
  plan.units.forEach((u, i) => {
    const values: CellValue[] = [
      u.code,
      u.name,
      u.shortName ?? null,
      LEVEL_LABELS[u.level],
      u.kind,
      u.active === false ? NO : YES,
      u.mergedInto ?? null,
      u.aliases && u.aliases.length > 0 ? u.aliases.join("; ") : null,
    ];
    s.line(h + 1 + i, 1, values, ["codeCell", "cell", "cell", "cellCenter", "cell", "cellCenter", "codeCell", "cell"]);
  });
  const end = h + plan.units.length + SPARE_ROWS;
  const col = (key: (typeof UNIT_COLUMNS)[number]["key"]) => {
    const c = UNIT_COLUMNS.findIndex((x) => x.key === key) + 1;
    return rangeAddress(h + 1, c, end, c);
  };
  s.validate(
    textRule(col("code"), "Mã đơn vị", "Mã riêng của đơn vị, không trùng, không đổi (mẫu báo cáo mang mã này).", 20),
  );
  s.validate(textRule(col("name"), "Tên đơn vị", "Tên đầy đủ, in trên mẫu báo cáo.", 200));
  s.validate(
    listRule(
      col("level"),
      [LEVEL_LABELS.provincial, LEVEL_LABELS.commune],
      "Cấp",
      "tỉnh: cơ quan cấp tỉnh; xã: xã, phường, đặc khu.",
    ),
  );
  s.validate(
    listRule(col("active"), [YES, NO], "Còn báo cáo", "Không: đơn vị không còn nhận mẫu báo cáo (giải thể, sáp nhập)."),
  );
  s.validate(
    textRule(
      col("mergedInto"),
      "Sáp nhập vào",
      "Mã của đơn vị thay thế (có trong bảng này); để trống nếu không sáp nhập.",
      20,
    ),
  );
  return s
    .with({
      freeze: { rows: h, columns: 2 },
      tabColor: TAB,
      print: officialPrint({ headerRows: { first: h, last: h }, area: `A1:H${h + plan.units.length}` }),
    })
    .build();
}

/** "Phân công": one row per active unit, one column per task; "x" where the unit reports on the task. */
export function assignmentsSheet(plan: Plan, typography: Typography = DEFAULT_TYPOGRAPHY): Sheet {
  const first = ASSIGN_FIRST_TASK_COLUMN;
  const lastCol = first + plan.tasks.length - 1;
  const s = new SheetBuilder(ASSIGN_SHEET, [{ width: 12 }, { width: 36 }, ...plan.tasks.map(() => ({ width: 6 }))]);
  const width = Math.max(lastCol, 2);
  s.merge(1, 1, 1, Math.min(width, 12), "PHÂN CÔNG BÁO CÁO: ĐƠN VỊ × NHIỆM VỤ", "title");
  const help =
    `Ghi "${ASSIGN_MARK}" vào ô đơn vị báo cáo nhiệm vụ đó. Dòng 3 là mã nhiệm vụ (không sửa); thêm nhiệm vụ ở trang Phụ lục thì thêm một cột, ghi mã và TT của nhiệm vụ ở dòng 3, 4. ` +
    "Đơn vị chỉ ghi ở trang Đơn vị; thêm đơn vị vào đây bằng cách ghi mã ở cột A.";
  s.merge(2, 1, 2, Math.min(width, 12), help, "instructions");
  s.height(2, titleRowHeight(help, 12 + 36 + 6 * 10, typography.tableSize * 0.75, typography.tableSize));
  s.line(ASSIGN_ID_ROW, 1, [null, ASSIGN_HEADERS.idLabel], "idCell");
  s.line(
    ASSIGN_ID_ROW,
    first,
    plan.tasks.map((t) => t.id),
    "idCell",
  );
  const h = ASSIGN_HEADER_ROW;
  s.line(h, 1, [ASSIGN_HEADERS.code, ASSIGN_HEADERS.name], "header");
  s.line(
    h,
    first,
    plan.tasks.map((t) => t.number),
    "header",
  );
  const column = new Map(plan.tasks.map((t, i) => [t.number, first + i] as const));
  const units = plan.units.filter((u) => u.active !== false);
  units.forEach((u, i) => {
    const row = h + 1 + i;
    s.line(row, 1, [u.code, u.name], ["codeCell", "cell"]);
    for (const n of plan.assignments.get(u.code) ?? []) {
      const c = column.get(n);
      if (c !== undefined) s.set(row, c, ASSIGN_MARK, "cellCenter");
    }
  });
  if (plan.tasks.length > 0)
    s.validate(
      listRule(
        rangeAddress(h + 1, first, h + units.length + SPARE_ROWS, lastCol),
        [ASSIGN_MARK],
        "Phân công",
        `Ghi ${ASSIGN_MARK} nếu đơn vị ở dòng này báo cáo nhiệm vụ ở cột này; để trống nếu không.`,
      ),
    );
  s.validate(
    textRule(
      rangeAddress(h + 1, 1, h + units.length + SPARE_ROWS, 1),
      "Mã đơn vị",
      "Mã đơn vị có trong trang Đơn vị (còn báo cáo).",
      20,
    ),
  );
  return s
    .with({
      freeze: { rows: h, columns: 2 },
      tabColor: TAB,
      print: officialPrint({ headerRows: { first: h, last: h } }),
    })
    .build();
}

/** "Thông tin": the document facts, one per row; the key column is hidden and never edited. */
export function infoSheet(plan: Plan, typography: Typography = DEFAULT_TYPOGRAPHY): Sheet {
  const s = new SheetBuilder(INFO_SHEET, [{ width: 36 }, { width: 90 }, { width: 20, hidden: true }]);
  s.merge(1, 1, 1, 2, "THÔNG TIN KẾ HOẠCH", "title");
  const help =
    "Sửa ở cột Nội dung: tiêu đề của phụ lục, sổ theo dõi, mẫu báo cáo và bảng tổng hợp lấy từ đây khi tạo lại.";
  s.merge(2, 1, 2, 2, help, "instructions");
  s.height(2, titleRowHeight(help, 126, typography.tableSize * 0.75, typography.tableSize));
  s.line(INFO_HEADER_ROW, 1, [INFO_HEADERS.label, INFO_HEADERS.value, INFO_HEADERS.key], "header");
  const facts = { id: plan.id, document: plan.document, appendix: plan.appendix };
  INFO_FIELDS.forEach((f, i) => {
    const row = INFO_HEADER_ROW + 1 + i;
    const v = infoValue(facts, f.key);
    const value: CellValue =
      f.kind === "date" ? { date: String(v) } : Array.isArray(v) ? v.join("\n") : (v as string | number);
    const style = f.kind === "date" ? "cellDate" : f.kind === "year" || f.kind === "whole" ? "cellNumber" : "cell";
    s.line(row, 1, [f.label, value, f.key], ["cellBold", style, "idCell"]);
    s.height(
      row,
      wrappedRowHeight([f.label, Array.isArray(v) ? v.join("\n") : String(v)], [36, 90], typography.tableSize),
    );
    const at = `B${row}`;
    if (f.kind === "year")
      s.validate({
        range: at,
        type: "whole",
        operator: "between",
        min: 2000,
        max: 2100,
        allowBlank: false,
        prompt: { title: f.label, message: "Một năm, ví dụ 2026." },
        error: { title: "Năm không hợp lệ", message: "Nhập năm bằng số, từ 2000 đến 2100.", style: "stop" },
      });
    else if (f.key === "reporting.everyMonths")
      s.validate({
        range: at,
        type: "whole",
        operator: "between",
        min: 1,
        max: 12,
        allowBlank: false,
        prompt: { title: f.label, message: "Số tháng giữa hai kỳ báo cáo (6: sáu tháng một lần)." },
        error: { title: "Số tháng không hợp lệ", message: "Nhập số nguyên từ 1 đến 12.", style: "stop" },
      });
    else if (f.kind === "date")
      s.validate({
        range: at,
        type: "date",
        operator: "between",
        min: { date: "2000-01-01" },
        max: { date: "2100-12-31" },
        allowBlank: false,
        prompt: { title: f.label, message: "Nhập ngày/tháng/năm, ví dụ 14/05/2026." },
        error: { title: "Ngày không hợp lệ", message: "Nhập một ngày có thật dạng ngày/tháng/năm.", style: "stop" },
      });
  });
  return s
    .with({
      freeze: { rows: INFO_HEADER_ROW, columns: 1 },
      tabColor: TAB,
      print: officialPrint({ area: `A1:B${INFO_HEADER_ROW + INFO_FIELDS.length}` }),
    })
    .build();
}

/** Column letter of a task in "Phân công" (for messages and tests). */
export function assignmentColumn(plan: Plan, taskNumber: number): string {
  return columnLetter(ASSIGN_FIRST_TASK_COLUMN + plan.tasks.findIndex((t) => t.number === taskNumber));
}
