import type { FastifyBaseLogger } from 'fastify';
import type PgBoss from 'pg-boss';

export type FetchedJob = PgBoss.JobWithMetadata<unknown>;

export interface WorkerLoop {
  /** Fetch now instead of at the next poll (after an enqueue in this process). */
  wake(): void;
  /** Stops fetching and resolves when every running job has finished. */
  stop(): Promise<void>;
}

/**
 * Fetches jobs of the named queues (round robin, `FOR UPDATE SKIP LOCKED` inside pg-boss's fetch) and runs at
 * most `concurrency` at once in this process. `execute` runs one job and records its outcome; it never throws.
 */
export function startWorkerLoop(options: {
  boss: PgBoss;
  names: string[];
  concurrency: number;
  pollMs: number;
  log: FastifyBaseLogger;
  execute: (job: FetchedJob) => Promise<void>;
  /** The queues among `names` that have a job ready (a cheap read before the fetches, which write). */
  ready: (names: string[]) => Promise<string[]>;
}): WorkerLoop {
  const { boss, names, concurrency, pollMs, log, execute, ready } = options;
  const running = new Set<Promise<void>>();
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const loop = async () => {
    let first = 0;
    while (!stopping) {
      woken = false;
      let fetched = 0;
      try {
        const due = new Set(await ready(names));
        for (let i = 0; i < names.length && running.size < concurrency && !stopping; i++) {
          const name = names[(first + i) % names.length] as string;
          if (!due.has(name)) continue;
          const jobs = await boss.fetch<unknown>(name, {
            batchSize: concurrency - running.size,
            includeMetadata: true,
          });
          fetched += jobs.length;
          for (const job of jobs) {
            const run: Promise<void> = execute(job).finally(() => {
              running.delete(run);
              wake();
            });
            running.add(run);
          }
        }
      } catch (err) {
        log.error({ err }, 'fetching jobs failed');
      }
      first = (first + 1) % Math.max(names.length, 1);
      // Full, or nothing to do: wait for a finished job, an enqueue here, or the next poll.
      if (running.size >= concurrency || fetched === 0) await pause(pollMs);
    }
  };
  const looping = names.length > 0 ? loop() : Promise.resolve();

  return {
    wake,
    async stop() {
      stopping = true;
      wakeUp?.();
      await looping;
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
