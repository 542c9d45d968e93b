/**
 * Offline checks of the add-in manifest (no validation web service). Each rule returns the list of
 * problems it found; an empty list means the rule holds. Used on manifest.xml in the repo, on the
 * manifest rewritten to another base URL, and on the one the build writes to dist/.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { childrenNamed, descendants, parseXml, pathOf, type XmlElement } from "./xml";

export interface ManifestContext {
  /** Every URL must start with this (https, ending in "/"). */
  baseUrl: string;
  /** Folder that holds what baseUrl serves (repo root or the build output). */
  root: string;
  /** Page ids the ribbon buttons must open, in order. */
  pageIds: readonly string[];
}

export type Rule = (manifest: XmlElement, ctx: ManifestContext) => string[];

/** OfficeApp children of a task pane add-in, in schema order (Microsoft's "manifest element ordering"). */
export const OFFICEAPP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "Dictionary",
  "VersionOverrides",
] as const;
const OFFICEAPP_REQUIRED = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description"];

/** Child order of the VersionOverrides (task pane v1.0) elements this add-in uses. */
export const CHILD_ORDER: Record<string, readonly string[]> = {
  VersionOverrides: ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  CustomTab: ["Group", "Label", "InsertAfter", "InsertBefore"],
  Group: ["OverriddenByRibbonApi", "Label", "Icon", "Control"],
  Control: ["OverriddenByRibbonApi", "Label", "Supertip", "Icon", "Action", "Enabled"],
  Supertip: ["Title", "Description"],
  Action: ["TaskpaneId", "SourceLocation", "Title", "SupportsPinning"],
  Resources: ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"],
};

/** Elements whose `resid` must name a resource of this collection. */
const RESID_KIND: Record<string, string> = {
  "bt:Image": "bt:Images",
  SourceLocation: "bt:Urls",
  FunctionFile: "bt:Urls",
  LearnMoreUrl: "bt:Urls",
  Label: "bt:ShortStrings",
  Title: "bt:ShortStrings",
  Description: "bt:LongStrings",
};

export const SHORT_STRING_MAX = 125;
export const LONG_STRING_MAX = 250;
export const RESID_MAX = 32;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function firstChild(e: XmlElement, name: string): XmlElement | undefined {
  return e.children.find((c) => c.name === name);
}

/** Follow a path of child names; undefined as soon as one is missing. */
export function at(e: XmlElement, ...names: string[]): XmlElement | undefined {
  let cur: XmlElement | undefined = e;
  for (const n of names) cur = cur ? firstChild(cur, n) : undefined;
  return cur;
}

function orderProblems(parent: XmlElement, order: readonly string[]): string[] {
  const problems: string[] = [];
  let last = -1;
  for (const child of parent.children) {
    const i = order.indexOf(child.name);
    if (i < 0) problems.push(`${pathOf(child)} (line ${child.line}) is not a valid child of <${parent.name}>`);
    else if (i < last)
      problems.push(`${pathOf(child)} (line ${child.line}) is out of order: must come before <${order[last]}>`);
    else last = i;
  }
  return problems;
}

function versionOverrides(m: XmlElement): XmlElement | undefined {
  return firstChild(m, "VersionOverrides");
}

function resources(m: XmlElement): XmlElement | undefined {
  const vo = versionOverrides(m);
  return vo ? firstChild(vo, "Resources") : undefined;
}

/** Every resource definition: id → collection names it is defined in (one entry per definition). */
function definitions(m: XmlElement): Map<string, string[]> {
  const defs = new Map<string, string[]>();
  const res = resources(m);
  for (const collection of res?.children ?? []) {
    for (const item of collection.children) {
      const id = item.attrs.id ?? "";
      defs.set(id, [...(defs.get(id) ?? []), collection.name]);
    }
  }
  return defs;
}

/** Every `resid` reference with the collection it must point into. */
function references(m: XmlElement): { resid: string; kind: string | undefined; element: XmlElement }[] {
  return descendants(m)
    .filter((e) => e.attrs.resid !== undefined)
    .map((e) => ({ resid: e.attrs.resid as string, kind: RESID_KIND[e.name], element: e }));
}

