import { readFileSync } from "fs";
import { join } from "path";
import {
  builtinPlan,
  buildPlan,
  builtinPlanData,
  builtinRegistryData,
  PlanDataError,
  reportingUnits,
  splitAgencies,
  splitIssuers,
  tasksOf,
} from "../src/plan";

/** The seed's appendix rows, read straight from the copy of the source document. */
function seedRows(): string[][] {
  const text = readFileSync(join(__dirname, "fixtures", "seed-ke-hoach-08-NQ-TU.txt"), "utf8");
  return text
    .split("\n")
    .filter((line) => /^\d+\t/.test(line))
    .map((line) => line.split("\t"));
}

describe("the plan's 17 tasks", () => {
  const plan = builtinPlan();
  const rows = seedRows();

  it("has the seed's 17 rows", () => {
    expect(rows).toHaveLength(17);
    expect(plan.tasks).toHaveLength(17);
  });

  it.each(rows.map((r, i) => [i + 1, r] as const))("task %i matches the seed character for character", (n, row) => {
    const task = plan.tasks[n - 1]!;
    expect(task.number).toBe(Number(row[0]));
    expect(task.content).toBe(row[1]!.normalize("NFC"));
    expect(task.timing).toBe(row[2]!.normalize("NFC"));
    expect(task.lead).toBe(row[3]!.normalize("NFC"));
    expect(task.issuer).toBe(row[4]!.normalize("NFC"));
  });

  it("keeps the source's own spacing around slashes", () => {
    expect(plan.tasks[13]!.lead).toBe("Sở Khoa học và Công nghệ/ Sở Tài chính");
    expect(plan.tasks[13]!.leads.map((l) => l.name)).toEqual(["Sở Khoa học và Công nghệ", "Sở Tài chính"]);
  });

  it("stores every text in NFC", () => {
    for (const t of plan.tasks)
      for (const s of [t.content, t.timing, t.lead, t.issuer]) expect(s).toBe(s.normalize("NFC"));
  });
});

describe("leads, levels and issuers", () => {
  const plan = builtinPlan();
  const task = (n: number) => plan.tasks.find((t) => t.number === n)!;

  it("splits leads at slashes and marks their level", () => {
    expect(task(1).leads).toEqual([
      {
        name: "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        level: "provincial",
        unit: "BTGDVTU",
        advises: "Ban Thường vụ Tỉnh ủy",
      },
      {
        name: "Ban xây dựng Đảng các Đảng ủy xã, phường",
        level: "commune",
        unit: null,
        advises: "Ban Thường vụ Đảng ủy xã, phường",
      },
    ]);
    expect(task(8).leads.map((l) => l.level)).toEqual(["provincial", "commune"]);
  });

  it("pairs leads with issuers where the counts match", () => {
    expect(task(2).leads.map((l) => l.advises)).toEqual(["Ban Thường vụ Tỉnh ủy", "UBND tỉnh"]);
    expect(task(11).leads.map((l) => l.advises)).toEqual(["Ban Tổ chức Tỉnh ủy", "UBND tỉnh"]);
  });

  it("leaves leads unpaired when the counts differ, and lets a single issuer take every lead", () => {
    expect(task(6).issuers).toHaveLength(3);
    expect(task(6).leads.map((l) => l.advises)).toEqual([null, null]);
    expect(task(10).leads.map((l) => l.advises)).toEqual(["UBND tỉnh", "UBND tỉnh"]);
  });

  it("splits texts with and without spaces after the slash", () => {
    expect(splitAgencies("A/ B /C")).toEqual(["A", "B", "C"]);
    expect(splitIssuers("A/ B /C")).toEqual(["A", "B", "C"]);
  });
});

