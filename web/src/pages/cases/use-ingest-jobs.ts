import type { IngestJobListView, IngestJobView } from "@kaoping/core";
import { useCallback, useState } from "react";
import { usePolled } from "../../components/use-polled.ts";
import { casesApi } from "./cases-api.ts";
import { isActiveJob } from "./ingest-progress.ts";

const EMPTY: IngestJobListView = { total: 0, rows: [], sources: [] };

/** One page of import jobs, re-read every second while any job on it is queued or running (the issue asks for live progress). */
export function useIngestJobs() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const polled = usePolled(
    `${paging.page}|${paging.pageSize}`,
    () => casesApi.imports(paging),
    (result) => result.rows.some(isActiveJob),
  );
  const { setData } = polled;
  const setPage = useCallback((page: number, pageSize: number) => setPaging({ page, pageSize }), []);
  /** Shows a job's new state at once (the answer of an upload or a cancel). */
  const replace = useCallback(
    (job: IngestJobView) =>
      setData((current) => current && { ...current, rows: current.rows.map((row) => (row.id === job.id ? job : row)) }),
    [setData],
  );
  return { ...(polled.data ?? EMPTY), ...paging, isLoading: polled.isLoading, reload: polled.reload, setPage, replace };
}
