/**
 * Writes a WorkbookSpec into the workbook open in Excel (the add-in path).
 *
 * Round trips: 1 sync reads the existing sheet/table/name lists; the write phase queues every
 * operation and syncs once per request batch (one batch unless the payload exceeds
 * `maxRequestBytes`); 1 sync swaps the new sheets into place. The count depends on payload bytes
 * only, never on the number of rows, cells or sheets as such.
 *
 * Safety: new sheets are written under unique temporary names while the previous sheets stay
 * untouched. Only after every write batch succeeded are the previous owned sheets deleted and the
 * new ones renamed (Excel rewrites formulas pointing at the temporary names). If Excel fails during
 * the write, the temporary sheets are removed (best effort) and the workbook is as before. Sheets
 * that are neither owned nor named in the spec are never touched.
 */
import { both, type Text } from "../i18n";
import type { WorkbookSpec } from "../workbook/model";
import {
  activeSheetOp,
  batchOps,
  definedNameOps,
  Notes,
  type Op,
  planWrite,
  propertyOps,
  type RunTargets,
  visibilityOps,
} from "./plan";
import { nameKey } from "./refs";
import { type ExcelFeature, missingFeatures, missingFeaturesSummary, officeIsSetSupported } from "./requirements";

/** Excel on the web rejects requests over 5 MB; keep a margin for what the estimate misses. */
export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

export interface RenderOptions {
  /**
   * Sheet names the add-in owns: re-running replaces them; other sheets are never touched. The
   * spec's own sheet names always count as owned (a new sheet cannot take a name that is in use).
   */
  ownedSheets?: string[];
  onProgress?: (done: number, total: number) => void;
  /** Default ~4 MB, under Excel on the web's 5 MB limit. */
  maxRequestBytes?: number;
  /** Requirement-set check; defaults to Office.context.requirements.isSetSupported (all supported outside Office). */
  isSetSupported?: (set: string, version: string) => boolean;
}

export interface RenderResult {
  /** Final sheet names, in spec order. */
  sheets: string[];
  /** `context.sync()` round trips made. */
  syncs: number;
  warnings: Text[];
}

export class ExcelRenderError extends Error {
  constructor(
    readonly text: Text,
    override readonly cause?: unknown,
  ) {
    super(both(text));
    this.name = "ExcelRenderError";
  }
}

function describe(e: unknown): string {
  if (e instanceof ExcelRenderError) return e.text.en;
  if (e && typeof e === "object") {
    const o = e as { code?: unknown; message?: unknown };
    const message = typeof o.message === "string" ? o.message : String(e);
    return typeof o.code === "string" && o.code && !message.includes(o.code) ? `${o.code}: ${message}` : message;
  }
  return String(e);
}

const INVALID_SHEET_CHARS = /[\\/?*[\]:]/;

/** Sheet names Excel would refuse fail here, before anything is written. */
function checkSpec(spec: WorkbookSpec): void {
  if (spec.sheets.length === 0) {
    throw new ExcelRenderError({
      vi: "Sổ không có trang tính nào để ghi.",
      en: "The workbook has no sheets to write.",
    });
  }
  const seen = new Set<string>();
  for (const sheet of spec.sheets) {
    const name = sheet.name;
    const bad =
      name.trim() === "" ||
      name.length > 31 ||
      INVALID_SHEET_CHARS.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'");
    if (bad) {
      throw new ExcelRenderError({
        vi: `Tên trang tính "${name}" không hợp lệ trong Excel (tối đa 31 ký tự, không có \\ / ? * [ ] :).`,
        en: `Sheet name "${name}" is not valid in Excel (at most 31 characters, none of \\ / ? * [ ] :).`,
      });
    }
    const key = nameKey(name);
    if (seen.has(key)) {
      throw new ExcelRenderError({
        vi: `Tên trang tính "${name}" bị trùng.`,
        en: `Sheet name "${name}" is used twice.`,
      });
    }
    seen.add(key);
  }
}

function randomToken(): string {
  return Math.random().toString(36).slice(2, 8).padEnd(6, "0");
}

interface ExistingSheet {
  id: string;
  name: string;
  visibility: string;
  position: number;
}

