import type { Paged } from "@kaoping/core";
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import { useShowError } from "./feedback.ts";
import { PageCursors } from "./page-cursors.ts";

export interface PageQuery {
  page: number;
  pageSize: number;
}

export interface PagedQuery<T, F> {
  rows: T[];
  total: number;
  isLoading: boolean;
  page: number;
  pageSize: number;
  /** The filters in force (query form + fixed params), e.g. for an export of the same rows. */
  filters: Partial<F>;
  /** Applies new query-form values and goes back to page 1. */
  search: (values: Partial<F>) => void;
  setPage: (page: number, pageSize: number) => void;
  reload: () => void;
}

const DEFAULT_PAGE_SIZE = 20;

/**
 * Loads one page of a `{total, rows}` list. `params` (e.g. the unit chosen in the tree)
 * are merged over the query-form values; changing either goes back to page 1. A list that
 * answers `next` (keyset paging, e.g. 办件查询) gets it back as `after` when the reader moves to
 * the following page, so a deep page costs what the first does; a jump falls back to the offset.
 */
export function usePagedQuery<T, F extends object>(
  fetchPage: (query: Partial<F> & PageQuery) => Promise<Paged<T>>,
  params: Partial<F> = {},
): PagedQuery<T, F> {
  const showError = useShowError();
  const [formValues, setFormValues] = useState<Partial<F>>({});
  const [paging, setPaging] = useState<PageQuery>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [data, setData] = useState<Paged<T>>({ total: 0, rows: [] });
  const [isLoading, setIsLoading] = useState(false);

  // A new tree selection is a new query: back to page 1 (React's “adjust state on prop change”).
  const paramsKey = JSON.stringify(params);
  const [previousParamsKey, setPreviousParamsKey] = useState(paramsKey);
  if (paramsKey !== previousParamsKey) {
    setPreviousParamsKey(paramsKey);
    setPaging((current) => ({ ...current, page: 1 }));
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: paramsKey stands for params
  const filters = useMemo(() => ({ ...formValues, ...params }), [formValues, paramsKey]);
  const load = useEffectEvent((query: Partial<F> & PageQuery) => fetchPage(query));
  const cursors = useRef(new PageCursors());

  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    const after = cursors.current.after(filters, paging.pageSize, paging.page);
    const query = { ...filters, ...paging, ...(after ? { after } : {}) } as Partial<F> & PageQuery;
    load(query)
      .then((result) => {
        if (!isCurrent) return;
        setData(result);
        cursors.current.remember(filters, paging.pageSize, paging.page, result);
      })
      .catch((error: unknown) => {
        if (!isCurrent) return;
        showError(error);
        // The rows shown were another query's: left on screen under the refused one, they read as its answer.
        setData({ total: 0, rows: [] });
      })
      .finally(() => {
        if (isCurrent) setIsLoading(false);
      });
    return () => {
      isCurrent = false;
    };
  }, [filters, paging, showError]);

  const search = useCallback((values: Partial<F>) => {
    setFormValues(values);
    setPaging((current) => ({ ...current, page: 1 }));
  }, []);
  const setPage = useCallback((page: number, pageSize: number) => setPaging({ page, pageSize }), []);
  // A fresh paging object re-runs the load effect with the same page.
  const reload = useCallback(() => setPaging((current) => ({ ...current })), []);

  return { ...data, isLoading, ...paging, filters, search, setPage, reload };
}
