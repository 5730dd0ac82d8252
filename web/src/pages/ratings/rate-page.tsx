import {
  PUBLIC_RATING_CONTENT_MAX,
  type PublicRatingCaseView,
  type PublicRatingResultView,
  RATING_CODE_LENGTH,
  RATING_LEVEL,
  readRatingLink,
  tagsForLevel,
} from "@kaoping/core";
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Rate, Result, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { PublicPage } from "../../app/public-page.tsx";
import { applyFieldErrors } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { publicRatingsApi } from "./rate-api.ts";
import {
  channelOf,
  findBody,
  hoverTooltips,
  isRatingCode,
  keepTagsFor,
  publicErrorText,
  type RateValues,
  ratingBody,
} from "./rate-form.ts";

/** 非常不满意 … 非常满意, one per star. */
const LEVEL_TEXTS = [1, 2, 3, 4, 5].map((level) => RATING_LEVEL.labels[String(level) as keyof typeof RATING_LEVEL.labels]);

interface CaseValues {
  caseNo: string;
  code: string;
}

/** A case found by its number and code, with the code that found it (sent again with the rating). */
interface Found {
  view: PublicRatingCaseView;
  code: string;
}

/**
 * /rate, no login, phone first: an applicant rates a completed case with its number and the code
 * printed on its result (the printed link or QR code fills both in), once; after a bad review was
 * rectified, the one 追评. docs/ratings.md, “The public rating page”.
 */
export function RatePage() {
  const { t } = useTranslation();
  const location = useLocation();
  const [link] = useState(() => readRatingLink(location.search));
  const [caseForm] = Form.useForm<CaseValues>();
  const [found, setFound] = useState<Found | null>(null);
  const [result, setResult] = useState<PublicRatingResultView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isFinding, setIsFinding] = useState(false);

  async function handleFind(values: CaseValues) {
    setIsFinding(true);
    setError(null);
    try {
      // The link's region narrows the lookup only for the case it was printed for.
      const body = findBody(values, link);
      const view = await publicRatingsApi.find(body);
      setFound({ view, code: body.code });
    } catch (caught) {
      // A refused field (a link's malformed code) under its field; anything else as the server says it, without paths.
      if (!applyFieldErrors(caseForm, caught)) setError(publicErrorText(caught));
    } finally {
      setIsFinding(false);
    }
  }

  // A printed link or QR code carries both: look the case up at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the link the page opened with
  useEffect(() => {
    if (link.caseNo && link.code) void handleFind({ caseNo: link.caseNo, code: link.code });
  }, []);

  function handleAgain() {
    setFound(null);
    setResult(null);
    setError(null);
  }

  return (
    <PublicPage title={t("a11y.page.rate")} heading={t("rate.heading")}>
      <Card title={t("rate.title")} style={{ width: 520, maxWidth: "100%" }} styles={{ body: { padding: 16 } }} data-testid="rate">
        {result ? (
          <Result
            status="success"
            title={t("rate.thanks")}
            subTitle={result.message}
            extra={<Button onClick={handleAgain}>{t("rate.changeCase")}</Button>}
            data-testid="rate-thanks"
          />
        ) : found ? (
          <Flex vertical gap={16}>
            <CaseSummary view={found.view} />
            {found.view.action ? (
              <RateForm found={found} onRated={setResult} />
            ) : (
              <Alert type="info" showIcon title={found.view.reason} data-testid="rate-reason" />
            )}
            <Button type="link" onClick={handleAgain} style={{ alignSelf: "center" }}>
              {t("rate.changeCase")}
            </Button>
          </Flex>
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t("rate.intro")}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="rate-error" />}
            <Form<CaseValues>
              form={caseForm}
              layout="vertical"
              initialValues={{ caseNo: link.caseNo, code: link.code }}
              onFinish={handleFind}
              requiredMark={false}
            >
              <Form.Item
                name="caseNo"
                label={t("rate.caseNo")}
                rules={[{ required: true, whitespace: true, message: t("rate.caseNoRequired") }]}
              >
                <Input
                  size="large"
                  maxLength={64}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  data-testid="rate-case-no"
                />
              </Form.Item>
              <Form.Item
                name="code"
                label={t("rate.code")}
                extra={t("rate.codeHint")}
                // The code's form is checked on leaving the field (and on 查询), not at every key typed.
                validateTrigger={["onChange", "onBlur"]}
                rules={[
                  { required: true, whitespace: true, message: t("rate.codeRequired") },
                  {
                    validateTrigger: "onBlur",
                    validator: (_, value?: string) =>
                      !value?.trim() || isRatingCode(value) ? Promise.resolve() : Promise.reject(new Error(t("rate.codeInvalid"))),
                  },
                ]}
              >
                <Input
                  size="large"
                  maxLength={RATING_CODE_LENGTH + 4}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  style={{ letterSpacing: 2, textTransform: "uppercase" }}
                  data-testid="rate-code"
                />
              </Form.Item>
              <Button type="primary" size="large" htmlType="submit" block loading={isFinding} data-testid="rate-find">
                {t("rate.find")}
              </Button>
            </Form>
          </>
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, textAlign: "center" }}>
        {t("rate.privacy")}
      </Typography.Paragraph>
      <Link to="/login" className="kp-touch">
        {t("rate.staffLogin")}
      </Link>
    </PublicPage>
  );
}

