/** How the page reads forms: Web Workers (one per core) for many files, this thread for a few. */
import { inThreadReader, type FormReader } from "../../../jobs/consolidate";
import { poolReader, type WorkerPort, type WorkerReply } from "../../../jobs/reader-pool";
import type { Plan } from "../../../plan/types";

/** Fewer files than this are read here: starting workers would cost more than it saves. */
const WORKERS_FROM = 24;

export function browserReader(plan: Plan, files: number): FormReader {
  const cores = typeof navigator !== "undefined" ? navigator.hardwareConcurrency || 2 : 1;
  const count = typeof Worker === "function" && files >= WORKERS_FROM ? Math.min(4, Math.max(1, cores)) : 0;
  if (count === 0) return inThreadReader(plan);
  const spawn = (): WorkerPort => {
    const worker = new Worker(new URL("./form-worker.ts", import.meta.url), { name: "doc-bieu-mau" });
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (handler) => worker.addEventListener("message", (e: MessageEvent<WorkerReply>) => handler(e.data)),
      onFailure: (handler) => {
        worker.addEventListener("error", handler);
        worker.addEventListener("messageerror", handler);
      },
      terminate: () => worker.terminate(),
    };
  };
  return poolReader(plan, { count, spawn });
}
