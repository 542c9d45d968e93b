/**
 * Source tables → the plan: rows laid out (rows.ts), TT numbers settled, agencies split and matched
 * to units (agencies.ts), deadlines read in the document's own context, and the import report.
 */
import type { Text } from "../i18n";
import { builtinPlanData, builtinRegistryData } from "../plan/builtin";
import { splitAgencies, splitIssuers } from "../plan/leads";
import { defaultTaskId, pairLeads, planVersion, sortUnits } from "../plan/plan";
import type { AppendixText, Plan, PlanDocument, Task, TaskGroup, TaskLead, Unit } from "../plan/types";
import { contextFromPlan, parseSchedule } from "../schedule";
import { foldKey } from "../text/vietnamese";
import { agencyKey, isCollective, isCommuneLevel, nameIndex } from "./agencies";
import { documentFacts } from "./document";
import type { Field } from "./headers";
import type { ImportReport } from "./report";
import { layoutTables, type RawTask } from "./rows";
import { ImportError, type ImportSource } from "./table";

export interface ImportBase {
  /** The book the plan goes into: its units and facts are used. */
  units: Unit[];
  province: string;
  facts: { id: string; document: PlanDocument; appendix: AppendixText } | null;
}

export interface ImportResult {
  plan: Plan;
  report: ImportReport;
}

/** The built-in unit registry, when no book is given. */
export function builtinBase(): ImportBase {
  return { units: builtinRegistryData.units, province: builtinRegistryData.province, facts: null };
}

const ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"];

/** A short code for a new unit: initials of its words ("Sở Công Thương" → "SCT"), unique. */
function newCode(name: string, taken: Set<string>): string {
  const initials = foldKey(name)
    .split(/[^a-z0-9]+/)
    .filter((w) => w)
    .map((w) => (/^\d+$/.test(w) ? w : w[0]!))
    .join("")
    .toUpperCase()
    .slice(0, 12);
  const stem = initials || "DV";
  let code = stem;
  for (let k = 2; taken.has(code); k++) code = `${stem}${k}`;
  taken.add(code);
  return code;
}

function taskNumbers(tasks: RawTask[], notes: Text[]): number[] {
  const given = tasks.map((t) => {
    const m = /^(\d{1,4})\s*[.)]?$/.exec(t.tt);
    return m ? Number(m[1]) : null;
  });
  const seen = new Set<number>();
  let clash = false;
  for (const n of given) {
    if (n === null) continue;
    if (seen.has(n)) clash = true;
    seen.add(n);
  }
  if (clash) {
    notes.push({
      vi: "TT trong văn bản bị lặp (đánh lại từ 1 trong mỗi nhóm): nhiệm vụ được đánh số lại 1, 2, 3… theo thứ tự trong văn bản.",
      en: "TT numbers repeat in the document (restarting in each group): tasks are numbered 1, 2, 3… in document order.",
    });
    return tasks.map((_, i) => i + 1);
  }
  let next = Math.max(0, ...seen);
  const out = [...given];
  for (let i = 0; i < out.length; i++) {
    if (out[i] !== null) continue;
    // An empty TT between 2 and 4 is 3: fill a gap that fits exactly, else number after the last.
    let j = i;
    while (j < out.length && given[j] === null) j++;
    const before = i > 0 ? out[i - 1]! : 0;
    const after = j < out.length ? given[j]! : null;
    const fits =
      after !== null && after - before - 1 === j - i && ![...Array(j - i).keys()].some((d) => seen.has(before + 1 + d));
    for (let k = i; k < j; k++) {
      const assigned = fits ? before + 1 + (k - i) : ++next;
      out[k] = assigned;
      const t = tasks[k]!;
      notes.push({
        vi: `${t.where.vi}: ${t.tt ? `TT "${t.tt}" không phải số thứ tự` : "TT để trống"}: nhiệm vụ nhận TT ${assigned}.`,
        en: `${t.where.en}: ${t.tt ? `TT "${t.tt}" is not a number` : "empty TT"}: the task is numbered ${assigned}.`,
      });
    }
    i = j - 1;
  }
  return out as number[];
}

