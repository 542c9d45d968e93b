/** xl/tables/tableN.xml: an Excel table (ListObject) over a sheet range whose first row is the header. */
import type { Sheet, Table } from "../../workbook/model";
import { at, WorkbookSpecError } from "./errors";
import { checkedRange, rangeText } from "./ranges";
import type { RangePos } from "../../workbook/a1";
import { el, escapeOoxmlString, NS, stripForbidden, XML_DECLARATION } from "./xml";

/** A table name Excel accepts: letter/underscore first, then letters, digits, underscores, dots; not a cell address. */
export function checkTableName(name: string, where: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_.]{0,254}$/.test(name) || looksLikeReference(name)) {
    throw new WorkbookSpecError(
      `${where}: table name "${name}" is not valid (letters, digits, "_" or "."; a letter or "_" first; not a cell address; at most 255 characters)`,
    );
  }
}

/** "A1", "XFD1048576", "R1C1", "R", "C" are references to Excel, never names. */
export function looksLikeReference(name: string): boolean {
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[RrCc]$/.test(name);
}

export interface PreparedTable {
  table: Table;
  range: RangePos;
  columns: string[];
}

/** Checks the table against its sheet and reads the column names from the header cells. */
export function prepareTable(sheet: Sheet, table: Table, index: number): PreparedTable {
  const where = at(sheet.name, `table ${index + 1} ("${table.name}")`);
  checkTableName(table.name, where);
  const range = checkedRange(table.range, where);
  if (range.bottom === range.top)
    throw new WorkbookSpecError(`${where}: the range needs a header row and at least one data row`);
  const headerRow = sheet.rows[range.top - 1];
  const columns: string[] = [];
  const seen = new Set<string>();
  for (let c = range.left; c <= range.right; c++) {
    const value = headerRow?.cells[c - 1]?.value;
    // Excel rewrites non-text or empty headers to "Column1"… and repairs the file: make the builder say it.
    if (typeof value !== "string" || stripForbidden(value).trim() === "") {
      throw new WorkbookSpecError(`${where}: header cell in column ${c} must be non-empty text`);
    }
    const key = value.toLowerCase();
    if (seen.has(key))
      throw new WorkbookSpecError(`${where}: header "${value}" appears twice (table column names ignore case)`);
    seen.add(key);
    columns.push(value);
  }
  return { table, range, columns };
}

/** Column names are Excel strings: line breaks and tabs are written as `_x000a_`-style escapes, as Excel does. */
function columnName(header: string): string {
  return escapeOoxmlString(stripForbidden(header)).replace(
    /[\t\n\r]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0")}_`,
  );
}

export function tableXml(prepared: PreparedTable, id: number): string {
  const { table, range, columns } = prepared;
  const ref = rangeText(range);
  return (
    XML_DECLARATION +
    el(
      "table",
      { xmlns: NS.main, id, name: table.name, displayName: table.name, ref, totalsRowShown: false },
      el("autoFilter", { ref }) +
        el(
          "tableColumns",
          { count: columns.length },
          columns.map((name, i) => el("tableColumn", { id: i + 1, name: columnName(name) })).join(""),
        ) +
        el("tableStyleInfo", {
          name: table.style,
          showFirstColumn: false,
          showLastColumn: false,
          showRowStripes: table.showRowStripes,
          showColumnStripes: false,
        }),
    )
  );
}
