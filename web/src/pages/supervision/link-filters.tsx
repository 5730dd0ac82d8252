import type { Paged, UnitTreeNode } from "@kaoping/core";
import { Alert } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { type PagedQuery, type PageQuery, usePagedQuery } from "../../components/use-paged-query.ts";
import { flattenUnitTree, useUnitTree } from "../../components/use-unit-tree.ts";
import { keptOnSearch, keptOnUnit, type LinkSpec, linkFormValues, linkWords } from "./link-spec.ts";

/**
 * The filters a link brought (a supervision fact's link in a score trace: unit, period, what it
 * counts), until the reader closes the note; a search drops them (useLinkedPagedQuery) or those the
 * form shows and the reader changed (useLinkedList).
 */
export function useLinkFilters(keys: readonly string[]) {
  const [searchParams] = useSearchParams();
  const [filters, setFilters] = useState<Record<string, string>>(() =>
    Object.fromEntries(keys.flatMap((key) => (searchParams.get(key) ? [[key, searchParams.get(key)!]] : []))),
  );
  return { filters, clear: () => setFilters({}), keep: setFilters };
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
    <LinkAlert
      onClose={onClose}
      testId={testId}
      title={title ?? t("supervision.linked", { from: filters.from ?? "—", to: filters.to ?? "—" })}
    />
  );
}

/** The closable note both kinds of linked list show above their table. */
function LinkAlert({ title, onClose, testId }: { title: string; onClose: () => void; testId: string }) {
  const { t } = useTranslation();
  return <Alert type="info" showIcon closable={{ "aria-label": t("common.close") }} onClose={onClose} data-testid={testId} title={title} />;
}

/**
 * A list that a link may open, whose query form does not show the link's filters: its paged query
 * over them and the unit chosen in the tree; a search from the query form drops the link's filters.
 * A list whose form and tree do show them takes useLinkedList.
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

/** What useLinkedList gives a page: the query, and the props its unit tree, query form and note take. */
export interface LinkedList<T, F> {
  query: PagedQuery<T, F>;
  tree: { selectedId: string | null; onSelect: (unit: UnitTreeNode | null) => void };
  form: { initialValues: Partial<F>; onSearch: (values: Partial<F>) => void };
  /** The query form's React key: it changes when the note closes, so the form mounts afresh, empty. */
  formKey: number;
  note: { words: string[]; onClose: () => void };
}

/**
 * A list a link may open (a 监察看板 count, a score trace), shown as the link filters it: the linked
 * unit selected in the tree, each filter the query form has a field for in that field, and every
 * filter named in the note. 查询 keeps the link's filters the form does not show, so an unchanged
 * search gives the same list; closing the note clears them all and shows the whole list.
 */
export function useLinkedList<T, F extends object>(
  fetchPage: (query: Partial<F> & PageQuery) => Promise<Paged<T>>,
  spec: LinkSpec,
): LinkedList<T, F> {
  const { t } = useTranslation();
  const link = useLinkFilters(Object.keys(spec));
  const [unitId, setUnitId] = useState<string | null>(link.filters.unitId ?? null);
  const [formKey, setFormKey] = useState(0);
  const query = usePagedQuery<T, F>(fetchPage, { ...link.filters, ...(unitId ? { unitId } : {}) } as Partial<F>);
  const names = useUnitNames();

  const onSelect = (unit: UnitTreeNode | null) => {
    setUnitId(unit?.id ?? null);
    link.keep(keptOnUnit(link.filters, unit?.id ?? null));
  };
  const onSearch = (values: Partial<F>) => {
    link.keep(keptOnSearch(link.filters, spec, values as Record<string, unknown>));
    query.search(values);
  };
  const onClose = () => {
    link.clear();
    setUnitId(null);
    setFormKey((key) => key + 1);
    query.search({});
  };
  const words = linkWords(link.filters, spec, t, (id) => names.get(id));
  return {
    query,
    tree: { selectedId: unitId, onSelect },
    form: { initialValues: linkFormValues(link.filters, spec) as Partial<F>, onSearch },
    formKey,
    note: { words, onClose },
  };
}

/** Unit names by id from the shared unit tree (the one beside the list), for the note. */
function useUnitNames(): Map<string, string> {
  const { tree } = useUnitTree();
  return useMemo(() => new Map(flattenUnitTree(tree).map((unit) => [unit.id, unit.name])), [tree]);
}

/**
 * The note over a list a link opened (useLinkedList): every filter the link still applies, in words.
 * A domain words its title itself (`titleKey`, with `{{what}}`) and names its test id.
 */
export function LinkedListNote({
  words,
  onClose,
  titleKey = "supervision.linkNote.title",
  testId = "supervision-link",
}: LinkedList<unknown, object>["note"] & { titleKey?: string; testId?: string }) {
  const { t } = useTranslation();
  if (!words.length) return null;
  return <LinkAlert onClose={onClose} testId={testId} title={t(titleKey, { what: words.join("，") })} />;
}
