/** Importing a plan's appendix from a Word document, a pasted sheet or text. Pure: bytes in, plan and report out. */
export { ImportError, type ImportSource, type SourceTable, tableFromGrid } from "./table";
export { readImportSource } from "./source";
export { buildImport, builtinBase, type ImportBase, type ImportResult } from "./build";
export { reportLines, FIELD_LABELS, type ImportReport, type ReportLine } from "./report";
