/**
 * A one-line progress bar on a terminal's stderr ("[######----] 45/150 tệp"), redrawn at most ten
 * times a second. Nothing at all when stderr is a pipe or a file: logs and scripts get only results.
 */
import type { CliIO } from "./io";

export interface Progress {
  update(done: number, total: number, label?: string): void;
  finish(): void;
}

export function progressBar(io: CliIO, unit: { vi: string; en: string }, now: () => number = Date.now): Progress {
  if (!io.interactive) return { update: () => undefined, finish: () => undefined };
  const columns = Math.max(40, io.columns ?? 80);
  let last = -Infinity;
  let drawn = false;
  const draw = (done: number, total: number, label: string) => {
    const width = 24;
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    const head = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${unit.vi}/${unit.en} `;
    const room = columns - head.length - 1;
    const tail = room > 3 ? (label.length > room ? `…${label.slice(label.length - room + 1)}` : label) : "";
    io.stderr(`\r${(head + tail).padEnd(columns - 1)}`);
    drawn = true;
  };
  return {
    update(done, total, label = "") {
      const t = now();
      if (done < total && t - last < 100) return;
      last = t;
      draw(done, total, label);
    },
    finish() {
      if (drawn) io.stderr(`\r${" ".repeat(columns - 1)}\r`);
      drawn = false;
    },
  };
}
