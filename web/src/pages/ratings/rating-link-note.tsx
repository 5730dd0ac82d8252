import { useTranslation } from "react-i18next";
import { LinkFilterNote, type useLinkFilters } from "../supervision/link-filters.tsx";

/** The note over a 好差评 list opened from a link (a score trace, a dashboard drill): its period when it has one. */
export function RatingLinkNote({ link }: { link: ReturnType<typeof useLinkFilters> }) {
  const { t } = useTranslation();
  const { from, to } = link.filters;
  return (
    <LinkFilterNote
      filters={link.filters}
      onClose={link.clear}
      testId="ratings-link"
      title={from && to ? t("ratings.linked", { from, to }) : t("ratings.linkedAny")}
    />
  );
}
