import { strToU8, zipSync } from "fflate";
import { expandBytes, expandSource, isNoiseFile, type ArchiveLimits } from "../../src/jobs/inputs";

const xlsxLike = (tag: string) => strToU8(`not really a workbook ${tag}`);

describe("isNoiseFile", () => {
  it.each([
    ["~$bao-cao.xlsx", true],
    ["gui-ve/~$btc.xlsx", true],
    ["Thumbs.db", true],
    ["thumbs.db", true],
    ["a/desktop.ini", true],
    [".DS_Store", true],
    ["__MACOSX/a/._btc.xlsx", true],
    ["._btc.xlsx", true],
    ["btc.xlsx", false],
    ["bao cao ~$ giua.xlsx", false],
    ["folder/", true],
  ])("%s → %s", (name, noise) => expect(isNoiseFile(name)).toBe(noise));
});

describe("expandBytes", () => {
  it("gives a plain file back as it is, with its time", () => {
    const bytes = xlsxLike("x");
    const out = expandBytes("btc.xlsx", bytes, "2026-06-01T00:00:00.000Z");
    expect(out.files).toEqual([{ name: "btc.xlsx", bytes, lastModified: "2026-06-01T00:00:00.000Z" }]);
    expect(out.skipped).toEqual([]);
  });

  it("opens folders inside an archive and one nested archive; names say where each file was", () => {
    const inner = zipSync({ "c.xlsx": xlsxLike("c"), "deeper.zip": zipSync({ "d.xlsx": xlsxLike("d") }) });
    const zip = zipSync({ "b/a.xlsx": xlsxLike("a"), "b/inner.zip": inner, "b/~$a.xlsx": xlsxLike("lock") });
    const out = expandBytes("gui.zip", zip, undefined);
    expect(out.files.map((f) => f.name)).toEqual([
      "gui.zip › b/a.xlsx",
      "gui.zip › b/inner.zip › c.xlsx",
      // Two levels down is not opened: it is handed on whole and reported like any odd file.
      "gui.zip › b/inner.zip › deeper.zip",
    ]);
    expect(new TextDecoder().decode(out.files[0]!.bytes)).toBe("not really a workbook a");
    expect(out.skipped.map((s) => s.name)).toEqual(["gui.zip › b/~$a.xlsx"]);
    expect(out.skipped[0]!.reason.vi).toMatch(/^Bỏ qua/);
  });

  it("keeps to the archive limits: files beyond the count are listed as skipped, not dropped silently", () => {
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) entries[`f${i}.xlsx`] = xlsxLike(String(i));
    const limits: ArchiveLimits = { maxFiles: 3, maxTotalBytes: 1 << 20, maxDepth: 1 };
    const out = expandBytes("nhieu.zip", zipSync(entries), undefined, { limits });
    expect(out.files).toHaveLength(3);
    expect(out.skipped.map((s) => s.name)).toEqual(["nhieu.zip › f3.xlsx", "nhieu.zip › f4.xlsx"]);
    expect(out.skipped[0]!.reason.en).toContain("too many files");
  });

  it("stops at the total size limit", () => {
    const big = new Uint8Array(4000).fill(65);
    const out = expandBytes("to.zip", zipSync({ "a.xlsx": big, "b.xlsx": big }), undefined, {
      limits: { maxFiles: 10, maxTotalBytes: 6000, maxDepth: 1 },
    });
    expect(out.files.map((f) => f.name)).toEqual(["to.zip › a.xlsx"]);
    expect(out.skipped.map((s) => s.name)).toEqual(["to.zip › b.xlsx"]);
    expect(out.skipped[0]!.reason.en).toMatch(/refused for safety|safety limit/);
  });

  it("hands a damaged archive on whole, so it is reported as one unreadable file", () => {
    const zip = zipSync({ "a.xlsx": xlsxLike("a") });
    const damaged = zip.slice(0, zip.length - 30);
    const out = expandBytes("hong.zip", damaged, undefined);
    expect(out.files.map((f) => f.name)).toEqual(["hong.zip"]);
  });
});

describe("expandSource", () => {
  it("turns a source that cannot be read into an empty file with its name (reported, never thrown)", async () => {
    const out = await expandSource({ name: "mat.xlsx", read: () => Promise.reject(new Error("EACCES")) });
    expect(out.files).toEqual([{ name: "mat.xlsx", bytes: new Uint8Array(0) }]);
  });

  it("skips a lock file without reading it", async () => {
    const read = jest.fn(async () => new Uint8Array(1));
    const out = await expandSource({ name: "~$so.xlsx", read });
    expect(read).not.toHaveBeenCalled();
    expect(out.files).toEqual([]);
    expect(out.skipped).toHaveLength(1);
  });
});
