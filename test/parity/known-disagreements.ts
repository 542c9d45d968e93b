/**
 * Disagreements between a renderer and the description that this suite found and that are not fixed
 * yet. Each entry names the feature, the renderer and where it shows; the parity test fails on any
 * mismatch not listed here AND on any entry that no longer matches anything (fixed: delete it).
 */
import type { Mismatch, Side } from "./compare";

export interface KnownDisagreement {
  feature: string;
  side: Side;
  /** Spec names the entry covers. */
  specs: readonly string[];
  /** What is wrong, with the values seen. */
  reason: string;
  /** Narrows the entry to the exact symptom, so a different fault in the same feature still fails. */
  matches(m: Mismatch): boolean;
}

export const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [];

function specMatches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

export function knownFor(m: Mismatch): KnownDisagreement | undefined {
  return KNOWN_DISAGREEMENTS.find(
    (k) => k.feature === m.feature && k.side === m.side && k.specs.some((s) => specMatches(s, m.spec)) && k.matches(m),
  );
}
