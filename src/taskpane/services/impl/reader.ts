import { inThreadReader, type FormReader } from "../../../jobs/consolidate";
import type { Plan } from "../../../plan/types";

/** How the page reads forms: this thread for now (workers come with their own module). */
export async function browserReader(plan: Plan, _files: number): Promise<FormReader> {
  return inThreadReader(plan);
}
