import type { ExcelTarget } from "./types";

interface OfficeGlobals {
  Excel?: { run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> };
  Office?: { context?: { requirements?: { isSetSupported(name: string, minVersion?: string): boolean } } };
}

/** The open workbook through the global Excel.run; undefined outside Excel. */
export function officeExcelTarget(): ExcelTarget | undefined {
  const g = globalThis as OfficeGlobals;
  const excel = g.Excel;
  if (!excel || typeof excel.run !== "function") return undefined;
  return {
    run: (batch) => excel.run(batch),
    isSetSupported: (set, version) => {
      try {
        return g.Office?.context?.requirements?.isSetSupported(set, version) ?? false;
      } catch {
        return false;
      }
    },
  };
}
