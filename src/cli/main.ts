import { UsageError } from "./args";
import type { CliIO, Command } from "./io";
import { planCommand } from "./commands/plan";
import { deadlineCommand } from "./commands/deadline";
import { templateCommand } from "./commands/template";
import { formsCommand } from "./commands/forms";
import { consolidateCommand } from "./commands/consolidate";

/** Every command the CLI knows; each lives in its own file under commands/. */
export const commands: Command[] = [planCommand, deadlineCommand, templateCommand, formsCommand, consolidateCommand];

export function usage(): string {
  const lines = commands.map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`);
  return `Cách dùng / Usage: npm run --silent cli -- <command> [options]\n\n${lines.join("\n")}\n`;
}

/** Runs one command; returns the process exit code. Never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(
      name && name !== "help" && name !== "--help" ? `Lệnh không rõ / Unknown command: ${name}\n\n${usage()}` : usage(),
    );
    return name === "help" || name === "--help" ? 0 : 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\nCách dùng / Usage: npm run --silent cli -- ${command.usage}\n`);
      return 2;
    }
    io.stderr(`Lỗi / Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then((code) => {
    process.exitCode = code;
  });
}
