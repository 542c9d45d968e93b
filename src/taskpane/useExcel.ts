import * as React from "react";
import { useAppContext } from "./context";
import { officeExcelTarget, type ExcelTarget } from "./services";

/** The open workbook in Excel mode; undefined in browser mode (pages then produce downloads). */
export function useExcelTarget(): ExcelTarget | undefined {
  const { mode } = useAppContext();
  return React.useMemo(() => (mode === "excel" ? officeExcelTarget() : undefined), [mode]);
}
