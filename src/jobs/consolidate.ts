/**
 * Consolidation as every shell runs it (CLI, browser page, add-in): sources in — files, folders'
 * files, archives — forms read and checked (in this thread or by a pool of workers), merged, and
 * the outputs named and rendered. Progress is reported per source, so a page can show each file's
 * fate and a terminal a bar. Results never depend on the order in which forms finish.
 */
import { evaluate, readFormAsync, UnitIndex } from "../consolidate";
import { unpackForms } from "../consolidate/stored";
import { decodeSummary, encodeSummary, SUMMARY_VERSION, type SummaryV3 } from "../consolidate/summary";
import type { ConsolidationResult, FileOutcome, FormRecord, InputFile } from "../consolidate/types";
import type { Lang, Text } from "../i18n";
import type { Plan } from "../plan/types";
import type { IsoDate } from "../plan/types";
import type { ReportPeriod } from "../schedule";
import { consolidatedWorkbook } from "../workbook/consolidated";
import type { Typography } from "../workbook/styles";
import type { InflateRaw } from "../xlsx/read";
import { renderXlsx, type ZipParts } from "../xlsx/write";
import { type NamedFile, planTag } from "./files";
import { expandSource, type SkippedEntry, type Source } from "./inputs";

/** Reads one file into a record. A pool of workers, or this thread (`inThreadReader`). */
export interface FormReader {
  read(file: InputFile): Promise<FormRecord>;
  /** Forms worth having in flight at once (about twice the workers, so none waits idle). */
  readonly parallelism: number;
  close(): Promise<void>;
}

/** Reading in the calling thread: the browser without workers, tests, small runs. */
export function inThreadReader(plan: Plan, options: { inflateRaw?: InflateRaw } = {}): FormReader {
  const units = new UnitIndex(plan);
  const read = options.inflateRaw ? { inflateRaw: options.inflateRaw } : {};
  return {
    parallelism: 1,
    read: (file) => readFormAsync(plan, file, units, read),
    close: async () => undefined,
  };
}

/** "checked": every form in it was read and checked; its outcome is known once all are merged. */
export type SourceState = "waiting" | "reading" | "checking" | "checked" | "done" | "failed";

/** Where one source stands; sent again whenever it changes. */
export interface SourceProgress {
  state: SourceState;
  /** Once done: how the consolidation used its forms (the best outcome among them). */
  outcome?: FileOutcome;
  /** Forms found in it (an archive can hold many). */
  forms?: number;
  /** Problems of severity "error" in its forms. */
  errors?: number;
  /** Entries set aside (noise files, damaged entries of an archive). */
  skipped?: number;
}

export interface ConsolidationRequest {
  plan: Plan;
  sources: readonly Source[];
  /** The report date deadlines are judged on. */
  asOf: IsoDate;
  period?: ReportPeriod;
  soonDays?: number;
  /** An earlier result whose forms are merged with these files, as if all were given at once. */
  previous?: ConsolidationResult;
  /** Default: this thread. The caller closes a reader it passed. */
  reader?: FormReader;
  /** The platform's raw-deflate (Node's zlib) for archives, and for the default in-thread reader. */
  inflateRaw?: InflateRaw;
  onSource?: (index: number, progress: SourceProgress) => void;
  /** Sources finished so far, of all. */
  onProgress?: (done: number, total: number, name: string) => void;
  /** Called between sources so a page can paint; may return a promise to wait on. */
  breathe?: () => void | Promise<void>;
}

export interface ConsolidationRun {
  result: ConsolidationResult;
  /** Per source, in the order given: its final state. */
  sources: SourceProgress[];
  /** Entries not read as forms, and why. */
  skipped: SkippedEntry[];
}

