import type { CaseRederiveJobView } from "@kaoping/core";
import { Alert, Flex, Progress } from "antd";
import { useTranslation } from "react-i18next";
import { rederivePercent, shownRederiveJobs } from "./rederive-jobs.ts";

/**
 * The clocks a calendar change moves, while the background job derives them again (too many cases
 * for the change's own request): progress until done, and a failure if one ended so. `jobs` comes
 * from the page's polled list (usePolled), which keeps re-reading while one is moving.
 */
export function RederiveAlert({ jobs }: { jobs: CaseRederiveJobView[] }) {
  const { t } = useTranslation();
  const shown = shownRederiveJobs(jobs);
  if (!shown.length) return null;
  return (
    <Flex vertical gap={8} data-testid="calendar-rederive">
      {shown.map((job) =>
        job.status === "failed" ? (
          <Alert key={job.id} type="error" showIcon message={t("calendar.rederiveFailed", { reason: job.reason, error: job.error })} />
        ) : (
          <Alert
            key={job.id}
            type="info"
            showIcon
            message={
              job.total === null
                ? t("calendar.rederiveQueued", { reason: job.reason })
                : t("calendar.rederiving", { reason: job.reason, done: job.done, total: job.total })
            }
            description={job.total ? <Progress percent={rederivePercent(job)} status="active" aria-label={job.reason} /> : null}
          />
        ),
      )}
    </Flex>
  );
}
