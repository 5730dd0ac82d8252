import { LIMITS } from "@kaoping/core";
import { Alert, AutoComplete, Button, Card, Flex, Form, Input, Result, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PublicPage } from "../../app/public-page.tsx";
import { errorText } from "../../components/feedback.ts";
import { elementOptions } from "./guide-labels.ts";
import { type PublicItem, type PublicReportInput, publicGuidesApi } from "./guides-api.ts";
import { useItemSearch } from "./use-item-search.ts";

type ReportValues = Omit<PublicReportInput, "itemId">;

/** /report-guide, no login: anyone reports a wrong or missing part of a guide (seed 002's 千万市民来找茬). */
export function ReportGuidePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReportValues>();
  const { items, onSearch } = useItemSearch<PublicItem>(publicGuidesApi.items);
  const [chosen, setChosen] = useState<PublicItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [thanks, setThanks] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  async function handleFinish(values: ReportValues) {
    setIsSending(true);
    setError(null);
    try {
      const itemId = chosen && chosen.name === values.itemName ? chosen.id : undefined;
      const answer = await publicGuidesApi.report({
        ...values,
        ...(itemId ? { itemId } : {}),
        contact: values.contact?.trim() || undefined,
      });
      setThanks(answer.message);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setIsSending(false);
    }
  }

  function handleAgain() {
    form.resetFields();
    setChosen(null);
    setThanks(null);
  }

  const options = items.map((item) => ({
    value: item.name,
    key: item.id,
    label: (
      <Flex justify="space-between" gap={8}>
        <span>{item.name}</span>
        <Typography.Text type="secondary">{item.unitName}</Typography.Text>
      </Flex>
    ),
  }));

  return (
    <PublicPage title={t("a11y.page.reportGuide")} heading={t("guide.publicHeading")}>
      <Card title={t("guide.publicTitle")} style={{ width: 560, maxWidth: "100%" }} data-testid="report-guide">
        {thanks ? (
          <Result
            status="success"
            title={t("guide.publicThanks")}
            subTitle={thanks}
            extra={<Button onClick={handleAgain}>{t("guide.publicAgain")}</Button>}
            data-testid="report-guide-thanks"
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t("guide.publicIntro")}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="report-guide-error" />}
            <Form<ReportValues> form={form} layout="vertical" onFinish={handleFinish}>
              <Form.Item
                name="itemName"
                label={t("guide.publicItem")}
                rules={[{ required: true, whitespace: true, message: t("guide.publicItemRequired") }]}
              >
                <AutoComplete
                  options={options}
                  showSearch={{ onSearch }}
                  onSelect={(_, option) => setChosen(items.find((item) => item.id === option.key) ?? null)}
                  placeholder={t("guide.publicItemPlaceholder")}
                  data-testid="report-guide-item"
                />
              </Form.Item>
              <Form.Item name="element" label={t("guide.publicElement")}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: "label" }}
                  options={elementOptions}
                  placeholder={t("guide.publicElementPlaceholder")}
                />
              </Form.Item>
              <Form.Item
                name="description"
                label={t("guide.description")}
                rules={[
                  { required: true, whitespace: true, message: t("guide.publicDescriptionRequired") },
                  { min: 5, message: t("guide.publicDescriptionMin") },
                ]}
              >
                <Input.TextArea
                  rows={5}
                  maxLength={2000}
                  showCount
                  placeholder={t("guide.publicDescriptionPlaceholder")}
                  data-testid="report-guide-description"
                />
              </Form.Item>
              <Form.Item name="contact" label={t("guide.contact")} extra={t("guide.publicContactHint")}>
                <Input maxLength={LIMITS.nameMax} data-testid="report-guide-contact" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={isSending} data-testid="report-guide-submit">
                {t("guide.publicSubmit")}
              </Button>
            </Form>
          </>
        )}
      </Card>
      <Link to="/login" className="kp-touch" style={{ marginTop: 16 }}>
        {t("guide.staffLogin")}
      </Link>
    </PublicPage>
  );
}