/**
 * Only what the code proves: the item, the unit, when it was completed, and the case's first rating —
 * the applicant's own, or a 默认评价 the system gave when the applicant did not rate, said as such.
 */
function CaseSummary({ view }: { view: PublicRatingCaseView }) {
  const { t } = useTranslation();
  const first = view.firstRating;
  return (
    <Descriptions size="small" column={1} bordered data-testid="rate-case">
      <Descriptions.Item label={t("rate.caseNo")}>{view.caseNo}</Descriptions.Item>
      <Descriptions.Item label={t("rate.item")}>{view.itemName ?? "—"}</Descriptions.Item>
      <Descriptions.Item label={t("rate.unit")}>{view.unitName}</Descriptions.Item>
      <Descriptions.Item label={t("rate.completedAt")}>{formatDateTime(view.completedAt)}</Descriptions.Item>
      {first && (
        <Descriptions.Item label={first.isDefault ? t("rate.defaultRating") : t("rate.firstRating")}>
          <div data-testid="rate-first-rating" data-default={first.isDefault}>
            {LEVEL_TEXTS[first.level - 1]} <Typography.Text type="secondary">{formatDateTime(first.ratedAt)}</Typography.Text>
            {first.isDefault && (
              <Typography.Text type="secondary" style={{ display: "block", marginTop: 4 }}>
                {t("rate.defaultRatingNote")}
              </Typography.Text>
            )}
          </div>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** The rating (or the 追评): five stars with their words, the tags that fit the level, a comment. */
function RateForm({ found, onRated }: { found: Found; onRated: (result: PublicRatingResultView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RateValues>();
  const level = Form.useWatch("level", form);
  const [error, setError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  const kind = found.view.action ?? "first";
  const isFollowUp = kind === "follow_up";

  function handleValuesChange(changed: Partial<RateValues>, all: RateValues) {
    if ("level" in changed) form.setFieldValue("tags", keepTagsFor(changed.level, all.tags ?? []));
  }

  async function handleFinish(values: RateValues) {
    setIsSending(true);
    setError(null);
    try {
      onRated(await publicRatingsApi.rate(ratingBody(found.view, found.code, values, kind, channelOf(navigator.userAgent))));
    } catch (caught) {
      setError(publicErrorText(caught));
    } finally {
      setIsSending(false);
    }
  }

  return (
    <Form<RateValues>
      form={form}
      layout="vertical"
      onValuesChange={handleValuesChange}
      onFinish={handleFinish}
      requiredMark={false}
      data-testid="rate-form"
    >
      {isFollowUp && (
        <Alert type="success" showIcon title={t("rate.followUpTitle")} description={t("rate.followUpIntro")} style={{ marginBottom: 16 }} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="rate-submit-error" />}
      <Form.Item label={t("rate.level")} required>
        <Flex align="center" gap={12} wrap>
          <Form.Item name="level" noStyle rules={[{ required: true, message: t("rate.levelRequired") }]}>
            <LevelRate label={t("rate.level")} />
          </Form.Item>
          <Typography.Text strong aria-live="polite">
            {level ? LEVEL_TEXTS[level - 1] : ""}
          </Typography.Text>
        </Flex>
      </Form.Item>
      {level ? (
        <Form.Item name="tags" label={t("rate.tags")} initialValue={[]}>
          <Tag.CheckableTagGroup
            multiple
            options={tagsForLevel(level).map((tag) => ({
              value: tag,
              label: tag,
              // On a phone public-page.css makes each at least 44 px tall (a tap target).
              style: { padding: "4px 10px", marginBottom: 8, fontSize: 14 },
            }))}
            aria-label={t("rate.tags")}
            data-testid="rate-tags"
          />
        </Form.Item>
      ) : null}
      <Form.Item name="content" label={t("rate.content")}>
        <Input.TextArea
          rows={4}
          maxLength={PUBLIC_RATING_CONTENT_MAX}
          showCount
          placeholder={t("rate.contentPlaceholder")}
          data-testid="rate-content"
        />
      </Form.Item>
      <Button type="primary" size="large" htmlType="submit" block loading={isSending} data-testid="rate-submit">
        {isFollowUp ? t("rate.submitFollowUp") : t("rate.submit")}
      </Button>
    </Form>
  );
}

interface LevelRateProps {
  label: string;
  value?: number;
  onChange?: (value: number) => void;
  id?: string;
  "aria-required"?: boolean | "true" | "false";
  "aria-invalid"?: boolean | "true" | "false";
}

/**
 * The stars inside a labelled radio group (each star is a radio): the group carries the field's id
 * and the required and invalid state the form adds, which a bare list (Rate's own element) may not.
 */
function LevelRate({ label, value, onChange, id, ...aria }: LevelRateProps) {
  // No tooltips on a touch screen: one stays up after a tap and covers 总体评价 (the level's words show beside the stars).
  const [tooltips] = useState(() =>
    hoverTooltips(LEVEL_TEXTS, typeof window === "undefined" ? undefined : (query) => window.matchMedia(query)),
  );
  return (
    <div role="radiogroup" id={id} aria-label={label} {...aria}>
      <Rate tooltips={tooltips} style={{ fontSize: 36 }} value={value} onChange={onChange} data-testid="rate-level" />
    </div>
  );
}
