#!/usr/bin/env node
// Builds the command line to plain JavaScript (build/cli/phuluc.js and its worker), so a run starts
// without compiling TypeScript. Runs on `npm ci` (prepare) and in `npm run build`; about 0.2 s.
import { build } from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

await build({
  absWorkingDir: ROOT,
  entryPoints: { phuluc: "src/cli/main.ts", "form-worker": "src/cli/workers/form-worker.ts" },
  outdir: "build/cli",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // One file per entry: loading a single script is what keeps the start close to a bare `node`.
  sourcemap: "linked",
  legalComments: "none",
  // The .xls reader (src/xls) is a large library used only when an .xls arrives: required from
  // node_modules on that first use rather than parsed at every start.
  external: ["@e965/xlsx"],
  // …and loaded with require, not import(): bin/phuluc.cjs runs the bundle through vm.Script (for
  // its code cache), where Node 20 allows import() only behind an experimental flag.
  supported: { "dynamic-import": false },
  logLevel: "warning",
});

// The code caches bin/phuluc.cjs keeps are for the bundle they were made from: gone with it.
for (const name of readdirSync(join(ROOT, "build", "cli")))
  if (name.startsWith(".cache-")) rmSync(join(ROOT, "build", "cli", name), { force: true });
