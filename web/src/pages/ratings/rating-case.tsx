import { PERMISSIONS as P } from "@kaoping/core";
import { App, Button, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { type ReactNode, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePermission } from "../../app/permission.tsx";
import { useShowError } from "../../components/feedback.ts";
import { CaseDetailDrawer } from "../cases/case-detail-drawer.tsx";
import { type CaseKey, casesApi } from "../cases/cases-api.ts";

/** What a rating says of its case: the number, whether the case store has it, and when it was rated. */
export interface RatedCase {
  caseNo: string | null;
  caseKnown: boolean;
  ratedAt: string;
}

/**
 * Opens a rated case's timeline (the 办件 drawer). A rating names its case by number only, so the
 * case is looked up in the case list first: accepted within the five years before the rating.
 */
export function useRatedCase(): { open: (rated: RatedCase) => void; drawer: ReactNode } {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [caseKey, setCaseKey] = useState<CaseKey | null>(null);
  const open = useCallback(
    ({ caseNo, ratedAt }: RatedCase) => {
      if (!caseNo) return;
      const rated = dayjs(ratedAt);
      casesApi
        .list({ caseNo, from: rated.subtract(5, "year").format("YYYY-MM-DD"), to: dayjs().format("YYYY-MM-DD"), page: 1, pageSize: 1 })
        .then(({ rows: [found] }) => (found ? setCaseKey(found) : void message.warning(t("ratings.caseNotFound", { caseNo }))))
        .catch(showError);
    },
    [message, showError, t],
  );
  return { open, drawer: <CaseDetailDrawer caseKey={caseKey} onClose={() => setCaseKey(null)} /> };
}

/** A rating's case number: a link to the case's timeline when the case store has it and the reader may see cases. */
export function RatedCaseLink({ rated, onOpen }: { rated: RatedCase; onOpen: (rated: RatedCase) => void }) {
  const { t } = useTranslation();
  const can = usePermission();
  if (!rated.caseNo) return <>—</>;
  if (!rated.caseKnown)
    return (
      <Tooltip title={t("ratings.caseUnknown")}>
        <Typography.Text type="secondary">{rated.caseNo}</Typography.Text>
      </Tooltip>
    );
  if (!can(P.caseRead)) return <>{rated.caseNo}</>;
  return (
    <Button
      type="link"
      size="small"
      style={{ padding: 0 }}
      onClick={() => onOpen(rated)}
      aria-label={t("ratings.openCase", { caseNo: rated.caseNo })}
      data-testid="rating-case"
    >
      {rated.caseNo}
    </Button>
  );
}
