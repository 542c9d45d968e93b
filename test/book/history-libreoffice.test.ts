/**
 * A big book opens in LibreOffice: one recorded period of 3,300 units × 17 tasks (≈ 56,000 history
 * rows), saved again by LibreOffice, reads back with the same history. Speed is in bench/history.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readBook } from "../../src/book";
import { nodeInflateRaw } from "../../src/cli/native-inflate";
import { historyBook, historyPlan } from "../../bench/history";
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
  }, 400_000);
});
