/**
 * The task pane's services against the Excel recorder (a fake of the Office.js API that counts
 * round trips) and, for browser mode, against the downloaded bytes read back with the .xlsx reader.
 */
import { unzipSync } from "fflate";
import { evaluate, readForm, UnitIndex } from "../../src/consolidate";
import type { ConsolidationResult, FormRecord } from "../../src/consolidate/types";
import { mmToPoints } from "../../src/excel";
import { zipFiles } from "../../src/jobs/files";
import { trackingXlsx } from "../../src/jobs/tracking";
import { readTrackingEntries } from "../../src/book/tracking-entries";
import { generateForms } from "../../src/jobs/forms";
import { builtinPlan, reportingUnits, tasksOf } from "../../src/plan";
import { reportPeriod } from "../../src/schedule";
import { CONSOLIDATED_SHEETS, fileLabel } from "../../src/workbook/consolidated";
import { setPlan } from "../../src/taskpane/services/impl/shared";
import { isoToSerial } from "../../src/dates";
import { APPENDIX_SHEET } from "../../src/workbook/appendix";
import { PLAN_SHEETS } from "../../src/workbook/book-layout";
import { TRACKING_COLUMNS, TRACKING_SHEET } from "../../src/workbook/tracking";
import { readXlsx } from "../../src/xlsx/read";
import {
  applyPrint,
  consolidateFiles,
  createForms,
  createTracking,
  type ExcelTarget,
  type FileProgress,
  loadBookFile,
  readWorkbookPlan,
  refreshHighlight,
  selectInExcel,
  type SourceFile,
} from "../../src/taskpane/services";
import { STATUS_CHART_TITLE, writeConsolidated } from "../../src/taskpane/services/impl/shared";
import { consolidatedWorkbook } from "../../src/workbook/consolidated";
import { ExcelRecorder } from "../helpers/excel-recorder";
import { fillForm } from "../helpers/fill-form";

const plan = builtinPlan();
const H1 = reportPeriod("2026-H1")!;
const AS_OF = "2026-06-20";
const TODAY = "2026-11-30";

/** The recorded workbook as the services see it; isSetSupported answers for the recorder's own version (1.9 unless set). */
function target(recorder: ExcelRecorder): ExcelTarget {
  return {
    run: (batch) => batch(recorder.context),
    isSetSupported: (set, version) => recorder.isSetSupported(set, version),
  };
}

function source(name: string, bytes: Uint8Array, lastModified = Date.UTC(2026, 5, 16)): SourceFile {
  return { name, lastModified, arrayBuffer: async () => bytes.slice().buffer };
}

const STATUSES = ["Hoàn thành", "Đang thực hiện", "Chưa triển khai"] as const;

/** Every owed task of the unit filled in, as a unit that reports fully does. */
function filled(bytes: Uint8Array, code: string, seed: number): Uint8Array {
  const rows = tasksOf(plan, code).map((t, i) => {
    const status = STATUSES[(t.number + seed + i) % STATUSES.length]!;
    return status === "Hoàn thành"
      ? {
          task: t.number,
          status,
          completedOn: { date: "2026-06-01" },
          progress: 100,
          result: `Kết quả nhiệm vụ ${t.number}`,
        }
      : { task: t.number, status, progress: 40, result: `Đang làm nhiệm vụ ${t.number}` };
  });
  return fillForm(bytes, rows, {
    preparer: "Nguyễn Văn A",
    phone: "0238 3844 123",
    preparedOn: { date: "2026-06-15" },
  });
}

let units: ReturnType<typeof reportingUnits>;
/** Filled forms of every reporting unit, by unit code. */
const forms = new Map<string, { name: string; bytes: Uint8Array }>();
/** The same units' blank forms. */
const blanks = new Map<string, Uint8Array>();

