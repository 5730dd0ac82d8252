import type { Paged } from "@kaoping/core";
import { Alert } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { type PagedQuery, type PageQuery, usePagedQuery } from "../../components/use-paged-query.ts";

/**
 * The filters a link brought (a supervision fact's link in a score trace: unit, period, what it
 * counts): kept under the query form's values until the reader closes the note or searches.
 */
export function useLinkFilters(keys: readonly string[]) {
  const [searchParams] = useSearchParams();
  const [filters, setFilters] = useState<Record<string, string>>(() =>
    Object.fromEntries(keys.flatMap((key) => (searchParams.get(key) ? [[key, searchParams.get(key)!]] : []))),
  );
  return { filters, clear: () => setFilters({}) };
}

/**
 * The note over a list opened from a link, with its period; closing it shows the whole list. A domain
 * whose links come from elsewhere too (a dashboard's drill) words it itself (`title`, `testId`).
 */
export function LinkFilterNote({
  filters,
  onClose,
  title,
  testId = "supervision-link",
}: {
  filters: Record<string, string>;
  onClose: () => void;
  title?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!Object.keys(filters).length) return null;
  return (
    <Alert
      type="info"
      showIcon
      closable={{ "aria-label": t("common.close") }}
      onClose={onClose}
      data-testid={testId}
      title={title ?? t("supervision.linked", { from: filters.from ?? "—", to: filters.to ?? "—" })}
    />
  );
}

/**
 * A supervision list that a link may open: its paged query over the link's filters and the unit
 * chosen in the tree; a search from the query form drops the link's filters.
 */
export function useLinkedPagedQuery<T, F extends object>(
  fetchPage: (query: Partial<F> & PageQuery) => Promise<Paged<T>>,
  linkKeys: readonly string[],
  unitId: string | null,
): { link: ReturnType<typeof useLinkFilters>; query: PagedQuery<T, F>; search: (values: Partial<F>) => void } {
  const link = useLinkFilters(linkKeys);
  const query = usePagedQuery<T, F>(fetchPage, { ...link.filters, ...(unitId ? { unitId } : {}) } as Partial<F>);
  const search = (values: Partial<F>) => {
    link.clear();
    query.search(values);
  };
  return { link, query, search };
}
