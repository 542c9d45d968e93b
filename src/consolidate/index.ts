/**
 * Consolidation of returned report forms: bytes in, result out. Pure (no file system, no DOM),
 * so the CLI, the add-in and the browser page share it. Every file is read on its own: a broken
 * file gives one clear problem and never stops the others; input bytes are never modified.
 */
import { readXlsx, XlsxReadError, type InflateRaw, type ReadOptions } from "../xlsx/read";
import { extractForm, UnitIndex, type FileFacts } from "./extract";
import { evaluate } from "./merge";
import { M } from "./messages";
import type { ConsolidateOptions, ConsolidationResult, FormRecord, InputFile } from "./types";
import { contentHash } from "./values";
import type { Plan } from "../plan/types";

export * from "./types";
export { evaluate, CLASS_ORDER, defaultPeriod, newer, savedAt } from "./merge";
export { extractForm, UnitIndex } from "./extract";
export { parseDateText, contentHash } from "./values";

/** How forms are read: a form needs cell values only (validations are not read). */
export interface FormReadOptions {
  inflateRaw?: InflateRaw;
}

/** Reads one file into a record; any failure becomes the record's single problem. */
export function readForm(
  plan: Plan,
  file: InputFile,
  units: UnitIndex = new UnitIndex(plan),
  options: FormReadOptions = {},
): FormRecord {
  const facts: FileFacts = {
    name: file.name,
    hash: contentHash(file.bytes),
    size: file.bytes.length,
    lastModified: file.lastModified ?? null,
  };
  try {
    const read: ReadOptions = { valuesOnly: true };
    if (options.inflateRaw) read.inflateRaw = options.inflateRaw;
    return extractForm(plan, facts, readXlsx(file.bytes, read), units);
  } catch (error) {
    const readError = error instanceof XlsxReadError;
    return {
      ...facts,
      modified: null,
      usable: false,
      unitCode: null,
      unitName: null,
      period: null,
      identifiedBy: null,
      formatVersion: null,
      unitMismatch: false,
      entries: [],
      footer: { preparer: null, phone: null, preparedOn: null, raw: {} },
      problems: [
        {
          file: file.name,
          sheet: "",
          cell: "",
          severity: "error",
          code: readError ? `read-${error.code}` : "read-failed",
          text: readError
            ? M.unreadable(error.text)
            : M.internal(error instanceof Error ? error.message : String(error)),
          value: null,
        },
      ],
    };
  }
}

export async function consolidate(files: InputFile[], options: ConsolidateOptions): Promise<ConsolidationResult> {
  const units = new UnitIndex(options.plan);
  const read: FormReadOptions = options.inflateRaw ? { inflateRaw: options.inflateRaw } : {};
  const records: FormRecord[] = [...(options.previous?.forms ?? [])];
  let done = 0;
  for (const file of files) {
    records.push(readForm(options.plan, file, units, read));
    done++;
    await options.onProgress?.(done, files.length, file.name);
  }
  return evaluate(records, {
    plan: options.plan,
    asOf: options.asOf,
    ...(options.period ? { period: options.period } : {}),
    ...(options.soonDays !== undefined ? { soonDays: options.soonDays } : {}),
  });
}
