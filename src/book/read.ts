/**
 * Reads the plan back from a book: "Phụ lục" (tasks, group headings), "Đơn vị" (units), "Phân công"
 * (who reports on what) and "Thông tin" (document facts). Bytes or a read workbook in, a Plan and
 * every problem out (sheet and cell named). Never throws for anything a file can contain; the plan
 * is null only when the file cannot be a book at all (not a book, a sheet missing, a newer format).
 */
import { serialToIso } from "../dates";
import type { Text } from "../i18n";
import { builtinPlanData } from "../plan/builtin";
import { splitAgencies, splitIssuers } from "../plan/leads";
import { pairLeads, planVersion } from "../plan/plan";
import type { AppendixText, LeadBody, Plan, Task, TaskGroup, TaskLead, Unit, UnitLevel } from "../plan/types";
import { contextFromPlan, parseSchedule } from "../schedule";
import { nfc, tidyLines, tidySpaces, toneKey } from "../text/vietnamese";
import { address, columnLetter } from "../workbook/a1";
import { APPENDIX_SHEET, isGroupLabel } from "../workbook/appendix";
import {
  APPENDIX_EXTRA_HEADERS,
  ASSIGN_HEADERS,
  ASSIGN_SHEET,
  BOOK_FORMAT_PROPERTY,
  BOOK_FORMAT_VERSION,
  INFO_FIELDS,
  INFO_SHEET,
  type InfoFacts,
  type InfoValue,
  setInfoValue,
  UNIT_COLUMNS,
  type UnitColumnKey,
  UNITS_SHEET,
} from "../workbook/book-layout";
import { identityFromPairs } from "../workbook/identity";
import { TRACKING_SHEET, type TrackingEntry } from "../workbook/tracking";
import {
  readXlsx,
  XlsxReadError,
  type CellSink,
  type InflateRaw,
  type ReadCell,
  type ReadSheet,
  type ReadWorkbook,
} from "../xlsx/read";
import { BookProblems, type BookProblem } from "./problems";
import { readTrackingEntries } from "./tracking-entries";
import { HistoryReader, isHistorySheet, readHistory, type HistoryRead } from "./history";
import { openIndexedHistory } from "./history-index";
import type { HistoryRow } from "../workbook/history";
import { HISTORY_SHEET } from "../workbook/history";
import { TRENDS_SHEET } from "../workbook/trends";

/** Sheets made from the history, never needed to read the plan (and large). */
const DERIVED_SHEETS: readonly string[] = [HISTORY_SHEET, TRENDS_SHEET];

export interface BookRead {
  /** Null when the file is not a readable book; otherwise the plan, with bad rows left out. */
  plan: Plan | null;
  problems: BookProblem[];
  /** With BookReadOptions.tracking: the office's entries on "Theo dõi", by task id. */
  tracking?: Map<string, TrackingEntry>;
  /** With BookReadOptions.history: the recorded periods ("Lịch sử"). */
  history?: HistoryRead;
}

export interface BookReadOptions {
  inflateRaw?: InflateRaw;
  /** Also read what the office typed on "Theo dõi" (for rebuilding the book from itself). */
  tracking?: boolean;
  /** Also read "Lịch sử" (every recorded period: large, so only when asked). */
  history?: boolean;
  /** False: read "Lịch sử" whole even when the book's history index vouches for it (tests, benchmark). */
  historyIndex?: boolean;
}

/** A book with nine periods of a national plan's history is far larger than any form. */
const HISTORY_LIMITS = {
  maxFileBytes: 400 * 1024 * 1024,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 1536 * 1024 * 1024,
  maxCells: 20_000_000,
};

const BOOK_SHEETS = [APPENDIX_SHEET, UNITS_SHEET, ASSIGN_SHEET, INFO_SHEET] as const;

/** Reads a book file. */
export function readBook(bytes: Uint8Array, options: BookReadOptions = {}): BookRead {
  let wb: ReadWorkbook;
  try {
    // Validations are not needed to read the plan; the tracking sheet's formulas are skipped. The
    // history, when asked for, is read on its own below.
    wb = readXlsx(bytes, {
      valuesOnly: true,
      sheetFilter: (name) => (options.tracking === true || name !== TRACKING_SHEET) && !DERIVED_SHEETS.includes(name),
      limits: options.history ? HISTORY_LIMITS : { maxFileBytes: HISTORY_LIMITS.maxFileBytes },
      ...(options.inflateRaw ? { inflateRaw: options.inflateRaw } : {}),
    });
  } catch (error) {
    return { plan: null, problems: [notReadable(error)] };
  }
  const read = readBookWorkbook(wb);
  if (options.tracking && read.plan) read.tracking = readTrackingEntries(wb, read.plan);
  if (options.history && read.plan) read.history = historyOf(bytes, wb, options);
  return read;
}

function notReadable(error: unknown): BookProblem {
  const text: Text =
    error instanceof XlsxReadError
      ? error.text
      : { vi: `lỗi không lường trước (${String(error)})`, en: `unexpected failure (${String(error)})` };
  return {
    severity: "error",
    code: "not-readable",
    sheet: "",
    cell: "",
    text: { vi: `Không đọc được tệp sổ: ${text.vi}`, en: `The book file cannot be read: ${text.en}` },
  };
}

