/** The draft report (.docx) of a consolidation, named and rendered the same way for every shell. */
import type { ConsolidationResult } from "../consolidate/types";
import { renderDocx } from "../docx";
import type { Lang } from "../i18n";
import type { Plan } from "../plan/types";
import { consolidationReport } from "../report/consolidation";
import type { ZipParts } from "../xlsx/write";
import { type NamedFile, planTag } from "./files";

export { DOCX_MIME } from "../docx";

/** "Bao-cao-NQ08-2026-H1.docx": beside "Tong-hop-NQ08-2026-H1.xlsx". */
export function reportFileName(plan: Plan, result: Pick<ConsolidationResult, "period">): string {
  return `Bao-cao-${planTag(plan)}-${result.period.id}.docx`;
}

export function reportFile(
  plan: Plan,
  result: ConsolidationResult,
  options: { lang?: Lang; zip?: ZipParts } = {},
): NamedFile {
  const model = consolidationReport(plan, result, options.lang ? { lang: options.lang } : {});
  return { name: reportFileName(plan, result), bytes: renderDocx(model, options.zip ? { zip: options.zip } : {}) };
}
