/**
 * The add-in manifest, checked offline: well-formed XML, schema element order, resources, URLs,
 * icons (real PNG sizes), limits; the same checks after the build-time base URL rewrite; and the
 * checks themselves catch broken manifests.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PAGE_IDS } from "../src/taskpane/routing";
import { manifestProblems, pngSize, RULES, type ManifestContext } from "./addin/manifest-rules";
import { parseXml, XmlError } from "./addin/xml";

interface WebpackConfigModule {
  DEV_BASE_URL: string;
  normalizeBaseUrl(raw: string): string;
  rewriteManifestBaseUrl(xml: string, baseUrl: string): string;
}

const ROOT = join(__dirname, "..");
const MANIFEST = readFileSync(join(ROOT, "manifest.xml"), "utf8");

const webpackConfig = require("../webpack.config.js") as WebpackConfigModule;
const CTX: ManifestContext = { baseUrl: "https://localhost:3000/", root: ROOT, pageIds: PAGE_IDS };

describe("mini XML parser", () => {
  it("reads elements, attributes, entities, text and comments", () => {
    const doc = parseXml(
      `<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y='&#x41;&#66;'><b/>t&lt;x<![CDATA[<raw>]]><c z="&quot;"></c></a>`,
    );
    expect(doc.name).toBe("a");
    expect(doc.attrs).toEqual({ x: "1 & 2", y: "AB" });
    expect(doc.children.map((c) => c.name)).toEqual(["b", "c"]);
    expect(doc.text).toBe("t<x<raw>");
    expect(doc.children[1]?.attrs.z).toBe('"');
  });

  it.each([
    ["mismatched tags", "<a><b></a></b>"],
    ["unclosed root", "<a><b/>"],
    ["duplicate attribute", '<a x="1" x="2"/>'],
    ["unquoted attribute", "<a x=1/>"],
    ["bare ampersand", "<a>fish & chips</a>"],
    ["unknown entity", "<a>&nbsp;</a>"],
    ["two roots", "<a/><b/>"],
    ["text after root", "<a/>tail"],
    ["no root", "<?xml version='1.0'?>"],
    ["attributes without space", '<a x="1"y="2"/>'],
    ["double hyphen in comment", "<a><!-- a -- b --></a>"],
  ])("rejects %s", (_name, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });
});

describe("manifest.xml in the repository", () => {
  const manifest = parseXml(MANIFEST);

  it("is well-formed", () => {
    expect(manifest.name).toBe("OfficeApp");
  });

  it.each(Object.keys(RULES))("%s", (name) => {
    const rule = RULES[name];
    expect(rule).toBeDefined();
    expect(rule?.(manifest, CTX)).toEqual([]);
  });

  it("has the 32/64/128 add-in icons and 16/32/80 icons for every button in assets/", () => {
    const files = readdirSync(join(ROOT, "assets")).filter((f) => f.endsWith(".png"));
    const expected = [
      "icon-32.png",
      "icon-64.png",
      "icon-128.png",
      ...PAGE_IDS.flatMap((id) => [16, 32, 80].map((size) => `${id}-${size}.png`)),
    ];
    expect(files.sort()).toEqual([...expected].sort());
    for (const file of expected) {
      const size = Number(/-(\d+)\.png$/.exec(file)?.[1]);
      expect(pngSize(readFileSync(join(ROOT, "assets", file)))).toEqual({ width: size, height: size });
    }
  });

  it("icons in assets/ are exactly what scripts/make-icons.mjs draws", () => {
    const out = mkdtempSync(join(tmpdir(), "phuluc-icons-"));
    try {
      const run = spawnSync(process.execPath, [join(ROOT, "scripts", "make-icons.mjs"), out], {
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.status).toBe(0);
      const drawn = readdirSync(out).sort();
      expect(drawn).toEqual(
        readdirSync(join(ROOT, "assets"))
          .filter((f) => f.endsWith(".png"))
          .sort(),
      );
      for (const file of drawn) {
        expect(Buffer.compare(readFileSync(join(out, file)), readFileSync(join(ROOT, "assets", file)))).toBe(0);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("build-time base URL rewrite", () => {
  it.each([
    ["https://intranet.example.vn/phuluc/", "https://intranet.example.vn/phuluc/"],
    ["https://intranet.example.vn/phuluc", "https://intranet.example.vn/phuluc/"],
    ["  https://addin.example.test  ", "https://addin.example.test/"],
    ["https://example.test:8443/a/b/", "https://example.test:8443/a/b/"],
  ])("%j → every URL under %s, and the manifest still passes every rule", (raw, base) => {
    expect(webpackConfig.normalizeBaseUrl(raw)).toBe(base);
    const rewritten = webpackConfig.rewriteManifestBaseUrl(MANIFEST, raw);
    expect(rewritten).not.toContain("localhost");
    expect(rewritten.split(base).length).toBe(MANIFEST.split(webpackConfig.DEV_BASE_URL).length);
    expect(manifestProblems(rewritten, { ...CTX, baseUrl: base })).toEqual([]);
  });

  it("escapes characters that are special in XML attributes", () => {
    const rewritten = webpackConfig.rewriteManifestBaseUrl(MANIFEST, "https://example.test/a&b/");
    expect(rewritten).toContain("https://example.test/a&amp;b/taskpane.html");
    expect(manifestProblems(rewritten, { ...CTX, baseUrl: "https://example.test/a&b/" })).toEqual([]);
  });

  it("keeps the manifest unchanged for the dev base URL", () => {
    expect(webpackConfig.rewriteManifestBaseUrl(MANIFEST, "https://localhost:3000/")).toBe(MANIFEST);
  });

  it.each([
    ["http is refused", "http://intranet.example.vn/phuluc/", /https/],
    ["a query is refused", "https://example.test/?x=1", /query/],
    ["a fragment is refused", "https://example.test/#x", /query or fragment/],
    ["not a URL", "intranet/phuluc", /not a URL/],
  ])("%s", (_name, raw, message) => {
    expect(() => webpackConfig.normalizeBaseUrl(raw)).toThrow(message);
  });
});

describe("the rules catch broken manifests", () => {
  const swap = (xml: string, a: string, b: string): string => {
    const ia = xml.indexOf(a);
    const ib = xml.indexOf(b);
    if (ia < 0 || ib < 0 || ia > ib) throw new Error("swap: not found in order");
    return xml.slice(0, ia) + b + xml.slice(ia + a.length, ib) + a + xml.slice(ib + b.length);
  };
  const replaceOnce = (xml: string, from: string, to: string): string => {
    if (!xml.includes(from)) throw new Error(`mutation target not found: ${from}`);
    return xml.replace(from, to);
  };

  it.each<[string, (xml: string) => string, RegExp]>([
    [
      "Version before Id",
      (x) => swap(x, "<Id>b8485e47-6983-4885-a107-c78c141b767d</Id>", "<Version>1.0.0.0</Version>"),
      /out of order/,
    ],
    [
      "Permissions after VersionOverrides",
      (x) =>
        replaceOnce(
          replaceOnce(x, "<Permissions>ReadWriteDocument</Permissions>", ""),
          "</VersionOverrides>",
          "</VersionOverrides><Permissions>ReadWriteDocument</Permissions>",
        ),
      /Permissions .*out of order/,
    ],
    ["a non-GUID Id", (x) => replaceOnce(x, "b8485e47-6983-4885-a107-c78c141b767d", "phu-luc-nq08"), /not a GUID/],
    ["ExcelApi 1.8", (x) => replaceOnce(x, 'MinVersion="1.9"', 'MinVersion="1.8"'), /below 1\.9/],
    [
      "an http URL",
      (x) => replaceOnce(x, "https://localhost:3000/commands.html", "http://localhost:3000/commands.html"),
      /not https/,
    ],
    [
      "an undefined resid",
      (x) => replaceOnce(x, 'resid="Btn.Print.Tip"', 'resid="Btn.Print.Tooltip"'),
      /undefined resid/,
    ],
    [
      "an unused resource",
      (x) =>
        replaceOnce(
          x,
          "</bt:Urls>",
          '<bt:Url id="Url.Unused" DefaultValue="https://localhost:3000/x.html"/></bt:Urls>',
        ),
      /never used/,
    ],
    [
      "a resource defined twice",
      (x) =>
        replaceOnce(x, "</bt:Urls>", '<bt:Url id="Url.Print" DefaultValue="https://localhost:3000/x.html"/></bt:Urls>'),
      /defined 2 times/,
    ],
    [
      "a label pointing at a long string",
      (x) => replaceOnce(x, 'Label resid="Btn.Print.Label"', 'Label resid="Btn.Print.Tip"'),
      /instead of bt:ShortStrings/,
    ],
    [
      "a 16 px slot with the 32 px icon",
      (x) => replaceOnce(x, "assets/print-16.png", "assets/print-32.png"),
      /is 32×32, expected 16×16/,
    ],
    ["a missing icon file", (x) => replaceOnce(x, "assets/print-80.png", "assets/print-81.png"), /does not exist/],
    [
      "a short string over 125 characters",
      (x) => replaceOnce(x, 'DefaultValue="In ấn"', `DefaultValue="${"x".repeat(126)}"`),
      /126 > 125/,
    ],
    [
      "a long string over 250 characters",
      (x) =>
        replaceOnce(
          x,
          'Value="Recolour rows by deadline as of today: overdue, due soon, on time, done."',
          `Value="${"y".repeat(251)}"`,
        ),
      /251 > 250/,
    ],
    [
      "a missing en-US override",
      (x) => replaceOnce(x, '<bt:Override Locale="en-US" Value="Print setup"/>', ""),
      /no en-US override/,
    ],
    [
      "a button on an unknown page",
      (x) => replaceOnce(x, "taskpane.html?page=print", "taskpane.html?page=printing"),
      /buttons open/,
    ],
    [
      "Supertip after Icon",
      (x) => x.replace(/(<Supertip>[\s\S]*?<\/Supertip>)(\s*)(<Icon>[\s\S]*?<\/Icon>)/, "$3$2$1"),
      /Supertip.*out of order/,
    ],
    [
      "a second host",
      (x) => replaceOnce(x, '<Host Name="Workbook"/>', '<Host Name="Workbook"/><Host Name="Document"/>'),
      /expected \[Workbook\]/,
    ],
  ])("%s", (_name, mutate, expected) => {
    const mutated = mutate(MANIFEST);
    expect(mutated).not.toBe(MANIFEST);
    const problems = manifestProblems(mutated, CTX);
    expect(problems.some((p) => expected.test(p))).toBe(true);
  });

  it("a malformed manifest does not parse", () => {
    expect(() => manifestProblems(MANIFEST.replace("</Hosts>", ""), CTX)).toThrow(XmlError);
  });
});
