/**
 * The book holds the plan: the template writes the plan sheets, the reader gets the same plan back,
 * edits made by an independent writer (ExcelJS, as Excel would save them) are read, and every bad
 * book gives a message naming its sheet and cell.
 */
import { readBook, type BookProblem } from "../../src/book";
import { formFileName, generateForms } from "../../src/jobs/forms";
import { builtinPlan, reportingUnits } from "../../src/plan";
import { reportPeriod } from "../../src/schedule";
import { APPENDIX_SHEET } from "../../src/workbook/appendix";
import {
  ASSIGN_SHEET,
  BOOK_FORMAT_PROPERTY,
  BOOK_FORMAT_VERSION,
  INFO_SHEET,
  UNITS_SHEET,
} from "../../src/workbook/book-layout";
import { FORM_SHEET } from "../../src/workbook/form-layout";
import { identityFromPairs, META_SHEET } from "../../src/workbook/identity";
import { TRACKING_SHEET } from "../../src/workbook/tracking";
import { readXlsx } from "../../src/xlsx/read";
import { bookBytes, editBook, rowOfCode, sheet } from "./helpers";

const plan = builtinPlan();
const period = reportPeriod("2026-H1")!;
const FIRST_TASK_ROW = 7;
/** "Phân công": task n is in column 2 + n. */
const assignCol = (n: number) => 2 + n;

function codes(problems: BookProblem[]) {
  return problems.map((p) => `${p.severity}:${p.code}@${p.sheet}!${p.cell}`);
}

describe("the template writes the book's plan sheets", () => {
  const wb = readXlsx(bookBytes());

  it("has the appendix, tracking, units, assignments and facts sheets; identity says tracking and the format", () => {
    expect(wb.sheets.map((s) => s.name)).toEqual([
      APPENDIX_SHEET,
      TRACKING_SHEET,
      UNITS_SHEET,
      ASSIGN_SHEET,
      INFO_SHEET,
    ]);
    expect(identityFromPairs(wb.customProperties)).toMatchObject({ kind: "tracking", planVersion: plan.version });
    expect(wb.customProperties[BOOK_FORMAT_PROPERTY]).toBe(String(BOOK_FORMAT_VERSION));
  });

  it("Phụ lục: the source's five columns verbatim, then partners, result and the stable task id", () => {
    const s = wb.sheet(APPENDIX_SHEET)!;
    expect(["A6", "B6", "C6", "D6", "E6", "F6", "G6", "H6"].map((r) => s.cell(r)?.value)).toEqual([
      "TT",
      "Nội dung công việc",
      "Thời gian thực hiện",
      "Cơ quan chủ trì tham mưu thực hiện",
      "Cấp ban hành",
      "Cơ quan phối hợp",
      "Kết quả / sản phẩm",
      "Mã nhiệm vụ",
    ]);
    plan.tasks.forEach((t, i) => {
      expect(s.cell(`A${FIRST_TASK_ROW + i}`)?.value).toBe(t.number);
      expect(s.cell(`B${FIRST_TASK_ROW + i}`)?.value).toBe(t.content);
      expect(s.cell(`H${FIRST_TASK_ROW + i}`)?.value).toBe(t.id);
    });
    expect(new Set(plan.tasks.map((t) => t.id)).size).toBe(17);
  });

  it("Đơn vị lists every unit; Phân công marks exactly today's assignments; Thông tin holds the facts", () => {
    const units = wb.sheet(UNITS_SHEET)!;
    expect(units.cell("A3")?.value).toBe("Mã đơn vị");
    expect(units.cell("A4")?.value).toBe(plan.units[0]!.code);
    expect(units.cells.filter((c) => c.col === 1 && c.row > 3)).toHaveLength(plan.units.length);
    const assign = wb.sheet(ASSIGN_SHEET)!;
    const marks = assign.cells.filter((c) => c.row > 4 && c.col > 2 && c.value === "x").length;
    expect(marks).toBe([...plan.assignments.values()].reduce((n, l) => n + l.length, 0));
    expect(assign.cell("C3")?.value).toBe(plan.tasks[0]!.id);
    const info = wb.sheet(INFO_SHEET)!;
    const row = info.cells.find((c) => c.col === 3 && c.value === "resolution.number")!.row;
    expect(info.cell(`B${row}`)?.value).toBe("08-NQ/TU");
  });

  it("guides typing: lists, prompts and frozen headers on the sheets the office edits", () => {
    const full = readXlsx(bookBytes());
    const units = full.sheet(UNITS_SHEET)!;
    const lists = units.validations.filter((v) => v.type === "list").map((v) => v.formula1);
    expect(lists).toEqual(expect.arrayContaining(['"tỉnh,xã"', '"Có,Không"']));
    expect(units.validations.every((v) => v.prompt)).toBe(true);
    expect(full.sheet(ASSIGN_SHEET)!.validations.find((v) => v.type === "list")?.formula1).toBe('"x"');
    expect(full.sheet(APPENDIX_SHEET)!.validations.map((v) => v.promptTitle)).toEqual(
      expect.arrayContaining(["TT", "Thời gian thực hiện", "Mã nhiệm vụ"]),
    );
  });
});

