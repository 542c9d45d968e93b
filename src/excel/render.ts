/**
 * Writes a WorkbookSpec into the workbook open in Excel (the add-in path).
 *
 * Round trips: 1 sync reads the existing sheet/table/name lists; the write phase queues every
 * operation and syncs once per request batch (one batch unless the payload exceeds
 * `maxRequestBytes`); 1 sync swaps the new sheets into place; 1 more sets freeze panes (and a print
 * scale where Excel dropped fit-to-width) when the spec has any. The count depends on payload bytes
 * only, never on the number of rows, cells or sheets as such.
 *
 * Safety: new sheets are written under unique temporary names while the previous sheets stay
 * untouched. Only after every write batch succeeded are the previous owned sheets deleted and the
 * new ones renamed (Excel rewrites formulas pointing at the temporary names). If Excel fails during
 * the write, the temporary sheets are removed (best effort) and the workbook is as before. Sheets
 * that are neither owned nor named in the spec are never touched.
 */
import { both, type Text } from "../i18n";
import { parseRange, type RangePos } from "../workbook/a1";
import type { WorkbookSpec } from "../workbook/model";
import {
  activeSheetOp,
  batchOps,
  definedNameOps,
  fitToWidthScale,
  freezeOps,
  Notes,
  type Op,
  planWrite,
  propertyOps,
  type RunTargets,
  visibilityOps,
} from "./plan";
import { nameKey } from "./refs";

/**
 * Excel on the web rejects requests over 5 MB. The estimate (payload JSON + 256 bytes a command)
 * is within 0.2 % of the request Office.js really sends for value-heavy batches (measured by the
 * recorder, which serialises each batch as the runtime does), so 4 MB keeps a 20 % margin.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

/** Excel's limit for an inline list validation source ("a,b,c"). */
export const MAX_INLINE_LIST_CHARS = 255;

export interface RenderOptions {
  /**
   * Sheet names the add-in owns: re-running replaces them; other sheets are never touched. The
   * spec's own sheet names always count as owned (a new sheet cannot take a name that is in use).
   */
  ownedSheets?: string[];
  /**
   * False when the sheets join a workbook that is something else (the office's book getting the
   * consolidated sheets or a review pack): its document properties, which say what the workbook is
   * and which plan it holds, are left as they are. Default true.
   */
  documentProperties?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Default ~4 MB, under Excel on the web's 5 MB limit. */
  maxRequestBytes?: number;
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
    for (const v of sheet.validations) {
      const source = (v.list ?? []).join(",");
      if (v.type === "list" && source.length > MAX_INLINE_LIST_CHARS) {
        throw new ExcelRenderError({
          vi: `Danh sách chọn ở ${name}!${v.range} dài ${source.length} ký tự; Excel chỉ nhận tối đa ${MAX_INLINE_LIST_CHARS}.`,
          en: `The drop-down list at ${name}!${v.range} is ${source.length} characters long; Excel accepts at most ${MAX_INLINE_LIST_CHARS}.`,
        });
      }
    }
    for (const t of sheet.tables) {
      const table = parseRange(t.range);
      const merged = table && sheet.merges.find((m) => overlaps(parseRange(m), table));
      if (merged) {
        throw new ExcelRenderError({
          vi: `Bảng "${t.name}" (${name}!${t.range}) chồng lên ô gộp ${merged}; Excel không cho tạo bảng như vậy.`,
          en: `Table "${t.name}" (${name}!${t.range}) overlaps the merged cells ${merged}; Excel cannot create such a table.`,
        });
      }
    }
  }
}

function overlaps(a: RangePos | null, b: RangePos): boolean {
  return !!a && a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
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
  checkSpec(spec);
  const notes = new Notes();
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
  const ops = planWrite({ spec, tempSheetNames, tempTableNames, chunkBytes: Math.floor(maxBytes / 4) }, notes);
  const batches = batchOps(ops, maxBytes);
  const freezes = freezeOps(spec);
  const fitSheets = spec.sheets.flatMap((s, i) => (s.print?.fitToWidth ? [i] : []));
  const total = 1 + batches.length + 1 + (freezes.length > 0 || fitSheets.length > 0 ? 1 : 0);
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
    ...definedNameOps(spec, existingNames),
    ...(options.documentProperties === false ? [] : propertyOps(spec)),
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
    // Read back what fit-to-width became: Excel may have dropped it (OfficeDev/office-js#1860).
    for (const i of fitSheets) (targets.sheets[i] as Excel.Worksheet).pageLayout.load("zoom");
    await sync();
    if (total > 2 + batches.length) options.onProgress?.(2 + batches.length, total);
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
  // --- 4. View settings that some Excel builds refuse: never worth the workbook (one round trip).
  const dropped = fitSheets.filter((i) => {
    const zoom = (targets.sheets[i] as Excel.Worksheet).pageLayout.zoom;
    return zoom?.horizontalFitToPages !== 1;
  });
  if (freezes.length > 0 || dropped.length > 0) {
    const fixed: string[] = [];
    for (const i of dropped) {
      const sheet = spec.sheets[i] as WorkbookSpec["sheets"][number];
      const scale = fitToWidthScale(sheet, spec.defaultFont);
      if (scale === null) continue;
      (targets.sheets[i] as Excel.Worksheet).pageLayout.zoom = { scale };
      fixed.push(`${sheet.name} (${scale} %)`);
    }
    if (dropped.length > 0) notes.warn(fitToWidthDropped(fixed));
    for (const op of freezes) op.run(targets);
    try {
      await sync();
    } catch (e) {
      notes.warn({
        vi: `Excel báo lỗi khi cố định dòng tiêu đề (${describe(e)}); sổ vẫn được ghi đủ, chỉ dòng tiêu đề không đứng yên khi cuộn. Có thể cố định bằng tay: thẻ Xem › Cố định Ngăn.`,
        en: `Excel reported an error while freezing the header rows (${describe(e)}); the workbook is complete, only the header rows do not stay in place when scrolling. Freeze them by hand: View › Freeze Panes.`,
      });
    }
  }
  options.onProgress?.(total, total);

  return { sheets: spec.sheets.map((s) => s.name), syncs, warnings: notes.warnings };
}

/** The warning when Excel dropped "fit to 1 page wide"; `fixed` names the sheets given a scale instead. */
export function fitToWidthDropped(fixed: readonly string[]): Text {
  const scaled = fixed.length > 0;
  return {
    vi: scaled
      ? `Excel chưa nhận thiết lập in "vừa 1 trang theo chiều ngang" (lỗi đã biết của Excel khi chưa mở thẻ Bố trí Trang); đã đặt tỷ lệ in cố định: ${fixed.join(", ")}. Nếu thay đổi độ rộng cột, hãy mở thẻ Bố trí Trang rồi chạy lại "In ấn".`
      : `Excel chưa nhận thiết lập in "vừa 1 trang theo chiều ngang" (lỗi đã biết của Excel khi chưa mở thẻ Bố trí Trang). Hãy mở thẻ Bố trí Trang một lần rồi chạy lại "In ấn", hoặc chọn Vừa với 1 trang ngang trong Thiết lập Trang.`,
    en: scaled
      ? `Excel did not take the "fit to 1 page wide" print setting (a known Excel defect while the Page Layout tab has not been opened); a fixed print scale was set instead: ${fixed.join(", ")}. If column widths change, open the Page Layout tab and run "Print setup" again.`
      : `Excel did not take the "fit to 1 page wide" print setting (a known Excel defect while the Page Layout tab has not been opened). Open the Page Layout tab once and run "Print setup" again, or choose Fit to 1 page wide in Page Setup.`,
  };
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
