/**
 * A generated workbook says what it is in three places, because each program keeps a different
 * subset on save: custom document properties (Excel, LibreOffice, WPS keep them), hidden defined
 * names, and a hidden key/value sheet (LibreOffice turns "very hidden" into "hidden", which is
 * fine: it is still read). The consolidator accepts any one of them.
 */
import { hashText } from "../util/hash";
import type { DefinedName, Sheet } from "./model";
import { SheetBuilder } from "./sheet-builder";

/** Bumped when a form's layout changes in a way the consolidator must know about. */
export const FORMAT_VERSION = "1";
export const META_SHEET = "_nq08";
export const META_PREFIX = "NQ08_";

export type WorkbookKind = "form" | "tracking" | "consolidated";

export interface Identity {
  kind: WorkbookKind;
  planId: string;
  formId?: string;
  unitCode?: string;
  unitName?: string;
  period?: string;
  fingerprint?: string;
  /** The plan version (Plan.version) the workbook was made from. */
  planVersion?: string;
  /**
   * A form's rows as "TT=id;TT=id": how its TT numbers map to the book's stable task ids, so a form
   * made from an older book is matched by id. Kept in the meta sheet only (too long for a name).
   */
  taskIds?: string;
}

const KEYS: (keyof Identity)[] = [
  "kind",
  "planId",
  "formId",
  "unitCode",
  "unitName",
  "period",
  "fingerprint",
  "planVersion",
  "taskIds",
];
const propName = (key: string) => `${META_PREFIX}${key.charAt(0).toUpperCase()}${key.slice(1)}`;

export function identityProperties(id: Identity): Record<string, string> {
  const out: Record<string, string> = { [propName("formatVersion")]: FORMAT_VERSION };
  for (const key of KEYS) {
    const value = id[key];
    if (value) out[propName(key)] = value;
  }
  return out;
}

/** Reads identity back from custom properties / names / the meta sheet's pairs (any may be partial). */
export function identityFromPairs(
  pairs: Record<string, string>,
): (Partial<Identity> & { formatVersion?: string }) | null {
  const out: Partial<Identity> & { formatVersion?: string } = {};
  let found = false;
  for (const key of [...KEYS, "formatVersion"] as const) {
    const value = pairs[propName(key)];
    if (value !== undefined && value !== "") {
      (out as Record<string, string>)[key] = value;
      found = true;
    }
  }
  return found ? out : null;
}

/** Hidden workbook names holding the same pairs as constants (="…"). */
export function identityNames(props: Record<string, string>): DefinedName[] {
  return Object.entries(props).map(([name, value]) => ({
    name,
    formula: `"${value.replace(/"/g, '""')}"`,
    hidden: true,
  }));
}

/** The hidden key/value sheet, protected so nobody edits it by accident. */
export function metaSheet(props: Record<string, string>): Sheet {
  const s = new SheetBuilder(META_SHEET, [{ width: 24 }, { width: 60 }]);
  s.line(1, 1, ["key", "value"], "meta");
  Object.entries(props).forEach(([k, v], i) => s.line(i + 2, 1, [k, v], "meta"));
  return s
    .with({
      visibility: "veryHidden",
      protection: {
        allow: {
          selectLockedCells: true,
          selectUnlockedCells: true,
          formatColumns: false,
          formatRows: false,
          sort: false,
          autoFilter: false,
        },
      },
    })
    .build();
}

/**
 * A 64-bit hash (two 32-bit multiply-xorshift lanes, as in cyrb53) of the NFC parts joined by
 * U+001F: cheap, identical on every platform, and enough to notice an edited fixed cell (this is
 * a change detector, not a signature).
 */
export function fingerprint(parts: string[]): string {
  const text = parts.map((p) => p.normalize("NFC")).join("\u001f");
  // Resends of a unit's form check the same fixed cells again: a map lookup instead of a cold hash loop.
  let h = recent.get(text);
  if (h === undefined) {
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(text, (h = hashText(text)));
  }
  return h;
}

const RECENT_MAX = 256;
const recent = new Map<string, string>();
