/** The draft results report (.docx), loaded on demand like the other heavy services. */
import type { ConsolidationResult } from "../../../consolidate/types";
import type { Lang } from "../../../i18n";
import { DOCX_MIME, reportFile } from "../../../jobs/report";
import type { Download } from "../types";
import { thePlan } from "./shared";

export function reportDownload(result: ConsolidationResult, lang: Lang): Download {
  return { ...reportFile(thePlan(), result, { lang }), mime: DOCX_MIME };
}