/**
 * "Lịch sử": through the book's history index when it vouches for the sheet (rows read when first
 * needed), else read cell by cell as the sheet is parsed (no cell objects kept for half a million
 * rows), or whole when its cells are out of row order (another program's file).
 */
function historyOf(bytes: Uint8Array, wb: ReadWorkbook, options: BookReadOptions): HistoryRead {
  const slow = (): HistoryRead => {
    let reader: HistoryReader | undefined;
    try {
      const sunk = readXlsx(bytes, {
        valuesOnly: true,
        sheetFilter: isHistorySheet,
        limits: HISTORY_LIMITS,
        ...(options.inflateRaw ? { inflateRaw: options.inflateRaw } : {}),
        cellSink: (): CellSink | undefined => {
          if (reader) return undefined;
          reader = new HistoryReader();
          return { cell: (c) => reader!.add(c), restart: () => (reader = new HistoryReader()) };
        },
      });
      const read = reader ? reader.finish() : readHistory(sunk);
      if (read) return read;
      return readHistory(
        readXlsx(bytes, {
          valuesOnly: true,
          sheetFilter: isHistorySheet,
          limits: HISTORY_LIMITS,
          ...(options.inflateRaw ? { inflateRaw: options.inflateRaw } : {}),
        }),
      );
    } catch (error) {
      // The plan was read: what cannot be read is the history, and a book without it is never written back.
      return { rows: [], problems: [notReadable(error)], intact: false, present: true };
    }
  };
  const indexed = options.historyIndex === false ? null : openIndexedHistory(wb, options.inflateRaw);
  if (!indexed) return slow();
  let rows: HistoryRow[] | undefined;
  return {
    get rows(): HistoryRow[] {
      if (!rows) {
        try {
          rows = indexed.allRows();
        } catch {
          rows = slow().rows;
        }
      }
      return rows;
    },
    problems: [],
    intact: true,
    present: true,
    indexed,
  };
}

/** A sheet as rows of cells, for lookups by (row, column). */
class Grid {
  readonly rows = new Map<number, Map<number, ReadCell>>();
  constructor(readonly sheet: ReadSheet) {
    for (const c of sheet.cells) {
      let r = this.rows.get(c.row);
      if (!r) this.rows.set(c.row, (r = new Map()));
      r.set(c.col, c);
    }
  }
  at(row: number, col: number): ReadCell | undefined {
    return this.rows.get(row)?.get(col);
  }
  text(row: number, col: number): string {
    return text(this.at(row, col));
  }
  rowNumbers(): number[] {
    return [...this.rows.keys()].sort((a, b) => a - b);
  }
}

function text(c: ReadCell | undefined): string {
  if (!c) return "";
  if (c.kind === "string") return nfc(String(c.value)).trim();
  if (c.kind === "number") return String(c.value);
  if (c.kind === "boolean") return c.value ? "TRUE" : "FALSE";
  return "";
}

const key = (s: string) => toneKey(s);

/** Finds the header row: the first row (of the first 20) holding every required header. */
function findHeader(g: Grid, required: string[]): { row: number; columns: Map<string, number> } | null {
  const want = required.map(key);
  for (const row of g.rowNumbers()) {
    if (row > 20) break;
    const columns = new Map<string, number>();
    for (const [col, c] of g.rows.get(row)!) {
      const k = key(text(c));
      if (k && !columns.has(k)) columns.set(k, col);
    }
    if (want.every((w) => columns.has(w))) return { row, columns };
  }
  return null;
}

function sameName(a: string, b: string): boolean {
  return key(a) === key(b);
}

/** What identifies each book sheet when its name has been changed: its header cells. */
const SIGNATURES: Record<(typeof BOOK_SHEETS)[number], string[]> = {
  [APPENDIX_SHEET]: ["TT", "Nội dung công việc"],
  [UNITS_SHEET]: [UNIT_COLUMNS[0].header, UNIT_COLUMNS[1].header, UNIT_COLUMNS[3].header],
  [ASSIGN_SHEET]: [ASSIGN_HEADERS.code, ASSIGN_HEADERS.name],
  [INFO_SHEET]: ["Mục", "Nội dung"],
};

