/**
 * The book as the source of the plan, for every shell: read and check a book file, describe a plan
 * (the `plan --json` shape), and say what is wrong in one list. No file system, no DOM.
 */
import { formatBookProblem, hasErrors, readBook, type BookProblem, type BookRead } from "../book";
import { countEn, type Text } from "../i18n";
import type { Plan } from "../plan/types";
import type { InflateRaw } from "../xlsx/read";

export { hasErrors, formatBookProblem, type BookProblem, type BookRead };

/** Reads and checks a book file; the plan is null when it cannot be a book at all. */
export function loadBook(
  bytes: Uint8Array,
  options: { inflateRaw?: InflateRaw; tracking?: boolean; history?: boolean } = {},
): BookRead {
  return readBook(bytes, options);
}

/** The plan is usable for making forms and consolidating: read, and no errors. */
export function usablePlan(read: BookRead): Plan | null {
  return read.plan && !hasErrors(read.problems) ? read.plan : null;
}

/** Counts for a summary line: "2 lỗi, 1 lưu ý" / "2 errors, 1 warning". */
export function bookSummary(problems: readonly BookProblem[], file: string): Text {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return { vi: `Sổ ${file}: không có lỗi.`, en: `Book ${file}: no problems.` };
  return {
    vi: `Sổ ${file}: ${errors} lỗi, ${warnings} lưu ý.`,
    en: `Book ${file}: ${countEn(errors, "error")}, ${countEn(warnings, "warning")}.`,
  };
}

/** The plan as `plan --json` prints it: today's shape, plus id, group, partners and result where present. */
export function describePlan(plan: Plan): unknown {
  const reporters = new Map<number, string[]>();
  for (const [code, numbers] of plan.assignments)
    for (const n of numbers) {
      const list = reporters.get(n) ?? [];
      list.push(code);
      reporters.set(n, list);
    }
  const tasks = plan.tasks.map((t) => ({
    number: t.number,
    content: t.content,
    timing: t.timing,
    lead: t.lead,
    issuer: t.issuer,
    leads: t.leads,
    issuers: t.issuers,
    reportingUnits: reporters.get(t.number) ?? [],
    id: t.id,
    ...(t.group ? { group: t.group } : {}),
    ...(t.partners ? { partners: t.partners } : {}),
    ...(t.result ? { result: t.result } : {}),
  }));
  const units = plan.units.map((u) => ({ ...u, tasks: plan.assignments.get(u.code) ?? [] }));
  return { id: plan.id, version: plan.version, document: plan.document, tasks, units };
}
