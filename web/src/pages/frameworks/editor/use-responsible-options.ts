import { PERMISSIONS as P } from "@kaoping/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { groupsApi } from "../../../api/groups.ts";
import { unitsApi } from "../../../api/units.ts";
import { usePermission } from "../../../app/permission.tsx";

interface CodeOption {
  value: string;
  label: string;
}

const asOption = (row: { code: string; name: string }): CodeOption => ({ value: row.code, label: `${row.code} ${row.name}` });

/**
 * Options for 牵头 / 配合: the units and unit groups the user can see, by code.
 * Free text stays possible (a unit not in the system yet); validation warns about it.
 * Load it once per editor, not per indicator form.
 */
export function useResponsibleOptions() {
  const { t } = useTranslation();
  const can = usePermission();
  const canUnits = can(P.unitRead);
  const canGroups = can(P.groupRead);
  const [data, setData] = useState<{ units: CodeOption[]; groups: CodeOption[] }>({ units: [], groups: [] });

  useEffect(() => {
    let isCurrent = true;
    Promise.all([
      canUnits ? unitsApi.list({ page: 1, pageSize: 500 }).then((page) => page.rows.map(asOption)) : [],
      canGroups ? groupsApi.list({ page: 1, pageSize: 500 }).then((page) => page.rows.map(asOption)) : [],
    ])
      .then(([units, groups]) => {
        if (isCurrent) setData({ units, groups });
      })
      .catch(() => {
        // Without the lists the field still takes typed codes.
      });
    return () => {
      isCurrent = false;
    };
  }, [canUnits, canGroups]);

  return [
    { label: t("framework.unitsOption"), options: data.units },
    { label: t("framework.groupsOption"), options: data.groups },
  ].filter((group) => group.options.length > 0);
}
export type ResponsibleOptions = ReturnType<typeof useResponsibleOptions>;
