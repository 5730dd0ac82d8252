import type { CaseDetailView } from "@kaoping/core";
import { Card, Empty, Flex, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../components/format.ts";
import { channelLabel, LEVEL_COLORS, levelLabel, REVIEW_STATUS_COLORS, reviewStatusLabel } from "../ratings/rating-labels.ts";
import { ORDER_STATUS_COLORS, orderStatusLabel, SEVERITY_COLORS, severityLabel } from "../supervision/supervision-labels.ts";

/**
 * What the other layers know of the case: its 电子监察 warnings with their 督办单, and its 好差评
 * ratings with a 差评's review, each linked to its record. A layer the reader may not see is left out.
 */
export function CaseLinkedRecords({ detail }: { detail: CaseDetailView }) {
  return (
    <>
      {detail.warnings && <CaseWarnings detail={detail} warnings={detail.warnings} />}
      {detail.ratings && <CaseRatings ratings={detail.ratings} />}
    </>
  );
}

function CaseWarnings({ detail, warnings }: { detail: CaseDetailView; warnings: NonNullable<CaseDetailView["warnings"]> }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t("cases.detail.warnings", { count: warnings.length })}
      extra={
        warnings.length > 0 && (
          <Link to={`/supervision/warnings?caseNo=${encodeURIComponent(detail.caseNo)}`}>{t("cases.detail.ledger")}</Link>
        )
      }
      data-testid="case-warnings"
    >
      {warnings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("cases.detail.noWarnings")} />
      ) : (
        <Flex vertical gap={8}>
          {warnings.map((w) => (
            <div key={w.id} data-warning={w.id}>
              <Tag color={SEVERITY_COLORS[w.severity]}>{severityLabel(w.severity)}</Tag>
              <Typography.Text strong>{w.ruleName}</Typography.Text>{" "}
              <Typography.Text type="secondary">{formatDateTime(w.at)}</Typography.Text>{" "}
              {w.order ? (
                <Link to={`/supervision/orders?id=${w.order.id}`}>
                  {w.order.orderNo} <Tag color={ORDER_STATUS_COLORS[w.order.status]}>{orderStatusLabel(w.order.status)}</Tag>
                </Link>
              ) : (
                <Tag>{t("cases.detail.unsupervised")}</Tag>
              )}
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {w.explanation}
              </Typography.Paragraph>
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function CaseRatings({ ratings }: { ratings: NonNullable<CaseDetailView["ratings"]> }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t("cases.detail.ratings", { count: ratings.length })} data-testid="case-ratings">
      {ratings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("cases.detail.noRatings")} />
      ) : (
        <Flex vertical gap={8}>
          {ratings.map((r) => (
            <div key={r.id} data-rating={r.ratingNo}>
              <Tag color={LEVEL_COLORS[String(r.level)]}>{levelLabel(r.level)}</Tag>
              <Typography.Text>{channelLabel(r.channel)}</Typography.Text>{" "}
              <Typography.Text type="secondary">
                {r.ratingNo} · {formatDateTime(r.ratedAt)}
              </Typography.Text>{" "}
              {r.review && (
                <Link to={`/ratings/reviews?id=${r.review.id}`}>
                  {t("cases.detail.review")} <Tag color={REVIEW_STATUS_COLORS[r.review.status]}>{reviewStatusLabel(r.review.status)}</Tag>
                </Link>
              )}
              {r.content && <Typography.Paragraph style={{ margin: 0 }}>{r.content}</Typography.Paragraph>}
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}
