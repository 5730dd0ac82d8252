import type { UserView } from "@kaoping/core";
import { Col, DatePicker, Divider, Form, Row, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { campaignsApi } from "../../../api/campaigns.ts";
import { useShowError } from "../../../components/feedback.ts";
import { selectRule } from "../../../components/form-rules.ts";
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

/** Users with the reviewer role; a Form control holding their ids (the `id` Form.Item passes ties its label to it). */
export function ReviewerSelect(props: { id?: string; value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [users, setUsers] = useState<UserView[]>([]);
  const [isLoading, setIsLoading] = useState(true);

  useEffect(() => {
    campaignsApi
      .reviewerCandidates()
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
      placeholder={t("campaign.reviewersPlaceholder")}
      value={props.value ?? []}
      onChange={(ids: string[]) => props.onChange?.(ids)}
      options={users.map((user) => ({ value: user.id, label: `${user.displayName}（${user.unitName}）` }))}
      data-testid="campaign-form-reviewers"
    />
  );
}
