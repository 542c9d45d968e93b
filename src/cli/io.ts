/** What a command may touch: injected so tests can run commands in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Command {
  name: string;
  /** One line for the usage listing. */
  summary: string;
  usage: string;
  run: (argv: string[], io: CliIO) => Promise<number>;
}
