/**
 * One returned file → a FormRecord: who sent it, for which period, what it says per task, and
 * every problem found, each with its cell and the value verbatim. Independent of the report date
 * and of the period being consolidated (those are applied when merging), so records can be kept
 * and merged again later. Tasks are found by TT number and columns by header text, never by position.
 */
import type { Text } from "../i18n";
import { tasksOf } from "../plan/plan";
import type { IsoDate, Plan, Unit } from "../plan/types";
import { readStatus, REPORTED_STATUS_LABELS, reportPeriod, type ReportPeriod } from "../schedule";
import { foldKey, nfc, tidySpaces, toneKey } from "../text/vietnamese";
import { address } from "../workbook/a1";
import { serialToIso } from "../workbook/dates";
import { dmy, formFingerprint, formFixedRows, formTitleValues, type FormFixedRow } from "../workbook/form";
import {
  FORM_COLUMNS,
  FORM_FOOTER_FIELDS,
  FORM_SHEET,
  FORM_TEXT_LIMIT,
  type FormColumnKey,
} from "../workbook/form-layout";
import { FORMAT_VERSION, identityFromPairs, META_PREFIX, META_SHEET, type Identity } from "../workbook/identity";
import type { ReadCell, ReadSheet, ReadWorkbook } from "../xlsx/read";
import { M } from "./messages";
import type {
  CellScalar,
  FooterEntry,
  FooterKey,
  FormRecord,
  IdentifiedBy,
  InputKey,
  Problem,
  RawValue,
  Severity,
  TaskEntry,
} from "./types";
import { cellText, isBlank, readDate, readProgress } from "./values";

/** What is known about a file before it is read (name, hash, times). */
export interface FileFacts {
  name: string;
  hash: string;
  size: number;
  lastModified: string | null;
}

const INPUT_KEYS: InputKey[] = [
  "status",
  "completedOn",
  "progress",
  "result",
  "documents",
  "difficulties",
  "proposals",
];
const TEXT_KEYS = ["result", "documents", "difficulties", "proposals"] as const;

type PartialIdentity = Partial<Identity> & { formatVersion?: string };

class ProblemList {
  readonly items: Problem[] = [];
  constructor(private readonly file: string) {}

  add(
    severity: Severity,
    code: string,
    text: Text,
    where: { sheet?: string; cell?: string } = {},
    value: CellScalar | null = null,
    extra: { formula?: string; expected?: string } = {},
  ): void {
    const p: Problem = {
      file: this.file,
      sheet: where.sheet ?? "",
      cell: where.cell ?? "",
      severity,
      code,
      text,
      value,
    };
    if (extra.formula !== undefined) p.formula = extra.formula;
    if (extra.expected !== undefined) p.expected = extra.expected;
    this.items.push(p);
  }

  /** A cell's problem: sheet, address and the value verbatim (with its formula, if any). */
  cell(severity: Severity, code: string, text: Text, sheet: string, c: ReadCell, expected?: string): void {
    this.add(severity, code, text, { sheet, cell: c.ref }, c.value, {
      ...(c.formula !== undefined ? { formula: c.formula } : {}),
      ...(expected !== undefined ? { expected } : {}),
    });
  }
}

/** Rows of a sheet: row number → its cells, for lookups by (row, column). */
class Grid {
  private readonly rows = new Map<number, Map<number, ReadCell>>();
  readonly consumed = new Set<string>();

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

  private readonly filledRows = new Map<number, ReadCell[]>();

  /** Non-blank cells of a row, left to right (computed once per row: the header search and the row loop both ask). */
  rowCells(row: number): ReadCell[] {
    let cells = this.filledRows.get(row);
    if (!cells) {
      const r = this.rows.get(row);
      cells = r ? [...r.values()].filter(filled).sort((a, b) => a.col - b.col) : [];
      this.filledRows.set(row, cells);
    }
    return cells;
  }

  rowNumbers(): number[] {
    return [...this.rows.keys()].sort((a, b) => a - b);
  }

  use(c: ReadCell | undefined): void {
    if (c) this.consumed.add(c.ref);
  }
}

