/**
 * The comparison itself, as plain functions over already-rendered results, so a test can feed it a
 * deliberately broken renderer's output and see it fail.
 */
import { isDeepStrictEqual } from "node:util";
import type { WorkbookSpec } from "../../src/workbook/model";
import { OBSERVERS, type Observer } from "./observers";
import type { OfficeView, XlsxView } from "./views";

export type Side = "xlsx" | "officejs";

export interface Mismatch {
  spec: string;
  feature: string;
  side: Side;
  where: string;
  expected: unknown;
  actual: unknown;
}

export interface Comparison {
  mismatches: Mismatch[];
  /** Probes checked per feature (both sides count once). */
  probes: Map<string, number>;
  /** Features the spec sets explicitly somewhere. */
  present: Set<string>;
}

function safely(read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    return `threw: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Every observer's probes for `spec`, read from both renderers' results and compared with the spec. */
export function compare(
  specName: string,
  spec: WorkbookSpec,
  xlsx: XlsxView,
  office: OfficeView,
  observers: Readonly<Record<string, Observer>> = OBSERVERS,
): Comparison {
  const mismatches: Mismatch[] = [];
  const probes = new Map<string, number>();
  const present = new Set<string>();
  for (const [feature, observer] of Object.entries(observers)) {
    for (const probe of observer.probes(spec)) {
      probes.set(feature, (probes.get(feature) ?? 0) + 1);
      if (probe.present) present.add(feature);
      const sides: [Side, (() => unknown) | null][] = [
        ["xlsx", () => probe.xlsx(xlsx)],
        ["officejs", probe.officejs && (() => (probe.officejs as (v: OfficeView) => unknown)(office))],
      ];
      for (const [side, read] of sides) {
        if (!read) continue;
        const actual = safely(read);
        if (!isDeepStrictEqual(actual, probe.expected)) {
          mismatches.push({ spec: specName, feature, side, where: probe.where, expected: probe.expected, actual });
        }
      }
    }
  }
  return { mismatches, probes, present };
}

export function describeMismatch(m: Mismatch): string {
  return `[${m.spec}] ${m.feature} @ ${m.where} — ${m.side} gave ${JSON.stringify(m.actual)}, the spec asks for ${JSON.stringify(m.expected)}`;
}
