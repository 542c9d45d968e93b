import planJson from "./data/ke-hoach-08-nq-tu.json";
import unitsJson from "./data/don-vi-nghe-an.json";
import { buildPlan } from "./plan";
import type { Plan, PlanData, UnitRegistryData } from "./types";

/** The built-in data: Kế hoạch triển khai Nghị quyết 08-NQ/TU of Nghệ An and its units. */
export const builtinPlanData = planJson as PlanData;
export const builtinRegistryData = unitsJson as UnitRegistryData;

let cached: Plan | undefined;
/** The built-in plan, built once (it never changes at run time). */
export function builtinPlan(): Plan {
  cached ??= buildPlan(builtinPlanData, builtinRegistryData);
  return cached;
}