/** A cell counts when it holds a value other than white space, or a formula. */
function filled(c: ReadCell | undefined): c is ReadCell {
  return c !== undefined && (!isBlank(c) || c.formula !== undefined);
}

function raw(c: ReadCell): RawValue {
  return c.formula !== undefined
    ? { cell: c.ref, value: c.value, formula: c.formula }
    : { cell: c.ref, value: c.value };
}

/** A unit name as typed, stripped of a label before a colon ("Đơn vị báo cáo: Phường X"). */
function nameCandidates(text: string): string[] {
  const t = tidySpaces(nfc(text));
  const i = t.lastIndexOf(":");
  return i >= 0 && i < t.length - 1 ? [t, t.slice(i + 1).trim()] : [t];
}

export class UnitIndex {
  private readonly byTone = new Map<string, Unit[]>();
  private readonly byFold = new Map<string, Unit[]>();
  readonly byCode = new Map<string, Unit>();

  constructor(plan: Plan) {
    for (const u of plan.units) {
      this.byCode.set(u.code, u);
      for (const name of [u.name, ...(u.aliases ?? [])]) {
        push(this.byTone, toneKey(name), u);
        push(this.byFold, foldKey(name), u);
      }
    }
  }

  /** Texts already matched: every form repeats its title texts. Bounded, like the text keys' memo. */
  private matched = new Map<string, Unit[]>();

  /** Units a text names: exact up to case and tone placement first, then without diacritics. */
  match(text: string): Unit[] {
    let found = this.matched.get(text);
    if (found === undefined) {
      found = this.matchUncached(text);
      if (this.matched.size >= 20000) this.matched = new Map();
      this.matched.set(text, found);
    }
    return found;
  }

  private matchUncached(text: string): Unit[] {
    for (const candidate of nameCandidates(text)) {
      const tone = this.byTone.get(toneKey(candidate));
      if (tone) return tone;
    }
    for (const candidate of nameCandidates(text)) {
      const fold = this.byFold.get(foldKey(candidate));
      if (fold) return fold;
    }
    return [];
  }
}

function push(map: Map<string, Unit[]>, key: string, u: Unit): void {
  const list = map.get(key) ?? [];
  if (!list.includes(u)) list.push(u);
  map.set(key, list);
}

/** The header keys a column is recognised by (with and without its parenthesised part). */
const HEADER_KEYS: { key: FormColumnKey; keys: string[] }[] = FORM_COLUMNS.map((c) => ({
  key: c.key,
  keys: [
    foldKey(c.header),
    foldKey(c.header.replace(/\s*\([^)]*\)\s*/g, " ")),
    ...(c.key === "number" ? ["stt", "so tt", "so thu tu"] : []),
  ],
}));

function headerKeyOf(text: string): FormColumnKey | null {
  const k = foldKey(text).replace(/[:.]$/, "");
  return HEADER_KEYS.find((h) => h.keys.includes(k))?.key ?? null;
}

interface Header {
  row: number;
  columns: Map<FormColumnKey, number>;
}

/** The header row: the row (within the first 60) naming the most form columns, TT among them. */
function findHeader(grid: Grid): Header | null {
  let best: Header | null = null;
  for (const row of grid.rowNumbers()) {
    if (row > 60) break;
    const columns = new Map<FormColumnKey, number>();
    for (const c of grid.rowCells(row)) {
      if (c.kind !== "string") continue;
      const key = headerKeyOf(c.value as string);
      if (key && !columns.has(key)) columns.set(key, c.col);
    }
    if (columns.has("number") && columns.size >= 3 && (!best || columns.size > best.columns.size))
      best = { row, columns };
  }
  return best;
}

const FOOTER_KEYS = FORM_FOOTER_FIELDS.map((f) => ({ key: f.key, fold: foldKey(f.label).replace(/:$/, "") }));

