import { useCallback, useEffect, useState } from "react";
import { useShowError } from "./feedback.ts";

/** How often a screen with a background job still moving re-reads it: progress is shown live. */
export const POLL_MS = 1000;

/**
 * Loads `load()` when `key` changes or `reload` is called, then re-reads it every POLL_MS quietly
 * (no spinner) while `isActive(data)` holds — a job queued or running — and stops once it does not.
 */
export function usePolled<T>(key: string, load: () => Promise<T>, isActive: (data: T) => boolean) {
  const showError = useShowError();
  const [data, setData] = useState<T | undefined>(undefined);
  const [isLoading, setIsLoading] = useState(false);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `tick` restart the load (and the polling); `load` and `isActive` are read fresh each time
  useEffect(() => {
    let isCurrent = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = (isQuiet: boolean) => {
      if (!isQuiet) setIsLoading(true);
      load()
        .then((result) => {
          if (!isCurrent) return;
          setData(result);
          if (isActive(result)) timer = setTimeout(() => read(true), POLL_MS);
        })
        .catch((error: unknown) => isCurrent && showError(error))
        .finally(() => isCurrent && !isQuiet && setIsLoading(false));
    };
    read(false);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [key, tick, showError]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, setData, isLoading, reload };
}
