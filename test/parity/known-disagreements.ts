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

export const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [
  {
    feature: "Column.width",
    side: "xlsx",
    specs: ["fullSpec", "everyFeatureSpec", "tracking", "form *", "consolidated"],
    reason:
      "src/xlsx/write/worksheet.ts fileColumnWidth adds a fixed 5 px of cell padding; src/excel/units.ts " +
      "columnWidthPoints adds 2·ceil(MDW/4)+1 px (7 px for Times New Roman 13, MDW 9). Every .xlsx column is " +
      "2 px (1.5 pt) narrower than the same column written by the add-in, e.g. width 6 → 44.25 pt vs 45.75 pt.",
    matches: (m) =>
      typeof m.actual === "number" && typeof m.expected === "number" && Math.abs(m.expected - m.actual - 1.5) < 1e-9,
  },
  {
    feature: "CellValue=date",
    side: "xlsx",
    specs: ["everyFeatureSpec"],
    reason:
      "A date in a cell whose style has no number format (everyFeatureSpec 'Theo dõi'!C5, no style) is written as " +
      "a bare serial with format General: the file shows 46387; the add-in gives it dd/mm/yyyy (plan.ts " +
      "DEFAULT_DATE_FORMAT), as model.ts says renderers must ('serial numbers with a date format').",
    matches: (m) =>
      m.where === "Theo dõi!C5" && JSON.stringify(m.actual) === JSON.stringify({ serial: 46387, dateFormat: false }),
  },
  {
    feature: "DifferentialStyle.font.italic",
    side: "xlsx",
    specs: ["everyFeatureSpec"],
    reason:
      "A conditional format with font.italic = false (everyFeatureSpec 'Theo dõi' rule 1) loses the false: " +
      "src/xlsx/write/styles.ts dxfIndex writes <i/> only for true, so the rule leaves italic as the cell has it; " +
      'the add-in sets format.font.italic = false. Would need <i val="0"/>.',
    matches: (m) => m.expected === false && m.actual === null,
  },
  {
    feature: "ConditionalFormat.style",
    side: "xlsx",
    specs: ["everyFeatureSpec"],
    reason: "The same italic = false as DifferentialStyle.font.italic, seen in the whole differential style.",
    matches: (m) =>
      (m.expected as { italic?: unknown }).italic === false && (m.actual as { italic?: unknown }).italic === null,
  },
  {
    feature: "ConditionalFormat.color",
    side: "xlsx",
    specs: ["fullSpec", "everyFeatureSpec", "consolidated"],
    reason:
      "model.ts: data bars are a 'solid colour'. The add-in sets positiveFormat.gradientFill = false; the .xlsx " +
      'writes the Excel 2007 <dataBar> only (no x14 extension with gradient="0"), which Excel draws as a gradient.',
    matches: (m) => {
      const a = m.actual as { color?: unknown; solid?: unknown };
      const e = m.expected as { color?: unknown; solid?: unknown };
      return a.color === e.color && a.solid === false && e.solid === true;
    },
  },
];

function specMatches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

export function knownFor(m: Mismatch): KnownDisagreement | undefined {
  return KNOWN_DISAGREEMENTS.find(
    (k) => k.feature === m.feature && k.side === m.side && k.specs.some((s) => specMatches(s, m.spec)) && k.matches(m),
  );
}