export function readBookWorkbook(wb: ReadWorkbook): BookRead {
  const problems = new BookProblems();
  const fatal = (): BookRead => ({ plan: null, problems: problems.items });

  const identity = identityFromPairs(wb.customProperties);
  if (identity?.kind && identity.kind !== "tracking") {
    const what =
      identity.kind === "form"
        ? { vi: "một mẫu báo cáo của đơn vị", en: "a unit's report form" }
        : { vi: "một bảng tổng hợp", en: "a consolidated workbook" };
    problems.error("wrong-kind", "", "", {
      vi: `Tệp này là ${what.vi}, không phải sổ theo dõi. Hãy chọn tệp sổ theo dõi (tạo bằng lệnh template hoặc trang "Sổ theo dõi").`,
      en: `This file is ${what.en}, not the tracking book. Choose the tracking book (made by the template command or the "Tracking workbook" page).`,
    });
    return fatal();
  }
  const found = new Map<string, ReadSheet>();
  for (const name of BOOK_SHEETS) {
    const s = wb.sheets.find((x) => sameName(x.name, name));
    if (s) found.set(name, s);
  }
  if (found.size === 0 && identity?.kind !== "tracking") {
    problems.error("not-a-book", "", "", {
      vi: `Tệp này không phải sổ theo dõi: không có trang nào trong các trang ${BOOK_SHEETS.map((s) => `"${s}"`).join(", ")}.`,
      en: `This file is not a tracking book: it has none of the sheets ${BOOK_SHEETS.map((s) => `"${s}"`).join(", ")}.`,
    });
    return fatal();
  }

  // The format version: from the custom property, else from "Thông tin" (LibreOffice keeps both).
  // Either place may be lost by a program's save or raised by a newer tool: the higher one counts.
  const format = Math.max(
    ...[wb.customProperties[BOOK_FORMAT_PROPERTY], infoFormat(found.get(INFO_SHEET)), "1"].map(
      (v) => Number(v ?? 1) || 1,
    ),
  );
  if (Number.isFinite(format) && format > BOOK_FORMAT_VERSION) {
    problems.error("newer-format", "", "", {
      vi: `Sổ này được tạo bằng phiên bản mới hơn của công cụ (định dạng sổ ${format}, bản này đọc được đến ${BOOK_FORMAT_VERSION}). Hãy cập nhật công cụ; sổ không bị thay đổi.`,
      en: `This book was made by a newer version of the tool (book format ${format}; this version reads up to ${BOOK_FORMAT_VERSION}). Update the tool; the book was not changed.`,
    });
    return fatal();
  }

  for (const name of BOOK_SHEETS) {
    if (found.has(name)) continue;
    const renamed = wb.sheets.find(
      (s) =>
        !BOOK_SHEETS.some((b) => sameName(b, s.name)) &&
        !sameName(s.name, TRACKING_SHEET) &&
        findHeader(new Grid(s), SIGNATURES[name]) !== null,
    );
    if (renamed)
      problems.error("sheet-renamed", renamed.name, "", {
        vi: `Trang "${renamed.name}" có vẻ là trang "${name}" đã bị đổi tên. Hãy đặt lại tên "${name}" (chương trình tìm trang theo tên).`,
        en: `Sheet "${renamed.name}" looks like the "${name}" sheet renamed. Rename it back to "${name}" (sheets are found by name).`,
      });
    else
      problems.error("sheet-missing", name, "", {
        vi: `Sổ không có trang "${name}" (đã bị xóa hoặc đổi tên). Sổ tạo trước khi có chức năng này: tạo lại bằng lệnh template --book hoặc thêm trang từ một sổ mới.`,
        en: `The book has no "${name}" sheet (deleted or renamed). A book made before this feature: rebuild it with template --book, or copy the sheet from a new book.`,
      });
  }
  if (found.size < BOOK_SHEETS.length) return fatal();

  const facts = readInfo(new Grid(found.get(INFO_SHEET)!), problems);
  const units = readUnits(new Grid(found.get(UNITS_SHEET)!), problems);
  const tasks = readTasks(new Grid(found.get(APPENDIX_SHEET)!), facts, units, problems);
  if (!tasks) return fatal();
  const assignments = readAssignments(new Grid(found.get(ASSIGN_SHEET)!), tasks, units, problems);
  if (!assignments) return fatal();

  // Tasks nobody reports on are still tracked: a warning, named at the task's TT cell.
  const assigned = new Set([...assignments.values()].flat());
  for (const t of tasks.list) {
    if (assigned.has(t.number)) continue;
    problems.warning("task-unassigned", APPENDIX_SHEET, tasks.cellOf.get(t.number) ?? "", {
      vi: `Nhiệm vụ ${t.number} (${t.id}) chưa giao cho đơn vị nào báo cáo (trang "${ASSIGN_SHEET}").`,
      en: `Task ${t.number} (${t.id}) is not assigned to any reporting unit (sheet "${ASSIGN_SHEET}").`,
    });
  }
  const plan: Plan = {
    id: facts.id,
    document: facts.document,
    appendix: facts.appendix,
    tasks: tasks.list,
    units: units.list,
    assignments,
    version: planVersion(tasks.list, assignments),
  };
  return { plan, problems: problems.items };
}

function infoFormat(sheet: ReadSheet | undefined): string | undefined {
  if (!sheet) return undefined;
  const g = new Grid(sheet);
  for (const row of g.rowNumbers()) if (g.text(row, 3) === "bookFormat") return g.text(row, 2) || undefined;
  return undefined;
}

