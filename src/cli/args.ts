/** A small, strict option parser: unknown options are errors, not silently ignored. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface OptionSpec {
  /** Takes a value ("--as-of 2026-07-01"), may repeat ("--unit A --unit B"), or is a flag ("--json"). */
  [name: string]: "value" | "values" | "flag";
}

export interface ParsedArgs {
  options: Record<string, string | true>;
  /** Every value of each repeatable option, in order. */
  lists: Record<string, string[]>;
  positional: string[];
}

export function parseArgs(argv: string[], spec: OptionSpec, short: Record<string, string> = {}): ParsedArgs {
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
        : [short[arg.slice(1)] ?? "", undefined];
      const name = rawName ?? "";
      const kind = spec[name];
      if (!kind) throw new UsageError(`Unknown option ${arg}`);
      if (kind === "flag") {
        if (inline !== undefined) throw new UsageError(`Option --${name} takes no value`);
        options[name] = true;
      } else {
        const value = inline ?? argv[++i];
        if (value === undefined || value === "") throw new UsageError(`Option --${name} needs a value`);
        if (kind === "values") (lists[name] ??= []).push(value);
        else options[name] = value;
      }
    } else positional.push(arg);
  }
  return { options, lists, positional };
}

/** "2026-07-01" → the same string, after checking it is a real calendar date. */
export function isoDateOption(value: string | true | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === true) throw new UsageError(`Option --${name} needs a date`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== value)
    throw new UsageError(`--${name} must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

/** Today as a calendar date in the local time zone (Vietnam's offices run on local time). */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
