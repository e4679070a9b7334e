import { AppError } from '../errors.js';
import type { CliCommand, CliContext } from './types.js';
import { parseArgs } from './types.js';

/** Finds the command whose words prefix argv and runs it; returns the process exit code. */
export async function runCli(commands: CliCommand[], argv: string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv);
  const command = [...commands]
    .sort((a, b) => b.words.length - a.words.length)
    .find((c) => c.words.every((w, i) => args.positional[i] === w));
  if (!command || args.flags.help) {
    ctx.out('Usage: npm run cli -- <command> [options]\n\nCommands:');
    for (const c of commands) ctx.out(`  ${c.usage.padEnd(60)} ${c.description}`);
    return command || args.flags.help ? 0 : 2;
  }
  try {
    await command.run({ positional: args.positional.slice(command.words.length), flags: args.flags }, ctx);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      ctx.out(`Error: ${err.message}`);
      for (const [field, message] of Object.entries(err.details ?? {})) ctx.out(`  ${field}: ${message}`);
      return 1;
    }
    throw err;
  }
}
