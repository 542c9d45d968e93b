/** The workbook descriptions both renderers are compared on: the feature fixtures and the real builders. */
import { generateForms } from "../../src/jobs/forms";
import { consolidate } from "../../src/consolidate";
import { builtinPlan, reportingUnits } from "../../src/plan";
import type { Plan, Unit } from "../../src/plan/types";
import { reportPeriod, type ReportPeriod } from "../../src/schedule";
import { consolidatedWorkbook } from "../../src/workbook/consolidated";
import { reportForm } from "../../src/workbook/form";
import type { WorkbookSpec } from "../../src/workbook/model";
import { trackingWorkbook } from "../../src/workbook/tracking";
import { everyFeatureSpec } from "../excel/fixtures";
import { fullSpec } from "../xlsx/writeFixtures";

export interface NamedSpec {
  name: string;
  spec: WorkbookSpec;
}

function period(): ReportPeriod {
  const p = reportPeriod("2026-H1");
  if (!p) throw new Error("period 2026-H1 is unknown");
  return p;
}

function firstUnit(plan: Plan, level: Unit["level"]): Unit {
  const unit = reportingUnits(plan).find((u) => u.level === level && (plan.assignments.get(u.code) ?? []).length > 0);
  if (!unit) throw new Error(`no ${level} unit with tasks`);
  return unit;
}

/** The consolidated workbook of two blank returned forms (one provincial body, one commune). */
async function consolidatedSpec(plan: Plan, units: Unit[]): Promise<WorkbookSpec> {
  const forms = await generateForms(plan, period(), { units });
  const result = await consolidate(
    forms.files.map((f) => ({ name: f.name, bytes: f.bytes, lastModified: "2026-07-05T08:00:00Z" })),
    { plan, asOf: "2026-07-10", period: period() },
  );
  return consolidatedWorkbook(plan, result);
}

export async function paritySpecs(): Promise<NamedSpec[]> {
  const plan = builtinPlan();
  const provincial = firstUnit(plan, "provincial");
  const commune = firstUnit(plan, "commune");
  return [
    { name: "fullSpec", spec: fullSpec() },
    { name: "everyFeatureSpec", spec: everyFeatureSpec() },
    { name: "tracking", spec: trackingWorkbook(plan, { asOf: "2026-11-30" }) },
    { name: `form ${provincial.code}`, spec: reportForm(plan, provincial, period()) },
    { name: `form ${commune.code}`, spec: reportForm(plan, commune, period()) },
    { name: "consolidated", spec: await consolidatedSpec(plan, [provincial, commune]) },
  ];
}
