/** Public shapes of the .xlsx reader: plain data, nothing live. */

import type { Relationship } from "./package";
import type { ZipArchive } from "./zip";

export type InputFormat = "xlsx" | "xlsm" | "xls" | "ods" | "encrypted" | "zip" | "text" | "empty" | "unknown";

export interface ReadCell {
  /** "B7" — normalised (upper case, no "$"). */
  ref: string;
  row: number;
  col: number;
  kind: "string" | "number" | "boolean" | "error";
  /** From the cached value only; formulas are never evaluated. Dates are Excel serials (1900 system). */
  value: string | number | boolean;
  formula?: string;
  /** Number format code; absent for "General". */
  numFmt?: string;
  /** A numeric cell with a date/time number format (or a t="d" cell). */
  isDate: boolean;
  /** Effective cellXfs protection; Excel's default is locked. */
  locked: boolean;
}

export interface ReadValidation {
  sqref: string;
  type: string;
  operator?: string;
  formula1?: string;
  formula2?: string;
  allowBlank: boolean;
  showErrorMessage: boolean;
  promptTitle?: string;
  prompt?: string;
  /** Came from the x14 extension list (Excel writes list sources on other sheets there). */
  x14?: boolean;
}

export interface ReadSheet {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  /** Cells holding a value (or a formula), row-major. */
  cells: ReadCell[];
  cell(ref: string): ReadCell | undefined;
  merges: string[];
  validations: ReadValidation[];
  protection: { sheet: boolean; hasPassword: boolean } | null;
  maxRow: number;
  maxCol: number;
}

export interface ReadDefinedName {
  name: string;
  formula: string;
  localSheetId?: number;
  hidden: boolean;
}

export interface ReadWorkbook {
  /** "ods" and "xls" are converted into this same shape (ods.ts; src/xls for the old binary format). */
  format: "xlsx" | "xlsm" | "ods" | "xls";
  /** The sheets that were read (all of them unless ReadOptions.sheetFilter says otherwise), in workbook order. */
  sheets: ReadSheet[];
  sheet(name: string): ReadSheet | undefined;
  definedNames: ReadDefinedName[];
  customProperties: Record<string, string>;
  app: { application?: string; appVersion?: string };
  core: { title?: string; creator?: string; lastModifiedBy?: string; created?: string; modified?: string };
  hasMacros: boolean;
  /**
   * .xlsx/.xlsm: the package as read, for a caller that reads a part itself (a book's history index).
   * Not enumerable: copies, comparisons and JSON of a read workbook see plain data only.
   */
  package?: ReadPackage;
}

/** The zip and what its sheets were read with. */
export interface ReadPackage {
  zip: ZipArchive;
  sharedStrings: readonly string[];
  date1904: boolean;
  /** Every sheet's part (also those the sheetFilter left out), by sheet name. */
  sheetParts: ReadonlyMap<string, string>;
  /** The workbook part's relationships, targets resolved. */
  workbookRels: readonly Relationship[];
}

export interface ReadLimits {
  /** Size of the .xlsx itself, checked before anything is unzipped. */
  maxFileBytes: number;
  /** Entries in the zip's central directory. */
  maxEntries: number;
  /** Actually inflated bytes of one part. */
  maxEntryBytes: number;
  /** Actually inflated bytes of all parts read. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed, enforced once a part has inflated past 1 MiB. */
  maxRatio: number;
  /** <c> elements in all sheets read. */
  maxCells: number;
}

/**
 * A native raw-deflate decoder (Node: zlib.inflateRawSync with maxOutputLength = maxOutput). It must
 * never produce more than `maxOutput` bytes — the most the limits allow for this part, plus one — and
 * throw instead; any throw sends the part through the built-in counting decoder, which then says
 * precisely what is wrong (zip bomb or damage). The limits are checked on what it returns.
 */
export type InflateRaw = (compressed: Uint8Array, maxOutput: number) => Uint8Array;

export interface ReadOptions {
  /** Only sheets whose name passes are inflated and returned. */
  sheetFilter?: (name: string) => boolean;
  limits?: Partial<ReadLimits>;
  /**
   * Only what reading cell values needs: data validations (incl. the sheets' extension lists, where
   * Excel keeps x14 validations) are passed over unparsed and `validations` comes back empty.
   */
  valuesOnly?: boolean;
  /** Faster decompression where the platform has it natively; absent → the built-in decoder (browser). */
  inflateRaw?: InflateRaw;
  /**
   * A very large sheet read without holding a cell object per cell: when this gives a function for a
   * sheet, its cells are handed to it one by one in the order the file stores them and the sheet's
   * `cells` stays empty. Merges and limits as usual.
   */
  cellSink?: (sheetName: string) => CellSink | undefined;
}

export interface CellSink {
  cell(cell: ReadCell): void;
  /** Forget the cells given so far: they are all given again, from the first (a fast path gave up). */
  restart(): void;
}

export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: 50 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 100,
  maxCells: 1_000_000,
});

/** A workbook's sheet lookup: the exact name first, then any case (Excel's names are case-blind). */
export function sheetLookup(sheets: readonly ReadSheet[]): (name: string) => ReadSheet | undefined {
  const byName = new Map<string, ReadSheet>();
  for (const s of sheets) {
    if (!byName.has(s.name)) byName.set(s.name, s);
    const lower = s.name.toLowerCase();
    if (!byName.has(lower)) byName.set(lower, s);
  }
  return (name) => byName.get(name) ?? byName.get(name.toLowerCase());
}
