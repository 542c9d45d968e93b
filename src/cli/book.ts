/** `--book FILE.xlsx` for every command: read the plan from the office's book, or the built-in plan. */
import { readFileSync, statSync } from "fs";
import { bookSummary, formatBookProblem, hasErrors, loadBook, type BookRead } from "../jobs/book";
import { builtinPlan } from "../plan";
import type { Plan } from "../plan/types";
import { UsageError, type OptionDef } from "./args";
import { displayName, userPath } from "./files";
import type { CliIO } from "./io";
import { nodeInflateRaw } from "./native-inflate";

export const BOOK_OPTION: OptionDef = {
  kind: "value",
  arg: "SO.xlsx",
  help: {
    vi: "Đọc kế hoạch (nhiệm vụ, đơn vị, phân công) từ sổ theo dõi này thay cho kế hoạch có sẵn.",
    en: "Read the plan (tasks, units, assignments) from this tracking book instead of the built-in plan.",
  },
};

/** Reads the book named by --book; a missing or unreadable path is a usage error (exit 2). */
export function readBookOption(
  io: CliIO,
  value: string | true | undefined,
  options: { tracking?: boolean; history?: boolean } = {},
): { read: BookRead; name: string; path: string } | null {
  if (typeof value !== "string") return null;
  const path = userPath(io, value);
  let bytes: Uint8Array;
  try {
    if (!statSync(path).isFile()) throw new Error("not a file");
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    throw new UsageError({
      vi: `Không tìm thấy tệp sổ theo dõi "${value}".`,
      en: `The tracking book "${value}" was not found.`,
    });
  }
  return {
    read: loadBook(bytes, {
      inflateRaw: nodeInflateRaw,
      ...(options.tracking ? { tracking: true } : {}),
      ...(options.history ? { history: true } : {}),
    }),
    name: displayName(io, path),
    path,
  };
}

/** Prints a book's problems to stderr, each with its sheet and cell, Vietnamese then English. */
export function printBookProblems(io: CliIO, read: BookRead, name: string): void {
  for (const p of read.problems) {
    const t = formatBookProblem(p);
    io.stderr(`  ${t.vi}\n  ${t.en}\n`);
  }
  const s = bookSummary(read.problems, name);
  io.stderr(`${s.vi}\n${s.en}\n`);
}

/**
 * The plan a command works on: the book's when --book is given (refused, with the list, when it
 * has errors: a form or a consolidation from a half-read plan would be wrong), else the built-in one.
 */
export function commandPlan(io: CliIO, value: string | true | undefined): Plan | null {
  return commandBook(io, value)?.plan ?? null;
}

/** commandPlan, with the book read (path, the office's "Theo dõi" entries) when --book is given. */
export function commandBook(
  io: CliIO,
  value: string | true | undefined,
  options: { tracking?: boolean; history?: boolean } = {},
): { plan: Plan; book: { read: BookRead; path: string } | null } | null {
  const book = readBookOption(io, value, options);
  if (!book) return { plan: builtinPlan(), book: null };
  const { read, name } = book;
  if (!read.plan || hasErrors(read.problems)) {
    printBookProblems(io, read, name);
    io.stderr(
      `Sổ có lỗi: hãy sửa các ô nêu trên rồi chạy lại (kiểm tra: phuluc plan --book ${name} --check).\n` +
        `The book has errors: fix the cells listed above and run again (check: phuluc plan --book ${name} --check).\n`,
    );
    return null;
  }
  if (read.problems.length > 0) printBookProblems(io, read, name);
  return { plan: read.plan, book: { read, path: book.path } };
}
