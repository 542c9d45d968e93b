/**
 * Reading the formats units send back: the same filled forms saved by LibreOffice as .xlsx, .ods and
 * .xls, read for consolidation (cell values, identity, checks). The .xlsx is the baseline: .ods is
 * expected at comparable speed; .xls goes through a large library loaded on the first file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { performance } from "perf_hooks";
import { readFormAsync, UnitIndex, type InputFile } from "../src/consolidate";
import { generateForms } from "../src/jobs/forms";
import { builtinPlan, reportingUnits } from "../src/plan";
import { reportPeriod } from "../src/schedule";
import { fillForm } from "../test/helpers/fill-form";
import { convertManyWithLibreOffice, hasLibreOffice } from "../test/helpers/libreoffice";
import { nodeInflateRaw } from "../src/cli/native-inflate";

const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

export async function benchFormats(count = 40): Promise<void> {
  console.log(`\n6. Định dạng tệp gửi về / returned file formats (${count} forms saved by LibreOffice)`);
  if (!hasLibreOffice()) {
    line("LibreOffice (soffice) not found", "skipped");
    return;
  }
  const plan = builtinPlan();
  const units = reportingUnits(plan).slice(0, count);
  const forms = await generateForms(plan, reportPeriod("2026-H1")!, { units });
  const dir = mkdtempSync(join(tmpdir(), "phuluc-bench-formats-"));
  try {
    const paths = forms.files.map((f, i) => {
      const code = units[i]!.code;
      const rows = (plan.assignments.get(code) ?? []).map((task) => ({
        task,
        status: "Đang thực hiện",
        progress: 60,
        result: `Kết quả ${task} — ${"nội dung ".repeat(20)}`,
      }));
      const p = join(dir, `${code}.xlsx`);
      writeFileSync(p, fillForm(f.bytes, rows, { preparer: "Nguyễn Văn A" }));
      return p;
    });
    const read = async (target: "xlsx" | "ods" | "xls"): Promise<InputFile[]> =>
      (await convertManyWithLibreOffice(paths, target, join(dir, target), 600_000)).map((p) => ({
        name: p,
        bytes: new Uint8Array(readFileSync(p)),
      }));
    const sets = { xlsx: await read("xlsx"), ods: await read("ods"), xls: await read("xls") };
    const index = new UnitIndex(plan);
    const perForm: Record<string, number> = {};
    for (const [kind, files] of Object.entries(sets)) {
      // First pass warms the JIT (and loads the .xls library); the median of five passes counts.
      const times: number[] = [];
      for (let run = 0; run < 6; run++) {
        const t0 = performance.now();
        for (const f of files) {
          const r = await readFormAsync(plan, f, index, { inflateRaw: nodeInflateRaw });
          if (!r.usable) throw new Error(`${kind}: ${f.name} not usable`);
        }
        if (run > 0) times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      perForm[kind] = times[2]! / files.length;
      const kb = files.reduce((n, f) => n + f.bytes.length, 0) / files.length / 1024;
      line(`.${kind}: read + check one form (${kb.toFixed(0)} KB)`, `${perForm[kind]!.toFixed(2)} ms`);
    }
    line(".ods ÷ .xlsx time (same forms, both by LibreOffice)", `${(perForm.ods! / perForm.xlsx!).toFixed(2)}×`);
    line(".xls ÷ .xlsx time", `${(perForm.xls! / perForm.xlsx!).toFixed(2)}×`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchFormats().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
