/**
 * A worker thread that reads and checks forms: the plan arrives once, then files one by one; each
 * answer is the file's FormRecord (plain data). Any failure is the record's own problem (readForm
 * never throws for a file's content), so a hostile file cannot take the worker down.
 */
import { parentPort } from "worker_threads";
import { readForm, UnitIndex } from "../../consolidate";
import type { InputFile } from "../../consolidate/types";
import type { Plan } from "../../plan/types";
import { nodeInflateRaw } from "../native-inflate";

export type WorkerRequest = { kind: "plan"; plan: Plan } | { kind: "read"; id: number; file: InputFile };
export type WorkerReply =
  { kind: "record"; id: number; record: ReturnType<typeof readForm> } | { kind: "failed"; id: number; message: string };

let plan: Plan | null = null;
let units: UnitIndex | null = null;

parentPort?.on("message", (msg: WorkerRequest) => {
  if (msg.kind === "plan") {
    plan = msg.plan;
    units = new UnitIndex(plan);
    return;
  }
  try {
    const record = readForm(plan!, msg.file, units!, { inflateRaw: nodeInflateRaw });
    parentPort!.postMessage({ kind: "record", id: msg.id, record } satisfies WorkerReply);
  } catch (error) {
    parentPort!.postMessage({
      kind: "failed",
      id: msg.id,
      message: error instanceof Error ? error.message : String(error),
    } satisfies WorkerReply);
  }
});
