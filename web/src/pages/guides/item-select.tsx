import { Select, Spin } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { guidesApi } from "./guides-api.ts";
import { useItemSearch } from "./use-item-search.ts";

interface ItemOption {
  id: string;
  code: string | null;
  name: string;
}

const searchItems = (q: string): Promise<ItemOption[]> => guidesApi.list({ q, page: 1, pageSize: 20 }).then((page) => page.rows);
const optionOf = (item: ItemOption) => ({ value: item.id, label: item.code ? `${item.name}（${item.code}）` : item.name });

interface ItemSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The item already chosen (a report's), so its name shows before any search. */
  initial?: ItemOption | null;
  "data-testid"?: string;
}

/** Picks a service item by name or code, searching the guide list as one types; a Form control. */
export function ItemSelect({ value, onChange, initial, ...rest }: ItemSelectProps) {
  const { t } = useTranslation();
  const { items, isSearching, onSearch } = useItemSearch(searchItems);
  const options = useMemo(() => {
    const found = items.map(optionOf);
    return initial && !items.some((item) => item.id === initial.id) ? [optionOf(initial), ...found] : found;
  }, [items, initial]);
  return (
    <Select
      value={value ?? null}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      allowClear
      showSearch={{ filterOption: false, onSearch }}
      notFoundContent={isSearching ? <Spin size="small" /> : t("guide.itemSearchHint")}
      placeholder={t("guide.itemSearchPlaceholder")}
      data-testid={rest["data-testid"]}
    />
  );
}
