import { compareVi, nfc, toneKey } from "../text/vietnamese";
import { hashText } from "../util/hash";
import { splitAgencies, splitIssuers } from "./leads";
import type { LeadBody, Plan, PlanData, Task, TaskLead, TaskSource, Unit, UnitRegistryData } from "./types";

/** "NV01": the id a task gets when its source has none (the built-in plan, a new book row). */
export function defaultTaskId(number: number): string {
  return `NV${String(number).padStart(2, "0")}`;
}

/**
 * The plan's version: a hash of what a form is made from (task ids, numbers, texts, timing and who
 * reports on what). Document facts are left out: retitling the plan does not outdate any form.
 */
export function planVersion(tasks: readonly Task[], assignments: ReadonlyMap<string, number[]>): string {
  const parts = tasks.map((t) => `${t.id}|${t.number}|${t.content}|${t.timing}`);
  for (const [code, numbers] of assignments) parts.push(`${code}:${numbers.join(",")}`);
  return hashText(parts.join("\u001e"));
}

/** Units in the order every listing uses: provincial first, then xã/phường, Vietnamese collation. */
export function sortUnits(units: Unit[]): Unit[] {
  return units.sort((a, b) => (a.level === b.level ? compareVi(a.name, b.name) : a.level === "provincial" ? -1 : 1));
}

/** A plan or registry file that does not fit together (a lead nobody maps, a duplicate code). */
export class PlanDataError extends Error {
  constructor(
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
    this.name = "PlanDataError";
  }
}

/**
 * Pair each lead with the issuing level it advises. The source writes them position by position
 * ("Ban Tổ chức Tỉnh ủy/Sở Nội vụ" → "Ban Thường vụ Tỉnh ủy/UBND tỉnh"), so only equal counts
 * pair one to one; a single issuer is advised by every lead; anything else stays unpaired.
 */
export function pairLeads(leads: string[], issuers: string[]): (string | null)[] {
  if (issuers.length === leads.length) return [...issuers];
  if (issuers.length === 1) return leads.map(() => issuers[0] ?? null);
  return leads.map(() => null);
}

function resolveTask(source: TaskSource, bodies: Map<string, LeadBody>, units: Map<string, Unit>): Task {
  const leadNames = splitAgencies(source.lead);
  const issuers = splitIssuers(source.issuer);
  const advises = pairLeads(leadNames, issuers);
  const leads = leadNames.map((name, i): TaskLead => {
    const body = bodies.get(toneKey(name));
    if (!body) {
      throw new PlanDataError(
        `Task ${source.number}: lead "${name}" is not in the plan's leadBodies`,
        `Nhiệm vụ ${source.number}: cơ quan chủ trì "${name}" chưa có trong danh sách cơ quan chủ trì của kế hoạch`,
      );
    }
    if (body.scope === "unit") {
      if (!units.has(body.unit)) {
        throw new PlanDataError(
          `Lead "${name}" maps to unit code ${body.unit}, which is not in the unit registry`,
          `Cơ quan chủ trì "${name}" gắn với mã đơn vị ${body.unit}, không có trong danh sách đơn vị`,
        );
      }
      return { name, level: "provincial", unit: body.unit, advises: advises[i] ?? null };
    }
    return { name, level: "commune", unit: null, advises: advises[i] ?? null };
  });
  return { ...source, id: source.id ?? defaultTaskId(source.number), leads, issuers };
}

/** Build the whole plan model from its two data files. Throws PlanDataError on inconsistent data. */
export function buildPlan(data: PlanData, registry: UnitRegistryData): Plan {
  const unitByCode = new Map<string, Unit>();
  for (const unit of registry.units) {
    if (unitByCode.has(unit.code)) {
      throw new PlanDataError(`Duplicate unit code ${unit.code}`, `Mã đơn vị ${unit.code} bị trùng`);
    }
    unitByCode.set(unit.code, { ...unit, name: nfc(unit.name) });
  }
  const bodies = new Map(data.leadBodies.map((b) => [toneKey(b.name), b] as const));
  const tasks = data.tasks.map((t) =>
    resolveTask(
      { number: t.number, content: nfc(t.content), timing: nfc(t.timing), lead: nfc(t.lead), issuer: nfc(t.issuer) },
      bodies,
      unitByCode,
    ),
  );
  const units = sortUnits([...unitByCode.values()]);
  const assignments = new Map<string, number[]>();
  const assign = (code: string, task: number) => {
    const list = assignments.get(code) ?? [];
    if (!list.includes(task)) list.push(task);
    assignments.set(code, list);
  };
  for (const task of tasks) {
    for (const lead of task.leads) {
      if (lead.unit) assign(lead.unit, task.number);
      else for (const u of units) if (u.level === "commune") assign(u.code, task.number);
    }
  }
  // Keep the map in registry order so every listing of reporting units agrees.
  const ordered = new Map<string, number[]>();
  for (const u of units) {
    const list = assignments.get(u.code);
    if (list)
      ordered.set(
        u.code,
        list.sort((a, b) => a - b),
      );
  }
  return {
    id: data.id,
    document: data.document,
    appendix: data.appendix,
    tasks,
    units,
    assignments: ordered,
    version: planVersion(tasks, ordered),
  };
}

/** Units that report on at least one task, in registry order. */
export function reportingUnits(plan: Plan): Unit[] {
  return plan.units.filter((u) => plan.assignments.has(u.code));
}

/** The tasks a unit reports on, in appendix order (empty for a unit with no duty). */
export function tasksOf(plan: Plan, unitCode: string): Task[] {
  const numbers = plan.assignments.get(unitCode) ?? [];
  return plan.tasks.filter((t) => numbers.includes(t.number));
}