beforeAll(async () => {
  units = reportingUnits(plan);
  const generated = await generateForms(plan, H1);
  generated.files.forEach((f, i) => {
    forms.set(f.unit.code, { name: f.name, bytes: filled(f.bytes, f.unit.code, i) });
    blanks.set(f.unit.code, f.bytes);
  });
}, 120_000);

const tenSources = (): SourceFile[] =>
  units.slice(0, 10).map((u) => {
    const f = forms.get(u.code)!;
    return source(f.name, f.bytes);
  });

/**
 * 3,000 returned forms' worth of results, evaluated by the consolidation's own evaluate(): every
 * unit's filled report (the newest file) plus ~21 earlier copies of its blank form sent before it
 * (superseded), as records read from the real files and renamed per copy.
 */
function threeThousandForms(): ConsolidationResult {
  const index = new UnitIndex(plan);
  const read = (code: string, which: "filled" | "blank") => {
    const f = forms.get(code)!;
    return readForm(plan, { name: f.name, bytes: which === "filled" ? f.bytes : blanks.get(code)! }, index);
  };
  const filledRecords = units.map((u) => read(u.code, "filled"));
  const blankRecords = units.map((u) => read(u.code, "blank"));
  const copy = (r: FormRecord, i: number, name: string, stamp: string): FormRecord => ({
    ...r,
    name,
    hash: `${r.hash.slice(0, 8)}${String(i).padStart(8, "0")}`,
    lastModified: stamp,
    modified: stamp,
    problems: r.problems.map((p) => ({ ...p, file: name })),
  });
  const records: FormRecord[] = filledRecords.map((r, i) => copy(r, i, r.name, "2026-06-17T08:00:00.000Z"));
  for (let i = records.length; i < 3000; i++) {
    const r = blankRecords[i % blankRecords.length]!;
    const version = Math.floor(i / blankRecords.length);
    const stamp = new Date(Date.UTC(2026, 5, 10, 8, version)).toISOString();
    records.push(copy(r, i, r.name.replace(/\.xlsx$/, `_ban-${version}.xlsx`), stamp));
  }
  return evaluate(records, { plan, asOf: AS_OF, period: H1 });
}

