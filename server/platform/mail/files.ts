import { lstat, opendir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';

/** Files deleted in one run at most; a larger backlog is finished by the next runs. */
const maxDeletionsPerRun = 10_000;

export interface MailFileSweep {
  /** Deleted (or, in a dry run, due for deletion). */
  deleted: number;
  /** Younger than the retention period. */
  kept: number;
  /** True when the run stopped at its limit and more are due. */
  more: boolean;
  dryRun?: boolean;
}

/** The folder the file transport writes to. */
export function mailDir(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'mail');
}

/** What `op` gives, or undefined when the file or folder is not there (ENOENT); every other error is thrown. */
export async function unlessMissing<T>(op: Promise<T>): Promise<T | undefined> {
  try {
    return await op;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Deletes the `.eml` files of the file transport (DATA_DIR/mail) last written more than
 * `mail.fileRetentionDays` before `now`: they hold names, addresses and report texts. Only regular files named
 * *.eml directly in that folder; each is checked again just before it is deleted. A dry run only counts.
 */
export async function deleteOldMailFiles(
  config: Pick<Config, 'dataDir' | 'mail'>,
  now: Date,
  options: { dryRun: boolean },
): Promise<MailFileSweep> {
  const cutoff = now.getTime() - config.mail.fileRetentionDays * 24 * 60 * 60 * 1000;
  const result: MailFileSweep = { deleted: 0, kept: 0, more: false, ...(options.dryRun ? { dryRun: true } : {}) };
  const dir = await unlessMissing(opendir(mailDir(config)));
  if (!dir) return result;
  for await (const entry of dir) {
    if (!entry.isFile() || !entry.name.endsWith('.eml')) continue;
    const path = join(dir.path, entry.name);
    const stats = await unlessMissing(lstat(path)); // gone meanwhile: nothing to do
    if (!stats?.isFile()) continue;
    if (stats.mtimeMs >= cutoff) {
      result.kept++;
      continue;
    }
    if (result.deleted >= maxDeletionsPerRun) {
      result.more = true;
      break; // leaving the loop closes the directory
    }
    if (!options.dryRun) await unlink(path);
    result.deleted++;
  }
  return result;
}
