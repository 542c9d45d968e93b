/**
 * A big book opens in LibreOffice: one recorded period of 3,300 units × 17 tasks (≈ 56,000 history
 * rows), saved again by LibreOffice, reads back with the same history (LibreOffice's cells are plain:
 * read by the fast scanner) and a period recorded into it gives the same history as recorded into
 * ours. Speed is in bench/history.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readBook } from "../../src/book";
import { nodeInflateRaw } from "../../src/cli/native-inflate";
import { fakeResult, historyBook, historyPlan } from "../../bench/history";
import { recordInBook } from "../../src/jobs/history";
import { HISTORY_SHEET } from "../../src/workbook/history";
import { readXlsx } from "../../src/xlsx/read";
import { convertWithLibreOffice, hasLibreOffice } from "../helpers/libreoffice";

describe("a big book in LibreOffice", () => {
  it("opens a book with 56,000 history rows and saves it back whole", async () => {
    expect(hasLibreOffice()).toBe(true);
    const plan = historyPlan();
    const bytes = historyBook(plan, 1);
    const dir = mkdtempSync(join(tmpdir(), "nq08-history-lo-"));
    const input = join(dir, "So-lon.xlsx");
    writeFileSync(input, bytes);
    const ours = readBook(bytes, { history: true, inflateRaw: nodeInflateRaw }).history!.rows;
    expect(ours).toHaveLength(plan.units.length * plan.tasks.length);
    const outDir = join(dir, "lo");
    const saved = await convertWithLibreOffice(input, "xlsx", outDir, 300_000);
    const back = readBook(new Uint8Array(readFileSync(saved)), { history: true, inflateRaw: nodeInflateRaw });
    expect(back.plan?.units.length).toBe(plan.units.length);
    expect(back.history!.problems).toEqual([]);
    expect(back.history!.rows).toHaveLength(ours.length);
    expect(back.history!.rows[ours.length - 1]).toEqual(ours[ours.length - 1]);
    expect(back.history!.rows[1234]).toEqual(ours[1234]);
    expect(back.history!.rows).toEqual(ours);

    // LibreOffice's cells are plain: the history is read by the scanner, which never gave up.
    let restarts = 0;
    let cells = 0;
    readXlsx(new Uint8Array(readFileSync(saved)), {
      valuesOnly: true,
      limits: { maxCells: 20_000_000 },
      inflateRaw: nodeInflateRaw,
      cellSink: (name) => (name === HISTORY_SHEET ? { cell: () => cells++, restart: () => restarts++ } : undefined),
    });
    expect(restarts).toBe(0);
    expect(cells).toBeGreaterThan(ours.length * 10);

    // A period recorded into LibreOffice's save gives the history it gives recorded into ours.
    const mine = readBook(bytes, { tracking: true, history: true, inflateRaw: nodeInflateRaw });
    const result = fakeResult(plan, "2026-H2");
    const options = { asOf: result.asOf, today: result.asOf };
    const intoOurs = recordInBook(mine, result, options);
    const intoTheirs = recordInBook(back, result, options);
    if ("refused" in intoOurs || "refused" in intoTheirs) throw new Error("refused");
    const again = (b: Uint8Array) => readBook(b, { history: true, inflateRaw: nodeInflateRaw }).history!.rows;
    expect(again(intoTheirs.bytes)).toEqual(again(intoOurs.bytes));
    expect(intoTheirs.rows).toBe(2 * ours.length);
  }, 400_000);
});
