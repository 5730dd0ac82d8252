import type { CampaignUnitView } from "@kaoping/core";
import { useEffect, useMemo, useState } from "react";
import { campaignsApi } from "../../api/campaigns.ts";
import { useShowError } from "../../components/feedback.ts";

/** `code name`, the way units are picked and listed across the review tabs. */
export const unitLabel = (unit: { code: string; name: string }) => `${unit.code} ${unit.name}`;

/** The campaign's units the caller may see, and select options for them. */
export function useCampaignUnits(campaignId: string) {
  const showError = useShowError();
  const [units, setUnits] = useState<CampaignUnitView[]>([]);
  const [isLoading, setIsLoading] = useState(true);

  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    campaignsApi
      .units(campaignId)
      .then((page) => {
        if (isCurrent) setUnits(page.rows);
      })
      .catch((error: unknown) => {
        if (isCurrent) showError(error);
      })
      .finally(() => {
        if (isCurrent) setIsLoading(false);
      });
    return () => {
      isCurrent = false;
    };
  }, [campaignId, showError]);

  const options = useMemo(() => units.map((unit) => ({ value: unit.unitId, label: unitLabel(unit) })), [units]);
  return { units, options, isLoading };
}
