/**
 * A deliberately broken renderer must fail the parity comparison, on the feature it breaks and on
 * no other: one Office.js per-feature writer and one .xlsx part are tampered with through module
 * mocks, and single facts of rendered results are altered by hand.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type * as PlanModule from "../../src/excel/plan";
import type { Op, RunTargets } from "../../src/excel/plan";
import type { WorkbookSpec } from "../../src/workbook/model";
import { renderXlsx } from "../../src/xlsx/write";
import type * as WorkbookPartModule from "../../src/xlsx/write/workbook";
import { everyFeatureSpec } from "../excel/fixtures";
import { fullSpec } from "../xlsx/writeFixtures";
import { compare, type Mismatch } from "./compare";
import { knownFor } from "./known-disagreements";
import { officeView, type OfficeView, renderedXlsxView, xlsxView, type XlsxView } from "./views";

/** Mismatches not explained by the known disagreements, as "feature/side" (sorted, unique). */
function newFaults(mismatches: Mismatch[]): string[] {
  return [...new Set(mismatches.filter((m) => !knownFor(m)).map((m) => `${m.feature}/${m.side}`))].sort();
}

afterEach(() => {
  jest.resetModules();
  jest.dontMock("../../src/excel/plan");
  jest.dontMock("../../src/xlsx/write/workbook");
});

/** A worksheet whose data validations silently ignore `prompt`. */
function dropPrompts(sheet: Excel.Worksheet): Excel.Worksheet {
  return new Proxy(sheet, {
    get(target, key) {
      if (key !== "getRange") return (target as unknown as Record<string | symbol, unknown>)[key];
      return (...args: unknown[]) => {
        const range = (target.getRange as (...a: unknown[]) => Excel.Range)(...args);
        return new Proxy(range, {
          get(r, k) {
            const value = (r as unknown as Record<string | symbol, unknown>)[k];
            if (k !== "dataValidation") return value;
            return new Proxy(value as object, {
              set(dv, p, v) {
                if (p !== "prompt") (dv as Record<string | symbol, unknown>)[p] = v;
                return true;
              },
            });
          },
        });
      };
    },
  });
}

describe("a broken Office.js renderer fails the comparison", () => {
  it("the validation writer skipping `prompt` shows as Validation.prompt on the Office.js side only", async () => {
    const spec = everyFeatureSpec();
    jest.doMock("../../src/excel/plan", () => {
      const actual = jest.requireActual<typeof PlanModule>("../../src/excel/plan");
      return {
        ...actual,
        planWrite: (...args: Parameters<typeof actual.planWrite>): Op[] =>
          actual
            .planWrite(...args)
            .map((op) =>
              op.features.includes("Validation.prompt")
                ? { ...op, run: (t: RunTargets) => op.run({ ...t, sheets: t.sheets.map(dropPrompts) }) }
                : op,
            ),
      };
    });
    let office: OfficeView | undefined;
    await jest.isolateModulesAsync(async () => {
      const { renderToExcel } = await import("../../src/excel");
      office = await officeView(spec, renderToExcel);
    });
    const result = compare("everyFeatureSpec", spec, await renderedXlsxView(spec), office as OfficeView);
    expect(newFaults(result.mismatches)).toEqual(["Validation.prompt/officejs"]);
    expect(result.mismatches.find((m) => m.feature === "Validation.prompt")).toMatchObject({
      where: "Theo dõi!validation F4:F6",
      expected: { title: "Trạng thái", message: "Chọn từ danh sách" },
      actual: null,
    });
  });
});

describe("a broken .xlsx renderer fails the comparison", () => {
  it("workbook.xml without the print titles shows as PrintSetup.repeatRows on the .xlsx side only", async () => {
    const spec = fullSpec();
    jest.doMock("../../src/xlsx/write/workbook", () => {
      const actual = jest.requireActual<typeof WorkbookPartModule>("../../src/xlsx/write/workbook");
      return {
        ...actual,
        workbookXml: (...args: Parameters<typeof actual.workbookXml>) =>
          actual.workbookXml(...args).replace(/<definedName name="_xlnm\.Print_Titles"[^>]*>[^<]*<\/definedName>/g, ""),
      };
    });
    let bytes: Uint8Array | undefined;
    await jest.isolateModulesAsync(async () => {
      const { renderXlsx: tampered } = await import("../../src/xlsx/write");
      bytes = tampered(spec);
    });
    const result = compare("fullSpec", spec, await xlsxView(bytes as Uint8Array), await officeView(spec));
    expect(newFaults(result.mismatches)).toEqual(["PrintSetup.repeatRows/xlsx"]);
    expect(result.mismatches.find((m) => m.feature === "PrintSetup.repeatRows")).toMatchObject({
      where: "Báo cáo",
      expected: { first: 3, last: 3 },
      actual: null,
    });
  });
});

/** Re-zips the .xlsx with one part edited. */
function editPart(bytes: Uint8Array, path: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  const part = files[path];
  if (!part) throw new Error(`no part ${path}`);
  const before = strFromU8(part);
  const after = edit(before);
  if (after === before) throw new Error(`the edit changed nothing in ${path}`);
  files[path] = strToU8(after);
  return zipSync(files);
}

interface XlsxCase {
  what: string;
  spec: () => WorkbookSpec;
  path: string;
  edit: (xml: string) => string;
  faults: string[];
}

