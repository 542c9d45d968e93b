/**
 * A declarative description of a workbook. Builders (appendix, tracking, forms, consolidation)
 * produce it from the plan; renderers (the .xlsx writer, the Office.js writer) only translate it.
 * Nothing about a sheet is decided inside a renderer: if a renderer needs a value, it belongs here.
 * No Office or library types.
 */
import type { IsoDate } from "../plan/types";

/** Colour as "RRGGBB" hex, no "#". */
export type Color = string;

/** An A1 range on the same sheet, e.g. "B5:B21" or "A1". */
export type RangeRef = string;

export type BorderLine = "thin" | "medium" | "dotted";

export interface Style {
  font?: { name?: string; size?: number; bold?: boolean; italic?: boolean; underline?: boolean; color?: Color };
  /** Solid background. */
  fill?: Color;
  alignment?: {
    horizontal?: "left" | "center" | "right" | "justify";
    vertical?: "top" | "center" | "bottom";
    wrap?: boolean;
    indent?: number;
  };
  /** The same line on all four sides. */
  border?: BorderLine;
  /** Excel number format code, e.g. "dd/mm/yyyy", "0%", "@". */
  numberFormat?: string;
  /** Excel's default is locked; only input cells set this to false. */
  locked?: boolean;
}

/** Style for a conditional format: what Excel lets a rule change. */
export interface DifferentialStyle {
  font?: { bold?: boolean; italic?: boolean; color?: Color };
  fill?: Color;
}

/** Cell values. Dates are calendar dates; renderers turn them into serial numbers with a date format. */
export type CellValue =
  null | string | number | boolean | { date: IsoDate } | { formula: string; result?: string | number | boolean | null };

export interface Cell {
  value: CellValue;
  /** A key of WorkbookSpec.styles. */
  style?: string;
}

export interface Row {
  /** Points; omitted = the program's default height. */
  height?: number;
  /**
   * The row stays "automatic height": `height` (if any) is only a starting estimate, and the program
   * refits the row as text is typed (Excel, WPS) or when LibreOffice loads its own save. For rows
   * that take input; a row without it keeps its height fixed (customHeight).
   */
  fit?: boolean;
  /** Column A first; may be shorter than the sheet's width; null = empty and unstyled. */
  cells: (Cell | null)[];
}

export interface Column {
  /** Width in characters of the default font, as Excel shows it. */
  width: number;
  hidden?: boolean;
}

export interface Validation {
  range: RangeRef;
  type: "list" | "date" | "decimal" | "whole" | "textLength";
  /** For "list": the allowed entries, written inline (no references to other sheets). */
  list?: string[];
  operator?: "between" | "greaterThanOrEqual" | "lessThanOrEqual";
  /** Bounds: numbers, or dates for type "date". */
  min?: number | { date: IsoDate };
  max?: number | { date: IsoDate };
  allowBlank: boolean;
  prompt?: { title: string; message: string };
  error: { title: string; message: string; style: "stop" | "warning" | "information" };
}

export type ConditionalFormat =
  /** `formula` is relative to the range's top-left cell, e.g. `$H5="Quá hạn"`. */
  | { kind: "expression"; range: RangeRef; formula: string; style: DifferentialStyle; stopIfTrue?: boolean }
  /** Data bar from 0 (or min) to max, solid colour. */
  | { kind: "dataBar"; range: RangeRef; color: Color; min?: number; max?: number };

export interface Table {
  /** Workbook-unique name, letters/digits/underscore. */
  name: string;
  /** Header row included. */
  range: RangeRef;
  style: string;
  showRowStripes: boolean;
}

/**
 * A native chart over a block of this sheet: the header row names the series, the first column
 * holds the categories, each further column is one series. The first `stacked` series are drawn as
 * stacked columns, the others as lines on a secondary axis (rates beside counts).
 */
export interface Chart {
  /** The cells the chart covers, e.g. "A16:K36" (it floats over them). */
  anchor: RangeRef;
  title: string;
  /** Header row on top, categories in the first column, e.g. "A4:H13". */
  source: RangeRef;
  stacked: number;
  /** One colour per series, in column order. */
  colors: Color[];
  /** Number format of the secondary (line) axis, e.g. "0%". */
  lineAxisFormat: string;
}

export interface Protection {
  /** Optional password; empty or absent = protection without password (easy to lift, hard to break by accident). */
  password?: string;
  allow: {
    selectLockedCells: boolean;
    selectUnlockedCells: boolean;
    formatColumns: boolean;
    formatRows: boolean;
    sort: boolean;
    autoFilter: boolean;
  };
}

/** Print setup in the units officials read in regulations (mm, A4). */
export interface PrintSetup {
  paper: "A4";
  orientation: "landscape" | "portrait";
  marginsMm: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  /** Fit all columns on one page width; height flows over as many pages as needed. */
  fitToWidth: boolean;
  /** 1-based rows repeated at the top of every printed page (the table header). */
  repeatRows?: { first: number; last: number };
  area?: RangeRef;
  centerHorizontally: boolean;
  /**
   * Header/footer in Excel's code language ("&P" page number, "&N" pages). `firstPageDifferent`
   * leaves page 1 bare (page numbers from page 2, as Vietnamese documents are numbered).
   */
  header?: { center: string; firstPageDifferent: boolean };
  footer?: { center: string };
}

export interface Sheet {
  name: string;
  visibility: "visible" | "hidden" | "veryHidden";
  tabColor?: Color;
  columns: Column[];
  rows: Row[];
  merges: RangeRef[];
  validations: Validation[];
  conditionalFormats: ConditionalFormat[];
  tables: Table[];
  /** Native charts; absent = none. */
  charts?: Chart[];
  protection?: Protection;
  print?: PrintSetup;
  /** Rows/columns frozen at the top/left while scrolling. */
  freeze?: { rows: number; columns: number };
  showGridLines: boolean;
}

export interface DefinedName {
  name: string;
  /** A formula without "=": a reference ("'Sheet'!$A$1") or a constant ("\"text\""). */
  formula: string;
  hidden: boolean;
}

export interface WorkbookSpec {
  properties: {
    title: string;
    subject: string;
    creator: string;
    company?: string;
    description?: string;
    keywords?: string;
  };
  /** Custom document properties (File › Properties › Custom): part of a form's identity. */
  customProperties: Record<string, string>;
  /** The workbook's base font (Excel's "Normal" style): every cell without its own font uses it. */
  defaultFont: { name: string; size: number };
  styles: Record<string, Style>;
  sheets: Sheet[];
  definedNames: DefinedName[];
  /** Sheet index shown when the file opens. */
  activeSheet: number;
}
