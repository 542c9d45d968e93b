import type { Plan } from "../plan/types";
import { contextFromPlan, parseSchedule } from "./parse";
import type { Schedule } from "./types";

const cache = new WeakMap<Plan, Map<number, Schedule>>();

/**
 * Each task's schedule, read once per plan: builders and the consolidator ask for them per form,
 * thousands of times, and a plan never changes once built.
 */
export function taskSchedules(plan: Plan): Map<number, Schedule> {
  let schedules = cache.get(plan);
  if (!schedules) {
    const ctx = contextFromPlan(plan);
    schedules = new Map(plan.tasks.map((t) => [t.number, parseSchedule(t.timing, ctx)] as const));
    cache.set(plan, schedules);
  }
  return schedules;
}

/** One task's schedule (see taskSchedules). */
export function taskSchedule(plan: Plan, taskNumber: number): Schedule {
  const s = taskSchedules(plan).get(taskNumber);
  if (!s) throw new RangeError(`Task ${taskNumber} is not in the plan`);
  return s;
}
