/**
 * Consolidation of returned report forms: bytes in, result out. Pure (no file system, no DOM),
 * so the CLI, the add-in and the browser page share it. Every file is read on its own: a broken
 * file gives one clear problem and never stops the others; input bytes are never modified.
 */
import { readXls, isXls } from "../xls";
import { readXlsx, XlsxReadError, type InflateRaw, type ReadOptions, type ReadWorkbook } from "../xlsx/read";
import { emptyRecord, UnitIndex, type FileFacts } from "./extract";
import { unitNamedInContent, unitNamedInFileName } from "./extract/named";
import { evaluate } from "./merge";
import { extractVersioned } from "./versions";
import { M } from "./messages";
import type { ConsolidateOptions, ConsolidationResult, FormRecord, InputFile } from "./types";
import { contentHash } from "./values";
import type { Plan } from "../plan/types";
import { sameBytes } from "../util/bytes";

export * from "./types";
export { evaluate, CLASS_ORDER, defaultPeriod, newer, savedAt } from "./merge";
export { extractForm, UnitIndex } from "./extract";
export { parseDateText, contentHash } from "./values";

/** How forms are read: a form needs cell values only (validations are not read). */
export interface FormReadOptions {
  inflateRaw?: InflateRaw;
}

/**
 * Records of files already read, by content: a unit that sends the very same file again (a resend,
 * the same form in an archive and by mail) is not read again. The record depends on the bytes, the
 * plan and the file's name and time only, and the name and time are set anew on every copy. Per
 * unit index (one plan, one reader); bounded in entries and in bytes kept.
 */
interface Known {
  plan: Plan;
  bytes: Uint8Array;
  record: FormRecord;
}
const knownByUnits = new WeakMap<UnitIndex, { byHash: Map<string, Known>; bytes: number }>();
const KNOWN_MAX = 4096;
const KNOWN_MAX_BYTES = 64 * 1024 * 1024;

/** The known record as this file's own: a deep copy, with its name (in every problem) and time. */
function asFile(record: FormRecord, facts: FileFacts): FormRecord {
  const copy = structuredClone(record);
  copy.name = facts.name;
  copy.lastModified = facts.lastModified;
  for (const p of copy.problems) p.file = facts.name;
  return copy;
}

/** Reads one file into a record; any failure becomes the record's single problem. */
export function readForm(
  plan: Plan,
  file: InputFile,
  units: UnitIndex = new UnitIndex(plan),
  options: FormReadOptions = {},
): FormRecord {
  const facts = factsOf(file);
  let known = knownByUnits.get(units);
  if (!known) knownByUnits.set(units, (known = { byHash: new Map(), bytes: 0 }));
  const hit = known.byHash.get(facts.hash);
  if (hit && hit.plan === plan && sameBytes(hit.bytes, file.bytes)) return asFile(hit.record, facts);
  const record = readFormBytes(plan, file, facts, units, options);
  // Only a record that names its unit from the content: one named after the file is the file's own.
  if (record.unitCode !== null && record.identifiedBy !== "file-name" && !hit) {
    if (known.byHash.size >= KNOWN_MAX || known.bytes + file.bytes.length > KNOWN_MAX_BYTES) {
      known.byHash.clear();
      known.bytes = 0;
    }
    known.byHash.set(facts.hash, { plan, bytes: file.bytes.slice(), record: structuredClone(record) });
    known.bytes += file.bytes.length;
  }
  return record;
}

function readFormBytes(
  plan: Plan,
  file: InputFile,
  facts: FileFacts,
  units: UnitIndex,
  options: FormReadOptions,
): FormRecord {
  try {
    const read: ReadOptions = { valuesOnly: true };
    if (options.inflateRaw) read.inflateRaw = options.inflateRaw;
    const wb = readXlsx(file.bytes, read);
    return unitFromFileName(plan, extractVersioned(plan, facts, wb, units), wb);
  } catch (error) {
    return unitFromFileName(plan, unreadable(facts, error));
  }
}

/**
 * readForm for every format a unit may send, .xls included: the .xls reader is a large library
 * loaded on the first .xls only (src/xls), hence async. Every shell reads through this.
 */
export async function readFormAsync(
  plan: Plan,
  file: InputFile,
  units: UnitIndex = new UnitIndex(plan),
  options: FormReadOptions = {},
): Promise<FormRecord> {
  if (!isXls(file.bytes)) return readForm(plan, file, units, options);
  const facts = factsOf(file);
  let wb: ReadWorkbook;
  try {
    wb = await readXls(file.bytes, { valuesOnly: true });
  } catch (error) {
    return unitFromFileName(plan, unreadable(facts, error));
  }
  try {
    return unitFromFileName(plan, extractVersioned(plan, facts, wb, units), wb);
  } catch (error) {
    return unitFromFileName(plan, unreadable(facts, error));
  }
}

/**
 * A file that could not be used and says nothing of its sender may still be named after it
 * ("bao-cao-xa-keng-du.xls"): the unit is then listed under "Chưa nộp" as having sent a file that
 * could not be read, with the file, instead of the file standing alone. Never merged.
 */
function unitFromFileName(plan: Plan, record: FormRecord, wb?: ReadWorkbook): FormRecord {
  if (record.usable || record.unitCode !== null) return record;
  const byName = unitNamedInFileName(plan, record.name);
  const unit = byName ?? (wb ? unitNamedInContent(plan, wb) : null);
  if (!unit) return record;
  record.unitCode = unit.code;
  record.unitName = unit.name;
  record.identifiedBy = "file-name";
  record.problems.push({
    file: record.name,
    sheet: "",
    cell: "",
    severity: "info",
    code: "unit-from-file-name",
    text: M.unitFromFileName(unit.name, byName ? "name" : "content"),
    value: null,
  });
  return record;
}

function factsOf(file: InputFile): FileFacts {
  return {
    name: file.name,
    hash: contentHash(file.bytes),
    size: file.bytes.length,
    lastModified: file.lastModified ?? null,
  };
}

/** A file that could not be read: one problem saying why (and, when its name names a unit, whose it is). */
function unreadable(facts: FileFacts, error: unknown): FormRecord {
  const readError = error instanceof XlsxReadError;
  return emptyRecord(facts, null, [
    {
      file: facts.name,
      sheet: "",
      cell: "",
      severity: "error",
      code: readError ? `read-${error.code}` : "read-failed",
      text: readError ? M.unreadable(error.text) : M.internal(error instanceof Error ? error.message : String(error)),
      value: null,
    },
  ]);
}

export async function consolidate(files: InputFile[], options: ConsolidateOptions): Promise<ConsolidationResult> {
  const units = new UnitIndex(options.plan);
  const read: FormReadOptions = options.inflateRaw ? { inflateRaw: options.inflateRaw } : {};
  const records: FormRecord[] = [...(options.previous?.forms ?? [])];
  let done = 0;
  for (const file of files) {
    records.push(await readFormAsync(options.plan, file, units, read));
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
