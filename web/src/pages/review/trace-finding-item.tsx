import { Checkbox, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { FindingBrief } from "../../api/review.ts";
import { AppealStatusTag, EvidenceLinks, FindingStatusTag } from "./review-tags.tsx";

interface FindingItemProps {
  finding: FindingBrief;
  /** Ids ticked for the what-if; null: no checkbox. */
  selected: string[] | null;
  onToggle: (id: string, isOn: boolean) => void;
}

/** A finding behind a step: what was found, where it was notified, its evidence; a checkbox for the what-if. */
export function FindingItem({ finding, selected, onToggle }: FindingItemProps) {
  const { t } = useTranslation();
  const amount = finding.points !== null ? t("review.pointsN", { points: finding.points }) : t("review.countN", { count: finding.count });
  const level = finding.sourceLevel ? t(`enum.sourceLevel.${finding.sourceLevel}`, { defaultValue: finding.sourceLevel }) : null;
  const body = (
    <Flex vertical gap={2}>
      <span>
        {finding.description}
        <Typography.Text type="secondary">
          {"　"}
          {[level, amount, finding.noticeNo, finding.foundOn].filter(Boolean).join(" · ")}
        </Typography.Text>
      </span>
      <Flex gap={4} wrap align="center">
        {finding.status !== "confirmed" && <FindingStatusTag status={finding.status} />}
        <AppealStatusTag status={finding.appealStatus} />
        {finding.evidence.length > 0 && <EvidenceLinks files={finding.evidence} />}
      </Flex>
    </Flex>
  );
  return (
    <div data-testid={`trace-finding-${finding.id}`}>
      {selected ? (
        <Checkbox checked={selected.includes(finding.id)} onChange={(event) => onToggle(finding.id, event.target.checked)}>
          {body}
        </Checkbox>
      ) : (
        body
      )}
    </div>
  );
}