/** Starts from the built-in facts (so a row the office deleted is named and defaulted, not lost). */
function readInfo(g: Grid, problems: BookProblems): InfoFacts {
  const base = builtinPlanData;
  const facts: InfoFacts = JSON.parse(
    JSON.stringify({ id: base.id, document: base.document, appendix: base.appendix }),
  ) as InfoFacts;
  const byKey = new Map<string, number>();
  const byLabel = new Map<string, number>();
  for (const row of g.rowNumbers()) {
    const k = g.text(row, 3);
    if (k) byKey.set(k, row);
    const label = g.text(row, 1);
    if (label) byLabel.set(key(label), row);
  }
  for (const f of INFO_FIELDS) {
    if (f.key === "bookFormat") continue;
    const row = byKey.get(f.key) ?? byLabel.get(key(f.label));
    if (row === undefined) {
      problems.warning("info-missing", INFO_SHEET, "", {
        vi: `Không thấy dòng "${f.label}"; dùng giá trị mặc định của kế hoạch có sẵn.`,
        en: `No "${f.label}" row; the built-in plan's value is used.`,
      });
      continue;
    }
    const cell = g.at(row, 2);
    const at = address(row, 2);
    const bad = (what: Text) =>
      problems.error("info-invalid", INFO_SHEET, at, {
        vi: `"${f.label}": ${what.vi} (đang ghi "${text(cell)}").`,
        en: `"${f.label}": ${what.en} (it says "${text(cell)}").`,
      });
    let value: InfoValue;
    if (f.kind === "year" || f.kind === "whole") {
      const n = cell?.kind === "number" ? (cell.value as number) : Number(text(cell).replace(/\s/g, ""));
      const ok =
        text(cell) !== "" && Number.isInteger(n) && (f.kind === "year" ? n >= 2000 && n <= 2100 : n >= 1 && n <= 12);
      if (!ok) {
        bad(
          f.kind === "year"
            ? { vi: "phải là một năm bằng số (ví dụ 2026)", en: "must be a year in digits (e.g. 2026)" }
            : { vi: "phải là số nguyên từ 1 đến 12", en: "must be a whole number from 1 to 12" },
        );
        continue;
      }
      value = n;
    } else if (f.kind === "date") {
      const iso =
        cell?.kind === "number" && (cell.value as number) > 0 && (cell.value as number) < 2958466
          ? serialToIso(cell.value as number)
          : dateText(text(cell));
      if (!iso) {
        bad({ vi: "phải là một ngày (ngày/tháng/năm)", en: "must be a date (dd/mm/yyyy)" });
        continue;
      }
      value = iso;
    } else if (f.kind === "lines") {
      value = text(cell)
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== "");
    } else {
      value = text(cell);
      if (f.key === "planId" && value === "") {
        bad({ vi: "không được để trống", en: "must not be empty" });
        continue;
      }
    }
    setInfoValue(facts, f.key, value);
  }
  return facts;
}

function dateText(t: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t) ?? null;
  if (m) {
    const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
    const d = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : null;
}

interface Units {
  list: Unit[];
  byCode: Map<string, Unit>;
}

const LEVELS: Record<string, UnitLevel> = {
  [key("tỉnh")]: "provincial",
  [key("cấp tỉnh")]: "provincial",
  tinh: "provincial",
  provincial: "provincial",
  [key("xã")]: "commune",
  [key("cấp xã")]: "commune",
  xa: "commune",
  commune: "commune",
};
const YES_KEYS = new Set([key("Có"), "co", "x", "true", "1", "yes"]);
const NO_KEYS = new Set([key("Không"), "khong", "false", "0", "no"]);

