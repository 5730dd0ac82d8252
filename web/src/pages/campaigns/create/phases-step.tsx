import { Col, DatePicker, Divider, Form, Row } from "antd";
import { useTranslation } from "react-i18next";
import { selectRule } from "../../../components/form-rules.ts";
import { UserSelect } from "../../../components/user-select.tsx";
import { PHASE_KEYS, REQUIRED_PHASES } from "./create-values.ts";

/** Step 3: the phase dates (填报开始 and 填报截止 required) and the reviewers assigned. */
export function PhasesStep() {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={16}>
        {PHASE_KEYS.map((key) => {
          const label = t(`campaign.enum.phase.${key}`);
          return (
            <Col span={8} key={key}>
              <Form.Item name={["phases", key]} label={label} rules={REQUIRED_PHASES.includes(key) ? [selectRule(t, label)] : []}>
                <DatePicker style={{ width: "100%" }} data-testid={`campaign-phase-${key}`} />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
      <Divider />
      <Form.Item name="reviewerIds" label={t("campaign.reviewers")} extra={t("campaign.reviewersHint")}>
        <ReviewerSelect />
      </Form.Item>
    </>
  );
}

const REVIEWER_ROLES = ["reviewer"] as const;

/** Users with the reviewer role; a Form control holding their ids. */
export function ReviewerSelect(props: { id?: string; value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useTranslation();
  return <UserSelect {...props} roles={REVIEWER_ROLES} placeholder={t("campaign.reviewersPlaceholder")} testId="campaign-form-reviewers" />;
}
