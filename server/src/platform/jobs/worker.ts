/**
 * The background loop every PostgreSQL-backed queue shares (bulk imports, clock re-derivation):
 * each runner claims one job of its queue (FOR UPDATE SKIP LOCKED on its own table) and runs it,
 * answering whether it found one. The loop keeps going while any runner finds work, then sleeps
 * until the poll interval passes or `poke` wakes it (a job was just queued). Started with the
 * server, stopped with it; at start the runners pick up jobs a killed server left running.
 * Stopping aborts `signal`: a long job ends after its current batch and is queued again, so the
 * server stops in seconds and the next start resumes it from what it committed.
 */
export interface JobRunner {
  name: string;
  /** Claims and runs one job; false when the queue is empty. A long job watches `signal` between batches. */
  runOne(signal: AbortSignal): Promise<boolean>;
}

export interface BackgroundWorker {
  poke(): void;
  stop(): Promise<void>;
}

export function startBackgroundWorker(options: {
  runners: JobRunner[];
  pollMs?: number;
  log?: (message: string, error?: unknown) => void;
}): BackgroundWorker {
  let stopped = false;
  let wake: (() => void) | null = null;
  const stopping = new AbortController();
  const runAll = async () => {
    let worked = false;
    for (const runner of options.runners) {
      if (stopped) break;
      try {
        worked = (await runner.runOne(stopping.signal)) || worked;
      } catch (error) {
        options.log?.(`${runner.name} job failed`, error);
      }
    }
    return worked;
  };
  // A poke while the runners run (a job queued just after its runner found none) is kept for the next turn.
  let poked = false;
  const loop = (async () => {
    while (!stopped) {
      poked = false;
      if (await runAll()) continue;
      if (stopped) break;
      if (poked) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 2000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();
  return {
    poke: () => {
      poked = true;
      wake?.();
    },
    stop: async () => {
      stopped = true;
      stopping.abort();
      wake?.();
      await loop;
    },
  };
}