describe("reading the plan back", () => {
  it("gives the built-in plan back exactly, with no problem", () => {
    const read = readBook(bookBytes());
    expect(read.problems).toEqual([]);
    expect(read.plan).toEqual(plan);
  });

  it("reads what the office changed with another program: a new task, a renamed and a merged unit, assignments, facts", async () => {
    const communes = reportingUnits(plan).filter((u) => u.level === "commune");
    const [kept, gone] = [communes[0]!, communes[1]!];
    const edited = await editBook(bookBytes(), (wb) => {
      const a = sheet(wb, APPENDIX_SHEET);
      const r = FIRST_TASK_ROW + 17;
      a.getRow(r).values = [
        18,
        "Tổng kết 5 năm thực hiện Nghị quyết",
        "Năm 2030",
        "Ban Tổ chức Tỉnh ủy",
        "Ban Thường vụ Tỉnh ủy",
        "Sở Nội vụ",
        "Báo cáo tổng kết",
      ];
      a.getCell(`C${FIRST_TASK_ROW + 2}`).value = "Quý IV/2026";
      const u = sheet(wb, UNITS_SHEET);
      u.getCell(`B${rowOfCode(u, kept.code)}`).value = `${kept.name} (mới)`;
      u.getCell(`F${rowOfCode(u, gone.code)}`).value = "Không";
      u.getCell(`G${rowOfCode(u, gone.code)}`).value = kept.code;
      const p = sheet(wb, ASSIGN_SHEET);
      p.getCell(4, assignCol(18)).value = 18;
      p.getCell(rowOfCode(p, "BTCTU"), assignCol(18)).value = "x";
      const goneRow = rowOfCode(p, gone.code);
      for (let c = 3; c <= 19; c++) p.getCell(goneRow, c).value = null;
      const info = sheet(wb, INFO_SHEET);
      info.eachRow((row) => {
        if (row.getCell(3).value === "reporting.via") row.getCell(2).value = "Văn phòng Tỉnh ủy";
      });
    });
    const read = readBook(edited);
    expect(codes(read.problems)).toEqual([`warning:id-default@${APPENDIX_SHEET}!H24`]);
    const p = read.plan!;
    expect(p.tasks).toHaveLength(18);
    expect(p.tasks[17]).toMatchObject({
      number: 18,
      id: "NV18",
      timing: "Năm 2030",
      partners: "Sở Nội vụ",
      result: "Báo cáo tổng kết",
      leads: [{ name: "Ban Tổ chức Tỉnh ủy", level: "provincial", unit: "BTCTU" }],
    });
    expect(p.tasks[2]!.timing).toBe("Quý IV/2026");
    expect(p.units.find((u) => u.code === kept.code)!.name).toBe(`${kept.name} (mới)`);
    expect(p.units.find((u) => u.code === gone.code)).toMatchObject({ active: false, mergedInto: kept.code });
    expect(p.assignments.get("BTCTU")).toContain(18);
    expect(p.assignments.has(gone.code)).toBe(false);
    expect(p.document.reporting.via).toBe("Văn phòng Tỉnh ủy");
    expect(p.version).not.toBe(plan.version);

    // Forms made from the edited book follow it: the new task, the new facts, the plan version.
    const forms = await generateForms(p, period, { units: p.units.filter((u) => u.code === "BTCTU") });
    const form = readXlsx(forms.files[0]!.bytes);
    const s = form.sheet(FORM_SHEET)!;
    expect(s.cells.some((c) => c.value === "Tổng kết 5 năm thực hiện Nghị quyết")).toBe(true);
    expect(s.cell("C4")?.value).toContain("Văn phòng Tỉnh ủy");
    const id = identityFromPairs(form.customProperties)!;
    expect(id.planVersion).toBe(p.version);
    const meta = form.sheet(META_SHEET)!;
    expect(meta.cells.some((c) => typeof c.value === "string" && c.value.includes("18=NV18"))).toBe(true);
    expect(forms.files[0]!.name).toBe(
      formFileName(
        p.units.find((u) => u.code === "BTCTU")!,
        period,
      ),
    );

    // Rebuilding the book from itself keeps the office's plan and writes the new id in.
    const rebuilt = readBook(bookBytes(p));
    expect(rebuilt.problems).toEqual([]);
    expect(rebuilt.plan).toEqual(p);
  });

  it("keeps group headings (I., II., A.) as headings, not tasks, and writes them back", async () => {
    const edited = await editBook(bookBytes(), (wb) => {
      const a = sheet(wb, APPENDIX_SHEET);
      a.spliceRows(FIRST_TASK_ROW, 0, ["I.", "Công tác lãnh đạo, chỉ đạo"]);
      a.spliceRows(FIRST_TASK_ROW + 6, 0, ["II", "Công tác cán bộ"]);
    });
    const read = readBook(edited);
    expect(read.problems).toEqual([]);
    const p = read.plan!;
    expect(p.tasks).toHaveLength(17);
    expect(p.tasks[0]!.group).toEqual({ label: "I", title: "Công tác lãnh đạo, chỉ đạo" });
    expect(p.tasks[4]!.group).toEqual({ label: "I", title: "Công tác lãnh đạo, chỉ đạo" });
    expect(p.tasks[5]!.group).toEqual({ label: "II", title: "Công tác cán bộ" });
    const again = readBook(bookBytes(p));
    expect(again.plan).toEqual(p);
    const s = readXlsx(bookBytes(p)).sheet(APPENDIX_SHEET)!;
    expect([s.cell("A7")?.value, s.cell("B7")?.value, s.cell("A8")?.value]).toEqual([
      "I",
      "Công tác lãnh đạo, chỉ đạo",
      1,
    ]);
  });
});