function readUnits(g: Grid, problems: BookProblems): Units {
  const list: Unit[] = [];
  const byCode = new Map<string, Unit>();
  const header = findHeader(g, [UNIT_COLUMNS[0].header, UNIT_COLUMNS[1].header]);
  if (!header) {
    problems.error("header-missing", UNITS_SHEET, "", {
      vi: `Không thấy dòng tiêu đề có "${UNIT_COLUMNS[0].header}" và "${UNIT_COLUMNS[1].header}".`,
      en: `No header row with "${UNIT_COLUMNS[0].header}" and "${UNIT_COLUMNS[1].header}".`,
    });
    return { list, byCode };
  }
  const col = new Map<UnitColumnKey, number>();
  for (const c of UNIT_COLUMNS) {
    const at = header.columns.get(key(c.header));
    if (at !== undefined) col.set(c.key, at);
  }
  for (const c of ["level", "active"] as const)
    if (!col.has(c)) {
      const h = UNIT_COLUMNS.find((x) => x.key === c)!.header;
      problems.warning("column-missing", UNITS_SHEET, address(header.row, 1), {
        vi: `Không có cột "${h}"; ${c === "level" ? "mọi đơn vị coi là cấp tỉnh" : "mọi đơn vị coi là còn báo cáo"}.`,
        en: `No "${h}" column; ${c === "level" ? "every unit is taken as provincial" : "every unit is taken as reporting"}.`,
      });
    }
  const cell = (row: number, k: UnitColumnKey) => {
    const c = col.get(k);
    return c === undefined ? undefined : g.at(row, c);
  };
  const ref = (row: number, k: UnitColumnKey) => address(row, col.get(k) ?? 1);
  const merged: { unit: Unit; row: number }[] = [];
  for (const row of g.rowNumbers()) {
    if (row <= header.row) continue;
    const code = text(cell(row, "code"));
    const name = tidySpaces(text(cell(row, "name")));
    if (!code && !name) continue;
    if (!code) {
      problems.error("code-empty", UNITS_SHEET, ref(row, "code"), {
        vi: `Đơn vị "${name}" chưa có mã; dòng ${row} bị bỏ qua.`,
        en: `Unit "${name}" has no code; row ${row} is left out.`,
      });
      continue;
    }
    if (!name) {
      problems.error("name-empty", UNITS_SHEET, ref(row, "name"), {
        vi: `Đơn vị mã ${code} chưa có tên; dòng ${row} bị bỏ qua.`,
        en: `Unit ${code} has no name; row ${row} is left out.`,
      });
      continue;
    }
    const first = byCode.get(code);
    if (first) {
      problems.error("code-duplicate", UNITS_SHEET, ref(row, "code"), {
        vi: `Mã đơn vị ${code} bị trùng (đã có ở dòng trên: ${first.name}); dòng ${row} bị bỏ qua.`,
        en: `Unit code ${code} is used twice (already used above by ${first.name}); row ${row} is left out.`,
      });
      continue;
    }
    const levelText = text(cell(row, "level"));
    let level: UnitLevel = "provincial";
    if (col.has("level")) {
      const l = LEVELS[key(levelText)];
      if (!l) {
        problems.error("level-invalid", UNITS_SHEET, ref(row, "level"), {
          vi: `Cấp của đơn vị ${code} phải là "tỉnh" hoặc "xã" (đang ghi "${levelText}"); dòng bị bỏ qua.`,
          en: `Unit ${code}'s level must be "tỉnh" or "xã" (it says "${levelText}"); the row is left out.`,
        });
        continue;
      }
      level = l;
    }
    const activeText = text(cell(row, "active"));
    let active = true;
    if (activeText !== "") {
      const k = key(activeText);
      if (NO_KEYS.has(k)) active = false;
      else if (!YES_KEYS.has(k)) {
        problems.error("active-invalid", UNITS_SHEET, ref(row, "active"), {
          vi: `"Còn báo cáo" của đơn vị ${code} phải là Có hoặc Không (đang ghi "${activeText}"); coi là Có.`,
          en: `"Còn báo cáo" of unit ${code} must be Có (yes) or Không (no) (it says "${activeText}"); taken as yes.`,
        });
      }
    }
    const unit: Unit = { code, name, level, kind: text(cell(row, "kind")) };
    const short = text(cell(row, "shortName"));
    if (short) unit.shortName = short;
    const aliases = text(cell(row, "aliases"))
      .split(";")
      .map((a) => tidySpaces(a))
      .filter((a) => a !== "");
    if (aliases.length > 0) unit.aliases = aliases;
    if (!active) unit.active = false;
    const into = text(cell(row, "mergedInto"));
    if (into) {
      unit.mergedInto = into;
      merged.push({ unit, row });
    }
    list.push(unit);
    byCode.set(code, unit);
  }
  for (const { unit, row } of merged) {
    const target = byCode.get(unit.mergedInto!);
    if (!target || target === unit) {
      problems.error("merged-into-unknown", UNITS_SHEET, ref(row, "mergedInto"), {
        vi: `Đơn vị ${unit.code} sáp nhập vào mã "${unit.mergedInto}", mã này không có trong trang "${UNITS_SHEET}".`,
        en: `Unit ${unit.code} is merged into "${unit.mergedInto}", which is not a code on the "${UNITS_SHEET}" sheet.`,
      });
      delete unit.mergedInto;
    } else if (unit.active !== false)
      problems.warning("merged-but-active", UNITS_SHEET, ref(row, "active"), {
        vi: `Đơn vị ${unit.code} đã sáp nhập vào ${target.code} nhưng vẫn ghi "Còn báo cáo: Có"; vẫn nhận mẫu riêng.`,
        en: `Unit ${unit.code} is merged into ${target.code} but still marked as reporting; it still gets its own form.`,
      });
  }
  return { list, byCode };
}

interface Tasks {
  list: Task[];
  byId: Map<string, Task>;
  byNumber: Map<number, Task>;
  /** The TT cell of each task, for messages. */
  cellOf: Map<number, string>;
  /** Ids and TT of rows left out for an error already named: their "Phân công" columns are not errors again. */
  rejected: Set<string>;
}

/** Names that stand for every xã/phường, and agency names that are units: from the built-in data. */
function leadLookup(units: Units): (name: string) => LeadBody | null {
  const bodies = new Map<string, LeadBody>();
  for (const b of builtinPlanData.leadBodies) bodies.set(key(b.name), b);
  for (const u of units.list)
    for (const n of [u.name, u.shortName, ...(u.aliases ?? [])])
      if (n) bodies.set(key(n), { name: n, scope: "unit", unit: u.code });
  return (name) => bodies.get(key(name)) ?? null;
}

