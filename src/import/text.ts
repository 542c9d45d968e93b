/**
 * Text sources: markdown pipe tables and tab-separated rows (what Word and Excel put on the
 * clipboard, and our seed). A blank line or prose ends a table; every other line is prose.
 */
import type { Text } from "../i18n";
import { cleanCellText, cleanLine } from "./clean";
import type { ImportSource, SourceRow, SourceTable } from "./table";

const where = (line: number, col: number): Text =>
  col < 0
    ? { vi: `dòng ${line}`, en: `line ${line}` }
    : { vi: `dòng ${line}, cột ${col + 1}`, en: `line ${line}, column ${col + 1}` };

/** "| a | b \| c |" → ["a", "b | c"]; null for a separator line ("|---|:--:|"). */
function pipeCells(line: string): string[] | null {
  let body = line.trim();
  if (body.startsWith("|")) body = body.slice(1);
  if (body.endsWith("|") && !body.endsWith("\\|")) body = body.slice(0, -1);
  const cells = body.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, "|"));
  if (cells.every((c) => /^\s*:?-{3,}:?\s*$/.test(c))) return null;
  return cells;
}

/**
 * Tab-separated records from `start`: a field that opens with a quote runs to its closing quote,
 * across lines ("" is a quote), as Excel writes multi-line cells to the clipboard.
 */
function tsvRecords(lines: string[], start: number): { records: { cells: string[]; line: number }[]; next: number } {
  const records: { cells: string[]; line: number }[] = [];
  let i = start;
  while (i < lines.length && lines[i]!.includes("\t")) {
    const line = i + 1;
    const cells: string[] = [];
    let text = lines[i]!;
    let pos = 0;
    for (;;) {
      if (text[pos] === '"') {
        let value = "";
        let p = pos + 1;
        for (;;) {
          const q = text.indexOf('"', p);
          if (q < 0) {
            if (i + 1 >= lines.length) {
              value += text.slice(p);
              p = text.length;
              break;
            }
            value += `${text.slice(p)}\n`;
            text = lines[++i]!;
            p = 0;
            continue;
          }
          if (text[q + 1] === '"') {
            value += `${text.slice(p, q)}"`;
            p = q + 2;
            continue;
          }
          value += text.slice(p, q);
          p = q + 1;
          break;
        }
        const tab = text.indexOf("\t", p);
        cells.push(value + (tab < 0 ? text.slice(p) : text.slice(p, tab)));
        if (tab < 0) break;
        pos = tab + 1;
      } else {
        const tab = text.indexOf("\t", pos);
        cells.push(tab < 0 ? text.slice(pos) : text.slice(pos, tab));
        if (tab < 0) break;
        pos = tab + 1;
      }
    }
    records.push({ cells, line });
    i++;
  }
  return { records, next: i };
}

function toTable(index: number, records: { cells: string[]; line: number }[]): SourceTable {
  const rows: SourceRow[] = records.map((r) => ({
    where: where(r.line, -1),
    cells: r.cells.map((c, ci) => ({ text: cleanCellText(c), where: where(r.line, ci) })),
  }));
  return { name: { vi: `bảng ${index}`, en: `table ${index}` }, rows };
}

/** Reads a text file's tables and prose. */
export function readTextSource(text: string, file: string): ImportSource {
  const lines = text.replace(/^\ufeff/, "").split(/\r?\n/);
  const tables: SourceTable[] = [];
  const prose: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.includes("\t")) {
      const { records, next } = tsvRecords(lines, i);
      tables.push(toTable(tables.length + 1, records));
      i = next;
    } else if (/^\s*\|/.test(line)) {
      const records: { cells: string[]; line: number }[] = [];
      while (i < lines.length && /^\s*\|/.test(lines[i]!)) {
        const cells = pipeCells(lines[i]!);
        if (cells) records.push({ cells, line: i + 1 });
        i++;
      }
      tables.push(toTable(tables.length + 1, records));
    } else {
      // Markdown hard breaks ("two spaces") split a paragraph into lines: each is one prose line.
      const clean = cleanLine(line);
      if (clean && !/^-{3,}$/.test(clean)) prose.push(clean);
      i++;
    }
  }
  return { file, kind: "text", tables, prose };
}
