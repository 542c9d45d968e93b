/** Worker threads for the CLI: how to start one; the pool itself is src/jobs/reader-pool. */
import { availableParallelism } from "os";
import { Worker } from "worker_threads";
import type { FormReader } from "../../jobs/consolidate";
import { poolReader, type WorkerPort, type WorkerReply } from "../../jobs/reader-pool";
import type { Plan } from "../../plan/types";
import { nodeInflateRaw } from "../native-inflate";

/**
 * Worker threads worth starting for about `forms` forms: this thread reads too, so one fewer than
 * the cores; none for a batch of a few hundred, where starting a worker (~150 ms) and warming it up
 * (its first forms read several times slower) costs more than it saves: on 2 cores, 150 and 300
 * forms were done sooner by this thread alone. None on 2 cores at all: there one worker beside this
 * thread was measured slower (2,760 files: 5.7 s against 5.3 s) or no faster (3,000 forms: 0.97–1.1×)
 * — the two compete for memory and for the core the garbage collector also needs.
 */
export function workerCount(forms: number, requested?: number, cores = availableParallelism()): number {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  if (forms < 400 || cores < 3) return 0;
  return Math.min(cores - 1, 8);
}

/** `script`: the built worker (build/cli/form-worker.js). With `count` 0 this thread reads. */
export function workerReader(plan: Plan, options: { count: number; script: string }): FormReader {
  const spawn = (): WorkerPort => {
    const worker = new Worker(options.script);
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (handler) => worker.on("message", (reply: WorkerReply) => handler(reply)),
      onFailure: (handler) => {
        worker.on("error", handler);
        worker.on("exit", handler);
      },
      terminate: () => worker.terminate(),
    };
  };
  return poolReader(plan, { count: options.count, spawn, inflateRaw: nodeInflateRaw, inThread: setImmediate });
}
