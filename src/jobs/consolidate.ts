import { consolidate } from "../consolidate";
import type { ConsolidateOptions, ConsolidationResult, InputFile } from "../consolidate/types";
import { consolidatedWorkbook } from "../workbook/consolidated";
import type { Typography } from "../workbook/styles";
import { renderXlsx } from "../xlsx/write";

export interface ConsolidationOutput {
  result: ConsolidationResult;
  /** The consolidated workbook (.xlsx). */
  xlsx: Uint8Array;
  /** The JSON summary: the result itself, as UTF-8 text. */
  json: string;
  /** Suggested file name, e.g. "Tong-hop_2026-H1.xlsx". */
  fileName: string;
}

/** Consolidates the files and renders the workbook and the JSON summary (same bytes for the same inputs). */
export async function consolidateJob(
  files: InputFile[],
  options: ConsolidateOptions & { typography?: Typography },
): Promise<ConsolidationOutput> {
  const { typography, ...rest } = options;
  const result = await consolidate(files, rest);
  const xlsx = renderXlsx(consolidatedWorkbook(options.plan, result, typography ? { typography } : {}));
  return { result, xlsx, json: `${JSON.stringify(result, null, 2)}\n`, fileName: `Tong-hop_${result.period.id}.xlsx` };
}
