import { LIMITS } from "@kaoping/core";
import { App, Checkbox, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { campaignsApi } from "../../../api/campaigns.ts";
import { FormModal } from "../../../components/form-modal.tsx";
import { textRules } from "../../../components/form-rules.ts";

interface ReminderValues {
  message: string;
  overdueOnly: boolean;
}

interface ReminderModalProps {
  campaignId: string;
  /** The units ticked in the table; none = every unit whose report is not confirmed (the server's default). */
  unitIds: string[];
  open: boolean;
  onClose: () => void;
}

/** 催办: an in-app message to the users of the chosen (or all lagging) units. */
export function ReminderModal({ campaignId, unitIds, open, onClose }: ReminderModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  async function handleSubmit(values: ReminderValues) {
    const result = await campaignsApi.remind(campaignId, {
      ...(unitIds.length ? { unitIds } : {}),
      ...(values.overdueOnly ? { overdueOnly: true } : {}),
      message: values.message.trim(),
    });
    void message.info(t("campaign.reminded", { ...result }));
  }

  return (
    <FormModal<ReminderValues>
      title={t("campaign.remindTitle")}
      open={open}
      onClose={onClose}
      onSubmit={handleSubmit}
      initialValues={{ message: t("campaign.remindMessageDefault"), overdueOnly: false }}
      submitTestId="campaign-remind-submit"
      successText={t("campaign.remindSent")}
    >
      <Typography.Paragraph type="secondary">
        {unitIds.length ? t("campaign.remindSelected", { count: unitIds.length }) : t("campaign.remindDefault")}
      </Typography.Paragraph>
      <Form.Item name="overdueOnly" valuePropName="checked">
        <Checkbox>{t("campaign.remindOverdueOnly")}</Checkbox>
      </Form.Item>
      <Form.Item name="message" label={t("campaign.remindMessage")} rules={textRules(t, t("campaign.remindMessage"), LIMITS.reasonMax)}>
        <Input.TextArea rows={4} maxLength={LIMITS.reasonMax} showCount data-testid="campaign-remind-message" />
      </Form.Item>
    </FormModal>
  );
}
