/**
 * Table rows → appendix entries: group headings ("I.", "A.", "Nhóm …"), tasks (TT "1", "1.", "1)",
 * or empty), and rows left out with the reason. Tables with the same meaning of columns are one
 * table (a table broken across pages, its header repeated); a table with no header goes on with
 * the previous one's columns when it has as many, else it is left out and reported.
 */
import type { Text } from "../i18n";
import { type Field, type HeaderMap, headerAt, isColumnNumbering, repeatsHeader } from "./headers";
import type { SourceCell, SourceTable } from "./table";

export interface RawGroup {
  kind: "group";
  /** As written ("I", "A"), or "" when the heading has none. */
  label: string;
  title: string;
  where: Text;
}

export interface RawTask {
  kind: "task";
  /** The TT as written ("1", "1.", "1)", "" …). */
  tt: string;
  fields: Partial<Record<Exclude<Field, "number" | "note">, string>>;
  /** The cell of each field, for messages. */
  cells: Partial<Record<Field, Text>>;
  where: Text;
}

export interface Skipped {
  where: Text;
  reason: Text;
  text: string;
}

export interface TableUse {
  name: Text;
  /** The mapped header: field → the source's words; null when the table was left out. */
  headers: Map<Field, string> | null;
  ignored: string[];
  rows: number;
}

export interface Layout {
  entries: (RawGroup | RawTask)[];
  skipped: Skipped[];
  tables: TableUse[];
}

const ROMAN = /^(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

/** "I", "II.", "A)", "B-": a group label; returns it without its punctuation. */
export function groupLabel(tt: string): string | null {
  const t = tt.trim().replace(/[.)\-:]+$/, "");
  return ROMAN.test(t) || /^[A-ZĐ]$/.test(t) ? t : null;
}

/** "I. NHÓM …" / "A- …" / "Nhóm 1: …" written in one cell: label and title. */
export function headingText(text: string): { label: string; title: string } | null {
  const m = /^((?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})|[A-ZĐ])\s*[.)\-:]\s+(\S[\s\S]*)$/.exec(text);
  if (m && m[1]) return { label: m[1], title: m[2]!.trim() };
  if (/^nhóm\b/i.test(text)) return { label: "", title: text };
  return null;
}

const FIELDS = ["content", "timing", "lead", "partners", "issuer", "result"] as const;

export function layoutTables(tables: readonly SourceTable[]): Layout {
  const entries: (RawGroup | RawTask)[] = [];
  const skipped: Skipped[] = [];
  const uses: TableUse[] = [];
  let current: HeaderMap | null = null;
  let currentWidth = -1;
  tables.forEach((table) => {
    const width = Math.max(0, ...table.rows.map((r) => r.cells.length));
    let start = 0;
    let header: HeaderMap | null = null;
    for (let r = 0; r < Math.min(table.rows.length, 12); r++) {
      header = headerAt(table.rows, r);
      if (header) {
        start = r + header.rows;
        break;
      }
    }
    if (!header && current && width === currentWidth) header = current;
    if (!header) {
      uses.push({ name: table.name, headers: null, ignored: [], rows: 0 });
      const text = table.rows.flatMap((r) => r.cells.map((c) => c.text)).find((t) => t !== "");
      if (text !== undefined)
        skipped.push({
          where: table.name,
          reason: {
            vi: "bảng không có dòng tiêu đề của phụ lục (TT, nội dung, cơ quan chủ trì, thời gian)",
            en: "the table has no appendix header (TT, content, lead, timing)",
          },
          text: text.slice(0, 80),
        });
      return;
    }
    current = header;
    currentWidth = width;
    const h = header;
    const col = (f: Field) => h.columns.get(f);
    let count = 0;
    for (let r = start; r < table.rows.length; r++) {
      const row = table.rows[r]!;
      const cells = row.cells;
      if (cells.every((c) => c.text === "")) continue;
      if (repeatsHeader(cells, h)) {
        // The header of a two-row table repeats as two rows; its second row is not a task either.
        if (h.rows === 2) r++;
        continue;
      }
      if (isColumnNumbering(cells)) continue;
      const get = (f: Field): SourceCell | undefined => {
        const c = col(f);
        return c === undefined ? undefined : cells[c];
      };
      const own = (f: Field) => {
        const c = get(f);
        return c && !c.merged ? c.text : "";
      };
      const tt = own("number");
      const content = own("content");
      const texts = new Set(cells.filter((c) => c.text !== "").map((c) => c.text));
      const others = FIELDS.filter((f) => f !== "content").some((f) => own(f) !== "");
      // One text across the row (a merged heading cell), or a TT like "II" with a title.
      const label = groupLabel(tt);
      if (label !== null && !/^\d/.test(tt)) {
        entries.push({ kind: "group", label, title: content, where: row.where });
        continue;
      }
      if (texts.size === 1) {
        const only = [...texts][0]!;
        const heading = headingText(only);
        if (heading || (!others && !tt)) {
          entries.push({
            kind: "group",
            label: heading?.label ?? "",
            title: heading?.title ?? only,
            where: row.where,
          });
          continue;
        }
      }
      if (!tt && !others && content && headingText(content)) {
        const heading = headingText(content)!;
        entries.push({ kind: "group", label: heading.label, title: heading.title, where: row.where });
        continue;
      }
      if (!content) {
        skipped.push({
          where: row.where,
          reason: { vi: "dòng không có nội dung công việc", en: "the row has no task content" },
          text: cells
            .map((c) => c.text)
            .filter((t) => t !== "")
            .join(" | ")
            .slice(0, 120),
        });
        continue;
      }
      const fields: RawTask["fields"] = {};
      const at: RawTask["cells"] = {};
      for (const f of FIELDS) {
        const c = get(f);
        // A merged lead or timing cell covers several tasks: each task gets its text.
        const text = c ? (f === "content" ? own(f) : c.text) : "";
        if (text) fields[f] = text;
        if (c) at[f] = c.where;
      }
      const n = get("number");
      if (n) at.number = n.where;
      entries.push({ kind: "task", tt, fields, cells: at, where: row.where });
      count++;
    }
    uses.push({
      name: table.name,
      headers: h.headers,
      ignored: h.ignored.map((i) => i.text),
      rows: count,
    });
  });
  return { entries, skipped, tables: uses };
}
