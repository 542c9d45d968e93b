/**
 * A workbook description that Excel would reject or silently "repair" (bad sheet name, prompt too long,
 * overlapping merges, malformed range …). The renderer refuses it with a precise message instead of
 * writing a file that opens with "We found a problem with some content". It decides nothing else.
 */
export class WorkbookSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookSpecError";
  }
}

/** Where in the spec a problem is, for messages: `sheet "Phụ lục", validation 2`. */
export function at(sheetName: string, what: string): string {
  return `sheet "${sheetName}", ${what}`;
}
