/**
 * Re-save a workbook with LibreOffice (headless, private profile, time-limited) — how the reader's
 * tests get real LibreOffice-written .xlsx, .xls and .ods files.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type SofficeTarget = "xlsx" | "xls" | "ods";

const FILTERS: Record<SofficeTarget, string> = {
  xlsx: "xlsx:Calc MS Excel 2007 XML",
  xls: "xls:MS Excel 97",
  ods: "ods:calc8",
};

export function sofficeConvert(bytes: Uint8Array, target: SofficeTarget, timeoutMs = 90_000): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), "xlsx-read-lo-"));
  const profile = join(dir, "profile");
  const input = join(dir, "in.xlsx");
  const outDir = join(dir, "out");
  writeFileSync(input, bytes);
  return new Promise<Uint8Array>((resolve, reject) => {
    execFile(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        FILTERS[target],
        "--outdir",
        outDir,
        input,
      ],
      { timeout: timeoutMs, killSignal: "SIGKILL" },
      (err, _stdout, stderr) => {
        try {
          if (err) throw new Error(`soffice failed: ${err.message} ${stderr}`);
          resolve(new Uint8Array(readFileSync(join(outDir, `in.${target}`))));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  });
}
