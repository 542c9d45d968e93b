import type { Plan } from "../plan/types";
import type { Column, Sheet } from "./model";
import { officialPrint } from "./print";
import { SheetBuilder } from "./sheet-builder";
import { DEFAULT_TYPOGRAPHY, titleRowHeight, type Typography, wrappedRowHeight } from "./styles";

export const APPENDIX_SHEET = "Phụ lục";

/** Widths (characters) chosen so the five columns fill an A4 landscape page between 30/15 mm margins. */
const APPENDIX_COLUMNS: Column[] = [{ width: 5 }, { width: 46 }, { width: 17 }, { width: 24 }, { width: 21 }];

/** Rows of the appendix: title block 1–4, a spacer, header row 6, tasks from row 7. */
export const APPENDIX_HEADER_ROW = 6;

/** The appendix as in the source: title block, then TT / Nội dung / Thời gian / Cơ quan chủ trì / Cấp ban hành. */
export function appendixSheet(plan: Plan, typography: Typography = DEFAULT_TYPOGRAPHY): Sheet {
  const a = plan.appendix;
  const last = APPENDIX_COLUMNS.length;
  const s = new SheetBuilder(APPENDIX_SHEET, APPENDIX_COLUMNS);
  const total = widths().reduce((x, y) => x + y, 0);
  s.merge(1, 1, 1, last, a.label, "title");
  a.titleLines.forEach((line, i) => {
    s.merge(2 + i, 1, 2 + i, last, line, "title");
    s.height(2 + i, titleRowHeight(line, total, typography.titleSize, typography.tableSize));
  });
  const noteRow = 2 + a.titleLines.length;
  s.merge(noteRow, 1, noteRow, last, a.note, "note");
  s.height(noteRow, titleRowHeight(a.note, total, typography.tableSize, typography.tableSize));
  const headerRow = noteRow + 2;
  if (headerRow !== APPENDIX_HEADER_ROW) throw new Error("appendix title block must keep the header on row 6");
  const h = a.headers;
  s.line(headerRow, 1, [h.number, h.content, h.timing, h.lead, h.issuer], "header");
  s.height(
    headerRow,
    wrappedRowHeight([h.number, h.content, h.timing, h.lead, h.issuer], widths(), typography.tableSize),
  );
  plan.tasks.forEach((t, i) => {
    const row = headerRow + 1 + i;
    s.line(
      row,
      1,
      [t.number, t.content, t.timing, t.lead, t.issuer],
      ["cellCenter", "cell", "cellCenter", "cell", "cell"],
    );
    s.height(
      row,
      wrappedRowHeight([String(t.number), t.content, t.timing, t.lead, t.issuer], widths(), typography.tableSize),
    );
  });
  const lastRow = headerRow + plan.tasks.length;
  return s
    .with({
      print: officialPrint({ headerRows: { first: headerRow, last: headerRow }, area: `A1:E${lastRow}` }),
      freeze: { rows: headerRow, columns: 0 },
      showGridLines: false,
    })
    .build();
}

function widths(): number[] {
  return APPENDIX_COLUMNS.map((c) => c.width);
}