function readTasks(g: Grid, facts: InfoFacts, units: Units, problems: BookProblems): Tasks | null {
  const S = APPENDIX_SHEET;
  const base = builtinPlanData.appendix.headers;
  const header = findHeader(g, [base.number, base.content]);
  if (!header) {
    problems.error("header-missing", S, "", {
      vi: `Không thấy dòng tiêu đề của bảng nhiệm vụ (ô "${base.number}" và "${base.content}").`,
      en: `No header row of the task table (cells "${base.number}" and "${base.content}").`,
    });
    return null;
  }
  const want = {
    number: base.number,
    content: base.content,
    timing: base.timing,
    lead: base.lead,
    issuer: base.issuer,
    partners: APPENDIX_EXTRA_HEADERS.partners,
    result: APPENDIX_EXTRA_HEADERS.result,
    id: APPENDIX_EXTRA_HEADERS.id,
  };
  const col: Partial<Record<keyof typeof want, number>> = {};
  for (const [k, h] of Object.entries(want) as [keyof typeof want, string][]) {
    const at = header.columns.get(key(h));
    if (at !== undefined) col[k] = at;
  }
  for (const k of ["timing", "lead"] as const)
    if (col[k] === undefined) {
      problems.error("column-missing", S, address(header.row, 1), {
        vi: `Bảng nhiệm vụ không có cột "${want[k]}" ở dòng tiêu đề ${header.row}.`,
        en: `The task table has no "${want[k]}" column in header row ${header.row}.`,
      });
      return null;
    }
  if (col.id === undefined)
    problems.warning("column-missing", S, address(header.row, 1), {
      vi: `Không có cột "${want.id}": mỗi nhiệm vụ nhận mã theo TT (NV01…).`,
      en: `No "${want.id}" column: each task gets an id from its TT (NV01…).`,
    });
  // The appendix keeps its header texts as the book has them (they are printed).
  const appendix: AppendixText = {
    ...facts.appendix,
    headers: {
      number: g.text(header.row, col.number!) || base.number,
      content: g.text(header.row, col.content!) || base.content,
      timing: g.text(header.row, col.timing!) || base.timing,
      lead: g.text(header.row, col.lead!) || base.lead,
      issuer: col.issuer !== undefined ? g.text(header.row, col.issuer) || base.issuer : base.issuer,
    },
  };
  facts.appendix = appendix;

  const tableColumns = Object.values(col) as number[];
  const firstCol = Math.min(...tableColumns);
  const lastCol = Math.max(...tableColumns);
  // Merged cells across task rows would hide which row a text belongs to: refused, cell named.
  for (const m of g.sheet.merges) {
    const r = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m);
    if (!r) continue;
    const top = Number(r[2]);
    const bottom = Number(r[4]);
    if (bottom > header.row && top !== bottom)
      problems.error("merged-cells", S, m, {
        vi: `Các ô ${m} bị gộp qua nhiều dòng trong bảng nhiệm vụ: mỗi nhiệm vụ phải nằm trên một dòng. Hãy bỏ gộp ô (Merge & Center › Unmerge).`,
        en: `Cells ${m} are merged across rows of the task table: each task must be on one row. Unmerge them.`,
      });
  }

  const ctx = contextFromPlan({ document: facts.document });
  const lookup = leadLookup(units);
  const list: Task[] = [];
  const byId = new Map<string, Task>();
  const byNumber = new Map<number, Task>();
  const cellOf = new Map<number, string>();
  const idCell = new Map<string, string>();
  const pendingIds: { task: Task; row: number }[] = [];
  let group: TaskGroup | undefined;
  let lastUsed: number | null = null;
  const rejected = new Set<string>();
  /** A row left out: its id and TT are remembered so "Phân công" does not report it a second time. */
  const reject = (row: number) => {
    if (col.id !== undefined && g.text(row, col.id)) rejected.add(`id:${g.text(row, col.id)}`);
    if (g.text(row, col.number!)) rejected.add(`tt:${g.text(row, col.number!)}`);
  };
  const get = (row: number, k: keyof typeof want) => (col[k] === undefined ? "" : g.text(row, col[k]!));
  const rows = g.rowNumbers().filter((r) => r > header.row);
  for (const row of rows) {
    const cells = g.rows.get(row)!;
    const used = [...cells.keys()].some((c) => c >= firstCol && c <= lastCol && text(cells.get(c)) !== "");
    if (!used) continue;
    if (lastUsed !== null && row > lastUsed + 1) {
      const gap = row - lastUsed - 1 === 1 ? `${lastUsed + 1}` : `${lastUsed + 1}–${row - 1}`;
      problems.warning("blank-row", S, `A${lastUsed + 1}`, {
        vi: `Dòng ${gap} trống giữa các nhiệm vụ; đã bỏ qua (nên xóa dòng trống).`,
        en: `Row ${gap} is blank between tasks; it is skipped (delete the blank row).`,
      });
    }
    lastUsed = row;
    const ttCell = g.at(row, col.number!);
    const tt = text(ttCell);
    const at = address(row, col.number!);
    const content = tidyLines(get(row, "content"));
    if (tt !== "" && ttCell?.kind === "string" && isGroupLabel(tt)) {
      if (!content)
        problems.warning("group-empty", S, address(row, col.content!), {
          vi: `Dòng tiêu đề nhóm ${tt} chưa có tên nhóm.`,
          en: `Group heading ${tt} has no title.`,
        });
      group = { label: tt.replace(/\.$/, ""), title: content };
      continue;
    }
    let number: number | null = null;
    if (ttCell?.kind === "number") {
      const n = ttCell.value as number;
      if (Number.isInteger(n) && n >= 1 && n <= 9999) number = n;
    } else {
      const m = /^(\d{1,4})\.?$/.exec(tt);
      if (m) number = Number(m[1]);
    }
    if (number === null) {
      problems.error("number-invalid", S, at, {
        vi:
          tt === ""
            ? `Dòng ${row} có nội dung nhưng chưa có TT: ghi số thứ tự của nhiệm vụ (dòng chưa được tính là nhiệm vụ).`
            : `TT "${tt}" không phải số thứ tự nhiệm vụ (1, 2, 3…) hay tiêu đề nhóm (I, II, A); dòng ${row} chưa được tính.`,
        en:
          tt === ""
            ? `Row ${row} has text but no TT: type the task's number (the row is not counted as a task yet).`
            : `TT "${tt}" is neither a task number (1, 2, 3…) nor a group heading (I, II, A); row ${row} is not counted.`,
      });
      reject(row);
      continue;
    }
    const twin = byNumber.get(number);
    if (twin) {
      problems.error("number-duplicate", S, at, {
        vi: `TT ${number} bị trùng (đã có ở ô ${cellOf.get(number)}); dòng ${row} chưa được tính.`,
        en: `TT ${number} is used twice (already at ${cellOf.get(number)}); row ${row} is not counted.`,
      });
      reject(row);
      continue;
    }
    if (!content) {
      problems.error("content-empty", S, address(row, col.content!), {
        vi: `Nhiệm vụ ${number} chưa có nội dung công việc; dòng chưa được tính.`,
        en: `Task ${number} has no content; the row is not counted.`,
      });
      reject(row);
      continue;
    }
    const timing = tidyLines(get(row, "timing"));
    const lead = tidyLines(get(row, "lead"));
    const issuer = tidyLines(get(row, "issuer"));
    const leadNames = splitAgencies(lead);
    const issuers = splitIssuers(issuer);
    const advises = pairLeads(leadNames, issuers);
    const leads = leadNames.map((name, i): TaskLead => {
      const body = lookup(name);
      const advisesI = advises[i] ?? null;
      if (body?.scope === "every-commune") return { name, level: "commune", unit: null, advises: advisesI };
      return { name, level: "provincial", unit: body?.scope === "unit" ? body.unit : null, advises: advisesI };
    });
    const task: Task = { number, content, timing, lead, issuer, id: get(row, "id"), leads, issuers };
    if (group) task.group = group;
    const partners = tidyLines(get(row, "partners"));
    if (partners) task.partners = partners;
    const result = tidyLines(get(row, "result"));
    if (result) task.result = result;
    if (!parseSchedule(timing, ctx).parsed)
      problems.warning("timing-unread", S, address(row, col.timing!), {
        vi: `Không đọc được thời hạn "${timing}" của nhiệm vụ ${number}: vẫn theo dõi, nhưng không có hạn (không tô màu quá hạn).`,
        en: `The timing "${timing}" of task ${number} cannot be read: the task is still tracked, without a deadline.`,
      });
    if (task.id) {
      const other = idCell.get(task.id);
      if (other) {
        problems.error("id-duplicate", S, address(row, col.id!), {
          vi: `Mã nhiệm vụ ${task.id} bị trùng (đã có ở ô ${other}); dòng ${row} chưa được tính.`,
          en: `Task id ${task.id} is used twice (already at ${other}); row ${row} is not counted.`,
        });
        reject(row);
        continue;
      }
      idCell.set(task.id, address(row, col.id!));
    } else pendingIds.push({ task, row });
    list.push(task);
    byNumber.set(number, task);
    cellOf.set(number, at);
  }
  // New rows get "NV" + TT, unless another task already holds that id.
  for (const { task, row } of pendingIds) {
    let id = `NV${String(task.number).padStart(2, "0")}`;
    for (let k = 2; idCell.has(id); k++) id = `NV${String(task.number).padStart(2, "0")}-${k}`;
    task.id = id;
    idCell.set(id, address(row, col.id ?? 1));
    if (col.id !== undefined)
      problems.warning("id-default", S, address(row, col.id), {
        vi: `Nhiệm vụ ${task.number} chưa có mã: dùng mã ${id}. Tạo lại sổ (template --book) để ghi mã này vào sổ.`,
        en: `Task ${task.number} has no id: ${id} is used. Rebuild the book (template --book) to write it in.`,
      });
  }
  if (list.length === 0)
    problems.error("no-tasks", S, "", {
      vi: "Bảng nhiệm vụ không có nhiệm vụ nào.",
      en: "The task table has no tasks.",
    });
  for (const t of list) byId.set(t.id, t);
  return { list, byId, byNumber, cellOf, rejected };
}

