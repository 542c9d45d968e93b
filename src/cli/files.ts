/**
 * The command line's file system side: paths relative to where the user ran it, folders and files
 * turned into the sources src/jobs reads, and outputs written whole or not at all.
 */
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "path";
import type { Source } from "../jobs/inputs";
import type { CliIO } from "./io";

/** Files larger than this are read only this far: the reader refuses anything over 50 MB anyway. */
const READ_CAP = 256 * 1024 * 1024;

export function cwdOf(io: CliIO): string {
  return io.cwd ?? process.cwd();
}

/** A path the user typed, resolved against the folder they ran the command in. */
export function userPath(io: CliIO, path: string): string {
  return resolve(cwdOf(io), path);
}

/** How a path is shown back: relative to the user's folder when inside it, with "/" separators. */
export function displayName(io: CliIO, path: string): string {
  const rel = relative(cwdOf(io), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : path;
}

/** Reads without ever opening for writing; huge files only up to the cap (the reader refuses them). */
export function readCapped(path: string): Uint8Array {
  const st = statSync(path);
  const size = Math.min(st.size, READ_CAP);
  const bytes = new Uint8Array(size);
  const fd = openSync(path, "r");
  let off = 0;
  try {
    while (off < size) {
      const n = readSync(fd, bytes, off, size - off, off);
      if (n <= 0) break;
      off += n;
    }
  } finally {
    closeSync(fd);
  }
  return off === size ? bytes : bytes.subarray(0, off);
}

function fileSource(io: CliIO, path: string, shownAs: string): Source & { path: string; size: number } {
  const st = statSync(path);
  return {
    path,
    size: st.size,
    name: displayName(io, shownAs),
    lastModified: st.mtime.toISOString(),
    read: async () => readCapped(path),
  };
}

export interface FoundSources {
  sources: (Source & { path: string; size: number })[];
  /** Links leading outside a folder, sockets and the like: said once each, never followed. */
  notes: string[];
}

/** Every file under a folder, any extension, in name order; symlinks only when they stay inside it. */
function walk(io: CliIO, root: string, found: FoundSources): void {
  const rootReal = realpathSync(root);
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isSymbolicLink()) {
        let target: string | null = null;
        try {
          target = realpathSync(path);
        } catch {
          target = null;
        }
        const inside = target !== null && (target === rootReal || target.startsWith(rootReal + sep));
        if (inside && statSync(target!).isFile()) found.sources.push(fileSource(io, target!, path));
        else
          found.notes.push(
            `Bỏ qua liên kết ra ngoài thư mục hoặc tới thư mục / Skipped a link leading outside the folder or to a folder: ${displayName(io, path)}`,
          );
      } else if (e.isDirectory()) visit(path);
      else if (e.isFile()) found.sources.push(fileSource(io, path, path));
      else found.notes.push(`Bỏ qua mục không phải tệp / Skipped a non-file entry: ${displayName(io, path)}`);
    }
  };
  visit(root);
}

/** The files and folders the user named → sources; a name that does not exist is an error (null). */
export function findSources(io: CliIO, args: readonly string[]): FoundSources | { missing: string } {
  const found: FoundSources = { sources: [], notes: [] };
  for (const arg of args) {
    const path = userPath(io, arg);
    let st;
    try {
      st = lstatSync(path);
    } catch {
      return { missing: arg };
    }
    if (st.isDirectory()) walk(io, path, found);
    else if (st.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        return { missing: arg };
      }
      if (statSync(real).isDirectory()) walk(io, real, found);
      else found.sources.push(fileSource(io, real, path));
    } else found.sources.push(fileSource(io, path, path));
  }
  return found;
}

/**
 * Writes a whole file or nothing: into a temporary file beside it, then renamed over the target,
 * so an interrupted run never leaves half a workbook where the last good one was.
 */
export function writeWhole(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw error;
  }
}
