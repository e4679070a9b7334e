import { addressCommands } from './features/addresses/cli.js';
import { jobCommands } from './features/jobs/cli.js';
import { userCommands } from './features/users/cli.js';
import type { CliCommand } from './platform/cli/types.js';

/** Every operator command; features contribute theirs from their own cli.ts. */
export const cliCommands: CliCommand[] = [...addressCommands, ...userCommands, ...jobCommands];
