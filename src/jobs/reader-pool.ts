/**
 * Forms read by a pool of workers — Node's worker threads in the CLI, Web Workers in the page and
 * the pane; each shell only says how to start one. The result never depends on the number of
 * workers or on which finishes first (consolidation merges the SET of records), and a worker that
 * dies or cannot start hands its files back to this thread, so nothing is ever lost.
 */
import { readFormAsync, UnitIndex } from "../consolidate";
import type { FormRecord, InputFile } from "../consolidate/types";
import type { Plan } from "../plan/types";
import type { InflateRaw } from "../xlsx/read";
import type { FormReader } from "./consolidate";

/** What the pool sends a worker, and what a worker answers. */
export type WorkerRequest = { kind: "plan"; plan: Plan } | { kind: "read"; id: number; file: InputFile };
export type WorkerReply = { kind: "record"; id: number; record: FormRecord } | { kind: "failed"; id: number };

/** The little the pool needs of a worker, whatever the platform. */
export interface WorkerPort {
  post(message: WorkerRequest): void;
  onMessage(handler: (reply: WorkerReply) => void): void;
  /** A crash, a failed start or an exit. */
  onFailure(handler: () => void): void;
  terminate(): void | Promise<unknown>;
}

/**
 * The worker's side, shared by both platforms: keeps the plan, reads each file. `inflateFor`
 * may prepare a platform decoder per file (the browser's DecompressionStream).
 */
export function formWorkerHandler(
  reply: (message: WorkerReply) => void,
  inflateFor?: (bytes: Uint8Array) => Promise<InflateRaw | undefined> | InflateRaw | undefined,
): (message: WorkerRequest) => Promise<void> {
  let plan: Plan | null = null;
  let units: UnitIndex | null = null;
  return async (message) => {
    if (message.kind === "plan") {
      plan = message.plan;
      units = new UnitIndex(plan);
      return;
    }
    try {
      const inflateRaw = inflateFor ? await inflateFor(message.file.bytes) : undefined;
      const record = await readFormAsync(plan!, message.file, units!, inflateRaw ? { inflateRaw } : {});
      reply({ kind: "record", id: message.id, record });
    } catch {
      // readForm turns anything a file contains into a problem; this is the worker itself failing.
      reply({ kind: "failed", id: message.id });
    }
  };
}

interface Slot {
  port: WorkerPort;
  pending: Map<number, { file: InputFile; resolve: (r: FormRecord | Promise<FormRecord>) => void }>;
  alive: boolean;
}

export function poolReader(
  plan: Plan,
  options: {
    count: number;
    spawn: () => WorkerPort;
    inflateRaw?: InflateRaw;
    /**
     * Lets this thread read its share too, run through the given scheduler (Node's setImmediate, so
     * worker replies are still handled between files). Not in a page: its thread draws the page.
     */
    inThread?: (run: () => void) => void;
  },
): FormReader {
  let units: UnitIndex | null = null;
  const local = (file: InputFile): Promise<FormRecord> => {
    units ??= new UnitIndex(plan);
    return readFormAsync(plan, file, units, options.inflateRaw ? { inflateRaw: options.inflateRaw } : {});
  };
  const slots: Slot[] = [];
  const fail = (slot: Slot) => {
    if (!slot.alive) return;
    slot.alive = false;
    // Its files are read here instead: a crash costs time, never a file.
    for (const p of slot.pending.values()) p.resolve(local(p.file));
    slot.pending.clear();
  };
  for (let i = 0; i < options.count; i++) {
    let port: WorkerPort;
    try {
      port = options.spawn();
    } catch {
      break; // workers are not allowed here (policy, old engine): this thread reads
    }
    const slot: Slot = { port, pending: new Map(), alive: true };
    port.onMessage((reply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      p.resolve(reply.kind === "record" ? reply.record : local(p.file));
    });
    port.onFailure(() => fail(slot));
    try {
      port.post({ kind: "plan", plan });
    } catch {
      slot.alive = false;
    }
    slots.push(slot);
  }

  let nextId = 1;
  const schedule = options.inThread;
  // This thread's share, read one form per turn of the scheduler: between two, the workers' replies
  // are taken in and their queues refilled (run back to back, they would wait for this thread).
  const ownQueue: (() => void)[] = [];
  let armed = false;
  const readOwn = (): void => {
    armed = false;
    ownQueue.shift()?.();
    if (ownQueue.length > 0) arm();
  };
  const arm = (): void => {
    if (armed || !schedule) return;
    armed = true;
    schedule(readOwn);
  };
  const read = (file: InputFile): Promise<FormRecord> =>
    new Promise((resolve) => {
      const live = slots.filter((s) => s.alive);
      if (live.length === 0) {
        resolve(local(file));
        return;
      }
      // The least busy worker; ties go to the first, so dispatch is deterministic for an order.
      const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      if (schedule && ownQueue.length < slot.pending.size) {
        ownQueue.push(() => resolve(local(file)));
        arm();
        return;
      }
      const id = nextId++;
      slot.pending.set(id, { file, resolve });
      try {
        // Copied, not transferred: the bytes stay here so a dying worker's files can still be read,
        // and an archive entry's view never detaches the archive's other entries.
        slot.port.post({ kind: "read", id, file });
      } catch {
        slot.pending.delete(id);
        resolve(local(file));
      }
    });

  return {
    parallelism: Math.max(1, slots.filter((s) => s.alive).length + (schedule ? 1 : 0)),
    read,
    close: async () => {
      for (const s of slots) s.alive = false;
      await Promise.all(slots.map((s) => s.port.terminate()));
    },
  };
}