/** Every URL in the manifest, with where it is. */
export function urls(m: XmlElement): { url: string; where: string }[] {
  const out: { url: string; where: string }[] = [];
  for (const e of descendants(m)) {
    for (const [attr, value] of Object.entries(e.attrs)) {
      if (attr.startsWith("xmlns") || attr === "xsi:type") continue;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) out.push({ url: value, where: `${pathOf(e)} @${attr}` });
    }
    const text = e.text.trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) out.push({ url: text, where: pathOf(e) });
  }
  return out;
}

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 33 || signature.some((b, i) => bytes[i] !== b)) throw new Error("not a PNG");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== "IHDR") throw new Error("PNG does not start with IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Local file behind an URL under the base, or undefined when the URL is elsewhere. */
function localFile(url: string, ctx: ManifestContext): string | undefined {
  if (!url.startsWith(ctx.baseUrl)) return undefined;
  const relative = url.slice(ctx.baseUrl.length).split(/[?#]/)[0] ?? "";
  return join(ctx.root, relative);
}

function strings(m: XmlElement): { id: string; kind: string; values: { locale: string; value: string }[] }[] {
  const out: { id: string; kind: string; values: { locale: string; value: string }[] }[] = [];
  for (const kind of ["bt:ShortStrings", "bt:LongStrings"]) {
    const collection = resources(m) ? firstChild(resources(m) as XmlElement, kind) : undefined;
    for (const s of collection?.children ?? []) {
      out.push({
        id: s.attrs.id ?? "",
        kind,
        values: [
          { locale: "default", value: s.attrs.DefaultValue ?? "" },
          ...childrenNamed(s, "bt:Override").map((o) => ({ locale: o.attrs.Locale ?? "", value: o.attrs.Value ?? "" })),
        ],
      });
    }
  }
  return out;
}

/** Ribbon buttons: id, the resid of their SourceLocation and their TaskpaneId. */
function buttons(m: XmlElement): XmlElement[] {
  return descendants(m).filter((e) => e.name === "Control" && e.attrs["xsi:type"] === "Button");
}

export const RULES: Record<string, Rule> = {
  "root is a task pane OfficeApp with the 1.1 namespaces": (m) => {
    const p: string[] = [];
    if (m.name !== "OfficeApp") p.push(`root is <${m.name}>`);
    if (m.attrs.xmlns !== "http://schemas.microsoft.com/office/appforoffice/1.1") p.push("wrong default namespace");
    if (m.attrs["xmlns:xsi"] !== "http://www.w3.org/2001/XMLSchema-instance") p.push("xmlns:xsi missing");
    if (m.attrs["xmlns:bt"] !== "http://schemas.microsoft.com/office/officeappbasictypes/1.0")
      p.push("xmlns:bt missing");
    if (m.attrs["xsi:type"] !== "TaskPaneApp") p.push(`xsi:type is ${m.attrs["xsi:type"]}`);
    return p;
  },

  "OfficeApp children are in the documented order, required ones present, none repeated": (m) => {
    const p = orderProblems(m, OFFICEAPP_ORDER);
    for (const name of OFFICEAPP_REQUIRED) if (!firstChild(m, name)) p.push(`<${name}> is missing`);
    for (const name of OFFICEAPP_ORDER)
      if (childrenNamed(m, name).length > 1) p.push(`<${name}> appears ${childrenNamed(m, name).length} times`);
    return p;
  },

  "Id is a GUID, Version is n.n.n.n": (m) => {
    const p: string[] = [];
    const id = at(m, "Id")?.text.trim() ?? "";
    if (!GUID.test(id)) p.push(`Id "${id}" is not a GUID`);
    const version = at(m, "Version")?.text.trim() ?? "";
    if (!/^\d{1,5}(\.\d{1,5}){3}$/.test(version)) p.push(`Version "${version}" is not n.n.n.n`);
    return p;
  },

  "vi-VN by default, en-US overrides for DisplayName and Description, limits respected": (m) => {
    const p: string[] = [];
    if (at(m, "DefaultLocale")?.text.trim() !== "vi-VN") p.push("DefaultLocale is not vi-VN");
    for (const [name, max] of [
      ["DisplayName", SHORT_STRING_MAX],
      ["Description", LONG_STRING_MAX],
    ] as const) {
      const e = at(m, name);
      if (!e) continue;
      const values = [e.attrs.DefaultValue ?? "", ...childrenNamed(e, "Override").map((o) => o.attrs.Value ?? "")];
      if (!(e.attrs.DefaultValue ?? "").trim()) p.push(`${name} has no DefaultValue`);
      if (!childrenNamed(e, "Override").some((o) => o.attrs.Locale === "en-US" && (o.attrs.Value ?? "").trim()))
        p.push(`${name} has no en-US Override`);
      for (const v of values) if ([...v].length > max) p.push(`${name} "${v}" is longer than ${max}`);
    }
    return p;
  },

  "Excel only, ExcelApi ≥ 1.9, ReadWriteDocument": (m) => {
    const p: string[] = [];
    const hosts = (at(m, "Hosts")?.children ?? []).map((h) => h.attrs.Name);
    if (hosts.join() !== "Workbook") p.push(`Hosts are [${hosts.join(", ")}], expected [Workbook]`);
    const set = childrenNamed(at(m, "Requirements", "Sets") ?? m, "Set").find((s) => s.attrs.Name === "ExcelApi");
    if (!set) p.push("no ExcelApi requirement");
    else {
      const [major, minor] = (set.attrs.MinVersion ?? "").split(".").map(Number);
      if (!(major === 1 && (minor ?? 0) >= 9) && !((major ?? 0) > 1))
        p.push(`ExcelApi MinVersion ${set.attrs.MinVersion} is below 1.9`);
    }
    if (at(m, "Permissions")?.text.trim() !== "ReadWriteDocument") p.push("Permissions is not ReadWriteDocument");
    if (!at(m, "DefaultSettings", "SourceLocation")?.attrs.DefaultValue) p.push("no DefaultSettings SourceLocation");
    return p;
  },

  "VersionOverrides v1.0 structure: Workbook host, desktop form factor, custom tab": (m) => {
    const p: string[] = [];
    const vo = versionOverrides(m);
    if (!vo) return ["no VersionOverrides"];
    if (vo.attrs.xmlns !== "http://schemas.microsoft.com/office/taskpaneappversionoverrides")
      p.push("VersionOverrides xmlns is not the task pane overrides namespace");
    if (vo.attrs["xsi:type"] !== "VersionOverridesV1_0") p.push("VersionOverrides is not VersionOverridesV1_0");
    const hosts = at(vo, "Hosts")?.children ?? [];
    if (hosts.length !== 1 || hosts[0]?.name !== "Host" || hosts[0].attrs["xsi:type"] !== "Workbook")
      p.push('VersionOverrides must have exactly one <Host xsi:type="Workbook">');
    const host = hosts[0];
    const dff = host ? firstChild(host, "DesktopFormFactor") : undefined;
    if (!dff) return [...p, "no DesktopFormFactor"];
    if (!firstChild(dff, "FunctionFile")) p.push("no FunctionFile");
    const eps = childrenNamed(dff, "ExtensionPoint");
    if (eps.length === 0) p.push("no ExtensionPoint");
    for (const ep of eps) {
      if (ep.attrs["xsi:type"] !== "PrimaryCommandSurface") p.push(`ExtensionPoint type ${ep.attrs["xsi:type"]}`);
      const tabs = childrenNamed(ep, "CustomTab");
      if (tabs.length !== 1) p.push("PrimaryCommandSurface needs one CustomTab");
      for (const tab of tabs) {
        if (!firstChild(tab, "Label")) p.push("CustomTab has no Label");
        if (childrenNamed(tab, "Group").length === 0) p.push("CustomTab has no Group");
        for (const group of childrenNamed(tab, "Group")) {
          for (const need of ["Label", "Icon", "Control"])
            if (!firstChild(group, need)) p.push(`Group ${group.attrs.id} has no ${need}`);
        }
      }
    }
    for (const control of descendants(dff).filter((e) => e.name === "Control")) {
      const id = control.attrs.id;
      if (control.attrs["xsi:type"] !== "Button") p.push(`Control ${id} is not a Button`);
      for (const need of ["Label", "Supertip", "Icon", "Action"])
        if (!firstChild(control, need)) p.push(`Control ${id} has no ${need}`);
      const action = firstChild(control, "Action");
      if (action && action.attrs["xsi:type"] !== "ShowTaskpane") p.push(`Control ${id} action is not ShowTaskpane`);
      if (action && (!firstChild(action, "TaskpaneId") || !firstChild(action, "SourceLocation")))
        p.push(`Control ${id} ShowTaskpane needs TaskpaneId and SourceLocation`);
    }
    for (const e of descendants(vo)) {
      const order = CHILD_ORDER[e.name];
      if (order) p.push(...orderProblems(e, order));
      if (e.name === "Icon") {
        const sizes = e.children.map((c) => `${c.name}:${c.attrs.size}`);
        if (sizes.join() !== "bt:Image:16,bt:Image:32,bt:Image:80")
          p.push(`${pathOf(e)} (line ${e.line}) must list bt:Image 16, 32, 80; has [${sizes.join(", ")}]`);
      }
    }
    return p;
  },

  "ids of tab, groups and controls are unique and at most 125 characters": (m) => {
    const p: string[] = [];
    const seen = new Set<string>();
    for (const e of descendants(m).filter((x) => ["CustomTab", "Group", "Control"].includes(x.name))) {
      const id = e.attrs.id ?? "";
      if (!id) p.push(`${pathOf(e)} (line ${e.line}) has no id`);
      if (id.length > 125) p.push(`id ${id} is longer than 125`);
      if (seen.has(id)) p.push(`id ${id} is used twice`);
      seen.add(id);
    }
    return p;
  },

  "every resid is defined exactly once, in the right collection, and every resource is used": (m) => {
    const p: string[] = [];
    const defs = definitions(m);
    const refs = references(m);
    for (const [id, where] of defs) {
      if (!id) p.push(`a resource in ${where.join(", ")} has no id`);
      if (where.length > 1) p.push(`resource ${id} is defined ${where.length} times`);
      if (id.length > RESID_MAX) p.push(`resource id ${id} is longer than ${RESID_MAX}`);
      if (!refs.some((r) => r.resid === id)) p.push(`resource ${id} is never used`);
    }
    for (const ref of refs) {
      const where = defs.get(ref.resid);
      if (!where) p.push(`${pathOf(ref.element)} (line ${ref.element.line}) uses undefined resid ${ref.resid}`);
      else if (ref.kind && !where.includes(ref.kind))
        p.push(`${pathOf(ref.element)} uses ${ref.resid}, defined in ${where.join()} instead of ${ref.kind}`);
    }
    return p;
  },

  "short strings ≤ 125 and long strings ≤ 250 characters, each with an en-US override": (m) => {
    const p: string[] = [];
    for (const s of strings(m)) {
      const max = s.kind === "bt:ShortStrings" ? SHORT_STRING_MAX : LONG_STRING_MAX;
      for (const v of s.values) {
        if (!v.value.trim()) p.push(`${s.id} (${v.locale}) is empty`);
        if ([...v.value].length > max) p.push(`${s.id} (${v.locale}) is ${[...v.value].length} > ${max} characters`);
      }
      if (!s.values.some((v) => v.locale === "en-US")) p.push(`${s.id} has no en-US override`);
      if (s.values.some((v) => v.value !== v.value.normalize("NFC"))) p.push(`${s.id} is not NFC`);
    }
    return p;
  },

  "every URL is https under the base URL": (m, ctx) => {
    const p: string[] = [];
    const all = urls(m);
    if (all.length === 0) p.push("no URLs found");
    for (const { url, where } of all) {
      if (!url.startsWith("https://")) p.push(`${where}: ${url} is not https`);
      else if (!url.startsWith(ctx.baseUrl)) p.push(`${where}: ${url} is not under ${ctx.baseUrl}`);
    }
    return p;
  },

  "every icon exists under assets/ as a PNG of the declared size": (m, ctx) => {
    const p: string[] = [];
    const icons: { url: string; size: number; where: string }[] = [];
    const iconUrl = at(m, "IconUrl")?.attrs.DefaultValue;
    const hiRes = at(m, "HighResolutionIconUrl")?.attrs.DefaultValue;
    if (iconUrl) icons.push({ url: iconUrl, size: 32, where: "IconUrl" });
    else p.push("no IconUrl");
    if (hiRes) icons.push({ url: hiRes, size: 64, where: "HighResolutionIconUrl" });
    else p.push("no HighResolutionIconUrl");
    const images = new Map(
      (at(resources(m) ?? m, "bt:Images")?.children ?? []).map((i) => [i.attrs.id ?? "", i.attrs.DefaultValue ?? ""]),
    );
    for (const ref of descendants(m).filter((e) => e.name === "bt:Image" && e.attrs.resid !== undefined)) {
      const url = images.get(ref.attrs.resid ?? "");
      if (url) icons.push({ url, size: Number(ref.attrs.size), where: `${pathOf(ref)} ${ref.attrs.resid}` });
    }
    for (const { url, size, where } of icons) {
      const file = localFile(url, ctx);
      if (!file || !url.slice(ctx.baseUrl.length).startsWith("assets/")) {
        p.push(`${where}: ${url} is not under ${ctx.baseUrl}assets/`);
        continue;
      }
      if (!existsSync(file)) {
        p.push(`${where}: ${file} does not exist`);
        continue;
      }
      try {
        const { width, height } = pngSize(readFileSync(file));
        if (width !== size || height !== size)
          p.push(`${where}: ${file} is ${width}×${height}, expected ${size}×${size}`);
      } catch (error) {
        p.push(`${where}: ${file}: ${(error as Error).message}`);
      }
    }
    return p;
  },

  "each page has a ribbon button opening the shared task pane at ?page=<id>": (m, ctx) => {
    const p: string[] = [];
    const urlById = new Map(
      (at(resources(m) ?? m, "bt:Urls")?.children ?? []).map((u) => [u.attrs.id ?? "", u.attrs.DefaultValue ?? ""]),
    );
    const opened: string[] = [];
    const paneIds = new Set<string>();
    for (const button of buttons(m)) {
      const action = firstChild(button, "Action");
      const resid = action ? firstChild(action, "SourceLocation")?.attrs.resid : undefined;
      const url = urlById.get(resid ?? "") ?? "";
      const match = /^(.*)taskpane\.html\?page=([a-z]+)$/.exec(url);
      if (!match || match[1] !== ctx.baseUrl) p.push(`button ${button.attrs.id} opens ${url}`);
      else opened.push(match[2] as string);
      paneIds.add((action ? firstChild(action, "TaskpaneId")?.text.trim() : undefined) ?? "");
    }
    if (opened.join() !== ctx.pageIds.join())
      p.push(`buttons open [${opened.join()}], expected [${ctx.pageIds.join()}]`);
    if (paneIds.size !== 1) p.push(`buttons use ${paneIds.size} different TaskpaneIds; one shared pane expected`);
    const commands = at(versionOverrides(m) ?? m, "Hosts", "Host", "DesktopFormFactor", "FunctionFile")?.attrs.resid;
    if (urlById.get(commands ?? "") !== `${ctx.baseUrl}commands.html`) p.push("FunctionFile is not commands.html");
    if (at(m, "DefaultSettings", "SourceLocation")?.attrs.DefaultValue !== `${ctx.baseUrl}taskpane.html`)
      p.push("DefaultSettings SourceLocation is not taskpane.html");
    return p;
  },
};

/** Parse and run every rule; the problems of all rules, prefixed by the rule's name. */
export function manifestProblems(xml: string, ctx: ManifestContext): string[] {
  const manifest = parseXml(xml);
  return Object.entries(RULES).flatMap(([name, rule]) => rule(manifest, ctx).map((problem) => `${name}: ${problem}`));
}
