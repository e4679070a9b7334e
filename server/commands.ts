import type { CliCommand } from './platform/cli/types.js';

/** Every operator command; features contribute theirs from their own cli.ts. */
export const cliCommands: CliCommand[] = [];