describe("createTracking", () => {
  const trackingRequest = { asOf: AS_OF, today: TODAY, soonDays: 30, titleSize: 14, tableSize: 13 };

  it("browser mode: So-theo-doi-NQ08.xlsx with the appendix and tracking sheet, report date fixed to the chosen day", async () => {
    const out = await createTracking({ asOf: AS_OF, today: TODAY, soonDays: 20, titleSize: 15, tableSize: 12 });
    if (out.kind !== "download") throw new Error(out.kind);
    expect(out.download.name).toBe("So-theo-doi-NQ08.xlsx");
    const book = readXlsx(out.download.bytes);
    expect(book.sheets.map((s) => s.name)).toEqual([APPENDIX_SHEET, TRACKING_SHEET, ...PLAN_SHEETS]);
    const sheet = book.sheet(TRACKING_SHEET)!;
    expect(sheet.cell("C2")?.value).toBe(isoToSerial(AS_OF));
    expect(sheet.cell("C2")?.formula).toBeUndefined();
    expect(sheet.cell("F2")?.value).toBe(20);
  });

  it("browser mode: today's date keeps the live =TODAY()", async () => {
    const out = await createTracking({ asOf: TODAY, today: TODAY, soonDays: 30, titleSize: 14, tableSize: 13 });
    if (out.kind !== "download") throw new Error(out.kind);
    expect(readXlsx(out.download.bytes).sheet(TRACKING_SHEET)!.cell("C2")?.formula).toBe("TODAY()");
  });

  it("Excel mode: writes both sheets with a small, constant number of syncs; a re-run replaces them", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    const first = await createTracking({ ...trackingRequest, excel: target(recorder) });
    if (first.kind !== "excel") throw new Error(first.kind);
    expect(first.report.sheets).toEqual([APPENDIX_SHEET, TRACKING_SHEET, ...PLAN_SHEETS]);
    expect(recorder.sheetNames()).toEqual(["Sheet1", APPENDIX_SHEET, TRACKING_SHEET, ...PLAN_SHEETS]);
    expect(first.report.syncs).toBe(recorder.syncs);
    // Look for the office's plan sheets, read the sheet list, write, swap into place, freeze panes.
    expect(first.report.syncs).toBeLessThanOrEqual(5);
    expect(recorder.cell(TRACKING_SHEET, "C2").value).toBe(isoToSerial(AS_OF));
    expect(recorder.sheet(TRACKING_SHEET).pageLayout.orientation).toBe("Landscape");

    // The workbook now holds the office's plan sheets: re-creating from a plan not read from them
    // would overwrite their edits, so it is refused with what to do.
    const request = { asOf: AS_OF, today: TODAY, soonDays: 30, titleSize: 14, tableSize: 13, excel: target(recorder) };
    await expect(createTracking(request)).rejects.toMatchObject({
      text: { vi: expect.stringContaining("Đọc kế hoạch từ sổ đang mở"), en: expect.stringContaining("overwrite") },
    });
    expect(recorder.sheetNames()).toEqual(["Sheet1", APPENDIX_SHEET, TRACKING_SHEET, ...PLAN_SHEETS]);

    // Once the plan was read from those sheets, a re-run replaces them with the same syncs.
    setPlan(builtinPlan(), true);
    try {
      const before = recorder.syncs;
      const again = await createTracking(request);
      if (again.kind !== "excel") throw new Error(again.kind);
      expect(recorder.syncs - before).toBe(again.report.syncs);
      // The same round trips, plus one to read what the office typed on "Theo dõi".
      expect(again.report.syncs).toBe(first.report.syncs + 1);
      expect(recorder.sheetNames()).toEqual(["Sheet1", APPENDIX_SHEET, TRACKING_SHEET, ...PLAN_SHEETS]);
    } finally {
      setPlan(null);
    }
  });

  it("Excel mode: the plan is read back from the open workbook's sheets, and a rebuild keeps what the office typed on Theo dõi", async () => {
    for (const apiVersion of ["1.9", "1.13"]) {
      const recorder = new ExcelRecorder(["Sheet1"], { apiVersion });
      const request = { ...trackingRequest, excel: target(recorder) };
      await createTracking(request);
      try {
        const read = await readWorkbookPlan(target(recorder));
        if (read.kind !== "book") throw new Error(read.kind);
        expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
        expect(read.used).toBe(true);
        expect(read.summary).toMatchObject({ tasks: plan.tasks.length, version: plan.version });

        // The office types a status, a completion date and a note on task 3's row.
        const sheet = recorder.sheet(TRACKING_SHEET);
        const header = (text: string) => {
          const hit = [...sheet.cells].find(([, c]) => c.value === text);
          if (!hit) throw new Error(`no header ${text}`);
          return /^([A-Z]+)(\d+)$/.exec(hit[0])!;
        };
        const status = header(TRACKING_COLUMNS.find((c) => c.key === "status")!.header);
        const done = header(TRACKING_COLUMNS.find((c) => c.key === "completedOn")!.header);
        const notes = header(TRACKING_COLUMNS.find((c) => c.key === "notes")!.header);
        const numberCol = header("TT")[1];
        const row = [...sheet.cells]
          .find(
            ([ref, c]) =>
              ref.startsWith(numberCol!) &&
              /^[A-Z]+\d+$/.test(ref) &&
              c.value === 3 &&
              Number(ref.slice(numberCol!.length)) > Number(status[2]),
          )![0]
          .slice(numberCol!.length);
        sheet.cells.set(`${status[1]}${row}`, { value: "Hoàn thành", props: {} });
        sheet.cells.set(`${done[1]}${row}`, { value: isoToSerial("2026-05-04"), props: {} });
        sheet.cells.set(`${notes[1]}${row}`, { value: "Đã trình Thường trực", props: {} });

        const again = await createTracking({ ...request, asOf: "2026-07-01" });
        if (again.kind !== "excel") throw new Error(again.kind);
        const after = recorder.sheet(TRACKING_SHEET);
        expect(after.cells.get(`${status[1]}${row}`)?.value).toBe("Hoàn thành");
        expect(after.cells.get(`${done[1]}${row}`)?.value).toBe(isoToSerial("2026-05-04"));
        expect(after.cells.get(`${notes[1]}${row}`)?.value).toBe("Đã trình Thường trực");
        expect(recorder.cell(TRACKING_SHEET, "C2").value).toBe(isoToSerial("2026-07-01"));
      } finally {
        setPlan(null);
      }
    }
  });

  it("browser mode: a picked book's Theo dõi entries are kept in the rebuilt book", async () => {
    const task = plan.tasks[4]!;
    const entries = new Map([[task.id, { status: "Đang thực hiện", completedOn: "2026-04-02", notes: "Chờ ý kiến" }]]);
    const picked = trackingXlsx(plan, { asOf: AS_OF, entries });
    const loaded = await loadBookFile(picked, "So-theo-doi.xlsx");
    expect(loaded).toMatchObject({ kind: "book", used: true });
    try {
      const out = await createTracking({ asOf: TODAY, today: TODAY, soonDays: 30, titleSize: 14, tableSize: 13 });
      if (out.kind !== "download") throw new Error(out.kind);
      const kept = readTrackingEntries(readXlsx(out.download.bytes), plan);
      expect(kept.get(task.id)).toEqual(entries.get(task.id));
      expect(kept.size).toBe(1);
    } finally {
      setPlan(null);
    }
  });

  it("a build that drops fit-to-width and fails freezePanes: the workbook is complete, a print scale holds, both are explained", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    recorder.pageLayoutTabShown = false; // OfficeDev/office-js#1860
    recorder.freezePanesBroken = true; // OfficeDev/office-js#2196
    const out = await createTracking({
      asOf: AS_OF,
      today: TODAY,
      soonDays: 30,
      titleSize: 14,
      tableSize: 13,
      excel: target(recorder),
    });
    if (out.kind !== "excel") throw new Error(out.kind);
    expect(recorder.sheetNames()).toEqual(expect.arrayContaining(["Sheet1", APPENDIX_SHEET, TRACKING_SHEET]));
    expect(recorder.cell(TRACKING_SHEET, "C2").value).toBe(isoToSerial(AS_OF));
    for (const name of [APPENDIX_SHEET, TRACKING_SHEET]) {
      const zoom = recorder.sheet(name).pageLayout.zoom as { scale?: number };
      expect(zoom.scale).toBeGreaterThanOrEqual(10);
      expect(zoom.scale).toBeLessThanOrEqual(100);
      expect(recorder.sheet(name).freeze).toBeNull();
    }
    const en = out.report.warnings.map((w) => w.en).join(" ");
    expect(en).toContain("fit to 1 page wide");
    expect(en).toContain("View › Freeze Panes");
    for (const w of out.report.warnings) expect(w.vi).toBe(w.vi.normalize("NFC"));
    expect(out.report.warnings.map((w) => w.vi).join(" ")).toContain("Cố định Ngăn");
  });
});

