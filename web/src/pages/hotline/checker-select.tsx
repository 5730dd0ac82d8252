import type { Paged, RoleCode, UserView } from "@kaoping/core";
import { Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useShowError } from "../../components/feedback.ts";

/**
 * The built-in roles that may ring calls (hotline:call:record): reviewers and third-party checkers,
 * and the office itself. The user list filters by role, not by permission, so a custom role holding
 * the permission is not offered (the server still accepts any user id).
 */
const CHECKER_ROLES: readonly RoleCode[] = ["reviewer", "assessment_admin"];

/** Active users of the checker roles, reviewers first, each once. */
async function checkerCandidates(): Promise<UserView[]> {
  const pages = await Promise.all(
    CHECKER_ROLES.map((roleCode) => api.get<Paged<UserView>>("/api/users", { roleCode, status: "active", page: 1, pageSize: 500 })),
  );
  const seen = new Set<string>();
  return pages.flatMap((page, index) =>
    page.rows.filter((user) => user.roleCodes.includes(CHECKER_ROLES[index]!) && !seen.has(user.id) && seen.add(user.id)),
  );
}

/** 抽查人员: a Form control holding user ids (the `id` Form.Item passes ties its label to it). */
export function CheckerSelect(props: { id?: string; value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [users, setUsers] = useState<UserView[]>([]);
  const [isLoading, setIsLoading] = useState(true);

  useEffect(() => {
    checkerCandidates()
      .then(setUsers)
      .catch(showError)
      .finally(() => setIsLoading(false));
  }, [showError]);

  return (
    <Select
      id={props.id}
      mode="multiple"
      allowClear
      loading={isLoading}
      showSearch={{ optionFilterProp: "label" }}
      placeholder={t("hotline.rounds.checkersPlaceholder")}
      value={props.value ?? []}
      onChange={(ids: string[]) => props.onChange?.(ids)}
      options={users.map((user) => ({ value: user.id, label: `${user.displayName}（${user.unitName}）` }))}
      data-testid="round-checkers"
    />
  );
}
