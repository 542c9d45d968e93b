import { parseArgs, UsageError, optionsHelp, type OptionSpec } from "./args";
import type { CliIO, Command } from "./io";
import { planCommand } from "./commands/plan";
import { deadlineCommand } from "./commands/deadline";
import { templateCommand } from "./commands/template";
import { formsCommand } from "./commands/forms";
import { consolidateCommand } from "./commands/consolidate";
import { importCommand } from "./commands/import";
import { reviewCommand } from "./commands/review";

/** Every command the CLI knows; each lives in its own file under commands/. */
export const commands: Command[] = [
  planCommand,
  deadlineCommand,
  templateCommand,
  formsCommand,
  consolidateCommand,
  importCommand,
  reviewCommand,
];

const PROGRAM = "phuluc";

const HELP_OPTION: OptionSpec = {
  help: { kind: "flag", short: "h", help: { vi: "Hướng dẫn dùng lệnh này.", en: "How to use this command." } },
};

export function usage(): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(13)} ${c.summary.vi}\n  ${"".padEnd(13)} ${c.summary.en}`);
  return (
    `Cách dùng / Usage: ${PROGRAM} <lệnh/command> [tùy chọn/options]   (hoặc/or: npm run --silent cli -- ...)\n\n` +
    `${lines.join("\n")}\n\n` +
    `Hướng dẫn từng lệnh / Help on a command: ${PROGRAM} <lệnh/command> --help\n` +
    `Mã thoát / Exit status: 0 xong / done · 1 có tệp không tổng hợp được hoặc lỗi / some files rejected or errors · 2 gọi sai lệnh / usage\n`
  );
}

export function commandHelp(c: Command): string {
  return (
    `${c.summary.vi}\n${c.summary.en}\n\n` +
    `Cách dùng / Usage: ${PROGRAM} ${c.usage}\n\n` +
    (c.details ? `${c.details.vi}\n${c.details.en}\n\n` : "") +
    `Tùy chọn / Options:\n${optionsHelp({ ...c.options, ...HELP_OPTION })}\n`
  );
}

/** Runs one command; returns the process exit status (0 done, 1 failed or problems, 2 usage). Never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    const about = name === "help" && rest[0] ? commands.find((c) => c.name === rest[0]) : undefined;
    io.stdout(about ? commandHelp(about) : usage());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`Lệnh không rõ / Unknown command: ${name}\n\n${usage()}`);
    return 2;
  }
  try {
    const parsed = parseArgs(rest, { ...command.options, ...HELP_OPTION });
    if (parsed.options.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    return await command.run(parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(
        `${error.text.vi}\n${error.text.en}\n\nCách dùng / Usage: ${PROGRAM} ${command.usage}\n` +
          `Xem / See: ${PROGRAM} ${command.name} --help\n`,
      );
      return 2;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`Lỗi: ${detail}\nError: ${detail}\n`);
    return 1;
  }
}

/** The folder the user ran the command in: npm scripts run in the package folder and say where in INIT_CWD. */
export function userCwd(env: NodeJS.ProcessEnv = process.env): string {
  return env.npm_lifecycle_event && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}

/** The process entry: arguments from argv, text to the real streams, the exit status set. */
export function main(): void {
  void runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: userCwd(),
    interactive: process.stderr.isTTY === true,
    columns: process.stderr.columns ?? 80,
  }).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main();
