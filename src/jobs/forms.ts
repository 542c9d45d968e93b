import { reportingUnits } from "../plan/plan";
import type { Plan, Unit } from "../plan/types";
import type { ReportPeriod } from "../schedule";
import { reportForm, type FormOptions, type FormPrefill } from "../workbook/form";
import { renderXlsx, type ZipParts } from "../xlsx/write";
import { type NamedFile, slug, zipFiles } from "./files";

export interface GeneratedForms {
  files: (NamedFile & { unit: Unit })[];
  zip: Uint8Array;
  /** Suggested name for the zip and the folder inside it. */
  zipName: string;
}

/** "2026-H1_16681_Phuong-Thanh-Vinh.xlsx": period, code, then the name, so files sort by period and unit. */
export function formFileName(unit: Unit, period: ReportPeriod): string {
  return `${period.id}_${slug(unit.code)}_${slug(unit.name)}.xlsx`;
}

/**
 * A form for every reporting unit (or the given ones), rendered and zipped. `onProgress` is called
 * after each file so a page can show a progress bar; it may return a promise to yield to the UI.
 */
export async function generateForms(
  plan: Plan,
  period: ReportPeriod,
  options: FormOptions & {
    units?: Unit[];
    onProgress?: (done: number, total: number) => void | Promise<void>;
    /** A platform zip writer for each form (the CLI's zlib); the .zip of all forms stays fflate's. */
    zip?: ZipParts;
    /** Each unit's rows started from its last report (src/jobs/history.ts prefillFromHistory). */
    prefillByUnit?: ReadonlyMap<string, ReadonlyMap<number, FormPrefill>>;
  } = {},
): Promise<GeneratedForms> {
  const units = options.units ?? reportingUnits(plan);
  const files: GeneratedForms["files"] = [];
  for (const unit of units) {
    const prefill = options.prefillByUnit?.get(unit.code);
    const spec = reportForm(plan, unit, period, prefill ? { ...options, prefill } : options);
    files.push({
      unit,
      name: formFileName(unit, period),
      bytes: renderXlsx(spec, options.zip ? { zip: options.zip } : {}),
    });
    await options.onProgress?.(files.length, units.length);
  }
  const zipName = `Mau-bao-cao_${period.id}`;
  return { files, zip: zipFiles(files, zipName), zipName: `${zipName}.zip` };
}