/** A footer label cell: its key, and any value typed into the label cell after the colon. */
function footerLabel(c: ReadCell): { key: FooterKey; inline: string | null } | null {
  if (c.kind !== "string") return null;
  const text = c.value as string;
  const fold = foldKey(text);
  for (const f of FOOTER_KEYS) {
    if (fold === f.fold || fold === `${f.fold}:`) return { key: f.key, inline: null };
    if (fold.startsWith(`${f.fold}:`)) {
      const rest = text.slice(text.indexOf(":") + 1).trim();
      return { key: f.key, inline: rest === "" ? null : rest };
    }
  }
  return null;
}

/** TT as typed: 3, "3", "3.", "03". */
function taskNumber(c: ReadCell | undefined): number | null {
  if (!c) return null;
  if (c.kind === "number") {
    const n = c.value as number;
    return Number.isInteger(n) && n >= 1 && n <= 999 ? n : null;
  }
  if (c.kind === "string") {
    const m = /^\s*(\d{1,3})\s*\.?\s*$/.exec(c.value as string);
    return m ? Number(m[1]) : null;
  }
  return null;
}

function metadataPairs(wb: ReadWorkbook): { source: string; id: PartialIdentity }[] {
  const out: { source: string; id: PartialIdentity }[] = [];
  const props = identityFromPairs(wb.customProperties);
  if (props) out.push({ source: "properties", id: props });
  const names: Record<string, string> = {};
  for (const n of wb.definedNames) {
    if (!n.name.startsWith(META_PREFIX)) continue;
    const m = /^=?\s*"((?:[^"]|"")*)"\s*$/s.exec(n.formula);
    if (m) names[n.name] = m[1]!.replace(/""/g, '"');
  }
  const fromNames = identityFromPairs(names);
  if (fromNames) out.push({ source: "names", id: fromNames });
  const meta = metaSheetOf(wb);
  if (meta) {
    const grid = new Grid(meta);
    const pairs: Record<string, string> = {};
    for (const row of grid.rowNumbers()) {
      const k = grid.at(row, 1);
      const v = grid.at(row, 2);
      if (k && v) pairs[cellText(k).trim()] = cellText(v).trim();
    }
    const fromSheet = identityFromPairs(pairs);
    if (fromSheet) out.push({ source: "sheet", id: fromSheet });
  }
  return out;
}

function metaSheetOf(wb: ReadWorkbook): ReadSheet | undefined {
  return wb.sheets.find((s) => s.name.toLowerCase() === META_SHEET);
}

/** The reporting periods a plan's forms may name, half years first ("Năm 2026" is inside "6 tháng đầu năm 2026"). */
function candidatePeriods(plan: Plan): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (let y = plan.document.years.from - 1; y <= plan.document.years.to + 1; y++)
    for (const id of [`${y}-H1`, `${y}-H2`]) out.push(reportPeriod(id)!);
  for (let y = plan.document.years.from - 1; y <= plan.document.years.to + 1; y++) out.push(reportPeriod(String(y))!);
  return out;
}

function periodFromText(plan: Plan, text: string): ReportPeriod | null {
  const t = foldKey(text);
  return candidatePeriods(plan).find((p) => t.includes(foldKey(p.label.vi))) ?? null;
}

const contentIndex = new WeakMap<Plan, Map<string, number>>();
/** Task number by the tone key of its content, built once per plan (every form asks for it). */
function tasksByContent(plan: Plan): Map<string, number> {
  let index = contentIndex.get(plan);
  if (!index) {
    index = new Map(plan.tasks.map((t) => [toneKey(t.content), t.number] as const));
    contentIndex.set(plan, index);
  }
  return index;
}

/** Comparable key of a cell or an expected value: text by toneKey, dates by ISO, numbers as such. */
function valueKey(v: CellScalar | { date: IsoDate } | null, isDate = false): string {
  if (v === null) return "";
  if (typeof v === "object") return `d:${v.date}`;
  if (typeof v === "number") return isDate ? `d:${serialToIso(v)}` : `n:${v}`;
  if (typeof v === "boolean") return `b:${v}`;
  return `s:${toneKey(v)}`;
}

