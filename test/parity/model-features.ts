/**
 * Every field and variant of the workbook description (src/workbook/model.ts), declared so that the
 * type checker rejects this file as soon as the model gains a field or a variant that is not listed
 * here. From these declarations `modelFeatures()` derives the flat feature names in the naming scheme
 * of src/excel/features.ts: `Type.field`, `Type.group.field`, `Type.field=variant`, `Union=variant`.
 */
import type {
  CellValue,
  Cell,
  Chart,
  Column,
  ConditionalFormat,
  DefinedName,
  DifferentialStyle,
  PrintSetup,
  Protection,
  Row,
  Sheet,
  Style,
  Table,
  Validation,
  WorkbookSpec,
} from "../../src/workbook/model";

type Primitive = string | number | boolean | null | undefined;

/** The model's named object types; a field of one of these types may refer to it instead of listing its fields. */
interface NamedTypes {
  WorkbookSpec: WorkbookSpec;
  Sheet: Sheet;
  Row: Row;
  Cell: Cell;
  Column: Column;
  Style: Style;
  DifferentialStyle: DifferentialStyle;
  Validation: Validation;
  ConditionalFormat: ConditionalFormat;
  Table: Table;
  Chart: Chart;
  Protection: Protection;
  PrintSetup: PrintSetup;
  DefinedName: DefinedName;
}

/** The name of the named type that is exactly V (never when there is none). */
type NameOf<V> = {
  [N in keyof NamedTypes]: [NamedTypes[N]] extends [V] ? ([V] extends [NamedTypes[N]] ? N : never) : never;
}[keyof NamedTypes];

/** A field that is a feature of its own: `Type.field`. */
export const OWN = "own";
/** A field observed as part of the enclosing feature (e.g. one margin of `PrintSetup.marginsMm`). */
export const IN_PARENT = "inParent";
type Own = typeof OWN;
type InParent = typeof IN_PARENT;

/** A field whose string values are features of their own: `Type.field=value`. */
export interface Variants<V extends string> {
  variants: Record<V, true>;
}

/**
 * An object field: its fields are listed one by one (so a new one fails the type check), and
 * `self` says whether the field itself is a feature (`PrintSetup.header`) besides its listed parts.
 */
export interface Group<V> {
  self: boolean;
  fields: FieldsOf<V>;
}

/** An object field of a named model type: a feature of its own; that type's fields are listed under its name. */
export interface Ref<N extends keyof NamedTypes> {
  ref: N;
}

/**
 * How one field may be declared. Objects must be a Group (or a Ref to their named type); only
 * arrays, dictionaries and mixed unions (number | {date}) may be listed as a whole.
 */
export type FieldOf<V> = [V] extends [Primitive]
  ? [V] extends [string]
    ? string extends V
      ? Own | InParent
      : Own | InParent | Variants<V>
    : Own | InParent
  : [V] extends [readonly unknown[]]
    ? Own | InParent
    : [V] extends [object]
      ? string extends keyof V
        ? Own | InParent
        : Group<V> | ([NameOf<V>] extends [never] ? never : Ref<NameOf<V>>)
      : Own | InParent;

/** Every field of T, optional ones included (`-?`). */
export type FieldsOf<T> = { [K in keyof T]-?: FieldOf<NonNullable<T[K]>> };

/** CellValue members by the name their feature carries (`CellValue=date`); an unnamed new member is not a key type. */
type CellValueName<V> = V extends null
  ? "null"
  : V extends string
    ? "string"
    : V extends number
      ? "number"
      : V extends boolean
        ? "boolean"
        : V extends { date: unknown }
          ? "date"
          : V extends { formula: unknown }
            ? "formula"
            : V;
type CellValueNames = CellValueName<CellValue>;
type CellValueMember<N> = CellValue extends infer V
  ? V extends unknown
    ? CellValueName<V> extends N
      ? V
      : never
    : never
  : never;
