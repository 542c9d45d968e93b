/** A table pasted into Excel (.xlsx, .xlsm, .ods, .xls through readXlsx's converters): every visible sheet is a table. */
import { dmy, serialToIso } from "../dates";
import { address, parseRange } from "../workbook/a1";
import { readXlsx, XlsxReadError, type InflateRaw, type ReadCell } from "../xlsx/read";
import { ImportError, type ImportSource, tableFromGrid } from "./table";

function cellText(c: ReadCell): string {
  if (c.kind === "string") return String(c.value);
  // A date typed in a "Thời hạn" cell reads as the date people see, not as a serial.
  if (c.kind === "number" && c.isDate && (c.value as number) > 0) return dmy(serialToIso(c.value as number));
  if (c.kind === "number") return String(c.value);
  return "";
}

export function readSheetSource(bytes: Uint8Array, file: string, inflateRaw?: InflateRaw): ImportSource {
  let wb;
  try {
    wb = readXlsx(bytes, { valuesOnly: true, ...(inflateRaw ? { inflateRaw } : {}) });
  } catch (error) {
    const t = error instanceof XlsxReadError ? error.text : { vi: String(error), en: String(error) };
    throw new ImportError({ vi: `Không đọc được tệp ${file}: ${t.vi}`, en: `Cannot read the file ${file}: ${t.en}` });
  }
  const tables = wb.sheets
    .filter((s) => s.state === "visible" && s.cells.length > 0)
    .map((s) => {
      const grid: string[][] = Array.from({ length: s.maxRow }, () => []);
      for (const c of s.cells) grid[c.row - 1]![c.col - 1] = cellText(c);
      const merges = s.merges
        .map((m) => parseRange(m))
        .filter((m) => m !== null)
        .map((m) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
      return tableFromGrid(
        { vi: `trang "${s.name}"`, en: `sheet "${s.name}"` },
        grid,
        (r, c) => {
          const at = c < 0 ? `${r + 1}` : address(r + 1, c + 1);
          return c < 0
            ? { vi: `trang "${s.name}", dòng ${at}`, en: `sheet "${s.name}", row ${at}` }
            : { vi: `trang "${s.name}", ô ${at}`, en: `sheet "${s.name}", cell ${at}` };
        },
        merges,
      );
    });
  return { file, kind: "xlsx", tables, prose: [] };
}
