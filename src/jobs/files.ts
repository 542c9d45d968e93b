import { zipSync } from "fflate";
import type { Plan } from "../plan/types";

/** ASCII file-name part: survives e-mail, chat apps, USB sticks (FAT) and every zip tool. */
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** "NQ08" for Nghị quyết 08-NQ/TU: the short tag every output file of a plan carries. */
export function planTag(plan: Plan): string {
  const n = slug(plan.document.resolution.number.replace(/-.*$/, "")).replace(/^0+(?=\d)/, "");
  return `NQ${n.padStart(2, "0")}`;
}

export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

/** One .zip of the files; already-compressed .xlsx are stored, not deflated again. */
export function zipFiles(files: NamedFile[], folder?: string): Uint8Array {
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const f of files) entries[folder ? `${folder}/${f.name}` : f.name] = [f.bytes, { level: 0 }];
  return zipSync(entries, { mtime: new Date(Date.UTC(2026, 0, 1)) });
}