/** Fields of an object member of CellValue (`CellValue=formula.result`); null for scalars. */
type CellValueVariants = {
  [N in CellValueNames]: CellValueMember<N> extends object ? FieldsOf<CellValueMember<N>> : null;
};

type ConditionalFormatVariants = {
  [K in ConditionalFormat["kind"]]: FieldsOf<Extract<ConditionalFormat, { kind: K }>>;
};

export const WORKBOOK_SPEC: FieldsOf<WorkbookSpec> = {
  properties: {
    self: false,
    fields: { title: OWN, subject: OWN, creator: OWN, company: OWN, description: OWN, keywords: OWN },
  },
  customProperties: OWN,
  defaultFont: { self: true, fields: { name: IN_PARENT, size: IN_PARENT } },
  styles: OWN,
  sheets: OWN,
  definedNames: OWN,
  activeSheet: OWN,
};

export const SHEET: FieldsOf<Sheet> = {
  name: OWN,
  visibility: OWN,
  tabColor: OWN,
  columns: OWN,
  rows: OWN,
  merges: OWN,
  validations: OWN,
  conditionalFormats: OWN,
  tables: OWN,
  charts: OWN,
  protection: { ref: "Protection" },
  print: { ref: "PrintSetup" },
  freeze: { self: true, fields: { rows: IN_PARENT, columns: IN_PARENT } },
  showGridLines: OWN,
};

export const COLUMN: FieldsOf<Column> = { width: OWN, hidden: OWN };
export const ROW: FieldsOf<Row> = { height: OWN, fit: OWN, cells: OWN };
export const CELL: FieldsOf<Cell> = { value: OWN, style: OWN };

export const CELL_VALUE: CellValueVariants = {
  null: null,
  string: null,
  number: null,
  boolean: null,
  date: { date: IN_PARENT },
  formula: { formula: IN_PARENT, result: OWN },
};

export const STYLE: FieldsOf<Style> = {
  font: {
    self: false,
    fields: { name: OWN, size: OWN, bold: OWN, italic: OWN, underline: OWN, color: OWN },
  },
  fill: OWN,
  alignment: { self: false, fields: { horizontal: OWN, vertical: OWN, wrap: OWN, indent: OWN } },
  border: OWN,
  numberFormat: OWN,
  locked: OWN,
};

export const DIFFERENTIAL_STYLE: FieldsOf<DifferentialStyle> = {
  font: { self: false, fields: { bold: OWN, italic: OWN, color: OWN } },
  fill: OWN,
};

export const VALIDATION: FieldsOf<Validation> = {
  range: OWN,
  type: { variants: { list: true, date: true, decimal: true, whole: true, textLength: true } },
  list: OWN,
  operator: OWN,
  min: OWN,
  max: OWN,
  allowBlank: OWN,
  prompt: { self: true, fields: { title: IN_PARENT, message: IN_PARENT } },
  error: { self: true, fields: { title: IN_PARENT, message: IN_PARENT, style: IN_PARENT } },
};

export const CONDITIONAL_FORMAT: ConditionalFormatVariants = {
  expression: {
    kind: { variants: { expression: true } },
    range: OWN,
    formula: OWN,
    style: { ref: "DifferentialStyle" },
    stopIfTrue: OWN,
  },
  dataBar: { kind: { variants: { dataBar: true } }, range: OWN, color: OWN, min: OWN, max: OWN },
};

export const TABLE: FieldsOf<Table> = { name: OWN, range: OWN, style: OWN, showRowStripes: OWN };

export const PROTECTION: FieldsOf<Protection> = {
  password: OWN,
  allow: {
    self: false,
    fields: {
      selectLockedCells: OWN,
      selectUnlockedCells: OWN,
      formatColumns: OWN,
      formatRows: OWN,
      sort: OWN,
      autoFilter: OWN,
    },
  },
};

