/**
 * `consolidate --book`: the consolidation recorded into the book's "Lịch sử", the book written back
 * whole (temporary file, then renamed over it: a failed write leaves the old book intact) and the
 * previous version kept beside it as BOOK.truoc-<period>.xlsx.
 */
import { readFileSync } from "fs";
import { basename, dirname, join } from "path";
import type { BookRead } from "../book";
import type { ConsolidationResult } from "../consolidate/types";
import { todayIso } from "../dates";
import { formatBookProblem } from "../jobs/book";
import { bookBackupName, recordInBook } from "../jobs/history";
import { displayName, writeWhole } from "./files";
import type { CliIO } from "./io";
import { nodeZip } from "./native-zip";

/** Records `result` into the book at `path`; 0 when written, 1 when not (the reason on stderr). */
export function recordIntoBookFile(
  io: CliIO,
  book: { read: BookRead; path: string },
  result: ConsolidationResult,
): 0 | 1 {
  const name = displayName(io, book.path);
  const update = recordInBook(book.read, result, {
    asOf: result.asOf,
    today: todayIso(),
    soonDays: result.soonDays,
    zip: nodeZip,
  });
  for (const p of update.problems) {
    const t = formatBookProblem(p);
    io.stderr(`  ${t.vi}\n  ${t.en}\n`);
  }
  if ("refused" in update) {
    io.stderr(`${update.refused.vi}\n${update.refused.en}\n`);
    return 1;
  }
  const backup = join(dirname(book.path), bookBackupName(basename(book.path), result.period));
  try {
    writeWhole(backup, readFileSync(book.path));
    writeWhole(book.path, update.bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(
      `Không ghi được sổ ${name} (${detail}); sổ cũ không bị thay đổi.\nCould not write the book ${name} (${detail}); the old book is unchanged.\n`,
    );
    return 1;
  }
  for (const n of update.notes) io.stdout(`  ${n.vi}\n  ${n.en}\n`);
  const kept = displayName(io, backup);
  io.stdout(
    `Đã ghi kỳ ${result.period.id} vào trang "Lịch sử" của sổ ${name} (${update.rows} dòng); bản trước: ${kept}\n` +
      `Recorded period ${result.period.id} in the "Lịch sử" sheet of ${name} (${update.rows} rows); previous version: ${kept}\n`,
  );
  return 0;
}
