import { useSyncExternalStore } from "react";
import type { ConsolidationResult } from "../../consolidate/types";
import type { ConsolidationLocations } from "./types";

/** The last consolidation of this pane session, shared by the "Tổng hợp" and "Tô màu hạn" pages. */
export interface KeptConsolidation {
  result: ConsolidationResult;
  locations: ConsolidationLocations;
  /** Its sheets are in the open workbook (Excel mode), so its lines can be shown there. */
  inWorkbook: boolean;
}

let kept: KeptConsolidation | null = null;
const listeners = new Set<() => void>();

export function keptConsolidation(): KeptConsolidation | null {
  return kept;
}

export function keepConsolidation(next: KeptConsolidation | null): void {
  kept = next;
  for (const listener of listeners) listener();
}

/** For React's useSyncExternalStore. */
export function subscribeConsolidation(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The kept consolidation, re-rendering the component when it changes. */
export function useKeptConsolidation(): KeptConsolidation | null {
  return useSyncExternalStore(subscribeConsolidation, keptConsolidation, keptConsolidation);
}