describe("createForms", () => {
  it("zips one form per reporting unit, reports progress and the units", async () => {
    const progress: number[] = [];
    const out = await createForms({
      period: "2026-H2",
      password: " bi-mat ",
      onProgress: (done) => progress.push(done),
    });
    expect(out.units).toHaveLength(units.length);
    expect(progress[progress.length - 1]).toBe(units.length);
    expect(out.download.name).toBe("Mau-bao-cao_2026-H2.zip");
    expect(out.periodLabel.vi).toBe("6 tháng cuối năm 2026");
    const entries = Object.keys(unzipSync(out.download.bytes));
    expect(entries).toHaveLength(units.length);
    expect(entries).toContain(`Mau-bao-cao_2026-H2/${out.units[0]!.file}`);
    for (const u of out.units) expect(u.tasks).toBe(tasksOf(plan, u.code).length);
    expect(new Set(out.units.map((u) => u.level))).toEqual(new Set(["provincial", "commune"]));
  }, 60_000);

  it("refuses a period that does not exist", async () => {
    await expect(createForms({ period: "2026-H3" })).rejects.toMatchObject({
      text: { en: 'Report period "2026-H3" is not valid.' },
    });
  });
});

describe("consolidateFiles", () => {
  it("browser mode: per-file progress, the result, Tong-hop-NQ08-<period>.xlsx and the JSON summary", async () => {
    const states = new Map<number, FileProgress[]>();
    const out = await consolidateFiles({
      files: tenSources(),
      asOf: AS_OF,
      onFile: (i, p) => states.set(i, [...(states.get(i) ?? []), p]),
    });
    expect(out.result.totals.returned).toBe(10);
    expect(out.result.totals.missing).toBe(units.length - 10);
    expect(out.result.period.id).toBe("2026-H1");
    expect(out.downloads.map((d) => d.name)).toEqual(["Tong-hop-NQ08-2026-H1.xlsx", "Tong-hop-NQ08-2026-H1.json"]);
    const book = readXlsx(out.downloads[0]!.bytes);
    expect(book.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(Object.values(CONSOLIDATED_SHEETS)));
    const json = JSON.parse(new TextDecoder().decode(out.downloads[1]!.bytes)) as ConsolidationResult;
    expect(json.totals).toEqual(out.result.totals);
    for (let i = 0; i < 10; i++) {
      const seen = states.get(i)!.map((p) => p.state);
      expect(seen[0]).toBe("reading");
      expect(seen[seen.length - 1]).toBe("done");
      expect(states.get(i)!.at(-1)!.outcome).toBe("accepted");
    }
  });

  it("reads forms inside a .zip and reports a broken file without stopping the others", async () => {
    const three = units.slice(0, 3).map((u) => forms.get(u.code)!);
    const zip = zipFiles(three, "Bao-cao");
    const last: FileProgress[] = [];
    const out = await consolidateFiles({
      files: [source("goi.zip", zip), source("hong.xlsx", new Uint8Array([1, 2, 3]))],
      asOf: AS_OF,
      onFile: (i, p) => (last[i] = p),
    });
    expect(out.result.totals.returned).toBe(3);
    expect(last[0]).toMatchObject({ state: "done", outcome: "accepted", forms: 3 });
    expect(last[1]).toMatchObject({ state: "failed", outcome: "rejected", forms: 1 });
    expect(out.result.problems.some((p) => p.file === "hong.xlsx" && p.severity === "error")).toBe(true);
  });

  it("Excel mode: consolidating into the office's book leaves it a book (its properties kept, the plan still reads)", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    const excel = target(recorder);
    await createTracking({ asOf: AS_OF, today: TODAY, soonDays: 30, titleSize: 14, tableSize: 13, excel });
    const before = new Map(recorder.customProperties);
    expect(before.size).toBeGreaterThan(0);
    await consolidateFiles({ files: tenSources(), asOf: AS_OF, excel });
    for (const name of Object.values(CONSOLIDATED_SHEETS)) expect(recorder.sheetNames()).toContain(name);
    expect(new Map(recorder.customProperties)).toEqual(before);
    try {
      const read = await readWorkbookPlan(excel);
      expect(read).toMatchObject({ kind: "book", used: true });
    } finally {
      setPlan(null);
    }
  });

  it("Excel mode: writes the consolidated sheets and the status chart; a click selects the row", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    const excel = target(recorder);
    const out = await consolidateFiles({ files: tenSources(), asOf: AS_OF, excel });
    expect(out.downloads).toEqual([]);
    expect(out.excel!.syncs).toBe(recorder.syncs);
    for (const name of Object.values(CONSOLIDATED_SHEETS)) expect(recorder.sheetNames()).toContain(name);

    const charts = recorder.sheet(CONSOLIDATED_SHEETS.summary).charts;
    expect(charts).toHaveLength(1);
    const chart = charts[0]!;
    expect(chart.type).toBe("BarStacked");
    expect(chart.seriesBy).toBe("Columns");
    expect(chart.props["title.text"]).toBe(STATUS_CHART_TITLE);
    const solid = chart.calls.filter((c) => c.name === "setSolidColor");
    expect(solid).toHaveLength(7); // one per deadline class
    // The chart's data: the class columns, from the header row through the last task.
    const taskLoc = out.locations.tasks[out.result.byTask.at(-1)!.task]!;
    const lastTaskRow = Number(/(\d+)$/.exec(taskLoc.address)![1]);
    expect(chart.source).toMatch(new RegExp(`^[A-Z]+\\d+:[A-Z]+${lastTaskRow}$`));
    const categories = chart.calls.find((c) => c.name === "setCategoryNames")!;
    expect(categories.args[0]).toMatch(new RegExp(`^A\\d+:A${lastTaskRow}$`));

    // Every located row names its task / unit / problem file in the written sheet.
    const task = out.result.byTask[2]!;
    const loc = out.locations.tasks[task.task]!;
    expect(recorder.cell(loc.sheet, loc.address.split(":")[0]!).value).toBe(task.task);
    const missing = out.result.missing[0]!;
    const unitLoc = out.locations.units[missing.code]!;
    expect(unitLoc.sheet).toBe(CONSOLIDATED_SHEETS.missing);
    expect(recorder.cell(unitLoc.sheet, unitLoc.address.replace(/^A(\d+):.*$/, "B$1")).value).toBe(missing.code);
    // A unit that reported: its heading on "Theo đơn vị" (name and code once), its tasks beneath.
    const unit = out.result.byUnit.find((u) => u.returned)!;
    const headLoc = out.locations.units[unit.code]!;
    expect(headLoc.sheet).toBe(CONSOLIDATED_SHEETS.byUnit);
    const headRow = Number(/^A(\d+):/.exec(headLoc.address)![1]);
    // The heading is in column B (A blank tells a heading from a task row, which has its TT there).
    expect(String(recorder.cell(headLoc.sheet, `B${headRow}`).value)).toContain(`${unit.name} (${unit.code})`);
    const owed = out.result.rows
      .filter((r) => r.unitCode === unit.code)
      .map((r) => r.task)
      .sort((a, b) => a - b);
    expect(owed.length).toBeGreaterThan(0);
    owed.forEach((task, i) => expect(recorder.cell(headLoc.sheet, `A${headRow + 1 + i}`).value).toBe(task));
    // Every problem's row names its file.
    out.result.problems.forEach((p, i) => {
      const at = out.locations.problems[i]!;
      expect(recorder.cell(at.sheet, at.address.replace(/^A(\d+):.*$/, "B$1")).value).toBe(fileLabel(p.file));
    });

    const before = recorder.syncs;
    await selectInExcel(excel, loc);
    expect(recorder.syncs - before).toBe(1);
    expect(recorder.selection).toEqual({ sheet: CONSOLIDATED_SHEETS.summary, address: loc.address });
    expect(recorder.activeSheetId).toBe(recorder.sheet(CONSOLIDATED_SHEETS.summary).id);
  });

  it("Excel mode: 10 and 3,000 returned forms take the same number of syncs", async () => {
    const small = new ExcelRecorder(["Sheet1"]);
    const viaPage = await consolidateFiles({ files: tenSources(), asOf: AS_OF, excel: target(small) });
    const large = threeThousandForms();
    expect(large.totals.files).toBe(3000);
    expect(large.totals.accepted).toBe(units.length);
    // The older copies are blank forms ("gửi mẫu trống"): set aside, not superseded copies.
    expect(large.totals.rejected).toBe(3000 - units.length);
    expect(large.totals.returned).toBe(units.length);
    expect(large.problems.length).toBeGreaterThanOrEqual(3000 - units.length);
    const big = new ExcelRecorder(["Sheet1"]);
    const report = await writeConsolidated(big.context, target(big), consolidatedWorkbook(plan, large), large);
    expect(report.syncs).toBe(big.syncs);
    expect(report.syncs).toBe(viaPage.excel!.syncs);
    expect(report.syncs).toBe(5); // read the sheet list, write, swap into place, freeze panes, chart
    expect(big.sheet(CONSOLIDATED_SHEETS.summary).charts).toHaveLength(1);
    // And through the highlight page, which re-classifies and re-writes the kept result.
    const h10 = new ExcelRecorder(["Sheet1"]);
    const h3000 = new ExcelRecorder(["Sheet1"]);
    const a = await refreshHighlight({
      asOf: "2026-07-01",
      today: TODAY,
      soonDays: 30,
      consolidation: viaPage.result,
      excel: target(h10),
    });
    const b = await refreshHighlight({
      asOf: "2026-07-01",
      today: TODAY,
      soonDays: 30,
      consolidation: large,
      excel: target(h3000),
    });
    expect(h3000.syncs).toBe(h10.syncs);
    expect(a.excel!.syncs).toBe(h10.syncs);
    expect(b.excel!.syncs).toBe(h3000.syncs);
  }, 120_000);
});

