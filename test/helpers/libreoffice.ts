/**
 * Runs LibreOffice headless for tests: convert to PDF, or re-save as .xlsx (what a unit using
 * LibreOffice does to a form). Every run gets a fresh private profile (concurrent runs sharing a
 * profile hang) and a time limit; several files go through one soffice start where possible.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export type LibreOfficeTarget = "pdf" | "xlsx" | "ods" | "xls" | "docx";

const FILTERS: Record<LibreOfficeTarget, string> = {
  pdf: "pdf:calc_pdf_Export",
  xlsx: "xlsx:Calc MS Excel 2007 XML",
  ods: "ods:calc8",
  xls: "xls:MS Excel 97",
  // Writer: an .html or .fodt document saved as Word (the import tests' .docx files).
  docx: "docx:MS Word 2007 XML",
};

let available: boolean | undefined;

/** True when `soffice` runs on this machine. */
export function hasLibreOffice(): boolean {
  if (available === undefined) {
    try {
      execFileSync("soffice", ["--version"], { stdio: "ignore", timeout: 30000 });
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

/**
 * Converts each input into `outDir` with one soffice process; returns the output paths in input order.
 * `outDir` must differ from the inputs' folders (a re-saved .xlsx keeps its name).
 */
export async function convertManyWithLibreOffice(
  inputPaths: readonly string[],
  target: LibreOfficeTarget,
  outDir: string,
  timeoutMs = 120000,
  options: ConvertOptions = {},
): Promise<string[]> {
  const out = resolve(outDir);
  const outputs = inputPaths.map((p) => {
    if (resolve(p, "..") === out) throw new Error(`convertWithLibreOffice: ${p} is already in ${outDir}`);
    return join(out, `${basename(p, extname(p))}.${target}`);
  });
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  if (options.recalculate) seedRecalcOnLoad(profile);
  try {
    await new Promise<void>((done, fail) => {
      execFile(
        "soffice",
        [
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          "--headless",
          "--norestore",
          "--nolockcheck",
          "--convert-to",
          // A text document prints through Writer's PDF filter, not Calc's.
          target === "pdf" && inputPaths.every((p) => /\.(docx|odt)$/i.test(p))
            ? "pdf:writer_pdf_Export"
            : FILTERS[target],
          "--outdir",
          out,
          ...inputPaths.map((p) => resolve(p)),
        ],
        { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 4 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) fail(new Error(`soffice failed: ${error.message}\n${stdout}\n${stderr}`));
          else done();
        },
      );
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const missing = outputs.filter((p) => !existsSync(p));
  if (missing.length) throw new Error(`soffice produced no ${missing.join(", ")}`);
  return outputs;
}

export interface ConvertOptions {
  /**
   * Recalculate every formula on load, as a user's LibreOffice does when asked: LibreOffice's
   * default keeps an .xlsx's cached results, which would only echo what we wrote.
   */
  recalculate?: boolean;
}

/** Seeds the private profile with "always recalculate OOXML files on load". */
function seedRecalcOnLoad(profile: string): void {
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(
    join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
}

/** Converts one file; returns the output path. */
export async function convertWithLibreOffice(
  inputPath: string,
  target: LibreOfficeTarget,
  outDir: string,
  timeoutMs?: number,
  options: ConvertOptions = {},
): Promise<string> {
  const [out] = await convertManyWithLibreOffice([inputPath], target, outDir, timeoutMs, options);
  return out as string;
}
