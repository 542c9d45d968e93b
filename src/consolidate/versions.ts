/**
 * Forms made from an older version of the book. A form carries the plan version it was made from
 * and its TT → task id map (meta sheet). When the book has changed since, the form is read against
 * a view of the plan as the form has it (its own TT numbers, the tasks it asked), then its entries
 * are moved to today's task numbers by id:
 * - a task removed since: its values are kept (record.removedTasks) and listed as a problem;
 * - a task added since: record.askedTasks lacks it, so the merge shows "not asked in this form";
 * - a unit merged into another: the form counts for the new unit, with a note.
 * A form of the current version, or one without the map (made before books had ids), is read as before.
 */
import type { Text } from "../i18n";
import type { Plan, Task } from "../plan/types";
import { parseFormTaskIds } from "../workbook/form";
import { identityFromPairs, META_SHEET } from "../workbook/identity";
import type { ReadWorkbook } from "../xlsx/read";
import { extractForm, type FileFacts, type UnitIndex } from "./extract";
import type { FormRecord, Problem, TaskEntry } from "./types";

const byIdCache = new WeakMap<Plan, Map<string, Task>>();
function tasksById(plan: Plan): Map<string, Task> {
  let map = byIdCache.get(plan);
  if (!map) byIdCache.set(plan, (map = new Map(plan.tasks.map((t) => [t.id, t] as const))));
  return map;
}

/** Identity pairs from the custom properties and the meta sheet (the task map is only there). */
function formIdentity(wb: ReadWorkbook) {
  const pairs: Record<string, string> = { ...wb.customProperties };
  const meta = wb.sheet(META_SHEET);
  if (meta)
    for (const c of meta.cells)
      if (c.col === 1 && c.kind === "string") {
        const v = meta.cell(`B${c.row}`);
        if (v && pairs[c.value as string] === undefined) pairs[c.value as string] = String(v.value);
      }
  return identityFromPairs(pairs);
}

const M = {
  olderPlan: (): Text => ({
    vi: "Mẫu này được tạo từ phiên bản trước của sổ theo dõi (kế hoạch đã được điều chỉnh); các nhiệm vụ được khớp theo mã nhiệm vụ.",
    en: "This form was made from an earlier version of the tracking book (the plan has been adjusted since); tasks are matched by task id.",
  }),
  removed: (formNumber: number, id: string, values: string): Text => ({
    vi: `Nhiệm vụ TT ${formNumber} (mã ${id}) của mẫu này không còn trong kế hoạch hiện hành; giá trị đơn vị ghi vẫn được giữ: ${values}.`,
    en: `Task ${formNumber} (id ${id}) of this form is no longer in the current plan; what the unit wrote is kept: ${values}.`,
  }),
  merged: (from: string, fromName: string, to: string, toName: string): Text => ({
    vi: `Mẫu của ${fromName} (${from}), đơn vị đã sáp nhập vào ${toName} (${to}): được tính cho ${toName}.`,
    en: `Form of ${fromName} (${from}), a unit merged into ${toName} (${to}): it counts for ${toName}.`,
  }),
};

/** What the unit typed in the row, verbatim. */
function entryText(e: TaskEntry): string {
  return Object.values(e.raw)
    .map((r) => `"${String(r.value)}"`)
    .join("; ");
}

/** extractForm, aware of forms made from an older book and of merged units. */
export function extractVersioned(plan: Plan, facts: FileFacts, wb: ReadWorkbook, units: UnitIndex): FormRecord {
  const identity = formIdentity(wb);
  const code = identity?.unitCode;
  const unit = code ? plan.units.find((u) => u.code === code) : undefined;
  const target =
    unit && unit.active === false && unit.mergedInto ? plan.units.find((u) => u.code === unit.mergedInto) : undefined;
  const map = parseFormTaskIds(identity?.taskIds);
  const older = identity?.planVersion !== undefined && identity.planVersion !== plan.version && map !== null;
  if (!older && !target) return extractForm(plan, facts, wb, units);

  // The plan as the form has it: its own TT numbers, today's texts for the tasks still there.
  const byId = tasksById(plan);
  const viewTasks: Task[] = map
    ? [...map].map(([number, id]) => {
        const now = byId.get(id);
        return now
          ? { ...now, number }
          : { number, id, content: "", timing: "", lead: "", issuer: "", leads: [], issuers: [] };
      })
    : plan.tasks.filter((t) => (plan.assignments.get(target!.code) ?? []).includes(t.number));
  const assignments = new Map(plan.assignments);
  assignments.set(
    code!,
    viewTasks.map((t) => t.number),
  );
  const view: Plan = { ...plan, tasks: viewTasks, assignments };
  const record = extractForm(view, facts, wb, units);
  if (!record.usable || record.unitCode !== code) return record;

  const problems: Problem[] = [];
  const note = (severity: Problem["severity"], c: Problem["code"], text: Text, value: string | null = null) =>
    problems.push({ file: facts.name, sheet: "", cell: "", severity, code: c, text, value });
  if (map) {
    if (older) note("info", "older-plan", M.olderPlan(), identity?.planVersion ?? null);
    const kept: TaskEntry[] = [];
    const removed: NonNullable<FormRecord["removedTasks"]> = [];
    for (const e of record.entries) {
      const id = map.get(e.task);
      const now = id ? byId.get(id) : undefined;
      if (now) kept.push({ ...e, task: now.number });
      // A removed task's empty row holds nothing to keep; one with values is kept and listed.
      else if (id && Object.keys(e.raw).length > 0) {
        removed.push({ id, formNumber: e.task, entry: e });
        problems.push({
          file: facts.name,
          sheet: e.sheet,
          cell: `A${e.row}`,
          severity: "warning",
          code: "task-removed",
          text: M.removed(e.task, id, entryText(e)),
          value: id,
        });
      }
    }
    record.entries = kept;
    if (removed.length > 0) record.removedTasks = removed;
    record.askedTasks = [...map.values()]
      .map((id) => byId.get(id)?.number)
      .filter((n): n is number => n !== undefined)
      .sort((a, b) => a - b);
  }
  if (target && unit) {
    note("info", "unit-merged", M.merged(unit.code, unit.name, target.code, target.name), unit.code);
    record.unitCode = target.code;
    record.unitName = target.name;
  }
  record.problems.push(...problems);
  return record;
}
