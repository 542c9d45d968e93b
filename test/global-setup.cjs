// The command-line tests run the built CLI as users do: build it from the current sources first
// (about 0.2 s), so a stale build can never pass for the code under test.
const { execFileSync } = require("node:child_process");
const { join } = require("node:path");

module.exports = async () => {
  execFileSync(process.execPath, [join(__dirname, "..", "scripts", "build-cli.mjs")], { stdio: "inherit" });
};