function sameText(a: string, b: string): boolean {
  return tidySpaces(nfc(a)) === tidySpaces(nfc(b));
}

const emptyFooter = (): FooterEntry => ({ preparer: null, phone: null, preparedOn: null, raw: {} });

/** Reads one workbook into a record. Never throws for anything a file can contain. */
export function extractForm(
  plan: Plan,
  facts: FileFacts,
  wb: ReadWorkbook,
  units: UnitIndex = new UnitIndex(plan),
): FormRecord {
  const problems = new ProblemList(facts.name);
  const record: FormRecord = {
    name: facts.name,
    hash: facts.hash,
    size: facts.size,
    lastModified: facts.lastModified,
    modified: wb.core.modified ?? null,
    usable: false,
    unitCode: null,
    unitName: null,
    period: null,
    identifiedBy: null,
    formatVersion: null,
    unitMismatch: false,
    entries: [],
    footer: emptyFooter(),
    problems: problems.items,
  };
  if (wb.format === "xlsm" || wb.hasMacros) problems.add("info", "macros-ignored", M.macros());

  // Identity: any one of the three places suffices; the first wins, disagreement is reported.
  const sources = metadataPairs(wb);
  const identity: PartialIdentity = {};
  for (const { id } of sources) {
    for (const [key, value] of Object.entries(id) as [keyof PartialIdentity, string][]) {
      const have = identity[key];
      if (have === undefined) (identity as Record<string, string>)[key] = value;
      else if (have !== value) problems.add("warning", "identity-conflict", M.identityConflict(key, have, value));
    }
  }
  record.formatVersion = identity.formatVersion ?? null;
  const meta = metaSheetOf(wb);

  /** Lists every filled cell of the given sheets as not consolidated: nothing a unit typed is dropped. */
  const dumpAll = (sheets: ReadSheet[], except?: Grid) => {
    for (const sheet of sheets) {
      if (sheet === meta) continue;
      for (const c of sheet.cells) {
        if (!filled(c) || (except && except.sheet === sheet && except.consumed.has(c.ref))) continue;
        problems.cell("info", "not-merged-value", M.notMerged(), sheet.name, c);
      }
    }
  };

  if (identity.kind && identity.kind !== "form") {
    problems.add("error", "wrong-kind", M.wrongKind(identity.kind));
    dumpAll(wb.sheets);
    return record;
  }
  if (identity.formatVersion && Number(identity.formatVersion) > Number(FORMAT_VERSION))
    problems.add("warning", "newer-format", M.newerFormat(identity.formatVersion));

  // The form sheet: the one named "Báo cáo" if it has a header row, else the first sheet that has one.
  const candidates = wb.sheets.filter((s) => s !== meta);
  candidates.sort(
    (a, b) => Number(toneKey(b.name) === toneKey(FORM_SHEET)) - Number(toneKey(a.name) === toneKey(FORM_SHEET)),
  );
  let grid: Grid | null = null;
  let header: Header | null = null;
  for (const sheet of candidates) {
    const g = new Grid(sheet);
    const h = findHeader(g);
    if (h) {
      grid = g;
      header = h;
      break;
    }
  }
  if (!grid || !header) {
    if (sources.length === 0 || !identity.unitCode) problems.add("error", "not-a-form", M.notAForm());
    else problems.add("error", "header-missing", M.headerMissing());
    dumpAll(wb.sheets);
    return record;
  }
  const sheetName = grid.sheet.name;
  const g = grid;
  const h = header;

  // Cells of the title block (above the header row): names, codes, the period line.
  const titleCells = g.sheet.cells.filter((c) => c.row < h.row && filled(c));
  const nameCells: { cell: ReadCell; units: Unit[] }[] = [];
  const codeCells: { cell: ReadCell; unit: Unit }[] = [];
  for (const c of titleCells) {
    const text = cellText(c);
    const code = text.trim();
    const unit = units.byCode.get(code);
    if (unit && (c.kind === "string" || c.kind === "number")) codeCells.push({ cell: c, unit });
    else if (c.kind === "string") {
      const found = units.match(text);
      if (found.length > 0) nameCells.push({ cell: c, units: found });
    }
  }

  let unit: Unit | null = null;
  let identifiedBy: IdentifiedBy;
  if (identity.unitCode) {
    identifiedBy = "metadata";
    unit = units.byCode.get(identity.unitCode) ?? null;
    if (!unit || !plan.assignments.has(unit.code)) {
      problems.add("error", "unit-unknown", M.unitUnknown(identity.unitCode), {}, identity.unitCode);
      dumpAll(wb.sheets);
      return record;
    }
  } else {
    identifiedBy = "name";
    let found: Unit[] = [];
    if (codeCells.length > 0) found = [...new Set(codeCells.map((c) => c.unit))];
    else if (nameCells.length > 0) found = [...new Set(nameCells.flatMap((c) => c.units))];
    else {
      // Anywhere else in the sheet: a unit that copied only the table may have typed its name somewhere.
      const named = g.sheet.cells.filter((c) => c.kind === "string").map((c) => units.match(c.value as string));
      found = [...new Set(named.flat())];
    }
    found = found.filter((u) => plan.assignments.has(u.code));
    if (found.length > 1) {
      problems.add("error", "unit-ambiguous", M.unitAmbiguous(found.map((u) => `${u.name} (${u.code})`)), {
        sheet: sheetName,
      });
      dumpAll(wb.sheets);
      return record;
    }
    if (found.length === 0) {
      problems.add("error", "unit-not-identified", M.unitNotFound(), { sheet: sheetName });
      dumpAll(wb.sheets);
      return record;
    }
    unit = found[0]!;
  }
  const u = unit;

  // The visible name and code must agree with the identity (a unit may have used another unit's form).
  for (const { cell, units: named } of nameCells) {
    if (named.includes(u)) g.use(cell);
    else {
      record.unitMismatch = true;
      problems.cell("error", "unit-mismatch", M.unitMismatch(u.code, u.name, cellText(cell)), sheetName, cell, u.name);
      g.use(cell);
    }
  }
  for (const { cell, unit: coded } of codeCells) {
    if (coded === u) g.use(cell);
    else {
      record.unitMismatch = true;
      problems.cell(
        "error",
        "unit-mismatch",
        M.unitMismatch(u.code, u.name, `${coded.name} (${coded.code})`),
        sheetName,
        cell,
        u.code,
      );
      g.use(cell);
    }
  }

  let period: ReportPeriod | null = identity.period ? reportPeriod(identity.period) : null;
  if (!period) {
    for (const c of titleCells) {
      if (c.kind !== "string") continue;
      period = periodFromText(plan, c.value as string);
      if (period) break;
    }
    // The period line was edited away: the "Ngày cuối kỳ" date still names a half year's last day.
    const ends = titleCells.filter((c) => c.kind === "number" && c.isDate).map((c) => serialToIso(c.value as number));
    period ??= candidatePeriods(plan).find((p) => p.kind !== "year" && ends.includes(p.to)) ?? null;
  }
  record.unitCode = u.code;
  record.unitName = u.name;
  record.period = period?.id ?? identity.period ?? null;
  record.identifiedBy = identifiedBy;
  if (identifiedBy === "name")
    problems.add("info", "identified-by-name", M.byName(u.name, period?.id ?? null), { sheet: sheetName });

  // Columns, by header text.
  const col = h.columns;
  for (const key of col.keys()) g.use(g.at(h.row, col.get(key)!));
  if ([...col.entries()].some(([key, c]) => FORM_COLUMNS.findIndex((f) => f.key === key) + 1 !== c))
    problems.add("info", "columns-moved", M.columnsMoved(), { sheet: sheetName, cell: address(h.row, 1) });
  for (const f of FORM_COLUMNS) {
    if (col.has(f.key) || f.key === "assessment" || f.key === "repeat") continue;
    problems.add(f.input ? "warning" : "info", "column-missing", M.columnMissing(f.header), {
      sheet: sheetName,
      cell: address(h.row, 1),
    });
  }
  const cellOf = (row: number, key: FormColumnKey) => {
    const c = col.get(key);
    return c === undefined ? undefined : g.at(row, c);
  };

  // Rows below the header: footer rows, task rows, and anything else.
  const owed = tasksOf(plan, u.code);
  const owedNumbers = owed.map((t) => t.number);
  const entries: TaskEntry[] = [];
  const fixedFound = new Map<number, { content?: ReadCell; timing?: ReadCell; due?: ReadCell }>();
  const footer = emptyFooter();
  const taskByContent = tasksByContent(plan);

  const mapped = new Set(col.values());
  let pastFooter = false;
  for (const row of g.rowNumbers()) {
    if (row <= h.row) continue;
    const cells = g.rowCells(row);
    if (cells.length === 0) continue;

    const labels = cells.map((c) => ({ c, f: footerLabel(c) })).filter((x) => x.f !== null);
    if (labels.length > 0) {
      for (const { c, f } of labels) {
        const key = f!.key;
        if (footer.raw[key]) continue;
        g.use(c);
        // A value typed into the label cell itself ("Người lập biểu: Nguyễn Văn A") counts too.
        const valueCell =
          f!.inline !== null ? { ...c, value: f!.inline } : cells.find((x) => x.col > c.col && !footerLabel(x));
        if (!valueCell) continue;
        g.use(valueCell);
        readFooter(footer, key, valueCell, f!.inline !== null ? c : valueCell, sheetName, plan, problems);
      }
      pastFooter = true;
      continue;
    }
    // Below the footer nothing is a task row: what is there is listed as outside the form.
    if (pastFooter) continue;

    const ttCell = cellOf(row, "number");
    let n = taskNumber(ttCell);
    if (n === null && !filled(ttCell)) {
      const content = cellOf(row, "content");
      const byContent =
        content && content.kind === "string" ? taskByContent.get(toneKey(content.value as string)) : undefined;
      if (byContent !== undefined) {
        n = byContent;
        problems.cell("info", "row-by-content", M.rowByContent(n), sheetName, content!);
      }
    }
    // Only the table's own columns: a cell in a column the form does not have is "outside".
    const reportRow = (severity: Severity, code: string, text: Text) => {
      for (const c of cells.filter((x) => mapped.has(x.col))) {
        problems.cell(severity, code, text, sheetName, c);
        g.use(c);
      }
    };
    if (n === null) {
      reportRow("warning", "row-not-task", M.rowNotTask());
      continue;
    }
    if (!owedNumbers.includes(n)) {
      reportRow("warning", "row-added", M.rowAdded(String(n)));
      continue;
    }
    const first = entries.find((e) => e.task === n);
    if (first) {
      reportRow("error", "row-duplicate", M.rowDuplicate(n, first.row));
      continue;
    }
    for (const key of ["number", "content", "timing", "due", "assessment", "repeat"] as const) g.use(cellOf(row, key));
    fixedFound.set(n, { content: cellOf(row, "content"), timing: cellOf(row, "timing"), due: cellOf(row, "due") });
    const entry = readEntry(n, row, sheetName, (key) => cellOf(row, key), plan, problems);
    for (const key of INPUT_KEYS) g.use(cellOf(row, key));
    entries.push(entry);
  }
  record.footer = footer;

  // Moved rows: the order of TT numbers differs from the form's.
  const sorted = [...entries].sort((a, b) => a.task - b.task);
  entries.forEach((e, i) => {
    if (sorted[i] !== e)
      problems.add("info", "row-moved", M.rowMoved(e.task), {
        sheet: sheetName,
        cell: address(e.row, col.get("number")!),
      });
  });
  // Deleted rows.
  owed.forEach((t, i) => {
    if (!entries.some((e) => e.task === t.number))
      problems.add("error", "row-missing", M.rowMissing(t.number), {
        sheet: sheetName,
        cell: address(h.row + 1 + i, col.get("number")!),
      });
  });
  record.entries = sorted;

  // Fixed cells: the fingerprint says whether anything changed; if so, say which cell.
  if (period) {
    const shown: FormFixedRow[] = sorted.map((e) => {
      const f = fixedFound.get(e.task)!;
      const due = f.due ? readDate(f.due) : null;
      return {
        number: e.task,
        content: f.content ? nfc(cellText(f.content)) : "",
        timing: f.timing ? nfc(cellText(f.timing)) : "",
        due: due && due.ok ? due.iso : null,
      };
    });
    const fp = formFingerprint(plan.id, u.code, period.id, shown);
    if (fp !== identity.fingerprint) {
      const expected = formFixedRows(plan, u.code, period);
      for (const e of sorted) {
        const want = expected.find((x) => x.number === e.task);
        const f = fixedFound.get(e.task)!;
        if (!want) continue;
        checkFixed(
          problems,
          sheetName,
          "nội dung công việc",
          f.content,
          want.content,
          (c) => sameText(cellText(c), want.content),
          address(e.row, col.get("content") ?? 2),
        );
        checkFixed(
          problems,
          sheetName,
          "thời gian thực hiện",
          f.timing,
          want.timing,
          (c) => sameText(cellText(c), want.timing),
          address(e.row, col.get("timing") ?? 3),
        );
        checkFixed(
          problems,
          sheetName,
          "hạn trong kỳ",
          f.due,
          want.due ? dmy(want.due) : "",
          (c) => {
            const d = readDate(c);
            return d.ok && d.iso === want.due;
          },
          address(e.row, col.get("due") ?? 4),
          want.due === null,
        );
      }
    }
  }

  // Title block: cells the form itself has (anywhere above the header) are expected; others are noted.
  const expectedTitle = new Set<string>();
  if (period) {
    for (const v of formTitleValues(plan, u, period))
      if (typeof v !== "object" || (v !== null && "date" in v))
        expectedTitle.add(valueKey(v as CellScalar | { date: IsoDate }));
  }
  for (const c of titleCells) {
    if (g.consumed.has(c.ref)) continue;
    g.use(c);
    if (!expectedTitle.has(valueKey(c.value, c.isDate)))
      problems.cell("info", "title-changed", M.titleChanged(), sheetName, c);
  }

  // Whatever is left on the form sheet, and everything on other sheets, is listed — never dropped.
  for (const c of g.sheet.cells) {
    if (filled(c) && !g.consumed.has(c.ref)) problems.cell("info", "cell-outside", M.outside(), sheetName, c);
  }
  for (const sheet of wb.sheets) {
    if (sheet === meta || sheet === g.sheet) continue;
    for (const c of sheet.cells)
      if (filled(c)) problems.cell("info", "extra-sheet-cell", M.extraSheet(sheet.name), sheet.name, c);
  }
  record.usable = true;
  return record;
}

