#!/usr/bin/env node
// Reads the `[Api set: ExcelApi 1.x]` tags of @types/office-js and writes, for every class of the
// Excel namespace, each member's requirement set, its kind (property or method), the Excel class a
// navigation property or method returns, and the tags that depend on how a member is used (a
// property readable in 1.1 but settable only in 1.4, a parameter that needs a later set).
// The recording fake of Office.js (test/helpers/excel-recorder.ts) refuses any member above the
// client version it is given, exactly as these tags say.
// Run after updating @types/office-js: node scripts/gen-excel-api-sets.mjs [--check]
// (--check exits 1 when the committed table differs from what the installed types give.)
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "src", "excel", "api-sets.json");
const require = createRequire(import.meta.url);
const typesDir = dirname(require.resolve("@types/office-js/package.json"));
const typesVersion = JSON.parse(readFileSync(join(typesDir, "package.json"), "utf8")).version;
const lines = readFileSync(join(typesDir, "index.d.ts"), "utf8").split("\n");

// The first `declare namespace Excel {` holds the classes; `namespace Interfaces` starts the
// load/set option types, which are not proxies.
const start = lines.findIndex((l) => l.startsWith("declare namespace Excel {"));
const end = lines.findIndex((l, i) => i > start && /^ {4}namespace Interfaces \{/.test(l));
if (start < 0 || end < 0) throw new Error("Excel namespace not found in @types/office-js");

const CLASS = /^ {4}class (\w+) extends (?:OfficeExtension\.ClientObject|OfficeCore\.RequestContext)\b/;
const PROPERTY = /^ {8}(readonly )?(\w+)\??: (.+);$/;
const METHOD = /^ {8}(\w+)(?:<[^>]*>)?\((.*)\): (.+);$/;
const TAG = /\[Api set: ([A-Za-z]*) ?([^\]]*)\]/;

/** "ExcelApi 1.9" → { set, version }; an untagged member is a preview API ("ExcelApi Preview"). */
function parseTag(text) {
  const m = TAG.exec(text);
  if (!m) return null;
  const version = /^\d+\.\d+/.exec(m[2].trim())?.[0] ?? null;
  return { set: m[1] || "Unknown", version, raw: m[0] };
}

/** The Excel class a declared type navigates to (`Excel.Range`, `Range`), or undefined. */
function classOf(type, classes) {
  const name = type.replace(/^Excel\./, "").trim();
  return classes.has(name) ? name : undefined;
}

// First pass: class names (a property's type is a class only if the namespace declares it as one).
const classes = new Set();
for (let i = start; i < end; i++) {
  const m = CLASS.exec(lines[i]);
  if (m) classes.add(m[1]);
}

