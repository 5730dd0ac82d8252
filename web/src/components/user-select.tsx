import type { Paged, RoleCode, UserView } from "@kaoping/core";
import { Select } from "antd";
import { useEffect, useState } from "react";
import { api } from "../api/client.ts";
import { useShowError } from "./feedback.ts";

/**
 * Active users holding any of the roles, in the roles' order, each once. The user list filters by
 * role, not by permission: a custom role holding the permission a pick is for is not offered (the
 * server still checks whatever ids are sent).
 */
export async function usersOfRoles(roles: readonly RoleCode[]): Promise<UserView[]> {
  const pages = await Promise.all(
    roles.map((roleCode) => api.get<Paged<UserView>>("/api/users", { roleCode, status: "active", page: 1, pageSize: 500 })),
  );
  const seen = new Set<string>();
  return pages.flatMap((page, index) =>
    page.rows.filter((user) => user.roleCodes.includes(roles[index]!) && !seen.has(user.id) && seen.add(user.id)),
  );
}

interface UserSelectProps {
  roles: readonly RoleCode[];
  placeholder: string;
  testId: string;
  /** Passed by Form.Item: ties its label to the control. */
  id?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
}

/** A Form control holding the ids of users of some roles (a campaign's reviewers, a round's checkers). */
export function UserSelect({ roles, placeholder, testId, id, value, onChange }: UserSelectProps) {
  const showError = useShowError();
  const [users, setUsers] = useState<UserView[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const rolesKey = roles.join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: the roles by value (a literal array is new each render)
  useEffect(() => {
    usersOfRoles(roles)
      .then(setUsers)
      .catch(showError)
      .finally(() => setIsLoading(false));
  }, [rolesKey, showError]);

  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      loading={isLoading}
      showSearch={{ optionFilterProp: "label" }}
      placeholder={placeholder}
      value={value ?? []}
      onChange={(ids: string[]) => onChange?.(ids)}
      options={users.map((user) => ({ value: user.id, label: `${user.displayName}（${user.unitName}）` }))}
      data-testid={testId}
    />
  );
}
