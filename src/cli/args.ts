/**
 * A small, strict option parser: unknown options are errors, not silently ignored, and every
 * error says what is wrong in Vietnamese and English. Node's util.parseArgs was considered: its
 * errors are English-only and it has no per-option help, so it would not make this file smaller.
 */
import { parseUserDate, todayIso } from "../dates";
import type { Text } from "../i18n";

/** A mistake in how the command was called: exit status 2 and the command's usage. */
export class UsageError extends Error {
  constructor(readonly text: Text) {
    super(`${text.vi}\n${text.en}`);
    this.name = "UsageError";
  }
}

export interface OptionDef {
  /** Takes a value ("--as-of 01/07/2026"), may repeat ("--unit A --unit B"), or is a flag ("--json"). */
  kind: "value" | "values" | "flag";
  short?: string;
  /** The value's placeholder in the help ("DD/MM/YYYY"). */
  arg?: string;
  help: Text;
}

export type OptionSpec = Record<string, OptionDef>;

export interface ParsedArgs {
  options: Record<string, string | true>;
  /** Every value of each repeatable option, in order. */
  lists: Record<string, string[]>;
  positional: string[];
}

export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const short = new Map(
    Object.entries(spec)
      .filter(([, d]) => d.short)
      .map(([name, d]) => [d.short!, name] as const),
  );
  const options: Record<string, string | true> = {};
  const lists: Record<string, string[]> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("-") && arg !== "-") {
      const [rawName, inline] = arg.startsWith("--")
        ? arg.slice(2).split(/=(.*)/s, 2)
        : [short.get(arg.slice(1)) ?? "", undefined];
      const name = rawName ?? "";
      const def = spec[name];
      if (!def) throw new UsageError({ vi: `Không có tùy chọn ${arg}.`, en: `Unknown option ${arg}.` });
      if (def.kind === "flag") {
        if (inline !== undefined)
          throw new UsageError({
            vi: `Tùy chọn --${name} không nhận giá trị.`,
            en: `Option --${name} takes no value.`,
          });
        options[name] = true;
      } else {
        const value = inline ?? argv[++i];
        if (value === undefined || value === "")
          throw new UsageError({
            vi: `Tùy chọn --${name} cần một giá trị${def.arg ? ` (${def.arg})` : ""}.`,
            en: `Option --${name} needs a value${def.arg ? ` (${def.arg})` : ""}.`,
          });
        if (def.kind === "values") (lists[name] ??= []).push(value);
        else options[name] = value;
      }
    } else positional.push(arg);
  }
  return { options, lists, positional };
}

/** A date option as people type it — 01/07/2026 or 2026-07-01 — as ISO; today when absent. */
export function dateOption(value: string | true | undefined, name: string, now: Date = new Date()): string {
  if (value === undefined) return todayIso(now);
  const iso = typeof value === "string" ? parseUserDate(value) : null;
  if (!iso)
    throw new UsageError({
      vi: `--${name} phải là một ngày có thật, dạng ngày/tháng/năm (01/07/2026) hoặc 2026-07-01; đã nhận "${String(value)}".`,
      en: `--${name} must be a real date, as DD/MM/YYYY (01/07/2026) or YYYY-MM-DD; got "${String(value)}".`,
    });
  return iso;
}

/** "Unexpected argument": a command that takes no file names was given one. */
export function noPositional(parsed: ParsedArgs): void {
  if (parsed.positional.length > 0)
    throw new UsageError({
      vi: `Lệnh này không nhận đối số "${parsed.positional[0]}".`,
      en: `This command takes no argument "${parsed.positional[0]}".`,
    });
}

/** The help of a command's options, one per line, Vietnamese then English. */
export function optionsHelp(spec: OptionSpec): string {
  const rows = Object.entries(spec).map(([name, d]) => {
    const flag = `${d.short ? `-${d.short}, ` : "    "}--${name}${d.arg ? ` ${d.arg}` : ""}`;
    return `  ${flag.padEnd(30)} ${d.help.vi}\n  ${"".padEnd(30)} ${d.help.en}`;
  });
  return rows.join("\n");
}