/** Reads every source, checks every form, merges. Never throws for anything a file contains. */
export async function runConsolidation(req: ConsolidationRequest): Promise<ConsolidationRun> {
  const reader = req.reader ?? inThreadReader(req.plan, req.inflateRaw ? { inflateRaw: req.inflateRaw } : {});
  const total = req.sources.length;
  const perSource: FormRecord[][] = req.sources.map(() => []);
  const states: SourceProgress[] = req.sources.map(() => ({ state: "waiting" }));
  const skipped: SkippedEntry[] = [];
  const set = (index: number, progress: SourceProgress) => {
    states[index] = progress;
    req.onSource?.(index, progress);
  };

  // Sources are expanded one after another (bytes are held only while their forms are in flight);
  // their forms go to the reader with at most `window` in flight, so workers never wait on the disk.
  // With workers, a deeper queue: this thread reads its share too, and while it reads one form it
  // cannot hand out the next, so each worker needs several queued to never run dry.
  const window = reader.parallelism > 1 ? reader.parallelism * 6 : Math.max(1, reader.parallelism * 2);
  const inFlight = new Set<Promise<void>>();
  const pending = req.sources.map(() => 0);
  let done = 0;
  const finishIfComplete = (index: number) => {
    if (pending[index] !== 0 || states[index]!.state !== "checking") return;
    const mine = perSource[index]!;
    const errors = mine.reduce((n, r) => n + r.problems.filter((p) => p.severity === "error").length, 0);
    const state = mine.length === 0 ? "done" : mine.some((r) => r.usable) ? "checked" : "failed";
    set(index, { ...states[index]!, state, errors });
    done++;
    req.onProgress?.(done, total, req.sources[index]!.name);
  };

  for (const [index, source] of req.sources.entries()) {
    set(index, { state: "reading" });
    const expanded = await expandSource(source, req.inflateRaw ? { inflateRaw: req.inflateRaw } : {});
    skipped.push(...expanded.skipped);
    const forms = expanded.files.length;
    pending[index] = forms;
    set(index, {
      state: "checking",
      forms,
      ...(expanded.skipped.length > 0 ? { skipped: expanded.skipped.length } : {}),
    });
    finishIfComplete(index); // an archive of noise only
    for (const file of expanded.files) {
      while (inFlight.size >= window) await Promise.race(inFlight);
      const task: Promise<void> = reader.read(file).then((record) => {
        perSource[index]!.push(record);
        pending[index]!--;
        inFlight.delete(task);
        finishIfComplete(index);
      });
      inFlight.add(task);
    }
    await req.breathe?.();
  }
  await Promise.all(inFlight);

  const records: FormRecord[] = [...(req.previous?.forms ?? []), ...perSource.flat()];
  const result = evaluate(records, {
    plan: req.plan,
    asOf: req.asOf,
    ...(req.period ? { period: req.period } : {}),
    ...(req.soonDays !== undefined ? { soonDays: req.soonDays } : {}),
  });

  // Each source's final state, from the consolidation's verdict on its forms.
  const verdict = new Map(result.files.map((f) => [`${f.name}\u0000${f.hash}`, f] as const));
  perSource.forEach((mine, index) => {
    const reports = mine.map((r) => verdict.get(`${r.name}\u0000${r.hash}`));
    const outcome: FileOutcome | undefined = reports.some((r) => r?.outcome === "accepted")
      ? "accepted"
      : reports.some((r) => r?.outcome === "superseded")
        ? "superseded"
        : mine.length > 0
          ? "rejected"
          : undefined;
    const errors = reports.reduce((n, r) => n + (r?.problems.error ?? 0), 0);
    const before = states[index]!;
    set(index, {
      state: outcome === undefined || outcome === "rejected" ? (mine.length > 0 ? "failed" : "done") : "done",
      ...(outcome ? { outcome } : {}),
      forms: mine.length,
      errors,
      ...(before.skipped ? { skipped: before.skipped } : {}),
    });
  });
  return { result, sources: states, skipped };
}

// ---------------------------------------------------------------------------------------------
// Outputs: one naming rule and one rendering for every shell

/** "Tong-hop-NQ08-2026-H1": the plan's short name and the period, ASCII for every file system. */
export function consolidationBaseName(plan: Plan, result: Pick<ConsolidationResult, "period">): string {
  return `Tong-hop-${planTag(plan)}-${result.period.id}`;
}

/** The JSON summary (version 3, see src/consolidate/summary.ts) as UTF-8 text: for programs and for `--previous`. */
export function summaryJson(result: ConsolidationResult): string {
  return `${JSON.stringify(encodeSummary(result))}\n`;
}

export interface ConsolidationOutputs {
  /** The consolidated workbook (.xlsx). */
  workbook: NamedFile;
  /** The JSON summary. */
  summary: NamedFile;
}