export async function renderToExcel(
  context: Excel.RequestContext,
  spec: WorkbookSpec,
  options: RenderOptions = {},
): Promise<RenderResult> {
  const isSetSupported = options.isSetSupported ?? officeIsSetSupported();
  const missing = missingFeatures(isSetSupported);
  if (missing.some((m) => m.feature === "core")) {
    throw new ExcelRenderError(missingFeaturesSummary(missing) as Text);
  }
  checkSpec(spec);
  const missingSet = new Set<ExcelFeature>(missing.map((m) => m.feature));
  const notes = new Notes((f) => !missingSet.has(f));
  const maxBytes = Math.max(1024, options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES);
  let syncs = 0;
  const sync = async () => {
    await context.sync();
    syncs++;
  };
  const workbook = context.workbook;

  // --- 1. Read what is there (one round trip).
  const worksheets = workbook.worksheets;
  worksheets.load("items/id,items/name,items/visibility,items/position");
  const tables = workbook.tables;
  tables.load("items/name,items/worksheet/name");
  const names = workbook.names;
  names.load("items/name");
  try {
    await sync();
  } catch (e) {
    throw new ExcelRenderError(
      {
        vi: `Không đọc được danh sách trang tính của sổ đang mở (${describe(e)}). Sổ chưa bị thay đổi.`,
        en: `Could not read the open workbook's sheets (${describe(e)}). Nothing was changed.`,
      },
      e,
    );
  }
  const existing: ExistingSheet[] = worksheets.items.map((w) => ({
    id: w.id,
    name: w.name,
    visibility: w.visibility,
    position: w.position,
  }));
  const ownedKeys = new Set([...(options.ownedSheets ?? []), ...spec.sheets.map((s) => s.name)].map(nameKey));
  const oldOwned = existing.filter((s) => ownedKeys.has(nameKey(s.name)));
  const existingIds = new Set(existing.map((s) => s.id));
  const tableSheets = tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name }));
  const existingNames = names.items.map((n) => n.name);

  let token = randomToken();
  while (existing.some((s) => s.name.startsWith(`~${token}`))) token = randomToken();
  const prefix = `~${token}`;
  const tempSheetNames = spec.sheets.map((_, i) => `${prefix}-${i}`);
  const specTables = spec.sheets.flatMap((s) => s.tables);
  const tempTableNames = new Map(specTables.map((t, i) => [nameKey(t.name), `_${token}_${i}`]));
  const finalTableNames = resolveTableNames(
    specTables.map((t) => t.name),
    tableSheets,
    existingNames,
    ownedKeys,
    spec,
    notes,
  );

  // --- 2. Write into new temporary sheets, one round trip per request batch.
  const ops = planWrite(
    { spec, tempSheetNames, tempTableNames, supported: (f) => notes.can(f), chunkBytes: Math.floor(maxBytes / 4) },
    notes,
  );
  const batches = batchOps(ops, maxBytes);
  const total = 1 + batches.length + 1;
  options.onProgress?.(1, total);
  const targets: RunTargets = { workbook, sheets: [], tables: new Map() };
  try {
    // One sync per size-limited batch: the count grows with payload bytes only.
    for (const [i, batch] of batches.entries()) {
      for (const op of batch) op.run(targets);
      await sync();
      options.onProgress?.(2 + i, total);
    }
  } catch (e) {
    await removeSheets(context, (name) => name.startsWith(prefix));
    throw new ExcelRenderError(
      {
        vi: `Excel báo lỗi khi ghi sổ (${describe(e)}). Các trang tính cũ vẫn giữ nguyên, các trang tạm đã được xóa. Hãy thử lại hoặc tải tệp .xlsx.`,
        en: `Excel reported an error while writing the workbook (${describe(e)}). The existing sheets are unchanged and the temporary sheets were removed. Try again or download the .xlsx file.`,
      },
      e,
    );
  }

  // --- 3. Swap: delete the previous owned sheets, rename the new ones into place (one round trip).
  const swapOps: Op[] = [
    ...definedNameOps(spec, existingNames, notes),
    ...propertyOps(spec, notes),
    ...visibilityOps(spec),
    ...activeSheetOp(spec),
  ];
  try {
    for (const old of oldOwned) {
      const sheet = worksheets.getItem(old.name);
      // Excel does not delete (very) hidden sheets reliably; make them visible first.
      if (old.visibility !== "Visible") sheet.visibility = "Visible";
      sheet.delete();
    }
    spec.sheets.forEach((s, i) => {
      (targets.sheets[i] as Excel.Worksheet).name = s.name;
    });
    if (oldOwned.length > 0) {
      // The new sheets take the place of the first previous one rather than the end of the tab row.
      const first = Math.min(...oldOwned.map((s) => s.position));
      const base = existing.filter((s) => s.position < first && !ownedKeys.has(nameKey(s.name))).length;
      spec.sheets.forEach((_, i) => {
        (targets.sheets[i] as Excel.Worksheet).position = base + i;
      });
    }
    specTables.forEach((t, i) => {
      const table = targets.tables.get(nameKey(t.name));
      if (table) table.name = finalTableNames[i] as string;
    });
    for (const op of swapOps) op.run(targets);
    await sync();
  } catch (e) {
    const intact = await recoverSwap(context, prefix, oldOwned, existingIds, spec);
    throw new ExcelRenderError(
      intact
        ? {
            vi: `Excel báo lỗi khi thay các trang tính (${describe(e)}). Các trang tính cũ vẫn giữ nguyên. Hãy thử lại hoặc tải tệp .xlsx.`,
            en: `Excel reported an error while replacing the sheets (${describe(e)}). The existing sheets are unchanged. Try again or download the .xlsx file.`,
          }
        : {
            vi: `Excel báo lỗi khi thay các trang tính (${describe(e)}); việc thay mới chỉ làm được một phần. Hãy chạy lại để ghi đủ.`,
            en: `Excel reported an error while replacing the sheets (${describe(e)}); the replacement is incomplete. Run it again to finish.`,
          },
      e,
    );
  }
  options.onProgress?.(total, total);

  const warnings = [...notes.warnings, ...missing.filter((m) => notes.missing.has(m.feature)).map((m) => m.text)];
  return { sheets: spec.sheets.map((s) => s.name), syncs, warnings };
}

