import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";

// The plugin's recommended config brings prettier and the Office rules (no context.sync() in loops,
// load before read) but leaves its parser unset in this version: name it here, for .ts and .tsx.
const recommended = officeAddins.configs.recommended;
const tsParser = (await import("@typescript-eslint/parser")).default;

export default [
  { ignores: ["dist/**", "node_modules/**", "test-output/**", "coverage/**", "scripts/**/*.cjs"] },
  ...recommended,
  ...officeAddins.configs.react.map((c) => ({ ...c, files: ["**/*.tsx"] })),
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: "latest",
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: {
      // TypeScript checks names itself; the core rule does not know type-only globals (Office, Excel).
      "no-undef": "off",
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      "no-eval": "error",
      "no-new-func": "error",
    },
  },
  {
    // Build and start scripts run on Node directly.
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: globals.node,
    },
  },
  { files: ["webpack.config.js"], languageOptions: { sourceType: "commonjs" } },
  {
    // CommonJS files: the `phuluc` launcher, jest's global set-up, the benchmark's preload.
    files: ["**/*.cjs"],
    languageOptions: { ecmaVersion: "latest", sourceType: "commonjs", globals: globals.node },
  },
  {
    // Tests and benchmarks read ExcelJS objects and the recorder, whose names look like Office.js
    // proxies to these rules; the rules stay on for the add-in's own code.
    files: ["test/**", "bench/**"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
];
