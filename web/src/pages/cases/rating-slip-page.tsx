import { Alert, Button, Card, Descriptions, Flex, QRCode, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { formatDateTime } from "../../components/format.ts";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { ratingSlipKeyOf } from "./case-link.ts";
import { casesApi } from "./cases-api.ts";

/**
 * 好差评评价凭条: what the hall prints with a completed case's result — a QR code of the rating
 * page's signed link, the case number and its verification code (for an applicant who types them),
 * and how to rate. Printed alone (app.css hides the shell). The QR code is antd's own (no extra
 * dependency); its error level M survives a smudged print.
 */
export function RatingSlipPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const key = ratingSlipKeyOf(params);
  const loaded = useLoaded(params.toString(), () => (key ? casesApi.detail(key) : Promise.resolve(null)));
  if (!key) return <Alert type="error" showIcon title={t("cases.slip.noCase")} />;
  if (loaded.isNotFound) return <Alert type="error" showIcon title={t("cases.slip.notFound")} />;
  if (loaded.isLoading) return <Spin style={{ display: "block", margin: "20vh auto" }} />;
  // Only this address's case: after a failed load the last one answered may be another case's.
  const detail = loaded.data;
  const isThisCase = detail?.regionCode === key.regionCode && detail.sourceCode === key.sourceCode && detail.caseNo === key.caseNo;
  if (!detail || !isThisCase) return <Alert type="error" showIcon title={t("cases.slip.loadFailed")} />;
  if (!detail.ratingCode || !detail.ratingLink) return <Alert type="warning" showIcon title={t("cases.slip.notCompleted")} />;
  const link = `${window.location.origin}${detail.ratingLink}`;
  return (
    <Card
      className="print-area"
      title={t("cases.slip.title")}
      extra={
        <Button className="no-print" type="primary" onClick={() => window.print()} data-testid="slip-print">
          {t("cases.slip.print")}
        </Button>
      }
      style={{ maxWidth: 720 }}
      data-testid="rating-slip"
    >
      <Flex gap={24} align="flex-start" wrap>
        <Flex vertical align="center" gap={4}>
          <QRCode type="svg" value={link} size={168} errorLevel="M" bordered={false} aria-label={t("cases.slip.qrLabel")} />
          <Typography.Text type="secondary">{t("cases.slip.scan")}</Typography.Text>
        </Flex>
        <Descriptions size="small" column={1} bordered style={{ flex: 1, minWidth: 320 }}>
          <Descriptions.Item label={t("cases.field.caseNo")}>{detail.caseNo}</Descriptions.Item>
          <Descriptions.Item label={t("cases.field.item")}>{detail.itemName ?? detail.itemCode}</Descriptions.Item>
          <Descriptions.Item label={t("cases.field.unit")}>{detail.unitName}</Descriptions.Item>
          <Descriptions.Item label={t("cases.field.completedAt")}>{formatDateTime(detail.completedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("cases.slip.code")}>
            <Typography.Text strong style={{ letterSpacing: 3, fontSize: 18 }} data-testid="rating-slip-code">
              {detail.ratingCode}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Flex>
      <Typography.Paragraph style={{ marginTop: 16 }}>{t("cases.slip.how")}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ wordBreak: "break-all" }} data-testid="rating-slip-link">
        {link}
      </Typography.Paragraph>
    </Card>
  );
}
