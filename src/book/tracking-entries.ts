/**
 * What the office typed on "Theo dõi" (status, completion date, notes), so rebuilding the book from
 * itself keeps it. Rows are matched to today's tasks by content first (TT may have been renumbered
 * in "Phụ lục" since the sheet was made), then by TT.
 */
import { serialToIso } from "../dates";
import type { Plan } from "../plan/types";
import { tidySpaces, toneKey } from "../text/vietnamese";
import { TRACKING_COLUMNS, TRACKING_SHEET, type TrackingEntry } from "../workbook/tracking";
import type { ReadCell, ReadWorkbook } from "../xlsx/read";

function text(c: ReadCell | undefined): string {
  return c && (c.kind === "string" || c.kind === "number") ? tidySpaces(String(c.value)) : "";
}

export function readTrackingEntries(wb: ReadWorkbook, plan: Plan): Map<string, TrackingEntry> {
  const out = new Map<string, TrackingEntry>();
  const sheet = wb.sheets.find((s) => toneKey(s.name) === toneKey(TRACKING_SHEET));
  if (!sheet) return out;
  const rows = new Map<number, Map<number, ReadCell>>();
  for (const c of sheet.cells) {
    let r = rows.get(c.row);
    if (!r) rows.set(c.row, (r = new Map()));
    r.set(c.col, c);
  }
  const header = (key: (typeof TRACKING_COLUMNS)[number]["key"]) =>
    toneKey(TRACKING_COLUMNS.find((c) => c.key === key)!.header);
  let headerRow = 0;
  const col = new Map<string, number>();
  for (const [row, cells] of [...rows].sort((a, b) => a[0] - b[0])) {
    if (row > 20) break;
    const keys = new Map([...cells].map(([c, cell]) => [toneKey(text(cell)), c] as const));
    if (keys.has(header("number")) && keys.has(header("status"))) {
      headerRow = row;
      for (const k of ["number", "content", "status", "completedOn", "notes"] as const) {
        const at = keys.get(header(k));
        if (at !== undefined) col.set(k, at);
      }
      break;
    }
  }
  if (!headerRow) return out;
  const byContent = new Map(plan.tasks.map((t) => [toneKey(t.content), t] as const));
  const byNumber = new Map(plan.tasks.map((t) => [t.number, t] as const));
  for (const [row, cells] of rows) {
    if (row <= headerRow) continue;
    const get = (k: string) => (col.has(k) ? cells.get(col.get(k)!) : undefined);
    const task = byContent.get(toneKey(text(get("content")))) ?? byNumber.get(Number(text(get("number"))));
    if (!task || out.has(task.id)) continue;
    const entry: TrackingEntry = {};
    const status = text(get("status"));
    if (status) entry.status = status;
    const done = get("completedOn");
    if (done?.kind === "number" && (done.value as number) > 0 && (done.value as number) < 2958466)
      entry.completedOn = serialToIso(done.value as number);
    const notes = text(get("notes"));
    if (notes) entry.notes = notes;
    if (Object.keys(entry).length > 0) out.set(task.id, entry);
  }
  return out;
}