export const PRINT_SETUP: FieldsOf<PrintSetup> = {
  paper: OWN,
  orientation: OWN,
  marginsMm: {
    self: true,
    fields: {
      top: IN_PARENT,
      bottom: IN_PARENT,
      left: IN_PARENT,
      right: IN_PARENT,
      header: IN_PARENT,
      footer: IN_PARENT,
    },
  },
  fitToWidth: OWN,
  repeatRows: { self: true, fields: { first: IN_PARENT, last: IN_PARENT } },
  area: OWN,
  centerHorizontally: OWN,
  header: { self: true, fields: { center: IN_PARENT, firstPageDifferent: OWN } },
  footer: { self: true, fields: { center: IN_PARENT } },
};

/** A chart is observed whole (its anchor, title, source, series kinds, colours and axis format together). */
export const CHART: FieldsOf<Chart> = {
  anchor: IN_PARENT,
  title: IN_PARENT,
  source: IN_PARENT,
  stacked: IN_PARENT,
  colors: IN_PARENT,
  lineAxisFormat: IN_PARENT,
};

export const DEFINED_NAME: FieldsOf<DefinedName> = { name: OWN, formula: OWN, hidden: OWN };

/** Exported type names of model.ts that are plain aliases of scalars (no fields, no variants of their own). */
export const SCALAR_ALIASES = ["Color", "RangeRef", "BorderLine"] as const;

type AnyField =
  Own | InParent | { variants: Record<string, true> } | { self: boolean; fields: object } | { ref: string };

function isVariants(f: AnyField): f is { variants: Record<string, true> } {
  return typeof f === "object" && "variants" in f;
}
function isGroup(f: AnyField): f is { self: boolean; fields: object } {
  return typeof f === "object" && "fields" in f;
}

function walk(prefix: string, fields: object, out: string[]): void {
  for (const [key, field] of Object.entries(fields) as [string, AnyField][]) {
    const name = `${prefix}.${key}`;
    if (field === IN_PARENT) continue;
    if (field === OWN || (typeof field === "object" && "ref" in field)) out.push(name);
    else if (isVariants(field)) for (const v of Object.keys(field.variants)) out.push(`${name}=${v}`);
    else if (isGroup(field)) {
      if (field.self) out.push(name);
      walk(name, field.fields, out);
    }
  }
}

/** The model types whose fields are declared here (every object type of model.ts). */
export const DECLARED_TYPES: Record<keyof NamedTypes | "CellValue", true> = {
  WorkbookSpec: true,
  Sheet: true,
  Row: true,
  Cell: true,
  CellValue: true,
  Column: true,
  Style: true,
  DifferentialStyle: true,
  Validation: true,
  ConditionalFormat: true,
  Table: true,
  Chart: true,
  Protection: true,
  PrintSetup: true,
  DefinedName: true,
};

/** Flat feature names, in the naming scheme of RENDERED_FEATURES, without duplicates. */
export function modelFeatures(): string[] {
  const out: string[] = [];
  walk("WorkbookSpec", WORKBOOK_SPEC, out);
  walk("Sheet", SHEET, out);
  walk("Column", COLUMN, out);
  walk("Row", ROW, out);
  walk("Cell", CELL, out);
  for (const [variant, fields] of Object.entries(CELL_VALUE) as [string, object | null][]) {
    out.push(`CellValue=${variant}`);
    if (fields) walk(`CellValue=${variant}`, fields, out);
  }
  walk("Style", STYLE, out);
  walk("DifferentialStyle", DIFFERENTIAL_STYLE, out);
  walk("Validation", VALIDATION, out);
  // Union members share the type's name: a field common to several variants is one feature.
  for (const fields of Object.values(CONDITIONAL_FORMAT)) walk("ConditionalFormat", fields, out);
  walk("Table", TABLE, out);
  walk("Chart", CHART, out);
  walk("Protection", PROTECTION, out);
  walk("PrintSetup", PRINT_SETUP, out);
  walk("DefinedName", DEFINED_NAME, out);
  return [...new Set(out)];
}