/** Builds the plan and the report from a read source. Throws ImportError when there is no appendix table. */
export function buildImport(source: ImportSource, base: ImportBase): ImportResult {
  const layout = layoutTables(source.tables);
  const raws = layout.entries.filter((e): e is RawTask => e.kind === "task");
  if (raws.length === 0)
    throw new ImportError(
      source.tables.length === 0
        ? {
            vi: `Tệp ${source.file} không có bảng nào: không thấy phụ lục để nhập (cần một bảng có cột TT, Nội dung công việc, Cơ quan chủ trì, Thời gian).`,
            en: `The file ${source.file} has no table: no appendix to import (a table with TT, task, lead and timing columns is needed).`,
          }
        : {
            vi: `Tệp ${source.file} có ${source.tables.length} bảng nhưng không bảng nào là phụ lục nhiệm vụ (không thấy dòng tiêu đề có Nội dung công việc và Cơ quan chủ trì hoặc Thời gian).`,
            en: `The file ${source.file} has ${source.tables.length} table(s) but none is a task appendix (no header row with a task column and a lead or timing column).`,
          },
    );
  const notes: Text[] = [];
  const numbers = taskNumbers(raws, notes);
  const timingYears = raws.flatMap((t) =>
    [...(t.fields.timing ?? "").matchAll(/(?:^|\D)((?:19|20)\d{2})(?!\d)/g)].map((m) => Number(m[1])),
  );
  const facts = documentFacts(source.prose, timingYears, base.facts, base.province);
  notes.push(...facts.notes);

  // Units: the base's (copied: aliases and new units are added), looked up by every name they go by.
  const units = base.units.map((u) => ({ ...u, ...(u.aliases ? { aliases: [...u.aliases] } : {}) }));
  const index = nameIndex(
    units.flatMap((u) =>
      [u.name, u.shortName, ...(u.aliases ?? [])].filter((n): n is string => !!n).map((n) => [n, u] as [string, Unit]),
    ),
  );
  const communeBodies = nameIndex(
    builtinPlanData.leadBodies.filter((b) => b.scope === "every-commune").map((b) => [b.name, b] as [string, unknown]),
  );
  const taken = new Set(units.map((u) => u.code));
  const added = new Map<string, Unit>();
  const report: ImportReport = {
    file: source.file,
    source: source.kind,
    tables: layout.tables.map((t) => ({
      name: t.name,
      columns: t.headers ? [...t.headers].map(([field, header]) => ({ field, header })) : null,
      ignored: t.ignored,
      rows: t.rows,
    })),
    groups: [],
    tasks: raws.length,
    unreadDeadlines: [],
    newAgencies: [],
    aliases: [],
    collectives: [],
    skipped: layout.skipped,
    notes,
  };
  const collectives = new Map<string, { name: string; tasks: number[] }>();

  type Resolved = { scope: "commune" } | { scope: "collective" } | { scope: "unit"; unit: Unit };
  const resolve = (name: string, role: "lead" | "partner", task: number, where: Text): Resolved => {
    if (communeBodies.find(name) || isCommuneLevel(name)) return { scope: "commune" };
    const found = index.find(name) ?? added.get(agencyKey(name));
    if (found) {
      const spelled = [found.name, found.shortName, ...(found.aliases ?? [])].some(
        (n) => n && foldKey(n) === foldKey(name),
      );
      if (!spelled) {
        (found.aliases ??= []).push(name);
        report.aliases.push({ name, unit: found.code });
      }
      const fresh = report.newAgencies.find((a) => a.code === found.code);
      if (fresh && !fresh.tasks.includes(task)) fresh.tasks.push(task);
      return { scope: "unit", unit: found };
    }
    if (isCollective(name)) {
      const c = collectives.get(foldKey(name)) ?? { name, tasks: [] };
      if (!c.tasks.includes(task)) c.tasks.push(task);
      collectives.set(foldKey(name), c);
      return { scope: "collective" };
    }
    const unit: Unit = {
      code: newCode(name, taken),
      name,
      level: "provincial",
      kind: "Mới nhập từ phụ lục — cần rà soát",
    };
    units.push(unit);
    added.set(agencyKey(name), unit);
    report.newAgencies.push({ name, code: unit.code, role, tasks: [task], where });
    return { scope: "unit", unit };
  };

  const tasks: Task[] = [];
  let group: TaskGroup | undefined;
  let groupCount = 0;
  let current = { label: "", title: "", tasks: 0 };
  let k = 0;
  const none: Text = { vi: "", en: "" };
  for (const entry of layout.entries) {
    if (entry.kind === "group") {
      if (current.tasks > 0 || current.label || current.title) report.groups.push(current);
      groupCount++;
      const label = entry.label || ROMANS[groupCount - 1] || String(groupCount);
      if (!entry.label)
        notes.push({
          vi: `${entry.where.vi}: tiêu đề nhóm "${entry.title}" không có số La Mã; ghi là nhóm ${label}.`,
          en: `${entry.where.en}: group heading "${entry.title}" has no numeral; written as group ${label}.`,
        });
      group = { label, title: entry.title };
      current = { label, title: entry.title, tasks: 0 };
      continue;
    }
    const number = numbers[k++]!;
    const f = entry.fields;
    const cell = (field: Field) => entry.cells[field] ?? entry.where;
    const lead = f.lead ?? "";
    const issuer = f.issuer ?? "";
    const leadNames = splitAgencies(lead);
    const issuers = splitIssuers(issuer);
    const advises = pairLeads(leadNames, issuers);
    const leads = leadNames.map((name, i): TaskLead => {
      const r = resolve(name, "lead", number, cell("lead"));
      const a = advises[i] ?? null;
      if (r.scope === "commune") return { name, level: "commune", unit: null, advises: a };
      return { name, level: "provincial", unit: r.scope === "unit" ? r.unit.code : null, advises: a };
    });
    for (const name of splitAgencies(f.partners ?? "")) resolve(name, "partner", number, cell("partners"));
    const task: Task = {
      number,
      content: f.content ?? "",
      timing: f.timing ?? "",
      lead,
      issuer,
      id: defaultTaskId(number),
      leads,
      issuers,
    };
    if (group) task.group = group;
    if (f.partners) task.partners = f.partners;
    if (f.result) task.result = f.result;
    if (!lead)
      notes.push({
        vi: `${cell("lead").vi}: nhiệm vụ ${number} chưa có cơ quan chủ trì; chưa giao đơn vị nào báo cáo.`,
        en: `${cell("lead").en}: task ${number} has no lead; no unit reports on it yet.`,
      });
    tasks.push(task);
    current.tasks++;
  }
  if (current.tasks > 0 || current.label || current.title) report.groups.push(current);
  report.collectives = [...collectives.values()];

  const ctx = contextFromPlan({ document: facts.document });
  tasks.forEach((t, i) => {
    const s = parseSchedule(t.timing, ctx);
    if (!s.parsed) {
      const raw = raws[i]!;
      report.unreadDeadlines.push({
        task: t.number,
        timing: t.timing,
        unread: s.unread,
        where: raw.cells.timing ?? raw.where ?? none,
      });
    }
  });

  const sorted = sortUnits(units);
  const assignments = assign(tasks, sorted);
  const appendix: AppendixText = { ...facts.appendix, headers: { ...builtinPlanData.appendix.headers } };
  const plan: Plan = {
    id: base.facts?.id ?? planId(facts.document, source.file),
    document: facts.document,
    appendix,
    tasks,
    units: sorted,
    assignments,
    version: planVersion(tasks, assignments),
  };
  return { plan, report };
}

function planId(doc: PlanDocument, file: string): string {
  const from = doc.resolution.number || doc.number.replace(/^Số\s*/u, "") || file.replace(/\.[^.]+$/, "");
  const slug = foldKey(from)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `KH-${slug || "PHU-LUC"}${doc.years.from ? `-${doc.years.from}` : ""}`;
}

/** Who reports on what: each lead's unit, every commune for a xã-level lead; in the units' order, as buildPlan does. */
function assign(tasks: Task[], units: Unit[]): Map<string, number[]> {
  const raw = new Map<string, Set<number>>();
  const add = (code: string, n: number) => raw.set(code, (raw.get(code) ?? new Set()).add(n));
  for (const t of tasks)
    for (const l of t.leads) {
      if (l.unit) add(l.unit, t.number);
      else if (l.level === "commune")
        for (const u of units) if (u.level === "commune" && u.active !== false) add(u.code, t.number);
    }
  const out = new Map<string, number[]>();
  for (const u of units) {
    const set = raw.get(u.code);
    if (set)
      out.set(
        u.code,
        [...set].sort((a, b) => a - b),
      );
  }
  return out;
}