function checkFixed(
  problems: ProblemList,
  sheet: string,
  what: string,
  cell: ReadCell | undefined,
  expected: string,
  same: (c: ReadCell) => boolean,
  at: string,
  expectEmpty = false,
): void {
  if (!filled(cell)) {
    if (expected === "" || expectEmpty) return;
    problems.add("warning", "fixed-changed", M.fixedChanged(what), { sheet, cell: at }, null, { expected });
    return;
  }
  if (!same(cell)) problems.cell("warning", "fixed-changed", M.fixedChanged(what), sheet, cell, expected);
}

/** readStatus, remembered: thousands of forms type the same few wordings. Bounded. */
let statusMemo = new Map<string, ReturnType<typeof readStatus>>();
function statusOf(text: string): ReturnType<typeof readStatus> {
  let status = statusMemo.get(text);
  if (status === undefined) {
    status = readStatus(text);
    if (statusMemo.size >= 5000) statusMemo = new Map();
    statusMemo.set(text, status);
  }
  return status;
}

/** Reads and checks one task row's input cells. */
function readEntry(
  task: number,
  row: number,
  sheet: string,
  cellOf: (key: FormColumnKey) => ReadCell | undefined,
  plan: Plan,
  problems: ProblemList,
): TaskEntry {
  const entry: TaskEntry = {
    task,
    sheet,
    row,
    status: null,
    completedOn: null,
    progress: null,
    result: null,
    documents: null,
    difficulties: null,
    proposals: null,
    raw: {},
  };
  const cells: Partial<Record<InputKey, ReadCell>> = {};
  for (const key of INPUT_KEYS) {
    const c = cellOf(key);
    if (!filled(c)) continue;
    entry.raw[key] = raw(c);
    if (c.formula !== undefined) problems.cell("info", "formula-input", M.formula(), sheet, c);
    if (c.kind === "error") {
      problems.cell("error", "error-value", M.errorValue(), sheet, c);
      continue;
    }
    if (c.formula !== undefined && isBlank(c)) continue;
    cells[key] = c;
  }

  const st = cells.status;
  if (st) {
    const status = st.kind === "string" ? statusOf(st.value as string) : null;
    if (status === null) problems.cell("error", "status-invalid", M.statusInvalid(), sheet, st);
    else {
      entry.status = status;
      const canonical = REPORTED_STATUS_LABELS[status].vi;
      if ((st.value as string).trim() !== canonical)
        problems.cell("info", "status-variant", M.statusVariant(canonical), sheet, st);
    }
  }

  const done = cells.completedOn;
  if (done) {
    const d = readDate(done);
    if (!d.ok) problems.cell("error", "date-invalid", M.dateInvalid(), sheet, done);
    else {
      entry.completedOn = d.iso;
      if (d.how !== "date") problems.cell("info", "date-converted", M.dateConverted(d.iso, d.how), sheet, done);
      if (d.iso < plan.document.resolution.date)
        problems.cell("warning", "date-before-plan", M.dateBeforePlan(plan.document.resolution.date), sheet, done);
    }
  }

  const pr = cells.progress;
  if (pr) {
    const p = readProgress(pr);
    if (!p.ok) problems.cell("error", "progress-invalid", M.progressInvalid(), sheet, pr);
    else {
      entry.progress = p.value;
      if (p.converted) problems.cell("info", "progress-converted", M.progressConverted(p.value), sheet, pr);
    }
  }

  for (const key of TEXT_KEYS) {
    const c = cells[key];
    if (!c) continue;
    let text: string;
    if (c.kind === "string") text = c.value as string;
    else {
      text = c.kind === "number" && c.isDate ? dmy(cellText(c)) : cellText(c);
      problems.cell("info", "not-text", M.notText(), sheet, c);
    }
    if ([...text].length > FORM_TEXT_LIMIT)
      problems.cell("warning", "text-too-long", M.tooLong(FORM_TEXT_LIMIT), sheet, c);
    entry[key] = text;
  }

  if (entry.status === "done") {
    if (entry.result === null || entry.result.trim() === "")
      problems.cell("warning", "done-without-result", M.doneNoResult(), sheet, st!);
    if (entry.progress !== null && entry.progress < 100)
      problems.cell("warning", "done-progress-below-100", M.doneBelow100(entry.progress), sheet, pr!);
  }
  return entry;
}

function readFooter(
  footer: FooterEntry,
  key: FooterKey,
  c: ReadCell,
  source: ReadCell,
  sheet: string,
  plan: Plan,
  problems: ProblemList,
): void {
  footer.raw[key] = { ...raw(source), sheet };
  if (c.formula !== undefined) problems.cell("info", "formula-input", M.formula(), sheet, c);
  if (c.kind === "error") {
    problems.cell("error", "error-value", M.errorValue(), sheet, c);
    return;
  }
  if (key === "preparedOn") {
    const d = readDate(c);
    if (!d.ok) problems.cell("error", "date-invalid", M.dateInvalid(), sheet, c);
    else {
      footer.preparedOn = d.iso;
      if (d.how !== "date") problems.cell("info", "date-converted", M.dateConverted(d.iso, d.how), sheet, c);
      if (d.iso < plan.document.resolution.date)
        problems.cell("warning", "date-before-plan", M.dateBeforePlan(plan.document.resolution.date), sheet, c);
    }
    return;
  }
  footer[key] = cellText(c);
}