const out = {};
let current = null;
let doc = [];
for (let i = start; i < end; i++) {
  const line = lines[i];
  const c = CLASS.exec(line);
  if (c) {
    current = {};
    out[c[1]] = current;
    doc = [];
    continue;
  }
  if (/^ {4}\}/.test(line)) {
    current = null;
    continue;
  }
  if (!current) continue;
  if (/^ {8}\/\*\*/.test(line)) {
    doc = [line];
    continue;
  }
  if (/^ {8,}\*/.test(line) || /^ {9,}\S/.test(line) || (doc.length > 0 && line.trim() === "")) {
    if (doc.length > 0) doc.push(line);
    continue;
  }
  const prop = PROPERTY.exec(line);
  const method = prop ? null : METHOD.exec(line);
  if (!prop && !method) {
    doc = [];
    continue;
  }
  const name = prop ? prop[2] : method[1];
  const text = doc.join("\n");
  doc = [];
  if (name === "context" || name === "items" || name.startsWith("_")) continue;
  // Office.js plumbing every proxy has (load, set, toJSON, track, untrack) is not an Excel member.
  if (["load", "set", "toJSON", "track", "untrack"].includes(name)) continue;
  const remarks =
    /@remarks[\s\S]*?(\[Api set:[^\]]*\])/.exec(text)?.[1] ?? /^[^@]*?(\[Api set:[^\]]*\])/.exec(text)?.[1] ?? "";
  // RequestContext's own members carry no tag where they exist since the first set.
  const tag =
    parseTag(remarks) ?? (out.RequestContext === current && text === "" ? parseTag("[Api set: ExcelApi 1.1]") : null);
  const entry = {
    kind: prop ? "property" : "method",
    set: tag?.set ?? "ExcelApi",
    version: tag?.version ?? null,
  };
  if (prop && prop[1]) entry.readonly = true;
  const type = prop ? prop[3] : method[3];
  const nav = classOf(type, classes);
  if (nav) entry.type = nav;
  // Usage-dependent tags, in the forms the types use.
  const getSet = /ExcelApi ([\d.]+) for (?:get|getting|reading)[^;,]*[;,] ?([\d.]+) for set/.exec(remarks);
  if (getSet) entry.setVersion = getSet[2];
  if (method) {
    const params = method[2]
      .split(/,(?![^<{(]*[>})])/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => p.replace(/\??:.*$/, "").trim());
    const args = [];
    // "ExcelApi 1.2 for options; 1.7 for password" on the method itself.
    for (const m of remarks.matchAll(/([\d]+\.[\d]+) for (\w+)/g)) {
      const index = params.indexOf(m[2]);
      if (index >= 0 && m[1] !== entry.version) args.push({ index, when: "given", version: m[1] });
    }
    // Tags on one parameter: "[Api set: ExcelApi 1.7 for password]", or "1.1 / 1.3 … Range object".
    for (const m of text.matchAll(/@param (\w+)[^\n]*?\[Api set: ExcelApi ([^\]]*)\]/g)) {
      const index = params.indexOf(m[1]);
      if (index < 0) continue;
      const objectSince = /([\d.]+) \/ ([\d.]+)\.[^\]]*Range object/.exec(m[2]);
      if (objectSince) args.push({ index, when: "object", version: objectSince[2] });
      else {
        const v = /^([\d]+\.[\d]+)/.exec(m[2])?.[1];
        if (v && v !== entry.version && !args.some((a) => a.index === index))
          args.push({ index, when: "given", version: v });
      }
    }
    if (args.length > 0) entry.args = args;
  }
  if (tag && tag.raw !== `[Api set: ${tag.set} ${tag.version}]`) entry.note = tag.raw;
  const previous = current[name];
  // Overloads: the member exists from the earliest set any overload names.
  if (
    previous &&
    previous.version !== null &&
    (entry.version === null || minor(previous.version) <= minor(entry.version))
  )
    continue;
  current[name] = entry;
}

function minor(v) {
  const [a, b] = v.split(".").map(Number);
  return a * 1000 + b;
}

const sorted = Object.fromEntries(
  Object.keys(out)
    .sort()
    .map((k) => [
      k,
      Object.fromEntries(
        Object.keys(out[k])
          .sort()
          .map((m) => [m, out[k][m]]),
      ),
    ]),
);
const json = `${JSON.stringify({ source: `@types/office-js ${typesVersion}`, classes: sorted }, null, 1)}\n`;
if (process.argv.includes("--check")) {
  const committed = readFileSync(OUT, "utf8");
  if (committed !== json) {
    console.error(
      `${OUT} is out of date with @types/office-js ${typesVersion}; run node scripts/gen-excel-api-sets.mjs`,
    );
    process.exit(1);
  }
  console.log(`${OUT} matches @types/office-js ${typesVersion}`);
} else {
  writeFileSync(OUT, json);
  const members = Object.values(sorted).reduce((n, c) => n + Object.keys(c).length, 0);
  console.log(`${OUT}: ${Object.keys(sorted).length} classes, ${members} members (@types/office-js ${typesVersion})`);
}
