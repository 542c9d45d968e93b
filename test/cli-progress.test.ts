import { userCwd } from "../src/cli/main";
import { progressBar } from "../src/cli/progress";

function capture(interactive: boolean, columns = 60) {
  const err: string[] = [];
  return { err, io: { stdout: () => undefined, stderr: (t: string) => void err.push(t), interactive, columns } };
}

describe("progress bar", () => {
  it("draws nothing when stderr is not a terminal (pipes and logs get only results)", () => {
    const c = capture(false);
    const bar = progressBar(c.io, { vi: "tệp", en: "files" });
    for (let i = 1; i <= 50; i++) bar.update(i, 50, `f${i}.xlsx`);
    bar.finish();
    expect(c.err).toEqual([]);
  });

  it("redraws one line in place at most ten times a second, always the last state, then clears it", () => {
    const c = capture(true, 60);
    let now = 0;
    const bar = progressBar(c.io, { vi: "tệp", en: "files" }, () => now);
    for (let i = 1; i <= 100; i++) {
      now += 5; // 5 ms a file: 500 ms in all
      bar.update(i, 100, `thu-muc/rat-dai/ten-tep-so-${i}-cua-don-vi.xlsx`);
    }
    bar.finish();
    const frames = c.err.slice(0, -1);
    expect(frames.length).toBeGreaterThanOrEqual(5);
    expect(frames.length).toBeLessThanOrEqual(7);
    for (const f of frames) {
      expect(f.startsWith("\r")).toBe(true);
      expect(f.length).toBeLessThanOrEqual(60); // never wraps onto a second line
    }
    expect(frames[frames.length - 1]).toMatch(/^\r\[#{24}\] 100\/100 tệp\/files …/);
    expect(c.err[c.err.length - 1]).toMatch(/^\r +\r$/);
  });
});

describe("the user's folder", () => {
  it("is INIT_CWD under npm (npm runs scripts in the package folder), else the process folder", () => {
    expect(userCwd({ npm_lifecycle_event: "cli", INIT_CWD: "/home/van-phong/bao-cao" })).toBe(
      "/home/van-phong/bao-cao",
    );
    expect(userCwd({ INIT_CWD: "/stale/from/an/outer/npm" })).toBe(process.cwd());
    expect(userCwd({})).toBe(process.cwd());
  });
});
