/**
 * Columns by meaning: a header cell's words say which field it holds, in any order and wording
 * ("Tên nhiệm vụ", "Thời hạn hoàn thành", "Cơ quan chủ trì"...), over one header row or two.
 */
import { foldKey } from "../text/vietnamese";
import type { SourceRow } from "./table";

export type Field = "number" | "content" | "timing" | "lead" | "partners" | "issuer" | "result" | "note";

/** Tried in order: "Cơ quan chủ trì tham mưu thực hiện" is a lead before "thực hiện" could be a timing. */
const MEANINGS: Array<[Field, RegExp]> = [
  ["number", /^(?:s?tt|so tt|so thu tu|thu tu)\.?$/],
  ["partners", /phoi hop/],
  ["lead", /chu tri|tham muu|dau moi|chiu trach nhiem/],
  ["issuer", /cap ban hanh|cap trinh|co quan ban hanh|tham quyen|cap quyet dinh|cap phe duyet/],
  ["timing", /thoi gian|thoi han|tien do|han hoan thanh|moc hoan thanh|^han$/],
  ["result", /ket qua|san pham|hinh thuc/],
  ["note", /ghi chu/],
  ["lead", /(?:co quan|don vi).*thuc hien|^co quan$|^don vi$/],
  ["content", /noi dung|nhiem vu|cong viec|de an|giai phap/],
];

export function fieldOf(header: string): Field | null {
  const k = foldKey(header).replace(/\n/g, " ");
  if (!k) return null;
  for (const [field, re] of MEANINGS) if (re.test(k)) return field;
  return null;
}

export interface HeaderMap {
  /** Field → column index (0-based). */
  columns: Map<Field, number>;
  /** Each mapped column's header as the source words it. */
  headers: Map<Field, string>;
  /** Header cells with no known meaning (their cells are not imported; the report says so). */
  ignored: { col: number; text: string }[];
  /** How many rows the header takes (1 or 2). */
  rows: number;
}

function mapRow(texts: string[]): HeaderMap {
  const columns = new Map<Field, number>();
  const headers = new Map<Field, string>();
  const ignored: { col: number; text: string }[] = [];
  texts.forEach((t, col) => {
    if (!t) return;
    const f = fieldOf(t);
    if (f && !columns.has(f)) {
      columns.set(f, col);
      headers.set(f, t);
    } else if (!f || columns.get(f) !== col) ignored.push({ col, text: t });
  });
  return { columns, headers, ignored, rows: 1 };
}

/** A header needs the task text and either who leads or when. */
function isHeader(m: HeaderMap): boolean {
  return m.columns.has("content") && (m.columns.has("lead") || m.columns.has("timing") || m.columns.has("number"));
}

/**
 * The header at `row` (one row, or two when the row below names sub-columns such as "Chủ trì" /
 * "Phối hợp" under a merged "Cơ quan thực hiện"); null when the row is not a header.
 */
export function headerAt(rows: readonly SourceRow[], row: number): HeaderMap | null {
  const top = rows[row]?.cells.map((c) => c.text) ?? [];
  const one = mapRow(top);
  const next = rows[row + 1]?.cells;
  // Only a row that is itself a header's top (it names the task or the TT) may have a second row.
  if (next && (one.columns.has("content") || one.columns.has("number"))) {
    const ownBelow = next.filter((c) => !c.merged && c.text !== "");
    // Sub-headers are short labels; a task row below a one-row header has long texts.
    const labelsOnly = ownBelow.length > 0 && ownBelow.every((c) => c.text.length <= 40 && !c.text.includes("\n"));
    const subHeader = ownBelow.some((c) => {
      const f = fieldOf(c.text);
      return f === "lead" || f === "partners" || f === "issuer" || f === "timing" || f === "result";
    });
    const tt = next[one.columns.get("number") ?? 0]?.text ?? "";
    if (labelsOnly && subHeader && !/^\d/.test(tt)) {
      const combined = top.map((t, i) => {
        const below = next[i];
        if (!below || below.merged || below.text === "" || below.text === t) return t;
        return t ? `${t} ${below.text}` : below.text;
      });
      const two = mapRow(combined);
      if (isHeader(two)) return { ...two, rows: 2 };
    }
  }
  return isHeader(one) ? one : null;
}

/** "(1) (2) (3)…" or "1 2 3…" under the header: column numbers, not a task. */
export function isColumnNumbering(cells: readonly { text: string }[]): boolean {
  const texts = cells.map((c) => c.text).filter((t) => t !== "");
  if (texts.length < 3) return false;
  return texts.every((t, i) => t.replace(/[()]/g, "") === String(i + 1));
}

/** A row that repeats the header (a table broken across pages with its header written again). */
export function repeatsHeader(cells: readonly { text: string }[], header: HeaderMap): boolean {
  let same = 0;
  for (const [field, col] of header.columns) {
    const t = foldKey(cells[col]?.text ?? "");
    // The same words as the header (or the top row of a two-row header): a task's text never is.
    if (t && foldKey(header.headers.get(field) ?? "").startsWith(t)) same++;
  }
  return same >= Math.min(2, header.columns.size);
}
