/** Office.js renderer of the workbook description. */
export { renderToExcel, ExcelRenderError, DEFAULT_MAX_REQUEST_BYTES } from "./render";
export type { RenderOptions, RenderResult } from "./render";
export { missingFeatures, missingFeaturesSummary, officeIsSetSupported, FEATURE_REQUIREMENTS } from "./requirements";
export type { ExcelFeature, MissingFeature } from "./requirements";
export { RENDERED_FEATURES, NOT_RENDERED } from "./features";
export type { RenderedFeature } from "./features";
export { columnWidthPoints, mmToPoints, maxDigitWidthPx } from "./units";
export { queuePrintSetup } from "./print-setup";
export type { PrintTarget } from "./print-setup";
