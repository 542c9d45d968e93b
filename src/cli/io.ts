import type { Text } from "../i18n";
import type { OptionSpec, ParsedArgs } from "./args";

/** What a command may touch: injected so tests can run commands in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Where relative paths start: the folder the user ran the command in. Default: process.cwd(). */
  cwd?: string;
  /** stderr is a terminal: progress bars are drawn there (never into a pipe or a log). */
  interactive?: boolean;
  /** The terminal's width, for the progress bar. */
  columns?: number;
}

export interface Command {
  name: string;
  /** One line for the usage listing. */
  summary: Text;
  /** "consolidate [options] FILE_OR_FOLDER..." */
  usage: string;
  options: OptionSpec;
  /** What the positional arguments are, for --help. */
  details?: Text;
  run: (args: ParsedArgs, io: CliIO) => Promise<number>;
}
