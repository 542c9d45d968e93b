/**
 * The feature list: derived from the model (the type checker keeps model-features.ts complete),
 * matched against what the Office.js renderer declares, and covered by the observer table.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NOT_RENDERED, RENDERED_FEATURES } from "../../src/excel/features";
import { DECLARED_TYPES, modelFeatures, SCALAR_ALIASES } from "./model-features";
import { EXEMPT, OBSERVERS } from "./observers";

const features = modelFeatures();
const rendered = new Set<string>(RENDERED_FEATURES);

describe("model features", () => {
  it("lists every exported type of model.ts (objects and unions in model-features.ts, the rest as scalar aliases)", () => {
    const source = readFileSync(join(__dirname, "../../src/workbook/model.ts"), "utf8");
    const exported = [...source.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1] as string);
    expect(exported.length).toBeGreaterThan(10);
    expect(exported.sort()).toEqual([...Object.keys(DECLARED_TYPES), ...SCALAR_ALIASES].sort());
  });

  it("derives the flat names in the RENDERED_FEATURES scheme, without duplicates", () => {
    expect(new Set(features).size).toBe(features.length);
    expect(features).toEqual(expect.arrayContaining(["Style.font.bold", "Validation.type=list", "CellValue=date"]));
    expect(features).toContain("PrintSetup.header.firstPageDifferent");
    expect(features).toContain("CellValue=formula.result");
    // Parts observed as a whole do not get names of their own.
    expect(features).not.toContain("PrintSetup.marginsMm.top");
    expect(features).not.toContain("Validation.type");
  });

  it.each(features)("%s is rendered by Office.js or listed in NOT_RENDERED with a reason", (feature) => {
    const reason = NOT_RENDERED[feature];
    expect({ feature, covered: rendered.has(feature) || (reason !== undefined && reason.trim().length > 10) }).toEqual({
      feature,
      covered: true,
    });
  });

  it("RENDERED_FEATURES and NOT_RENDERED name only features the model still has, and never the same one", () => {
    const known = new Set(features);
    expect(RENDERED_FEATURES.filter((f) => !known.has(f))).toEqual([]);
    expect(Object.keys(NOT_RENDERED).filter((f) => !known.has(f))).toEqual([]);
    expect(Object.keys(NOT_RENDERED).filter((f) => rendered.has(f))).toEqual([]);
  });
});

describe("observer table", () => {
  it("has an observer for every feature, except the short commented exemption list", () => {
    const missing = features.filter((f) => OBSERVERS[f] === undefined && EXEMPT[f] === undefined);
    expect(missing).toEqual([]);
    expect(Object.keys(EXEMPT).length).toBeLessThanOrEqual(3);
    for (const reason of Object.values(EXEMPT)) expect(reason.length).toBeGreaterThan(20);
  });

  it("observes only features of the model, and none that is also exempt", () => {
    const known = new Set(features);
    expect(Object.keys(OBSERVERS).filter((f) => !known.has(f))).toEqual([]);
    expect(Object.keys(EXEMPT).filter((f) => !known.has(f) || OBSERVERS[f] !== undefined)).toEqual([]);
  });
});
