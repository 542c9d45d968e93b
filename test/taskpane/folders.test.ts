import {
  filesFromEntries,
  MAX_DEPTH,
  pickedFolderFiles,
  type EntryLike,
} from "../../src/taskpane/pages/consolidate/folders";

/** A fake dropped folder tree: readEntries gives batches of two, then an empty batch, as browsers do. */
function dir(fullPath: string, children: EntryLike[]): EntryLike {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split("/").pop()!,
    fullPath,
    createReader() {
      let at = 0;
      return {
        readEntries(ok: (e: EntryLike[]) => void) {
          const batch = children.slice(at, at + 2);
          at += batch.length;
          setTimeout(() => ok(batch), 0);
        },
      };
    },
  };
}

function file(fullPath: string, text: string, fail = false): EntryLike {
  const name = fullPath.split("/").pop()!;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file(ok: (f: File) => void, ko?: (e: unknown) => void) {
      if (fail) ko?.(new Error("gone"));
      else ok(new File([text], name, { lastModified: 1_780_000_000_000 }));
    },
  };
}

describe("dropped and picked folders", () => {
  it("walks a dropped folder, names each file by its path, keeps bytes and times", async () => {
    const tree = dir("/Bao cao", [
      file("/Bao cao/xa A.xlsx", "a"),
      dir("/Bao cao/Lan 2", [file("/Bao cao/Lan 2/xa B.ods", "bb"), file("/Bao cao/Lan 2/Thumbs.db", "x")]),
      file("/Bao cao/hong.xls", "", true),
      file("/Bao cao/xa C.xls", "ccc"),
    ]);
    const files = await filesFromEntries([tree, file("/le.xlsx", "l")]);
    expect(files.map((f) => f.name)).toEqual([
      "Bao cao/Lan 2/Thumbs.db",
      "Bao cao/Lan 2/xa B.ods",
      "Bao cao/xa A.xlsx",
      "Bao cao/xa C.xls",
      "le.xlsx",
    ]);
    expect(await files[1]!.text()).toBe("bb");
    expect(files[1]!.lastModified).toBe(1_780_000_000_000);
  });

  it("stops at the depth limit instead of walking a whole drive", async () => {
    let tree = file(`/d/${"x/".repeat(MAX_DEPTH + 2)}deep.xlsx`, "d");
    for (let i = MAX_DEPTH + 2; i >= 0; i--) tree = dir(`/d/${"x/".repeat(i)}`.replace(/\/$/, ""), [tree]);
    expect(await filesFromEntries([tree])).toEqual([]);
  });

  it("names files from the folder picker by their relative path", () => {
    const f = new File(["z"], "xa A.xlsx");
    Object.defineProperty(f, "webkitRelativePath", { value: "Thu Zalo/xa A.xlsx" });
    expect(pickedFolderFiles([f]).map((x) => x.name)).toEqual(["Thu Zalo/xa A.xlsx"]);
  });
});
