/** A worker thread reading forms for the CLI: the shared handler, with Node's zlib for inflating. */
import { parentPort } from "worker_threads";
import { formWorkerHandler, type WorkerRequest } from "../../jobs/reader-pool";
import { nodeInflateRaw } from "../native-inflate";

const handle = formWorkerHandler(
  (reply) => parentPort!.postMessage(reply),
  () => nodeInflateRaw,
);
parentPort?.on("message", (message: WorkerRequest) => void handle(message));