describe("refreshHighlight", () => {
  async function withTracking(): Promise<ExcelRecorder> {
    const recorder = new ExcelRecorder(["Sheet1"]);
    await createTracking({
      asOf: TODAY,
      today: TODAY,
      soonDays: 30,
      titleSize: 14,
      tableSize: 13,
      excel: target(recorder),
    });
    return recorder;
  }

  it.each([
    ["a chosen date is fixed in C2", AS_OF, { value: isoToSerial(AS_OF) }],
    ["today puts the live =TODAY() back", TODAY, { formula: "=TODAY()" }],
  ])("Excel mode: %s; F2 gets the days; one sync", async (_label, asOf, c2) => {
    const recorder = await withTracking();
    const before = recorder.syncs;
    const out = await refreshHighlight({ asOf, today: TODAY, soonDays: 15, excel: target(recorder) });
    expect(out.trackingUpdated).toBe(true);
    expect(recorder.syncs - before).toBe(1);
    const cell = recorder.cell(TRACKING_SHEET, "C2");
    if ("value" in c2) {
      expect(cell.value).toBe(c2.value);
      expect(cell.formula).toBeUndefined();
    } else expect(cell.formula).toBe(c2.formula);
    expect(recorder.cell(TRACKING_SHEET, "F2").value).toBe(15);
  });

  it("Excel mode without a tracking sheet: a clear message", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    await expect(
      refreshHighlight({ asOf: AS_OF, today: TODAY, soonDays: 30, excel: target(recorder) }),
    ).rejects.toMatchObject({
      text: { vi: expect.stringContaining('chưa có trang "Theo dõi"') },
    });
  });

  it("re-classifies a kept consolidation for the new date (browser mode: both workbooks again)", async () => {
    const kept = (await consolidateFiles({ files: tenSources(), asOf: AS_OF })).result;
    const later = "2030-12-31";
    const out = await refreshHighlight({ asOf: later, today: TODAY, soonDays: 30, consolidation: kept });
    expect(out.consolidation!.asOf).toBe(later);
    expect(out.consolidation!.totals).toEqual(kept.totals);
    expect(out.consolidation!.rows.map((r) => r.deadlineClass)).not.toEqual(kept.rows.map((r) => r.deadlineClass));
    expect(out.consolidation).toEqual(evaluate(kept.forms, { plan, asOf: later, period: kept.period, soonDays: 30 }));
    expect(out.downloads.map((d) => d.name)).toEqual([
      "So-theo-doi-NQ08.xlsx",
      "Tong-hop-NQ08-2026-H1.xlsx",
      "Tong-hop-NQ08-2026-H1.json",
    ]);
    expect(readXlsx(out.downloads[0]!.bytes).sheet(TRACKING_SHEET)!.cell("C2")?.value).toBe(isoToSerial(later));
  });
});