/** The consolidated workbook and the JSON summary of a result, named the same way everywhere. */
export function consolidationOutputs(
  plan: Plan,
  result: ConsolidationResult,
  options: { typography?: Typography; zip?: ZipParts; lang?: Lang } = {},
): ConsolidationOutputs {
  const base = consolidationBaseName(plan, result);
  return {
    workbook: {
      name: `${base}.xlsx`,
      bytes: renderXlsx(
        consolidatedWorkbook(plan, result, {
          ...(options.typography ? { typography: options.typography } : {}),
          ...(options.lang ? { lang: options.lang } : {}),
        }),
        options.zip ? { zip: options.zip } : {},
      ),
    },
    summary: { name: `${base}.json`, bytes: new TextEncoder().encode(summaryJson(result)) },
  };
}

/**
 * Exit status for scripts: 0 when every file was consolidated cleanly, 1 when a file was rejected
 * or a problem of severity "error" was found (the outputs are still written).
 */
export function consolidationStatus(result: ConsolidationResult): 0 | 1 {
  return result.totals.rejected > 0 || result.totals.problems.error > 0 ? 1 : 0;
}

/** Files already in memory as sources (tests, the benchmark, a caller holding bytes). */
export function memorySources(files: readonly InputFile[]): Source[] {
  return files.map((f) => ({
    name: f.name,
    ...(f.lastModified ? { lastModified: f.lastModified } : {}),
    read: async () => f.bytes,
  }));
}

export interface ConsolidationOutput {
  result: ConsolidationResult;
  /** The consolidated workbook (.xlsx). */
  xlsx: Uint8Array;
  /** The JSON summary. */
  json: string;
  /** Suggested workbook file name. */
  fileName: string;
}

/** In-memory files → result, workbook and summary in one call (same bytes for the same inputs). */
export async function consolidateJob(
  files: InputFile[],
  options: Omit<ConsolidationRequest, "sources"> & { typography?: Typography; lang?: Lang },
): Promise<ConsolidationOutput> {
  const { typography, lang, ...request } = options;
  const { result } = await runConsolidation({ ...request, sources: memorySources(files) });
  const out = consolidationOutputs(options.plan, result, {
    ...(typography ? { typography } : {}),
    ...(lang ? { lang } : {}),
  });
  return { result, xlsx: out.workbook.bytes, json: summaryJson(result), fileName: out.workbook.name };
}

/**
 * A JSON summary written earlier (by any shell): late files are added to it and give the same
 * result as consolidating everything at once. Checked for shape and plan, never trusted blindly.
 */
export function parsePreviousSummary(
  text: string,
  plan: Plan,
  name: string,
): { result: ConsolidationResult } | { error: Text } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      error: {
        vi: `Không đọc được bản tóm tắt trước (${name}): ${detail}`,
        en: `Cannot read the previous summary (${name}): ${detail}`,
      },
    };
  }
  const r = parsed as (Omit<Partial<ConsolidationResult>, "version"> & { version?: number }) | null;
  const known = r?.version === 1 || r?.version === 2 || r?.version === SUMMARY_VERSION;
  if (!r || typeof r !== "object" || !known || !Array.isArray(r.forms) || typeof r.planId !== "string") {
    return {
      error: {
        vi: `Tệp ${name} không phải bản tóm tắt JSON do chức năng tổng hợp tạo ra.`,
        en: `${name} is not a JSON summary written by the consolidation.`,
      },
    };
  }
  if (r.planId !== plan.id) {
    return {
      error: {
        vi: `Bản tóm tắt ${name} thuộc kế hoạch khác (${r.planId}).`,
        en: `The summary ${name} belongs to another plan (${r.planId}).`,
      },
    };
  }
  let result: ConsolidationResult;
  try {
    // Version 3 is decoded back to the result; packed older copies must find the copy they were
    // stored against. A damaged summary is said here, not met later.
    result =
      r.version === SUMMARY_VERSION
        ? decodeSummary(r as unknown as SummaryV3)
        : ({ ...r, version: 2 } as ConsolidationResult);
    unpackForms(result.forms);
  } catch {
    return {
      error: {
        vi: `Bản tóm tắt ${name} bị hỏng (thiếu bản ghi của một số tệp); hãy tổng hợp lại từ các tệp gốc.`,
        en: `The summary ${name} is damaged (some files' records are missing); consolidate again from the original files.`,
      },
    };
  }
  return { result };
}
