import { rangeAddress } from "./a1";
import type { Cell, CellValue, Column, ConditionalFormat, Sheet, Table, Validation } from "./model";

/**
 * Mutable helper that builders use to lay out one sheet by (row, column), then freeze into the
 * plain `Sheet` description. Rows and columns are 1-based, as on screen.
 */
export class SheetBuilder {
  private readonly rows: Sheet["rows"] = [];
  private readonly sheet: Sheet;

  constructor(name: string, columns: Column[]) {
    this.sheet = {
      name,
      visibility: "visible",
      columns,
      rows: this.rows,
      merges: [],
      validations: [],
      conditionalFormats: [],
      tables: [],
      showGridLines: true,
    };
  }

  get width(): number {
    return this.sheet.columns.length;
  }

  /** Last row written so far. */
  get lastRow(): number {
    return this.rows.length;
  }

  set(row: number, column: number, value: CellValue, style?: string): this {
    while (this.rows.length < row) this.rows.push({ cells: [] });
    const cells = this.rows[row - 1]!.cells;
    while (cells.length < column) cells.push(null);
    const cell: Cell = style ? { value, style } : { value };
    cells[column - 1] = cell;
    return this;
  }

  /** Writes values left to right from `column`. */
  line(row: number, column: number, values: CellValue[], style?: string | string[]): this {
    values.forEach((v, i) => this.set(row, column + i, v, Array.isArray(style) ? style[i] : style));
    return this;
  }

  /** Merges a block; the top-left cell carries the value, the others the style (so borders print). */
  merge(row: number, column: number, lastRow: number, lastColumn: number, value: CellValue, style?: string): this {
    for (let r = row; r <= lastRow; r++) for (let c = column; c <= lastColumn; c++) this.set(r, c, null, style);
    this.set(row, column, value, style);
    if (row !== lastRow || column !== lastColumn)
      this.sheet.merges.push(rangeAddress(row, column, lastRow, lastColumn));
    return this;
  }

  height(row: number, points: number): this {
    while (this.rows.length < row) this.rows.push({ cells: [] });
    this.rows[row - 1]!.height = points;
    return this;
  }

  /** Keeps the row's height automatic: its height, if set, is only where it starts (see Row.fit). */
  fit(row: number): this {
    while (this.rows.length < row) this.rows.push({ cells: [] });
    this.rows[row - 1]!.fit = true;
    return this;
  }

  validate(v: Validation): this {
    this.sheet.validations.push(v);
    return this;
  }

  format(cf: ConditionalFormat): this {
    this.sheet.conditionalFormats.push(cf);
    return this;
  }

  table(t: Table): this {
    this.sheet.tables.push(t);
    return this;
  }

  with(
    props: Partial<Pick<Sheet, "protection" | "print" | "freeze" | "showGridLines" | "visibility" | "tabColor">>,
  ): this {
    Object.assign(this.sheet, props);
    return this;
  }

  build(): Sheet {
    return this.sheet;
  }
}
