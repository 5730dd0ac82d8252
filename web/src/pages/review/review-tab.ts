import type { CampaignView } from "@kaoping/core";

/** What every review tab of the campaign detail page receives. */
export interface ReviewTabProps {
  campaign: CampaignView;
  /** Something changed that the detail page shows too (counts, status). */
  onChanged?: () => void;
}
