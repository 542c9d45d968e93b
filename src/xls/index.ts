/**
 * readXls: an Excel 97–2003 workbook (.xls, BIFF8 in an OLE2 compound file) → the same ReadWorkbook
 * the .xlsx and .ods readers give, so every later stage treats it alike.
 *
 * Library choice: `@e965/xlsx` 0.20.3, a maintained republication of SheetJS CE 0.20.3 on npm. The
 * npm `xlsx` package stopped at 0.18.5, which has two known CVEs on untrusted input
 * (CVE-2023-30533 prototype pollution, CVE-2024-22363 ReDoS), both fixed in 0.20.x. BIFF8 is a large
 * format (shared formulas, SST continuation records, code pages); a hand-written record reader on
 * top of `cfb` would be less tested than SheetJS's. The library is big (~900 KB), so it is loaded by
 * a dynamic import only when an .xls actually arrives: webpack puts it in its own chunk (never in
 * the page's initial JavaScript), the CLI bundle leaves it external (required from node_modules on
 * first use), and nothing else in the program sees its types.
 *
 * Limits: the file size is checked before the library sees the bytes, the rows it parses are capped
 * (`sheetRows`), and the cells it produced are counted against the same maxCells as the other
 * readers. Macros (VBA) and formulas are never run: only cached values are taken.
 */
import { readErrors, XlsxReadError } from "../xlsx/read/errors";
import { isOle2, ole2EntryNames, ole2Kind } from "../xlsx/read/detect";
import {
  DEFAULT_LIMITS,
  sheetLookup,
  type ReadCell,
  type ReadDefinedName,
  type ReadLimits,
  type ReadOptions,
  type ReadSheet,
  type ReadWorkbook,
} from "../xlsx/read/types";

type SheetJs = typeof import("@e965/xlsx");

let loading: Promise<SheetJs> | undefined;

/** The library, loaded once, on the first .xls. */
function sheetJs(): Promise<SheetJs> {
  loading ??= import("@e965/xlsx").catch((e: unknown) => {
    loading = undefined; // a failed chunk download may succeed on the next file
    throw e;
  });
  return loading;
}

/** True for the bytes readXls is for: an OLE2 file holding a Workbook/Book stream (not an encrypted .xlsx). */
export function isXls(bytes: Uint8Array): boolean {
  return isOle2(bytes) && ole2Kind(bytes) === "xls";
}

/** Excel's "unset" date in the OLE property sets is 1601-01-01: not a save time. */
function realDate(v: unknown): string | undefined {
  if (v instanceof Date) v = v.toISOString();
  if (typeof v !== "string" || v === "" || v.startsWith("1601-")) return undefined;
  return Number.isNaN(Date.parse(v)) ? undefined : v;
}

