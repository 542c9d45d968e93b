/**
 * The Open Packaging layer: [Content_Types].xml, .rels files and target resolution. Excel, LibreOffice
 * and WPS name parts differently, so every part is found through relationships, never by a fixed path
 * (fixed paths are only the last fallback).
 */
import { readErrors } from "./errors";
import { parsePart } from "./part-cache";
import { decodeXmlBytes, parseXml } from "./xml";
import { normalizePartName, type ZipArchive } from "./zip";

export interface Relationship {
  id: string;
  type: string;
  /** Resolved part name inside the zip (no leading "/"); "" for external targets. */
  target: string;
  external: boolean;
}

export const MAIN_TYPES = {
  xlsx: [
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
  ],
  xlsm: [
    "application/vnd.ms-excel.sheet.macroenabled.main+xml",
    "application/vnd.ms-excel.template.macroenabled.main+xml",
  ],
};

export interface ContentTypes {
  /** Normalised part name → content type (lower case). */
  overrides: Map<string, string>;
}

export function readText(zip: ZipArchive, part: string): string | undefined {
  const entry = zip.get(part);
  if (!entry) return undefined;
  return decodeXmlBytes(zip.read(entry));
}

/** The content types, or undefined when the part is absent. The result may be shared: read it only. */
export function readContentTypes(zip: ZipArchive): ContentTypes | undefined {
  const part = "[Content_Types].xml";
  return parsePart(zip, part, "content-types", (xml) => {
    const overrides = new Map<string, string>();
    parseXml(xml, part, {
      open(name, a) {
        if (name === "Override" && a.PartName && a.ContentType) {
          overrides.set(normalizePartName(a.PartName), a.ContentType.toLowerCase());
        }
      },
      close() {},
    });
    return { overrides };
  });
}

/** The workbook's main part and whether it is macro-enabled, from the content types alone. */
export function mainPartFromContentTypes(ct: ContentTypes): { part: string; macro: boolean } | undefined {
  for (const [part, type] of ct.overrides) {
    if (MAIN_TYPES.xlsx.includes(type)) return { part, macro: false };
    if (MAIN_TYPES.xlsm.includes(type)) return { part, macro: true };
  }
  return undefined;
}

function dirOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return slash < 0 ? "" : part.slice(0, slash + 1);
}

/** The .rels part that describes `part` ("" = the package itself). */
export function relsPartOf(part: string): string {
  if (part === "") return "_rels/.rels";
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolve a relationship target against the source part's folder: absolute "/xl/…", relative "../", "./". */
export function resolveTarget(sourcePart: string, target: string): string {
  let t = target.replace(/\\/g, "/");
  const hash = t.indexOf("#");
  if (hash >= 0) t = t.slice(0, hash);
  const path = t.startsWith("/") ? t.slice(1) : dirOf(sourcePart) + t;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

/** The relationships of `sourcePart`; [] when it has none. The result may be shared: read it only. */
export function readRels(zip: ZipArchive, sourcePart: string): readonly Relationship[] {
  const relsPart = relsPartOf(sourcePart);
  const rels = parsePart(zip, relsPart, `rels:${sourcePart}`, (xml) => {
    const found: Relationship[] = [];
    parseXml(xml, relsPart, {
      open(name, a) {
        if (name !== "Relationship" || a.Id === undefined || a.Target === undefined) return;
        const external = (a.TargetMode ?? "").toLowerCase() === "external";
        found.push({
          id: a.Id,
          type: a.Type ?? "",
          target: external ? "" : resolveTarget(sourcePart, a.Target),
          external,
        });
      },
      close() {},
    });
    return Object.freeze(found);
  });
  return rels ?? [];
}

/** Relationship types differ between transitional and strict OOXML; the last segment is what matters. */
export function relOfType(rels: readonly Relationship[], suffix: string): Relationship | undefined {
  return rels.find((r) => !r.external && r.type.endsWith(`/${suffix}`));
}

/** Look a resolved part up, trying its percent-decoded spelling too ("sheet%201.xml"). */
export function findPart(zip: ZipArchive, part: string): string | undefined {
  if (zip.has(part)) return part;
  if (part.indexOf("%") >= 0) {
    try {
      const decoded = decodeURIComponent(part);
      if (zip.has(decoded)) return decoded;
    } catch {
      // not percent-encoded after all
    }
  }
  return undefined;
}

export function requirePart(zip: ZipArchive, part: string): string {
  const found = findPart(zip, part);
  if (found === undefined) throw readErrors.missingPart(part);
  return found;
}
