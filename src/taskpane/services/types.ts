/**
 * Shapes the pages and the service implementations share. Type-only imports of the heavy modules:
 * they vanish from the bundle, so this file costs nothing in the initial JavaScript.
 */
import type { ConsolidationResult } from "../../consolidate/types";
import type { SourceProgress as FileProgress } from "../../jobs/consolidate";
import type { Text } from "../../i18n";
import type { SkippedEntry } from "../../jobs/inputs";
import type { IsoDate } from "../../plan/types";
import type { PeriodTrend } from "../../workbook/trends";

/** Runs a batch of Office.js work (Excel.run in the add-in; the recorder's context in tests). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The open workbook, when the pane runs inside Excel. */
export interface ExcelTarget {
  run: ExcelRunner;
  isSetSupported(set: string, version: string): boolean;
}

/** A file the pane offers for download. */
export interface Download {
  name: string;
  bytes: Uint8Array;
  mime: string;
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const ZIP_MIME = "application/zip";
export const JSON_MIME = "application/json";

/** What was written into the open workbook. */
export interface ExcelWriteReport {
  sheets: string[];
  /** Office.js round trips (context.sync) the whole action took. */
  syncs: number;
  warnings: Text[];
}

// ---------------------------------------------------------------------------------------------
// Tracking

export interface TrackingRequest {
  asOf: IsoDate;
  /** Today's date: a report date equal to it keeps the live =TODAY() in the sheet. */
  today: IsoDate;
  soonDays: number;
  titleSize: number;
  tableSize: number;
  /** Given in Excel mode. */
  excel?: ExcelTarget;
  onProgress?: (done: number, total: number) => void;
}

export type TrackingOutcome = { kind: "download"; download: Download } | { kind: "excel"; report: ExcelWriteReport };

// ---------------------------------------------------------------------------------------------
// Forms

export interface FormsRequest {
  /** "2026-H1", "2026-H2" or "2026". */
  period: string;
  password?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface FormUnit {
  code: string;
  name: string;
  level: "provincial" | "commune";
  file: string;
  tasks: number;
}

export interface FormsOutcome {
  download: Download;
  periodLabel: Text;
  units: FormUnit[];
}

// ---------------------------------------------------------------------------------------------
// Consolidation

/** A picked file: the DOM File has all of this; tests pass plain objects. */
export interface SourceFile {
  name: string;
  lastModified?: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type { SourceProgress as FileProgress, SourceState as FileState } from "../../jobs/consolidate";

export interface ConsolidateRequest {
  files: readonly SourceFile[];
  asOf: IsoDate;
  /** null/undefined: the period most forms name. */
  period?: string | null;
  soonDays?: number;
  excel?: ExcelTarget;
  /** Per picked file (by index). */
  onFile?: (index: number, progress: FileProgress) => void;
  /** Overall: forms checked so far. */
  onProgress?: (done: number, total: number) => void;
}

/** Where a task, unit or problem sits in the consolidated sheets (for click-to-select). */
export interface SheetLocation {
  sheet: string;
  address: string;
}

export interface ConsolidationLocations {
  tasks: Record<number, SheetLocation>;
  units: Record<string, SheetLocation>;
  /** By index into result.problems. */
  problems: SheetLocation[];
}

export interface ConsolidateOutcome {
  result: ConsolidationResult;
  locations: ConsolidationLocations;
  /** Excel mode: what was written; null in browser mode. */
  excel: ExcelWriteReport | null;
  /** Entries of picked archives not read as forms (noise, damaged entries), and why. */
  skipped: SkippedEntry[];
  /** Browser mode: workbook and JSON summary. Excel mode: empty (ask `consolidationDownloads`). */
  downloads: Download[];
}

// ---------------------------------------------------------------------------------------------
// Highlight

export interface HighlightRequest {
  asOf: IsoDate;
  today: IsoDate;
  soonDays: number;
  /** The consolidation kept in memory, re-classified for the new date. */
  consolidation?: ConsolidationResult | null;
  excel?: ExcelTarget;
}

export interface HighlightOutcome {
  /** Excel mode: the tracking sheet's cells were set. */
  trackingUpdated: boolean;
  /** The re-classified consolidation, when one was given. */
  consolidation: ConsolidationResult | null;
  locations: ConsolidationLocations | null;
  excel: ExcelWriteReport | null;
  downloads: Download[];
  warnings: Text[];
}

// ---------------------------------------------------------------------------------------------
// Print

/** Sheets the print page knows, or the active sheet. */
export type PrintChoice = "appendix" | "tracking" | "summary" | "byTask" | "byUnit" | "missing" | "problems" | "active";

export interface PrintRequest {
  sheets: readonly PrintChoice[];
  orientation: "landscape" | "portrait";
  excel: ExcelTarget;
}

export interface PrintOutcome {
  /** Sheet names set up ("(active)" for the active sheet). */
  applied: string[];
  /** Chosen sheets not in the workbook. */
  absent: string[];
  syncs: number;
  /** What Excel did not take (fit to 1 page wide, OfficeDev/office-js#1860) and what to do. */
  warnings: Text[];
  /** Points actually set, for the page's confirmation line. */
  marginsPt: { top: number; bottom: number; left: number; right: number };
}

/** Anything a service throws that the page can show as-is. */
export interface TextError {
  text: Text;
}

// ---------------------------------------------------------------------------------------------
// History: a consolidation recorded into the book; trends and the review pack

export interface RecordRequest {
  /** The consolidation to record (the page's latest). */
  result: ConsolidationResult;
  /** Today's date: a report date equal to it keeps the live =TODAY() on "Theo dõi". */
  today: IsoDate;
  soonDays?: number;
  excel?: ExcelTarget;
  onProgress?: (done: number, total: number) => void;
}

export type RecordOutcome =
  /** Browser page with the built-in plan: there is no book to record into. */
  | { kind: "no-book"; text: Text }
  /** Browser page: the picked book with the period recorded, under the same name. */
  | { kind: "download"; download: Download; rows: number; notes: Text[]; problems: Text[] }
  /** Excel mode: "Lịch sử", "Xu hướng" and "Theo dõi" written into the open workbook. */
  | { kind: "excel"; report: ExcelWriteReport; rows: number; notes: Text[]; problems: Text[] };

/** One recorded period's figures, as "Xu hướng" counts them, with the period's name. */
export interface PeriodFigures extends PeriodTrend {
  label: Text;
}

export type TrendsOutcome =
  | { kind: "no-book"; text: Text }
  | { kind: "trends"; source: Text; periods: PeriodFigures[]; rows: number; problems: Text[] };

export interface ReviewRequest {
  /** The periods that ended by this date. */
  until: IsoDate;
  excel?: ExcelTarget;
  onProgress?: (done: number, total: number) => void;
}

export type ReviewOutcome =
  | { kind: "download"; download: Download; periods: string[] }
  | { kind: "excel"; report: ExcelWriteReport; periods: string[] };