function text(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/** Bytes of an .xls → plain data. Every failure is an XlsxReadError naming what is wrong. */
export async function readXls(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadWorkbook> {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (bytes.length === 0) throw readErrors.empty();
  if (bytes.length > limits.maxFileBytes) throw readErrors.tooLarge(bytes.length, limits.maxFileBytes);
  if (!isOle2(bytes)) throw readErrors.unknown();
  const kind = ole2Kind(bytes);
  if (kind === "encrypted") throw readErrors.encrypted();
  if (kind !== "xls") throw readErrors.unknown();
  let X: SheetJs;
  try {
    X = await sheetJs();
  } catch (e) {
    throw readErrors.xlsUnavailable(e instanceof Error ? e.message : String(e));
  }
  let wb: ReturnType<SheetJs["read"]>;
  try {
    wb = X.read(bytes, {
      type: "array",
      cellFormula: true,
      cellNF: true,
      cellDates: false,
      cellHTML: false,
      cellStyles: false,
      bookVBA: false,
      // A form has a few dozen rows; this caps what a hostile file can make the parser build.
      sheetRows: Math.min(1_048_576, limits.maxCells),
      WTF: false,
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(message)) throw readErrors.encrypted();
    throw readErrors.corrupt("xls", message);
  }
  try {
    return convert(
      X,
      wb,
      limits,
      options,
      (ole2EntryNames(bytes) ?? []).some((n) => /vba/i.test(n)),
    );
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    throw readErrors.corrupt("xls", e instanceof Error ? e.message : String(e));
  }
}

function convert(
  X: SheetJs,
  wb: ReturnType<SheetJs["read"]>,
  limits: ReadLimits,
  options: ReadOptions,
  hasMacros: boolean,
): ReadWorkbook {
  let budget = 0;
  const sheets: ReadSheet[] = [];
  const meta = wb.Workbook?.Sheets ?? [];
  wb.SheetNames.forEach((name, i) => {
    if (options.sheetFilter && !options.sheetFilter(name)) return;
    const ws = wb.Sheets[name];
    const hidden = meta[i]?.Hidden ?? 0;
    const cells: ReadCell[] = [];
    let maxRow = 0;
    let maxCol = 0;
    if (ws) {
      for (const key of Object.keys(ws)) {
        if (key.startsWith("!")) continue;
        const c = ws[key] as { t?: string; v?: unknown; f?: string; z?: unknown; w?: string } | undefined;
        if (!c || c.t === "z" || c.t === undefined) continue;
        const at = X.utils.decode_cell(key);
        let kind: ReadCell["kind"];
        let value: ReadCell["value"];
        if (c.t === "n" && typeof c.v === "number" && Number.isFinite(c.v)) ((kind = "number"), (value = c.v));
        else if (c.t === "b") ((kind = "boolean"), (value = c.v === true));
        else if (c.t === "e") ((kind = "error"), (value = c.w ?? "#VALUE!"));
        else if (c.t === "s") ((kind = "string"), (value = typeof c.v === "string" ? c.v : String(c.v ?? "")));
        else continue;
        if (++budget > limits.maxCells) throw readErrors.tooManyCells(limits.maxCells, `xls ${name}`);
        const row = at.r + 1;
        const col = at.c + 1;
        const numFmt = typeof c.z === "string" && c.z !== "General" ? c.z : undefined;
        const cell: ReadCell = {
          ref: X.utils.encode_cell(at),
          row,
          col,
          kind,
          value,
          isDate: kind === "number" && numFmt !== undefined && X.SSF.is_date(numFmt),
          // BIFF keeps protection in the XF records, which this read does not expose; Excel's default.
          locked: true,
        };
        if (numFmt !== undefined) cell.numFmt = numFmt;
        if (typeof c.f === "string" && c.f !== "") cell.formula = c.f;
        cells.push(cell);
        if (row > maxRow) maxRow = row;
        if (col > maxCol) maxCol = col;
      }
    }
    cells.sort((a, b) => a.row - b.row || a.col - b.col);
    const merges = (ws?.["!merges"] ?? []).map((m) => X.utils.encode_range(m));
    let index: Map<string, ReadCell> | undefined;
    sheets.push({
      name,
      state: hidden === 2 ? "veryHidden" : hidden === 1 ? "hidden" : "visible",
      cells,
      merges,
      validations: [],
      protection: ws?.["!protect"] ? { sheet: true, hasPassword: false } : null,
      maxRow,
      maxCol,
      cell(ref: string): ReadCell | undefined {
        if (!index) index = new Map(cells.map((c) => [c.ref, c] as const));
        return index.get(ref.replace(/\$/g, "").toUpperCase());
      },
    });
  });
  const definedNames: ReadDefinedName[] = (wb.Workbook?.Names ?? []).map((n) => {
    const d: ReadDefinedName = { name: n.Name, formula: n.Ref, hidden: (n as { Hidden?: unknown }).Hidden === true };
    if (typeof n.Sheet === "number") d.localSheetId = n.Sheet;
    return d;
  });
  const customProperties: Record<string, string> = {};
  for (const [k, v] of Object.entries((wb.Custprops ?? {}) as Record<string, unknown>)) {
    if (k === "__proto__") continue;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") customProperties[k] = String(v);
  }
  const props = (wb.Props ?? {}) as Record<string, unknown>;
  const core: ReadWorkbook["core"] = {};
  const title = text(props.Title);
  const creator = text(props.Author);
  const lastModifiedBy = text(props.LastAuthor);
  const created = realDate(props.CreatedDate);
  const modified = realDate(props.ModifiedDate);
  if (title) core.title = title;
  if (creator) core.creator = creator;
  if (lastModifiedBy) core.lastModifiedBy = lastModifiedBy;
  if (created) core.created = created;
  if (modified) core.modified = modified;
  const app: ReadWorkbook["app"] = {};
  const application = text(props.Application);
  if (application) app.application = application;
  return {
    format: "xls",
    sheets,
    sheet: sheetLookup(sheets),
    definedNames,
    customProperties,
    app,
    core,
    // Never run; noted like an .xlsm's.
    hasMacros,
  };
}
