import { PERMISSIONS as P, REVIEW_DEFAULTS, type ReviewSettingsInput } from "@kaoping/core";
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Authorized } from "../../app/permission.tsx";
import { applyFieldErrors, useShowError } from "../../components/feedback.ts";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { ratingsApi } from "./ratings-api.ts";

const REGION = /^\d{0,12}$/;
const DAY_FIELDS = ["verifyDays", "decideDays", "rectifyDays"] as const;

/**
 * 处置时限: the bad-review loop's deadlines in working days, for the installation ("" region) or a
 * region of its own; whether the defaults still apply, where the figures come from, and that open
 * reviews keep the deadlines they were given.
 */
export function RatingSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<ReviewSettingsInput>();
  const [regionInput, setRegionInput] = useState("");
  const [region, setRegion] = useState("");
  const [isSaving, setIsSaving] = useState(false);
  const settings = useLoaded(region, () => ratingsApi.settings(region));
  const view = settings.data?.regionCode === region ? settings.data : null;
  const regionName = region || t("ratings.settings.installation");
  const isRegionValid = REGION.test(regionInput.trim());

  useEffect(() => {
    if (view) form.setFieldsValue({ verifyDays: view.verifyDays, decideDays: view.decideDays, rectifyDays: view.rectifyDays });
  }, [view, form]);

  async function handleSave(values: ReviewSettingsInput) {
    setIsSaving(true);
    try {
      settings.set(await ratingsApi.saveSettings(region, values));
      void message.success(t("common.saved"));
    } catch (error) {
      applyFieldErrors(form, error);
      showError(error);
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%", maxWidth: 720 }}>
      <Card title={t("ratings.settings.title")}>
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Space wrap>
            {t("ratings.settings.region")}
            <Input
              value={regionInput}
              onChange={(e) => setRegionInput(e.target.value)}
              onPressEnter={() => isRegionValid && setRegion(regionInput.trim())}
              placeholder={t("ratings.settings.regionPlaceholder")}
              status={isRegionValid ? undefined : "error"}
              allowClear
              style={{ width: 220 }}
              aria-label={t("ratings.settings.region")}
              data-testid="rating-settings-region"
            />
            <Button disabled={!isRegionValid} onClick={() => setRegion(regionInput.trim())} data-testid="rating-settings-load">
              {t("ratings.settings.load")}
            </Button>
            {!isRegionValid && <Typography.Text type="danger">{t("ratings.settings.regionInvalid")}</Typography.Text>}
          </Space>
          {view && (
            <Alert
              type={view.isDefault ? "warning" : "success"}
              showIcon
              data-testid="rating-settings-state"
              data-default={view.isDefault}
              title={t(view.isDefault ? "ratings.settings.isDefault" : "ratings.settings.isSet", { region: regionName })}
            />
          )}
          <Form<ReviewSettingsInput>
            form={form}
            layout="horizontal"
            labelCol={{ span: 8 }}
            initialValues={REVIEW_DEFAULTS}
            onFinish={handleSave}
            disabled={!view}
          >
            {DAY_FIELDS.map((name) => (
              <Form.Item key={name} name={name} label={t(`ratings.settings.${name}`)} rules={[{ required: true }]}>
                <InputNumber
                  min={1}
                  max={60}
                  precision={0}
                  suffix={t("ratings.settings.days")}
                  style={{ width: 200 }}
                  data-testid={`rating-settings-${name}`}
                />
              </Form.Item>
            ))}
            <Authorized perm={P.reviewManage}>
              <Form.Item wrapperCol={{ offset: 8 }}>
                <Button type="primary" htmlType="submit" loading={isSaving} data-testid="rating-settings-save">
                  {t("common.save")}
                </Button>
              </Form.Item>
            </Authorized>
          </Form>
        </Space>
      </Card>
      <Alert type="info" showIcon title={t("ratings.settings.sources")} description={t("ratings.settings.keep")} />
    </Space>
  );
}
