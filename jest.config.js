/** Jest: TypeScript through SWC (types are checked separately by `npm run typecheck`). */
module.exports = {
  testEnvironment: "node",
  globalSetup: "<rootDir>/test/global-setup.cjs",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript", tsx: true }, transform: { react: { runtime: "automatic" } }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  // Tests that drive LibreOffice or Chromium are slow by nature; a hung child process still fails.
  testTimeout: 120000,
};
