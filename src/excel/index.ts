/** Office.js renderer of the workbook description. */
export {
  renderToExcel,
  ExcelRenderError,
  DEFAULT_MAX_REQUEST_BYTES,
  MAX_INLINE_LIST_CHARS,
  fitToWidthDropped,
} from "./render";
export type { RenderOptions, RenderResult } from "./render";
export { EXCEL_API_SET, GATED_MEMBERS, MIN_EXCEL_API, officeIsSetSupported, supportsExcelApi } from "./requirements";
export type { GatedMember } from "./requirements";
export { RENDERED_FEATURES, NOT_RENDERED } from "./features";
export type { RenderedFeature } from "./features";
export { columnWidthPoints, mmToPoints, maxDigitWidthPx } from "./units";
export { fitToWidthHeld, queuePrintSetup } from "./print-setup";
export type { PrintTarget } from "./print-setup";