/**
 * Final table names. Tables on owned sheets disappear with them; a name held by a table on a user's
 * sheet, or by a defined name the spec does not replace, gets a numeric suffix and a warning.
 */
function resolveTableNames(
  wanted: string[],
  tables: { name: string; sheet: string }[],
  existingNames: string[],
  ownedKeys: Set<string>,
  spec: WorkbookSpec,
  notes: Notes,
): string[] {
  const specNames = new Set(spec.definedNames.map((d) => nameKey(d.name)));
  const taken = new Set([
    ...tables.filter((t) => !ownedKeys.has(nameKey(t.sheet))).map((t) => nameKey(t.name)),
    ...existingNames.filter((n) => !specNames.has(nameKey(n))).map(nameKey),
  ]);
  return wanted.map((name) => {
    if (!taken.has(nameKey(name))) {
      taken.add(nameKey(name));
      return name;
    }
    let k = 2;
    while (taken.has(nameKey(`${name}_${k}`))) k++;
    const chosen = `${name}_${k}`;
    taken.add(nameKey(chosen));
    notes.warn({
      vi: `Tên bảng "${name}" đã có trong sổ; bảng mới được đặt tên "${chosen}".`,
      en: `Table name "${name}" is already in use in the workbook; the new table is named "${chosen}".`,
    });
    return chosen;
  });
}

/** Best effort: deletes the sheets whose names match. Errors are swallowed (the caller reports the original one). */
async function removeSheets(context: Excel.RequestContext, match: (name: string) => boolean): Promise<void> {
  try {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/visibility");
    await context.sync();
    const doomed = sheets.items.filter((s) => match(s.name));
    if (doomed.length === 0) return;
    for (const s of doomed) {
      if (s.visibility !== "Visible") s.visibility = "Visible";
      s.delete();
    }
    await context.sync();
  } catch {
    // Nothing more to do: the error that matters is the one being reported.
  }
}

/**
 * After a failed swap: if every previous owned sheet still exists (same sheet id, since the new
 * sheets may already carry the old names), remove what the render added — sheets that did not exist
 * before and carry a temporary or spec name — and report the workbook as unchanged. Otherwise the
 * replacement went part of the way; leave it for a re-run.
 */
async function recoverSwap(
  context: Excel.RequestContext,
  prefix: string,
  oldOwned: ExistingSheet[],
  existingIds: Set<string>,
  spec: WorkbookSpec,
): Promise<boolean> {
  try {
    const sheets = context.workbook.worksheets;
    sheets.load("items/id,items/name");
    await context.sync();
    const presentIds = new Set(sheets.items.map((s) => s.id));
    if (!oldOwned.every((s) => presentIds.has(s.id))) return false;
    const specKeys = new Set(spec.sheets.map((s) => nameKey(s.name)));
    const added = new Set(sheets.items.filter((s) => !existingIds.has(s.id)).map((s) => s.name));
    await removeSheets(context, (name) => added.has(name) && (name.startsWith(prefix) || specKeys.has(nameKey(name))));
    return true;
  } catch {
    return false;
  }
}