/** "Phân công": task columns keyed by the id row (else the TT row), unit rows by code. */
function readAssignments(g: Grid, tasks: Tasks, units: Units, problems: BookProblems): Map<string, number[]> | null {
  const S = ASSIGN_SHEET;
  const header = findHeader(g, [ASSIGN_HEADERS.code]);
  if (!header) {
    problems.error("header-missing", S, "", {
      vi: `Không thấy dòng tiêu đề có ô "${ASSIGN_HEADERS.code}".`,
      en: `No header row with a "${ASSIGN_HEADERS.code}" cell.`,
    });
    return null;
  }
  const codeCol = header.columns.get(key(ASSIGN_HEADERS.code))!;
  const nameCol = header.columns.get(key(ASSIGN_HEADERS.name));
  const idRow = header.row - 1;
  const columns = new Map<number, Task>();
  const seen = new Map<number, string>();
  const maxCol = Math.max(0, ...[...g.rows.values()].flatMap((r) => [...r.keys()]));
  for (let c = 1; c <= maxCol; c++) {
    if (c === codeCol || c === nameCol) continue;
    const id = g.text(idRow, c);
    const tt = g.text(header.row, c);
    if (!id && !tt) continue;
    const task =
      (id ? tasks.byId.get(id) : undefined) ?? (/^\d+$/.test(tt) ? tasks.byNumber.get(Number(tt)) : undefined);
    const at = address(id ? idRow : header.row, c);
    if (!task && (tasks.rejected.has(`id:${id}`) || tasks.rejected.has(`tt:${tt}`))) continue;
    if (!task) {
      problems.error("assign-task-unknown", S, at, {
        vi: `Cột ${columnLetter(c)} (${id ? `mã ${id}` : `TT ${tt}`}) không khớp nhiệm vụ nào ở trang "${APPENDIX_SHEET}"; cột bị bỏ qua.`,
        en: `Column ${columnLetter(c)} (${id ? `id ${id}` : `TT ${tt}`}) matches no task on the "${APPENDIX_SHEET}" sheet; the column is left out.`,
      });
      continue;
    }
    const first = seen.get(task.number);
    if (first) {
      problems.error("assign-task-duplicate", S, at, {
        vi: `Nhiệm vụ ${task.number} có hai cột phân công (${first} và ${columnLetter(c)}); chỉ tính cột ${first}.`,
        en: `Task ${task.number} has two assignment columns (${first} and ${columnLetter(c)}); only ${first} is used.`,
      });
      continue;
    }
    seen.set(task.number, columnLetter(c));
    columns.set(c, task);
  }
  const raw = new Map<string, Set<number>>();
  const rowOf = new Map<string, number>();
  for (const row of g.rowNumbers()) {
    if (row <= header.row) continue;
    const cells = g.rows.get(row)!;
    const code = text(cells.get(codeCol));
    const marks: number[] = [];
    for (const [c, cell] of cells) {
      const task = columns.get(c);
      if (!task) continue;
      const v = text(cell);
      if (v === "") continue;
      const k = key(v);
      if (YES_KEYS.has(k)) marks.push(task.number);
      else if (!NO_KEYS.has(k))
        problems.error("assign-mark-invalid", S, cell.ref, {
          vi: `Ô phân công chỉ ghi "x" (hoặc để trống); đang ghi "${v}". Ô này chưa được tính.`,
          en: `An assignment cell holds "x" (or nothing); it says "${v}". The cell is not counted.`,
        });
    }
    if (!code) {
      if (marks.length > 0)
        problems.error("assign-unit-unknown", S, address(row, codeCol), {
          vi: `Dòng ${row} có phân công nhưng chưa ghi mã đơn vị; dòng bị bỏ qua.`,
          en: `Row ${row} has assignments but no unit code; the row is left out.`,
        });
      continue;
    }
    const unit = units.byCode.get(code);
    const at = address(row, codeCol);
    if (!unit) {
      if (marks.length > 0)
        problems.error("assign-unit-unknown", S, at, {
          vi: `Mã đơn vị ${code} không có trong trang "${UNITS_SHEET}"; phân công ở dòng ${row} bị bỏ qua.`,
          en: `Unit code ${code} is not on the "${UNITS_SHEET}" sheet; the assignments on row ${row} are left out.`,
        });
      continue;
    }
    if (rowOf.has(code)) {
      problems.error("assign-unit-duplicate", S, at, {
        vi: `Đơn vị ${code} có hai dòng phân công (dòng ${rowOf.get(code)} và ${row}); đã gộp cả hai.`,
        en: `Unit ${code} has two assignment rows (${rowOf.get(code)} and ${row}); both are counted.`,
      });
    }
    rowOf.set(code, row);
    if (marks.length === 0) continue;
    if (unit.active === false) {
      problems.error("assign-unit-inactive", S, at, {
        vi: `Đơn vị ${code} đã thôi báo cáo (trang "${UNITS_SHEET}": Không) nhưng còn được phân công; phân công này bị bỏ qua. Xóa các dấu x ở dòng ${row}${unit.mergedInto ? ` và phân công cho ${unit.mergedInto}` : ""}.`,
        en: `Unit ${code} no longer reports ("${UNITS_SHEET}": Không) but still has assignments; they are left out. Clear the x marks on row ${row}${unit.mergedInto ? ` and assign ${unit.mergedInto}` : ""}.`,
      });
      continue;
    }
    const set = raw.get(code) ?? new Set<number>();
    for (const n of marks) set.add(n);
    raw.set(code, set);
  }
  // In the units' order, numbers ascending: the same order buildPlan gives.
  const out = new Map<string, number[]>();
  for (const u of units.list) {
    const set = raw.get(u.code);
    if (set && set.size > 0)
      out.set(
        u.code,
        [...set].sort((a, b) => a - b),
      );
  }
  return out;
}
