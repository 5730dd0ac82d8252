import { Alert } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

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

/** The note over a list opened from a link, with its period; closing it shows the whole list. */
export function LinkFilterNote({ filters, onClose }: { filters: Record<string, string>; onClose: () => void }) {
  const { t } = useTranslation();
  if (!Object.keys(filters).length) return null;
  return (
    <Alert
      type="info"
      showIcon
      closable={{ "aria-label": t("common.close") }}
      onClose={onClose}
      data-testid="supervision-link"
      title={t("supervision.linked", { from: filters.from ?? "—", to: filters.to ?? "—" })}
    />
  );
}
