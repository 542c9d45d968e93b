import { generateForms } from "../../../jobs/forms";
import { tasksOf } from "../../../plan";
import { reportPeriod } from "../../../schedule/periods";
import { ServiceError } from "../errors";
import type { FormsOutcome, FormsRequest } from "../types";
import { ZIP_MIME } from "../types";
import { thePlan } from "./shared";

/** Every reporting unit's form for the period, zipped (forms are separate files in both modes). */
export async function createForms(req: FormsRequest): Promise<FormsOutcome> {
  const period = reportPeriod(req.period);
  if (!period) {
    throw new ServiceError({
      vi: `Kỳ báo cáo "${req.period}" không hợp lệ.`,
      en: `Report period "${req.period}" is not valid.`,
    });
  }
  const plan = thePlan();
  const password = req.password?.trim();
  let last = Date.now();
  const generated = await generateForms(plan, period, {
    ...(password ? { password } : {}),
    onProgress: async (done, total) => {
      req.onProgress?.(done, total);
      // Let the page paint its progress bar now and then, not after every form.
      if (Date.now() - last > 40) {
        last = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
  });
  return {
    download: { name: generated.zipName, bytes: generated.zip, mime: ZIP_MIME },
    periodLabel: period.label,
    units: generated.files.map((f) => ({
      code: f.unit.code,
      name: f.unit.name,
      level: f.unit.level,
      file: f.name,
      tasks: tasksOf(plan, f.unit.code).length,
    })),
  };
}
