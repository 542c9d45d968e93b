/** Safe, fast reader for returned report forms (.xlsx/.xlsm). Bytes in, plain data out; browser and Node. */
export { detectFormat } from "./detect";
export { XlsxReadError, type XlsxReadErrorCode } from "./errors";
export { readXlsx } from "./workbook";
export {
  DEFAULT_LIMITS,
  type CellSink,
  type InflateRaw,
  type InputFormat,
  type ReadCell,
  type ReadDefinedName,
  type ReadLimits,
  type ReadOptions,
  type ReadPackage,
  type ReadSheet,
  type ReadValidation,
  type ReadWorkbook,
} from "./types";
