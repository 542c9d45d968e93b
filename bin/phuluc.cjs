#!/usr/bin/env node
// The `phuluc` command: runs the built CLI (build/cli/phuluc.js, made by `npm ci` or `npm run build`).
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const built = join(__dirname, "..", "build", "cli", "phuluc.js");
if (!existsSync(built)) {
  process.stderr.write(
    "Chưa dựng dòng lệnh: chạy `npm run build:cli` (hoặc `npm ci`) rồi thử lại.\n" +
      "The command line is not built yet: run `npm run build:cli` (or `npm ci`), then try again.\n",
  );
  process.exit(2);
}
require(built).main();
