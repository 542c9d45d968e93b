// Lets `node` run the TypeScript sources directly (CLI, benchmark) without a build step.
// Type checking is `npm run typecheck`; this only strips types.
const { transformSync } = require("@swc/core");
const Module = require("module");
const fs = require("fs");

const compile = (code, filename) =>
  transformSync(code, {
    filename,
    sourceMaps: "inline",
    jsc: { parser: { syntax: "typescript", tsx: filename.endsWith(".tsx") }, target: "es2022" },
    module: { type: "commonjs" },
  }).code;

for (const ext of [".ts", ".tsx"]) {
  Module._extensions[ext] = (module, filename) => {
    module._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);
  };
}