describe("checking a book: every problem named with sheet and cell", () => {
  async function problemsAfter(edit: Parameters<typeof editBook>[1]) {
    const read = readBook(await editBook(bookBytes(), edit));
    for (const p of read.problems) {
      expect(p.text.vi).not.toBe(p.text.en);
      expect(p.text.vi.normalize("NFC")).toBe(p.text.vi);
    }
    return read;
  }

  it.each<[string, Parameters<typeof editBook>[1], string[]]>([
    [
      "duplicate TT",
      (wb) => void (sheet(wb, APPENDIX_SHEET).getCell("A9").value = 2),
      [`error:number-duplicate@${APPENDIX_SHEET}!A9`],
    ],
    [
      "duplicate id",
      (wb) => void (sheet(wb, APPENDIX_SHEET).getCell("H9").value = "NV02"),
      [`error:id-duplicate@${APPENDIX_SHEET}!H9`],
    ],
    [
      "empty content",
      (wb) => void (sheet(wb, APPENDIX_SHEET).getCell("B9").value = null),
      [`error:content-empty@${APPENDIX_SHEET}!B9`],
    ],
    [
      "a timing phrase that cannot be read (a warning: still tracked)",
      (wb) => void (sheet(wb, APPENDIX_SHEET).getCell("C9").value = "khi có điều kiện"),
      [`warning:timing-unread@${APPENDIX_SHEET}!C9`],
    ],
    [
      "text in the TT column",
      (wb) => void (sheet(wb, APPENDIX_SHEET).getCell("A9").value = "ba"),
      [`error:number-invalid@${APPENDIX_SHEET}!A9`],
    ],
    [
      "text in a year of Thông tin",
      (wb) =>
        sheet(wb, INFO_SHEET).eachRow((row) => {
          if (row.getCell(3).value === "years.to") row.getCell(2).value = "hai nghìn ba mươi";
        }),
      [`error:info-invalid@${INFO_SHEET}!B16`],
    ],
    [
      "a unit code used twice",
      (wb) => {
        const u = sheet(wb, UNITS_SHEET);
        u.getCell(`A${rowOfCode(u, "SNV")}`).value = "BTCTU";
      },
      // The second BTCTU row (formerly SNV) is left out, so SNV's assignments point at an unknown unit.
      [
        `error:code-duplicate@${UNITS_SHEET}!A`,
        `error:assign-unit-unknown@${ASSIGN_SHEET}!A`,
        `warning:task-unassigned@${APPENDIX_SHEET}!A`,
      ],
    ],
    [
      "an assignment to an unknown unit",
      (wb) => {
        const p = sheet(wb, ASSIGN_SHEET);
        p.getCell("A500").value = "KHONGCO";
        p.getCell(500, assignCol(1)).value = "x";
      },
      [`error:assign-unit-unknown@${ASSIGN_SHEET}!A500`],
    ],
    [
      "an assignment to an inactive unit",
      (wb) => {
        const u = sheet(wb, UNITS_SHEET);
        u.getCell(`F${rowOfCode(u, "SNV")}`).value = "Không";
      },
      [`error:assign-unit-inactive@${ASSIGN_SHEET}!A`, `warning:task-unassigned@${APPENDIX_SHEET}!A`],
    ],
    [
      "a task nobody reports on (a warning)",
      (wb) => {
        const p = sheet(wb, ASSIGN_SHEET);
        p.eachRow((row, n) => {
          if (n > 4) row.getCell(assignCol(1)).value = null;
        });
      },
      [`warning:task-unassigned@${APPENDIX_SHEET}!A7`],
    ],
    [
      "something other than x in Phân công",
      (wb) => void (sheet(wb, ASSIGN_SHEET).getCell(5, assignCol(2)).value = "có lẽ"),
      [`error:assign-mark-invalid@${ASSIGN_SHEET}!D5`],
    ],
    [
      "a blank row in the middle of Phụ lục (a warning, the row is skipped)",
      (wb) => void sheet(wb, APPENDIX_SHEET).spliceRows(10, 0, []),
      [`warning:blank-row@${APPENDIX_SHEET}!A10`],
    ],
    [
      "rows merged in the middle of Phụ lục",
      (wb) => sheet(wb, APPENDIX_SHEET).mergeCells("D9:D10"),
      [`error:merged-cells@${APPENDIX_SHEET}!D9:D10`],
    ],
  ])("%s", async (_name, edit, expected) => {
    const read = await problemsAfter(edit);
    const got = codes(read.problems);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(got[i]).toContain(e));
    expect(read.plan).not.toBeNull();
  });

  it("a sheet renamed: names the sheet it looks like", async () => {
    const read = await problemsAfter((wb) => void (sheet(wb, UNITS_SHEET).name = "Danh sach"));
    expect(codes(read.problems)).toEqual(["error:sheet-renamed@Danh sach!"]);
    expect(read.problems[0]!.text.vi).toContain(`"${UNITS_SHEET}"`);
    expect(read.plan).toBeNull();
  });

  it("a sheet deleted", async () => {
    const read = await problemsAfter((wb) => wb.removeWorksheet(sheet(wb, INFO_SHEET).id));
    expect(codes(read.problems)).toEqual([`error:sheet-missing@${INFO_SHEET}!`]);
    expect(read.plan).toBeNull();
  });

  it("a book from a newer format version is refused, not half read", async () => {
    const read = await problemsAfter((wb) =>
      sheet(wb, INFO_SHEET).eachRow((row) => {
        if (row.getCell(3).value === "bookFormat") row.getCell(2).value = BOOK_FORMAT_VERSION + 1;
      }),
    );
    expect(codes(read.problems)).toEqual(["error:newer-format@!"]);
    expect(read.problems[0]!.text.en).toContain("newer version");
    expect(read.plan).toBeNull();
  });

  it("a workbook that is not a book, a form, a damaged file: one clear message, never a throw", async () => {
    const other = await editBook(bookBytes(), (wb) => {
      for (const ws of [...wb.worksheets]) wb.removeWorksheet(ws.id);
      wb.addWorksheet("Sheet1").getCell("A1").value = "hello";
    });
    expect(codes(readBook(other).problems)).toEqual(["error:not-a-book@!"]);
    const forms = await generateForms(plan, period, { units: reportingUnits(plan).slice(0, 1) });
    expect(codes(readBook(forms.files[0]!.bytes).problems)).toEqual(["error:wrong-kind@!"]);
    const cut = bookBytes().slice(0, 3000);
    const broken = readBook(cut);
    expect(codes(broken.problems)).toEqual(["error:not-readable@!"]);
    expect(broken.plan).toBeNull();
    expect(readBook(new TextEncoder().encode("TT;Nội dung\n1;x")).plan).toBeNull();
  });
});