describe("applyPrint", () => {
  it("A4 landscape, 36-HD/VPTW margins in points and the header row repeated, in two syncs", async () => {
    const recorder = new ExcelRecorder(["Sheet1"]);
    await createTracking({
      asOf: TODAY,
      today: TODAY,
      soonDays: 30,
      titleSize: 14,
      tableSize: 13,
      excel: target(recorder),
    });
    // Start from a blank page layout, as a sheet the user changed or made by hand would be.
    for (const s of recorder.sheets) s.pageLayout = {};
    const before = recorder.syncs;
    const out = await applyPrint({
      sheets: ["tracking", "appendix", "summary"],
      orientation: "landscape",
      excel: target(recorder),
    });
    expect(recorder.syncs - before).toBe(2);
    expect(out.syncs).toBe(2);
    expect(out.applied).toEqual([TRACKING_SHEET, APPENDIX_SHEET]);
    expect(out.absent).toEqual([CONSOLIDATED_SHEETS.summary]);
    const layout = recorder.sheet(TRACKING_SHEET).pageLayout;
    expect(layout).toMatchObject({
      paperSize: "A4",
      orientation: "Landscape",
      topMargin: mmToPoints(20),
      bottomMargin: mmToPoints(20),
      leftMargin: mmToPoints(30),
      rightMargin: mmToPoints(15),
      printTitleRows: "$5:$5",
    });
    expect(layout.leftMargin).toBeCloseTo(85.04, 2);
    expect(recorder.sheet(APPENDIX_SHEET).pageLayout.printTitleRows).toBe("$6:$6");
    expect(out.marginsPt).toEqual({ top: 56.69, bottom: 56.69, left: 85.04, right: 42.52 });
  });

  it("portrait on the active sheet (no header rows known)", async () => {
    const recorder = new ExcelRecorder(["Báo cáo riêng"]);
    const out = await applyPrint({ sheets: ["active"], orientation: "portrait", excel: target(recorder) });
    expect(out.applied).toEqual(["(active)"]);
    const layout = recorder.sheet("Báo cáo riêng").pageLayout;
    expect(layout.orientation).toBe("Portrait");
    expect(layout.paperSize).toBe("A4");
    expect(layout.printTitleRows).toBeUndefined();
  });

  it("Excel dropping fit-to-width (Page Layout tab never shown): the user is told what to do", async () => {
    const recorder = new ExcelRecorder(["Báo cáo riêng"]);
    recorder.pageLayoutTabShown = false;
    const out = await applyPrint({ sheets: ["active"], orientation: "landscape", excel: target(recorder) });
    expect(out.syncs).toBe(2);
    expect(recorder.sheet("Báo cáo riêng").pageLayout.orientation).toBe("Landscape");
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]!.vi).toContain("thẻ Bố trí Trang");
    expect(out.warnings[0]!.en).toContain("Open the Page Layout tab once");
  });

  it("fit-to-width that holds gives no warning", async () => {
    const recorder = new ExcelRecorder(["Báo cáo riêng"]);
    const out = await applyPrint({ sheets: ["active"], orientation: "landscape", excel: target(recorder) });
    expect(out.warnings).toEqual([]);
    expect(recorder.sheet("Báo cáo riêng").pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
  });
});
