/**
 * A pool of worker threads reading forms in parallel (Node shells: CLI, benchmark). The result
 * does not depend on the number of workers or on which finishes first: consolidation merges the
 * SET of records. A worker that dies hands its files back to this thread, so nothing is lost.
 */
import { availableParallelism } from "os";
import { Worker } from "worker_threads";
import { readForm, UnitIndex } from "../../consolidate";
import type { FormRecord, InputFile } from "../../consolidate/types";
import type { FormReader } from "../../jobs/consolidate";
import type { Plan } from "../../plan/types";
import { nodeInflateRaw } from "../native-inflate";
import type { WorkerReply, WorkerRequest } from "./form-worker";

interface Pending {
  file: InputFile;
  resolve: (r: FormRecord) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  alive: boolean;
}

/** Workers worth starting for `files` forms: one per core, none for a handful of files. */
export function workerCount(files: number, requested?: number): number {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  if (files < 200) return 0; // starting workers costs more than reading a few forms here
  return Math.min(Math.max(1, availableParallelism()), 8);
}

/**
 * `script` is the built worker (build/cli/form-worker.js); `execArgv` lets tests run it from the
 * TypeScript sources. With `count` 0 the reader works in this thread.
 */
export function workerReader(plan: Plan, options: { count: number; script: string; execArgv?: string[] }): FormReader {
  let units: UnitIndex | null = null;
  const local = (file: InputFile): FormRecord => {
    units ??= new UnitIndex(plan);
    return readForm(plan, file, units, { inflateRaw: nodeInflateRaw });
  };
  if (options.count <= 0) {
    return { parallelism: 1, read: async (file) => local(file), close: async () => undefined };
  }

  let nextId = 1;
  const slots: Slot[] = [];
  const fail = (slot: Slot) => {
    if (!slot.alive) return;
    slot.alive = false;
    // The files it had are read here instead: a crash costs time, never a file.
    for (const p of slot.pending.values()) p.resolve(local(p.file));
    slot.pending.clear();
  };
  for (let i = 0; i < options.count; i++) {
    const worker = new Worker(options.script, options.execArgv ? { execArgv: options.execArgv } : {});
    const slot: Slot = { worker, pending: new Map(), alive: true };
    worker.on("message", (reply: WorkerReply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      p.resolve(reply.kind === "record" ? reply.record : local(p.file));
    });
    worker.on("error", () => fail(slot));
    worker.on("exit", () => fail(slot));
    worker.postMessage({ kind: "plan", plan } satisfies WorkerRequest);
    slots.push(slot);
  }

  const read = (file: InputFile): Promise<FormRecord> =>
    new Promise((resolve) => {
      const live = slots.filter((s) => s.alive);
      if (live.length === 0) {
        resolve(local(file));
        return;
      }
      // The least busy worker; ties by position, so dispatch is deterministic for a given order.
      const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      slot.pending.set(id, { file, resolve });
      // Copied, not transferred: the bytes stay here so a worker that dies can be replaced by this
      // thread, and an archive entry's view never detaches the archive's other entries.
      const msg: WorkerRequest = { kind: "read", id, file };
      try {
        slot.worker.postMessage(msg);
      } catch {
        slot.pending.delete(id);
        resolve(local(file));
      }
    });

  return {
    parallelism: options.count,
    read,
    close: async () => {
      for (const s of slots) s.alive = false;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