const XLSX_CASES: XlsxCase[] = [
  {
    what: "no tab colour",
    spec: fullSpec,
    path: "xl/worksheets/sheet1.xml",
    edit: (x) => x.replace(/<tabColor[^>]*\/>/, ""),
    faults: ["Sheet.tabColor/xlsx"],
  },
  {
    what: "portrait instead of landscape",
    spec: fullSpec,
    path: "xl/worksheets/sheet1.xml",
    edit: (x) => x.replace('orientation="landscape"', 'orientation="portrait"'),
    faults: ["PrintSetup.orientation/xlsx"],
  },
  {
    what: "stopIfTrue dropped",
    spec: fullSpec,
    path: "xl/worksheets/sheet1.xml",
    edit: (x) => x.replace(/ stopIfTrue="1"/, ""),
    faults: ["ConditionalFormat.stopIfTrue/xlsx"],
  },
  {
    what: "the hidden column shown",
    spec: fullSpec,
    path: "xl/worksheets/sheet1.xml",
    edit: (x) => x.replace(/ hidden="1"/, ""),
    faults: ["Column.hidden/xlsx"],
  },
  {
    what: "the sheet password's verifier changed",
    spec: fullSpec,
    path: "xl/worksheets/sheet1.xml",
    edit: (x) => x.replace(/password="[0-9A-F]{4}"/, 'password="ABCD"'),
    faults: ["Protection.password/xlsx"],
  },
  {
    what: "sorting allowed",
    spec: fullSpec,
    path: "xl/worksheets/sheet1.xml",
    edit: (x) => x.replace(/(<sheetProtection[^>]*) sort="1"/, '$1 sort="0"'),
    faults: ["Protection.allow.sort/xlsx"],
  },
  {
    what: "bold dropped from the conditional format",
    spec: fullSpec,
    path: "xl/styles.xml",
    edit: (x) => x.replace(/(<dxf><font>)<b\/>/, "$1"),
    faults: ["ConditionalFormat.style/xlsx", "DifferentialStyle.font.bold/xlsx"],
  },
  {
    what: "italic = false dropped from the conditional format",
    spec: everyFeatureSpec,
    path: "xl/styles.xml",
    edit: (x) => x.replace('<i val="0"/>', ""),
    faults: ["ConditionalFormat.style/xlsx", "DifferentialStyle.font.italic/xlsx"],
  },
  {
    what: "the data bar drawn with a gradient",
    spec: fullSpec,
    path: "xl/worksheets/sheet1.xml",
    edit: (x) => x.replace(' gradient="0"', ' gradient="1"'),
    faults: ["ConditionalFormat.color/xlsx"],
  },
  {
    what: "a date without a format of its own left as a bare serial",
    spec: everyFeatureSpec,
    path: "xl/worksheets/sheet1.xml",
    edit: (x) => x.replace(/(<c r="C5") s="\d+"/, "$1"),
    faults: ["CellValue=date/xlsx"],
  },
  {
    what: "a column 2 px narrower (the fixed 5 px padding instead of 7 px for Times New Roman 13)",
    spec: fullSpec,
    path: "xl/worksheets/sheet1.xml",
    // 6 chars: 61 px = 6.77734375; 59 px = 6.5546875.
    edit: (x) => x.replace('width="6.77734375"', 'width="6.5546875"'),
    faults: ["Column.width/xlsx"],
  },
];

describe("altered .xlsx parts fail on their feature only", () => {
  it.each(XLSX_CASES)("$what", async ({ spec, path, edit, faults }) => {
    const s = spec();
    const office = await officeView(s);
    const clean = compare("fullSpec", s, await renderedXlsxView(s), office);
    expect(newFaults(clean.mismatches)).toEqual([]);
    const tampered = await xlsxView(editPart(renderXlsx(s), path, edit));
    expect(newFaults(compare("fullSpec", s, tampered, office).mismatches)).toEqual(faults);
  });
});

interface OfficeCase {
  what: string;
  alter: (o: OfficeView) => void;
  faults: string[];
}

const OFFICE_CASES: OfficeCase[] = [
  {
    what: "panes not frozen",
    alter: (o) => {
      o.sheet("Theo dõi").freeze = null;
    },
    faults: ["Sheet.freeze/officejs"],
  },
  {
    what: "a cell lost its bold",
    alter: (o) => {
      const c = o.sheet("Theo dõi").cells.get("A3");
      if (c) c.props["format.font.bold"] = false;
    },
    faults: ["Style.font.bold/officejs"],
  },
  {
    what: "the top margin in inches instead of points",
    alter: (o) => {
      o.sheet("Theo dõi").pageLayout.topMargin = 20 / 25.4;
    },
    faults: ["PrintSetup.marginsMm/officejs"],
  },
  {
    what: "the table's style lost",
    alter: (o) => {
      const t = o.recorder.tablesOf("Theo dõi")[0];
      if (t) delete t.props.style;
    },
    faults: ["Table.style/officejs"],
  },
  {
    what: "a defined name left visible",
    alter: (o) => {
      const n = o.recorder.names.find((x) => x.name === "_PhienBan");
      if (n) n.visible = true;
    },
    faults: ["DefinedName.hidden/officejs"],
  },
  {
    what: "a hidden sheet shown",
    alter: (o) => {
      o.sheet("Tổng hợp").visibility = "Visible";
    },
    faults: ["Sheet.visibility/officejs"],
  },
];

describe("altered Office.js results fail on their feature only", () => {
  it.each(OFFICE_CASES)("$what", async ({ alter, faults }) => {
    const spec = everyFeatureSpec();
    const xlsx: XlsxView = await renderedXlsxView(spec);
    const office = await officeView(spec);
    expect(newFaults(compare("everyFeatureSpec", spec, xlsx, office).mismatches)).toEqual([]);
    alter(office);
    expect(newFaults(compare("everyFeatureSpec", spec, xlsx, office).mismatches)).toEqual(faults);
  });
});
