/** A Web Worker reading forms for the page and the pane: the shared handler, with the browser's inflate. */
import { formWorkerHandler, type WorkerRequest } from "../../../jobs/reader-pool";
import { streamInflater } from "../../../xlsx/read/stream-inflate";

const scope = self as unknown as {
  postMessage: (message: unknown) => void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};
const handle = formWorkerHandler((reply) => scope.postMessage(reply), streamInflater);
// One file at a time, in order: the pool keeps a couple in flight per worker.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event) => {
  queue = queue.then(() => handle(event.data));
};
