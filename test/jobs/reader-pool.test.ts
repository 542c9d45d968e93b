/**
 * Reading in parallel gives the same consolidation as reading in one thread: for 0, 1, 2 and 4
 * worker threads (the built CLI worker), for workers that die, and for the browser worker's
 * DecompressionStream path — and a zip bomb is still refused on that path.
 */
import { join } from "path";
import type { InputFile } from "../../src/consolidate/types";
import { workerCount, workerReader } from "../../src/cli/workers/pool";
import { inThreadReader, memorySources, runConsolidation, type FormReader } from "../../src/jobs/consolidate";
import { formWorkerHandler, poolReader, type WorkerPort, type WorkerReply } from "../../src/jobs/reader-pool";
import { readXlsx } from "../../src/xlsx/read";
import { streamInflater } from "../../src/xlsx/read/stream-inflate";
import { fillForm } from "../helpers/fill-form";
import { buildForm, buildZipBomb } from "../helpers/fixtures";
import { AS_OF, blankForm, H1, owed, plan } from "../consolidate/fixtures";

const WORKER = join(__dirname, "..", "..", "build", "cli", "form-worker.js");
const CODES = ["BTCTU", "SNV", "16681", "16732", "BTGDVTU", "UBKTTU"];

let files: InputFile[];
beforeAll(async () => {
  files = [];
  for (const [i, code] of CODES.entries()) {
    const rows = owed(code).map((task, j) => ({
      task,
      status: ["Hoàn thành", "Đang thực hiện", "Chưa triển khai"][(i + j) % 3]!,
      result: `Kết quả ${i}-${j}`,
      ...((i + j) % 3 === 0 ? { completedOn: "01/6/2026" } : {}),
    }));
    const blank = await blankForm(code);
    files.push({ name: `${code}.xlsx`, bytes: fillForm(blank, rows), lastModified: "2026-06-10T08:00:00Z" });
    // A later resend with other values: newer wins, whichever worker reads it first.
    files.push({
      name: `${code}-gui-lai.xlsx`,
      bytes: fillForm(
        blank,
        rows.map((r) => ({ ...r, result: `${r.result} (sửa)` })),
      ),
      lastModified: "2026-06-12T08:00:00Z",
    });
  }
  files.push({ name: "hong.xlsx", bytes: Uint8Array.from({ length: 3000 }, (_, i) => (i * 31) % 251) });
  files.push({ name: "trong.xlsx", bytes: new Uint8Array(0) });
});

async function consolidateWith(reader: FormReader, input: InputFile[] = files): Promise<string> {
  try {
    const run = await runConsolidation({ plan, sources: memorySources(input), asOf: AS_OF, period: H1, reader });
    return JSON.stringify(run.result);
  } finally {
    await reader.close();
  }
}

describe("parallel reading", () => {
  let single: string;
  beforeAll(async () => {
    single = await consolidateWith(inThreadReader(plan));
  });

  it.each([1, 2, 4])("%i worker thread(s) give the same result as one thread", async (count) => {
    const reader = workerReader(plan, { count, script: WORKER });
    const parallelism = reader.parallelism;
    expect(await consolidateWith(reader)).toBe(single);
    // The CLI's own thread reads its share beside the workers.
    expect(parallelism).toBe(count + 1);
  });

  it("the same in reverse order of files", async () => {
    expect(await consolidateWith(workerReader(plan, { count: 2, script: WORKER }), [...files].reverse())).toBe(single);
  });

  it("workers that die or never start hand their files back to this thread: nothing is lost", async () => {
    let started = 0;
    const spawn = (): WorkerPort => {
      started++;
      if (started === 3) throw new Error("Worker blocked by policy");
      let fail: () => void = () => undefined;
      let answer: (r: WorkerReply) => void = () => undefined;
      const handle = formWorkerHandler((r) => answer(r));
      let served = 0;
      return {
        post: (m) => {
          // The second worker dies after two files; the first one answers everything.
          if (m.kind === "read" && started >= 2 && ++served > 2) {
            setTimeout(() => fail(), 0);
            return;
          }
          void handle(m);
        },
        onMessage: (h) => (answer = h),
        onFailure: (h) => (fail = h),
        terminate: () => undefined,
      };
    };
    const reader = poolReader(plan, { count: 3, spawn });
    expect(await consolidateWith(reader)).toBe(single);
  });

  it("the browser worker's DecompressionStream path reads the same records", async () => {
    const replies: WorkerReply[] = [];
    const handle = formWorkerHandler((r) => replies.push(r), streamInflater);
    await handle({ kind: "plan", plan });
    for (const [id, file] of files.entries()) await handle({ kind: "read", id, file });
    const local = inThreadReader(plan);
    const expected = await Promise.all(files.map((f) => local.read(f)));
    expect(replies.map((r) => (r.kind === "record" ? r.record : null))).toEqual(expected);
  });

  it("a workbook with large parts is inflated through DecompressionStream and reads the same", async () => {
    const big = await buildForm(6000, 15);
    const inflateRaw = await streamInflater(big);
    // Large enough for the stream path (small parts stay with the JavaScript decoder).
    expect(inflateRaw).toBeDefined();
    const calls: number[] = [];
    const counting = (c: Uint8Array, max: number) => {
      const out = inflateRaw!(c, max);
      calls.push(out.length);
      return out;
    };
    const viaStream = readXlsx(big, { inflateRaw: counting });
    expect(calls.length).toBeGreaterThan(0);
    const plain = readXlsx(big);
    expect(viaStream.sheets.map((x) => x.cells.length)).toEqual(plain.sheets.map((x) => x.cells.length));
    expect(viaStream.sheets[0]!.cells.slice(-20)).toEqual(plain.sheets[0]!.cells.slice(-20));
  });

  it("a zip bomb is refused the same way through DecompressionStream", async () => {
    const bomb = buildZipBomb(await blankForm("SNV"), 80 * 1024 * 1024);
    const inflateRaw = await streamInflater(bomb);
    expect(inflateRaw).toBeDefined();
    const code = (fn: () => unknown) => {
      try {
        fn();
        return "read";
      } catch (e) {
        return (e as { code?: string }).code;
      }
    };
    const viaStream = code(() => readXlsx(bomb, { inflateRaw: inflateRaw! }));
    expect(viaStream).toBe(code(() => readXlsx(bomb)));
    expect(viaStream).toBe("zip-bomb");
  });
});

describe("how many worker threads the command line starts by default", () => {
  it.each([
    // forms, --jobs, cores → workers
    [150, undefined, 8, 0], // a few hundred forms: this thread alone
    [2760, undefined, 2, 0], // 2 cores: one thread was measured as fast
    [2760, undefined, 3, 2],
    [2760, undefined, 4, 3],
    [2760, undefined, 32, 8],
    [150, 2, 2, 2], // --jobs wins
    [2760, 0, 8, 0],
  ])("%i forms, --jobs %s, %i cores → %i", (forms, jobs, cores, expected) => {
    expect(workerCount(forms, jobs, cores)).toBe(expected);
  });
});
