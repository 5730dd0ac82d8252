import type { RoleCode } from "@kaoping/core";
import { useTranslation } from "react-i18next";
import { UserSelect } from "../../components/user-select.tsx";

/** The built-in roles that may ring calls (hotline:call:record): reviewers and third-party checkers, and the office. */
const CHECKER_ROLES: readonly RoleCode[] = ["reviewer", "assessment_admin"];

/** 抽查人员: a Form control holding user ids. */
export function CheckerSelect(props: { id?: string; value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useTranslation();
  return <UserSelect {...props} roles={CHECKER_ROLES} placeholder={t("hotline.rounds.checkersPlaceholder")} testId="round-checkers" />;
}
