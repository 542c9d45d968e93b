/** Worker threads for the CLI: how to start one; the pool itself is src/jobs/reader-pool. */
import { availableParallelism } from "os";
import { Worker } from "worker_threads";
import type { FormReader } from "../../jobs/consolidate";
import { poolReader, type WorkerPort, type WorkerReply } from "../../jobs/reader-pool";
import type { Plan } from "../../plan/types";
import { nodeInflateRaw } from "../native-inflate";

/** Workers worth starting for about `forms` forms: one per core, none for a few hundred. */
export function workerCount(forms: number, requested?: number): number {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  if (forms < 300) return 0; // starting workers costs more than reading a few hundred forms here
  return Math.min(Math.max(1, availableParallelism()), 8);
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
  return poolReader(plan, { count: options.count, spawn, inflateRaw: nodeInflateRaw });
}
