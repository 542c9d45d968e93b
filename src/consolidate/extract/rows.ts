/**
 * The table below the header: task rows found by their TT number (or, without one, by the task's
 * content), each row's input cells read and checked, and the footer (preparer, phone, date).
 * Rows that are not the unit's tasks are reported with their values, never merged.
 */
import type { Text } from "../../i18n";
import { tasksOf } from "../../plan/plan";
import type { Plan } from "../../plan/types";
import { readStatus, REPORTED_STATUS_LABELS } from "../../schedule";
import { foldKey, keyMayFit, toneKey } from "../../text/vietnamese";
import { address } from "../../workbook/a1";
import { dmy } from "../../dates";
import { FORM_FOOTER_FIELDS, FORM_SIGNATURE, FORM_TEXT_LIMIT, type FormColumnKey } from "../../workbook/form-layout";
import type { ReadCell } from "../../xlsx/read";
import { M } from "../messages";
import type { FooterEntry, FooterKey, InputKey, ProblemCode, RawValue, Severity, TaskEntry } from "../types";
import { cellText, isBlank, readDate, readProgress } from "../values";
import { cellDate, type ProblemList } from "./problems";
import { checkMergesAcrossTasks, checkProgressFractions } from "./row-checks";
import { cellAt, filled, type FormSheet } from "./sheet";

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

/** The fixed cells of a task row as found, checked later against the form's own. */
export interface FixedCells {
  content?: ReadCell;
  timing?: ReadCell;
  due?: ReadCell;
}

export interface Table {
  /** By task number. */
  entries: TaskEntry[];
  footer: FooterEntry;
  fixed: Map<number, FixedCells>;
}

export const emptyFooter = (): FooterEntry => ({ preparer: null, phone: null, preparedOn: null, raw: {} });

function raw(c: ReadCell): RawValue {
  const r: RawValue =
    c.formula !== undefined ? { cell: c.ref, value: c.value, formula: c.formula } : { cell: c.ref, value: c.value };
  const date = cellDate(c);
  if (date) r.date = date;
  return r;
}

/** The form's own signature-block texts: part of the form, not the unit's notes (and "NGƯỜI LẬP BIỂU" is no footer label). */
const SIGNATURE_KEYS = new Set(Object.values(FORM_SIGNATURE).map((t) => toneKey(t)));
const SIGNATURE_KEY_MAX = Math.max(...[...SIGNATURE_KEYS].map((k) => k.length));
const isSignature = (c: ReadCell) =>
  c.kind === "string" &&
  keyMayFit(c.value as string, SIGNATURE_KEY_MAX) &&
  SIGNATURE_KEYS.has(toneKey(c.value as string));

const FOOTER_KEYS = FORM_FOOTER_FIELDS.map((f) => ({ key: f.key, fold: foldKey(f.label).replace(/:$/, "") }));
/** The longest a footer label's key can be, its colon included. */
const FOOTER_KEY_MAX = Math.max(...FOOTER_KEYS.map((f) => f.fold.length)) + 1;

/** A footer label cell: its key, and any value typed into the label cell after the colon. */
function footerLabel(c: ReadCell): { key: FooterKey; inline: string | null } | null {
  if (c.kind !== "string") return null;
  const text = c.value as string;
  // A label alone is short; a label with a value typed after it has its colon: a unit's long
  // result text is neither, and is not keyed.
  if (!keyMayFit(text, FOOTER_KEY_MAX) && text.indexOf(":") < 0) return null;
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

/** Reads the rows below the header: footer rows, the unit's task rows, and anything else (reported). */
export function readTable(plan: Plan, unitCode: string, form: FormSheet, problems: ProblemList): Table {
  const { grid: g, header: h, name: sheetName } = form;
  const col = h.columns;
  const cellOf = (row: number, key: FormColumnKey) => cellAt(form, row, key);
  const owed = tasksOf(plan, unitCode);
  const owedNumbers = owed.map((t) => t.number);
  const entries: TaskEntry[] = [];
  const fixed = new Map<number, FixedCells>();
  const footer = emptyFooter();
  const taskByContent = tasksByContent(plan);

  const mapped = new Set(col.values());
  let pastFooter = false;
  for (const row of g.rowNumbers()) {
    if (row <= h.row) continue;
    const cells = g.rowCells(row).filter((c) => {
      if (!isSignature(c)) return true;
      g.use(c);
      return false;
    });
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
    const reportRow = (severity: Severity, code: ProblemCode, text: Text) => {
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
    fixed.set(n, { content: cellOf(row, "content"), timing: cellOf(row, "timing"), due: cellOf(row, "due") });
    const entry = readEntry(n, row, sheetName, (key) => cellOf(row, key), plan, problems);
    for (const key of INPUT_KEYS) g.use(cellOf(row, key));
    entries.push(entry);
  }

  checkProgressFractions(form, entries, problems);
  checkMergesAcrossTasks(form, entries, problems);
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
  return { entries: sorted, footer, fixed };
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

/** Reads one footer field; `source` is the cell whose value is kept verbatim (the label cell for an inline value). */
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
