import type { IngestJobView, Paged } from "@kaoping/core";
import { useCallback, useEffect, useState } from "react";
import { useShowError } from "../../components/feedback.ts";
import { casesApi } from "./cases-api.ts";
import { isActiveJob } from "./ingest-progress.ts";

/** How often a page with a running job re-reads it: the issue asks for live progress. */
export const POLL_MS = 1000;

/**
 * One page of import jobs, re-read every second while any job on it is queued or running,
 * quietly (no spinner), so the progress bars move; polling stops when all have finished.
 */
export function useIngestJobs() {
  const showError = useShowError();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const [data, setData] = useState<Paged<IngestJobView>>({ total: 0, rows: [] });
  const [isLoading, setIsLoading] = useState(false);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` restarts the load (and the polling) after an upload or a cancel
  useEffect(() => {
    let isCurrent = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (isQuiet: boolean) => {
      if (!isQuiet) setIsLoading(true);
      casesApi
        .imports(paging)
        .then((result) => {
          if (!isCurrent) return;
          setData(result);
          if (result.rows.some(isActiveJob)) timer = setTimeout(() => load(true), POLL_MS);
        })
        .catch((error: unknown) => isCurrent && showError(error))
        .finally(() => isCurrent && !isQuiet && setIsLoading(false));
    };
    load(false);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [paging, tick, showError]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const setPage = useCallback((page: number, pageSize: number) => setPaging({ page, pageSize }), []);
  /** Shows a job's new state at once (the answer of an upload or a cancel). */
  const replace = useCallback(
    (job: IngestJobView) => setData((current) => ({ ...current, rows: current.rows.map((row) => (row.id === job.id ? job : row)) })),
    [],
  );
  return { ...data, ...paging, isLoading, reload, setPage, replace };
}