describe("unit registry and assignments", () => {
  const plan = builtinPlan();

  it("holds the 130 xã/phường (119 xã, 11 phường) and the provincial bodies", () => {
    const communes = plan.units.filter((u) => u.level === "commune");
    expect(communes).toHaveLength(130);
    expect(communes.filter((u) => u.kind === "Xã")).toHaveLength(119);
    expect(communes.filter((u) => u.kind === "Phường")).toHaveLength(11);
    expect(plan.units.filter((u) => u.level === "provincial").map((u) => u.code)).toEqual(
      expect.arrayContaining(["BTCTU", "SNV", "TCT", "UBKTTU", "SKHCN", "STC", "SXD", "BTGDVTU"]),
    );
  });

  it("sorts units in Vietnamese collation order, provincial first", () => {
    const names = plan.units.filter((u) => u.level === "commune").map((u) => u.name);
    const sorted = [...names].sort(new Intl.Collator("vi").compare);
    expect(names).toEqual(sorted);
    expect(plan.units[0]!.level).toBe("provincial");
    // "Đ" sorts after "D" and before "E" in Vietnamese, not after "Z" as a plain sort would have it.
    const xa = names.filter((n) => n.startsWith("Xã "));
    const firstD = xa.findIndex((n) => n.startsWith("Xã Đ"));
    const firstE = xa.findIndex((n) => /^Xã [EÊ]/.test(n));
    if (firstD >= 0 && firstE >= 0) expect(firstD).toBeLessThan(firstE);
  });

  it("gives a provincial lead the tasks it leads", () => {
    expect(plan.assignments.get("BTGDVTU")).toEqual([1, 9]);
    expect(plan.assignments.get("SXD")).toEqual([13]);
    expect(plan.assignments.get("UBKTTU")).toEqual([15]);
    expect(plan.assignments.get("TCT")).toEqual([8]);
    expect(plan.assignments.get("BTCTU")).toEqual([2, 3, 4, 5, 6, 7, 11, 15, 16, 17]);
  });

  it("gives every xã/phường the tasks with a commune-level lead", () => {
    for (const unit of plan.units.filter((u) => u.level === "commune")) {
      expect(plan.assignments.get(unit.code)).toEqual([1, 3, 4, 8, 17]);
      expect(tasksOf(plan, unit.code).map((t) => t.number)).toEqual([1, 3, 4, 8, 17]);
    }
  });

  it("lists only units with a duty as reporting units", () => {
    const codes = reportingUnits(plan).map((u) => u.code);
    expect(codes).toHaveLength(138);
    expect(codes).not.toContain("HDND");
    expect(codes).not.toContain("BTVTU");
  });

  it("treats the registry as data: a renamed unit and another mapping change the result", () => {
    const registry = {
      ...builtinRegistryData,
      units: builtinRegistryData.units.map((u) => (u.code === "SXD" ? { ...u, name: "Sở Xây dựng và Giao thông" } : u)),
    };
    const data = {
      ...builtinPlanData,
      leadBodies: builtinPlanData.leadBodies.map((b) => (b.name === "Sở Xây dựng" ? { ...b, unit: "STC" } : b)),
    };
    const plan2 = buildPlan(data, registry);
    expect(plan2.units.find((u) => u.code === "SXD")!.name).toBe("Sở Xây dựng và Giao thông");
    expect(plan2.assignments.get("SXD")).toBeUndefined();
    expect(plan2.assignments.get("STC")).toEqual([13, 14]);
  });

  it("rejects a lead that no lead body maps, in Vietnamese and English", () => {
    const data = { ...builtinPlanData, leadBodies: builtinPlanData.leadBodies.filter((b) => b.name !== "Sở Xây dựng") };
    expect(() => buildPlan(data, builtinRegistryData)).toThrow(PlanDataError);
    try {
      buildPlan(data, builtinRegistryData);
    } catch (e) {
      expect((e as PlanDataError).messageVi).toContain("Sở Xây dựng");
    }
  });

  it("matches lead names whatever their tone placement or Unicode form", () => {
    const data = {
      ...builtinPlanData,
      leadBodies: builtinPlanData.leadBodies.map((b) =>
        b.name === "Ủy ban Kiểm tra Tỉnh ủy" ? { ...b, name: "Uỷ ban Kiểm tra Tỉnh uỷ".normalize("NFD") } : b,
      ),
    };
    expect(buildPlan(data, builtinRegistryData).assignments.get("UBKTTU")).toEqual([15]);
  });
});
