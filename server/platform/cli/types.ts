import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../deps.js';
import type { Queue } from '../jobs/queue.js';

/** Parsed command line: positional words and --flags (a flag without value is true; repeated flags collect). */
export interface CliArgs {
  positional: string[];
  flags: Record<string, string | boolean | string[]>;
}

export interface CliContext {
  deps: Deps;
  queue: Queue;
  log: FastifyBaseLogger;
  /** Where the command writes its answer (stdout in real use; captured in tests). */
  out: (line: string) => void;
}

/** One operator command, e.g. `user create`. Throws AppError on bad input; the CLI prints it and exits 1. */
export interface CliCommand {
  /** Words that select the command, e.g. ['user', 'create']. */
  words: string[];
  usage: string;
  description: string;
  /** Commands that run before the database is opened/migrated (only db:migrate). */
  run(args: CliArgs, ctx: CliContext): Promise<void>;
}

export function parseArgs(argv: string[]): CliArgs {
  const positional: string[] = [];
  const flags: CliArgs['flags'] = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq === -1 ? undefined : eq);
    let value: string | boolean = true;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('--')) value = argv[++i] as string;
    const prev = flags[key];
    flags[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [String(prev)]), String(value)];
  }
  return { positional, flags };
}

/** A flag as a single string, or undefined. */
export function flag(args: CliArgs, name: string): string | undefined {
  const v = args.flags[name];
  if (v === undefined || v === true) return undefined;
  return Array.isArray(v) ? v.at(-1) : String(v);
}

/** A flag that may be given several times, as a list. */
export function flagList(args: CliArgs, name: string): string[] {
  const v = args.flags[name];
  if (v === undefined || v === true) return [];
  return Array.isArray(v) ? v : [String(v)];
}
