/**
 * How forms are read for consolidation (values only; natively inflated under Node) must not change
 * anything the consolidation reports: every record and the whole result equal what a full read with
 * the built-in decoder gives.
 */
import { nodeInflateRaw } from "../../src/cli/native-inflate";
import { consolidate, extractForm, readForm, UnitIndex, contentHash, type InputFile } from "../../src/consolidate";
import { SheetBuilder } from "../../src/workbook/sheet-builder";
import { readXlsx } from "../../src/xlsx/read";
import { fillForm, setCells, setModified } from "../helpers/fill-form";
import { AS_OF, blankForm, file, formSpec, H1, H2, odsBytes, owed, plan, render } from "./fixtures";

async function inputs(): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const [i, code] of ["BTCTU", "SNV", "16732", "17110"].entries()) {
    const rows = owed(code).map((task, j) => ({
      task,
      status: ["Hoàn thành", "đang thực hiện", "Xong rồi", 3][(i + j) % 4]!,
      completedOn: [{ date: "2026-06-01" }, "30/6/2026", "31/02/2026", null][(i + j) % 4]!,
      progress: [100, "80%", { percent: 0.45 }, "nhiều"][(i + j) % 4]!,
      result: [{ formula: "1+1", result: 2 }, "Đã ban hành kế hoạch", "x".repeat(2100), null][(i + j) % 4]!,
    }));
    let bytes = fillForm(await blankForm(code), rows, { preparer: "Lê Văn C", preparedOn: "15/6/2026" });
    if (i % 2 === 0) bytes = setCells(bytes, "Báo cáo", { P3: "ghi chú lề", A40: "dưới cùng" });
    out.push(file(`${code}.xlsx`, setModified(bytes, `2026-06-1${i}T00:00:00Z`)));
  }
  out.push(
    file(
      "SNV-cu.xlsx",
      setModified(fillForm(await blankForm("SNV"), [{ task: 2, status: "Chưa triển khai" }]), "2026-06-01T00:00:00Z"),
    ),
  );
  out.push(file("SXD-H2.xlsx", fillForm(await blankForm("SXD", H2), [], { preparer: "Kỳ sau" })));
  out.push(file("TCT-sai-ten.xlsx", setCells(await blankForm("TCT"), "Báo cáo", { C3: "Sở Xây dựng" })));
  const spec = formSpec("UBKTTU");
  const notes = new SheetBuilder("Ghi chú", [{ width: 20 }]);
  notes.line(1, 1, ["ghi chú thêm", 12, true]);
  spec.sheets.splice(1, 0, notes.build());
  out.push(file("UBKTTU.xlsx", render(spec)));
  out.push(file("bang-tinh.ods", odsBytes()));
  out.push(file("hong.xlsx", (await blankForm("STC")).subarray(0, 5000)));
  return out;
}

describe("reading forms for consolidation", () => {
  let files: InputFile[];
  beforeAll(async () => {
    files = await inputs();
  });

  it("gives every file the record a full read with the built-in decoder gives", () => {
    const units = new UnitIndex(plan);
    let compared = 0;
    for (const f of files) {
      let full;
      try {
        full = readXlsx(f.bytes);
      } catch {
        continue; // unreadable either way: compared through consolidate() below
      }
      const facts = { name: f.name, hash: contentHash(f.bytes), size: f.bytes.length, lastModified: null };
      const reference = extractForm(plan, facts, full, units);
      expect(readForm(plan, f, units)).toEqual(reference);
      expect(readForm(plan, f, units, { inflateRaw: nodeInflateRaw })).toEqual(reference);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(8);
  });

  it("gives a file sent again (the same bytes, another name and time) the record a fresh read gives", () => {
    const units = new UnitIndex(plan);
    for (const f of files) readForm(plan, f, units);
    const usable = files.filter((f) => readForm(plan, f, new UnitIndex(plan)).usable);
    expect(usable.length).toBeGreaterThanOrEqual(6);
    for (const f of files) {
      const again: InputFile = {
        name: `gui-lai/${f.name}`,
        bytes: f.bytes.slice(),
        lastModified: "2026-06-20T08:00:00Z",
      };
      const fresh = readForm(plan, again, new UnitIndex(plan));
      const record = readForm(plan, again, units);
      expect(record).toEqual(fresh);
      expect(record.problems.every((p) => p.file === again.name)).toBe(true);
      // The record is the caller's own: changing it changes nothing read later.
      record.entries.length = 0;
      record.problems.length = 0;
      expect(readForm(plan, again, units)).toEqual(fresh);
    }
  });

  it("gives the same consolidation with the native decoder", async () => {
    const options = { plan, asOf: AS_OF, period: H1 };
    const builtIn = await consolidate(files, options);
    const native = await consolidate(files, { ...options, inflateRaw: nodeInflateRaw });
    expect(native).toEqual(builtIn);
    expect(new Set(builtIn.files.map((f) => f.outcome))).toEqual(new Set(["accepted", "superseded", "rejected"]));
    expect(builtIn.problems.some((p) => p.code.startsWith("read-"))).toBe(true);
    expect(builtIn.rows.filter((r) => r.status !== null).length).toBeGreaterThan(10);
  });
});
