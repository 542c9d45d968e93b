#!/usr/bin/env node
// The `phuluc` command: runs the built CLI (build/cli/phuluc.js, made by `npm ci` or `npm run build`).
const { createHash } = require("node:crypto");
const { existsSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname, join } = require("node:path");
const vm = require("node:vm");

const built = join(__dirname, "..", "build", "cli", "phuluc.js");
if (!existsSync(built)) {
  process.stderr.write(
    "Chưa dựng dòng lệnh: chạy `npm run build:cli` (hoặc `npm ci`) rồi thử lại.\n" +
      "The command line is not built yet: run `npm run build:cli` (or `npm ci`), then try again.\n",
  );
  process.exit(2);
}

/**
 * V8's code cache, one per command, kept beside the bundle: what a first run of `consolidate`
 * compiled (the functions it ran, not only the top level) is not compiled again by the next —
 * about a tenth of a short run. Named by a digest of the bundle (V8 itself checks only the source's
 * length, its own version and flags, and compiles afresh when they do not fit); a rebuild removes
 * the old ones (scripts/build-cli.mjs); a folder that cannot be written just means no cache.
 * Node 22's module.enableCompileCache does this for itself; Node 20 has only vm.Script.
 */
const source = readFileSync(built, "utf8");
const digest = createHash("sha256").update(source).digest("hex").slice(0, 16);
const command = /^[a-z]{1,20}$/.test(process.argv[2] ?? "") ? process.argv[2] : "other";
const cachePath = join(dirname(built), `.cache-${command}-${digest}-${process.version}-${process.arch}.bin`);
let cachedData;
try {
  cachedData = readFileSync(cachePath);
} catch {
  cachedData = undefined;
}
const requireFromBundle = Module.createRequire(built);
const script = new vm.Script(Module.wrap(source), {
  filename: built,
  cachedData,
});
const cli = new Module(built, module);
cli.filename = built;
cli.paths = Module._nodeModulePaths(dirname(built));
cli.loaded = true;
script.runInThisContext().call(cli.exports, cli.exports, requireFromBundle, cli, built, dirname(built));

/**
 * Written when there was none or V8 refused it, and rewritten when a run compiled much more than
 * the cache holds: a first run that only printed help or a usage error must not leave the real
 * runs a cache of the argument parser. Only a small cache is ever compared (serialising costs
 * 4–8 ms); one that covers most of the bundle is left alone.
 */
const small = cachedData !== undefined && cachedData.length < 0.6 * source.length;
if (cachedData === undefined || script.cachedDataRejected || small) {
  process.once("exit", () => {
    try {
      const data = script.createCachedData();
      if (cachedData !== undefined && !script.cachedDataRejected && data.length < 1.25 * cachedData.length) return;
      // Written whole or not at all: another run reading it half-written would only be rejected, but why risk it.
      const tmp = `${cachePath}.${process.pid}`;
      writeFileSync(tmp, data);
      renameSync(tmp, cachePath);
    } catch {
      // read-only install: runs stay correct, only without the cache
    }
  });
}
cli.exports.main();
