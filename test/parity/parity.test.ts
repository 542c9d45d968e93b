/**
 * Behavioural parity: every spec is rendered to .xlsx (read back) and through Office.js (into the
 * recording fake); every feature the spec holds is read from both and compared with what the spec asks.
 */
import { NOT_RENDERED } from "../../src/excel/features";
import type { WorkbookSpec } from "../../src/workbook/model";
import { compare, type Comparison, describeMismatch } from "./compare";
import { KNOWN_DISAGREEMENTS, knownFor } from "./known-disagreements";
import { OBSERVERS } from "./observers";
import { paritySpecs } from "./specs";
import { officeView, renderedXlsxView } from "./views";

interface Result {
  name: string;
  spec: WorkbookSpec;
  comparison: Comparison;
}

const results: Result[] = [];

beforeAll(async () => {
  for (const { name, spec } of await paritySpecs()) {
    const [xlsx, office] = await Promise.all([renderedXlsxView(spec), officeView(spec)]);
    results.push({ name, spec, comparison: compare(name, spec, xlsx, office) });
  }
});

const SPEC_NAMES = ["fullSpec", "everyFeatureSpec", "tracking", "form (provincial)", "form (commune)", "consolidated"];

describe("both renderers render what the spec says", () => {
  it("compares the six specs", () => {
    expect(results.map((r) => r.name.replace(/^form \S+$/, "form"))).toEqual([
      "fullSpec",
      "everyFeatureSpec",
      "tracking",
      "form",
      "form",
      "consolidated",
    ]);
  });

  it.each(SPEC_NAMES.map((label, i) => [label, i] as const))(
    "%s: no disagreement beyond the known ones",
    (_label, index) => {
      const r = results[index] as Result;
      const unexpected = r.comparison.mismatches.filter((m) => !knownFor(m)).map(describeMismatch);
      expect(unexpected).toEqual([]);
      // Real probes ran on both sides for the spec's features.
      expect(r.comparison.probes.get("Cell.value")).toBeGreaterThan(0);
    },
  );

  it("every known disagreement is still seen (a fixed one must be removed from the list)", () => {
    const all = results.flatMap((r) => r.comparison.mismatches);
    const stale = KNOWN_DISAGREEMENTS.filter((k) => !all.some((m) => knownFor(m) === k)).map(
      (k) => `${k.feature} (${k.side})`,
    );
    expect(stale).toEqual([]);
  });

  it("every observed feature is set explicitly by at least one of the specs (no observer goes untested)", () => {
    const present = new Set(results.flatMap((r) => [...r.comparison.present]));
    expect(Object.keys(OBSERVERS).filter((f) => !present.has(f))).toEqual([]);
  });

  it("reads the Office.js side for every observed feature except the NOT_RENDERED ones", () => {
    const spec = results[1]?.spec as WorkbookSpec;
    const withoutOfficeJs = Object.entries(OBSERVERS)
      .filter(([, o]) => o.probes(spec).some((p) => p.officejs === null))
      .map(([f]) => f);
    expect(withoutOfficeJs.sort()).toEqual(Object.keys(NOT_RENDERED).sort());
  });
});
