import { addressCommands } from './features/addresses/cli.js';
import { applicationsCommands } from './features/applications/cli.js';
import { jobCommands } from './features/jobs/cli.js';
import { open311Commands } from './features/open311/cli.js';
import { reportCoreCommands } from './features/reports/cli.js';
import { servicesCommands } from './features/services/cli.js';
import { userCommands } from './features/users/cli.js';
import { wasteImportCommands } from './features/waste/import/cli.js';
import type { CliCommand } from './platform/cli/types.js';

/** Every operator command; features contribute theirs from their own cli.ts. */
export const cliCommands: CliCommand[] = [
  ...addressCommands,
  ...userCommands,
  ...jobCommands,
  ...open311Commands,
  ...reportCoreCommands,
  ...wasteImportCommands,
  ...servicesCommands,
  ...applicationsCommands,
];
