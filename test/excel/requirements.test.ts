import { FEATURE_REQUIREMENTS, missingFeatures, missingFeaturesSummary } from "../../src/excel";

/** Excel answers isSetSupported(set, version) for every version up to the highest it implements. */
function excelUpTo(highest: string | null) {
  const minor = (v: string) => Number(v.split(".")[1]);
  return (set: string, version: string) => set === "ExcelApi" && (highest === null || minor(version) <= minor(highest));
}

describe("missingFeatures", () => {
  it.each([
    ["Excel 2016 (ExcelApi 1.1)", "1.1", FEATURE_REQUIREMENTS.map((r) => r.feature)],
    [
      "Excel 2019 (ExcelApi 1.7)",
      "1.7",
      ["dataValidation", "gridlines", "conditionalFormatStopIfTrue", "print", "indent"],
    ],
    ["Excel 2021 (ExcelApi 1.14)", "1.14", []],
    ["Microsoft 365 (every set)", null, []],
  ])("%s", (_label, highest, expected) => {
    const missing = missingFeatures(excelUpTo(highest));
    expect(missing.map((m) => m.feature)).toEqual(expected);
    for (const m of missing) {
      expect(m.set).toBe("ExcelApi");
      expect(m.text.vi).toContain(`ExcelApi ${m.version}`);
      expect(m.text.vi).toContain(".xlsx");
      expect(m.text.en).toContain("Download the .xlsx file");
      expect(m.text.vi).toBe(m.text.vi.normalize("NFC"));
    }
  });

  it("summarises: nothing missing → null; core missing → cannot write; otherwise lists the parts", () => {
    expect(missingFeaturesSummary(missingFeatures(excelUpTo(null)))).toBeNull();
    expect(missingFeaturesSummary(missingFeatures(excelUpTo("1.1")))?.en).toContain("too old");
    const partial = missingFeaturesSummary(missingFeatures(excelUpTo("1.8")));
    expect(partial?.en).toContain("print setup");
    expect(partial?.en).toContain("cell indentation");
    expect(partial?.en).not.toContain("data validation");
  });

  it("asks only about the ExcelApi set with versions Office knows", () => {
    const asked: string[] = [];
    missingFeatures((set, version) => {
      asked.push(`${set} ${version}`);
      return true;
    });
    expect(new Set(asked)).toEqual(
      new Set(["ExcelApi 1.2", "ExcelApi 1.4", "ExcelApi 1.6", "ExcelApi 1.7", "ExcelApi 1.8", "ExcelApi 1.9"]),
    );
  });
});
