/** docProps: core.xml (Dublin Core), app.xml (extended) and custom.xml (user-defined name → value). */
import type { ReadWorkbook } from "./types";
import { parseXml } from "./xml";

/** Text of each direct child of the root whose local name is listed. */
function childTexts(xml: string, part: string, wanted: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  let depth = 0;
  let current: string | undefined;
  let buf = "";
  parseXml(xml, part, {
    open(name) {
      depth++;
      if (depth === 2 && wanted.includes(name)) {
        current = name;
        buf = "";
      }
    },
    close(name) {
      if (depth === 2 && current === name) {
        out.set(name, buf.trim());
        current = undefined;
      }
      depth--;
    },
    text(t) {
      if (current !== undefined) buf += t;
    },
  });
  return out;
}

export function parseCore(xml: string, part: string): ReadWorkbook["core"] {
  const t = childTexts(xml, part, ["title", "creator", "lastModifiedBy", "created", "modified"]);
  const core: ReadWorkbook["core"] = {};
  for (const k of ["title", "creator", "lastModifiedBy", "created", "modified"] as const) {
    const v = t.get(k);
    if (v !== undefined && v !== "") core[k] = v;
  }
  return core;
}

export function parseApp(xml: string, part: string): ReadWorkbook["app"] {
  const t = childTexts(xml, part, ["Application", "AppVersion"]);
  const app: ReadWorkbook["app"] = {};
  const application = t.get("Application");
  const appVersion = t.get("AppVersion");
  if (application) app.application = application;
  if (appVersion) app.appVersion = appVersion;
  return app;
}

/** <property name="X"><vt:lpwstr>…</vt:lpwstr></property>: every variant type becomes its text. */
export function parseCustom(xml: string, part: string): Record<string, string> {
  const out: Record<string, string> = {};
  let name: string | undefined;
  let depth = 0;
  let buf = "";
  parseXml(xml, part, {
    open(el, a) {
      depth++;
      if (depth === 2 && el === "property") {
        name = a.name;
        buf = "";
      }
    },
    close() {
      if (depth === 2 && name !== undefined) {
        if (name !== "__proto__") out[name] = buf;
        name = undefined;
      }
      depth--;
    },
    text(t) {
      if (name !== undefined && depth >= 3) buf += t;
    },
  });
  return out;
}
