/**
 * Whole folders dropped on the page or picked with the folder picker: every file inside, named by
 * its path in the folder ("Bao cao xa/Keng Du.xlsx"), so the lists show where each form came from
 * and the consolidation skips folder noise (Thumbs.db, __MACOSX/) by path. Bounded: a dropped
 * drive or home folder stops at MAX_FILES files and MAX_DEPTH levels instead of hanging the page.
 */

export const MAX_FILES = 5000;
export const MAX_DEPTH = 8;

/** The little of the File and Directory Entries API used here (Chromium, Edge, Firefox, Safari). */
export interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(success: (f: File) => void, failure?: (e: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: EntryLike[]) => void, failure?: (e: unknown) => void): void };
}

/** A file under another name (its path), without reading it: File wraps the same bytes. */
export function renamed(file: File, name: string): File {
  if (name === file.name) return file;
  return new File([file], name, { type: file.type, lastModified: file.lastModified });
}

/** Files from a folder picker (<input webkitdirectory>): named by webkitRelativePath. */
export function pickedFolderFiles(list: ArrayLike<File>): File[] {
  return Array.from(list)
    .slice(0, MAX_FILES)
    .map((f) => {
      const path = (f as File & { webkitRelativePath?: string }).webkitRelativePath;
      return path ? renamed(f, path) : f;
    });
}

/** Every file under dropped entries (folders walked), named by their path inside the drop. */
export async function filesFromEntries(entries: readonly EntryLike[]): Promise<File[]> {
  const out: File[] = [];
  const visit = async (entry: EntryLike, depth: number): Promise<void> => {
    if (out.length >= MAX_FILES) return;
    const path = entry.fullPath.replace(/^\/+/, "") || entry.name;
    if (entry.isFile && entry.file) {
      const f = await new Promise<File | null>((resolve) => entry.file!(resolve, () => resolve(null)));
      if (f && out.length < MAX_FILES) out.push(renamed(f, path));
      return;
    }
    if (!entry.isDirectory || !entry.createReader || depth >= MAX_DEPTH) return;
    const reader = entry.createReader();
    // readEntries gives a batch at a time (100 in Chromium) until an empty one.
    for (;;) {
      const batch = await new Promise<EntryLike[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
      if (batch.length === 0 || out.length >= MAX_FILES) break;
      batch.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const child of batch) await visit(child, depth + 1);
    }
  };
  for (const e of entries) await visit(e, 0);
  return out;
}

/**
 * What was dropped: folders walked, loose files as they are. Entries must be taken while the drop
 * event runs (the DataTransfer is emptied after it), so this reads them first and walks later.
 */
export function droppedFiles(data: DataTransfer): Promise<File[]> {
  const items = Array.from(data.items ?? []);
  const entries = items
    .map((i) => (i.kind === "file" && "webkitGetAsEntry" in i ? (i.webkitGetAsEntry() as EntryLike | null) : null))
    .filter((e): e is EntryLike => e !== null);
  if (entries.length === 0 || !entries.some((e) => e.isDirectory)) return Promise.resolve(Array.from(data.files));
  return filesFromEntries(entries);
}
