import { CheckCircleFilled, CloseCircleFilled, LinkOutlined } from "@ant-design/icons";
import { GUIDE_CHANNEL_LABELS, type GuideChannel, PERMISSIONS as P } from "@kaoping/core";
import { App, Button, Card, Empty, Flex, Segmented, Space, Typography, theme } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Authorized } from "../../app/permission.tsx";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { ElementValueView } from "./element-value-view.tsx";
import { FindingLine } from "./finding-line.tsx";
import { elementValue, groupElementChecks } from "./guide-elements.ts";
import { AccuracyTag, TallyTags } from "./guide-tags.tsx";
import { type GuideItemView, guidesApi, type VersionView } from "./guides-api.ts";

/** 要素检查: the newest guide element by element, grouped as the checklist groups them, with its results inline. */
export function ElementCheckTab({ view, onChanged }: { view: GuideItemView; onChanged: () => void }) {
  const { t } = useTranslation();
  const channels = (["online", "offline"] as const).filter((channel) => view[channel]);
  const [channel, setChannel] = useState<GuideChannel>(channels[0] ?? "online");
  const version = view[channel] ?? view[channels[0] ?? "online"];
  if (!version) return <Empty description={t("guide.noVersion")} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          {channels.length > 1 && (
            <Segmented<GuideChannel>
              value={version.channel}
              onChange={setChannel}
              options={channels.map((value) => ({ value, label: GUIDE_CHANNEL_LABELS[value] }))}
            />
          )}
          <Typography.Text>{t("guide.versionN", { version: version.version })}</Typography.Text>
          <Typography.Text type="secondary">{formatDateTime(version.createdAt)}</Typography.Text>
          <span>
            {t("guide.accuracy")}：<AccuracyTag accuracy={version.accuracy} />
          </span>
          <TallyTags errors={version.errors} warnings={version.warnings} />
        </Space>
        <CheckLinksButton itemId={view.item.id} checkedAt={version.linksCheckedAt} onChecked={onChanged} />
      </Flex>
      <ElementGroups version={version} />
    </Space>
  );
}

/** The checklist's groups as cards; each element a row: pass or fail, its label, its value, its findings. */
function ElementGroups({ version }: { version: VersionView }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const groups = useMemo(() => groupElementChecks(version), [version]);
  const rowStyle = { padding: "10px 0", borderTop: `1px solid ${token.colorBorderSecondary}` };
  return groups.map(({ group, elements }) => (
    <Card key={group} size="small" title={group} data-testid="guide-element-group" styles={{ body: { paddingTop: 0, paddingBottom: 0 } }}>
      {elements.map((element, index) => (
        <Flex key={element.id} gap={16} style={index ? rowStyle : { ...rowStyle, borderTop: "none" }}>
          <Space size={6} align="start" style={{ width: 190, flex: "none" }}>
            {element.passes ? (
              <CheckCircleFilled style={{ color: token.colorSuccess }} aria-label={t("guide.passes")} />
            ) : (
              <CloseCircleFilled style={{ color: token.colorError }} aria-label={t("guide.fails")} />
            )}
            <Typography.Text strong>{element.label}</Typography.Text>
          </Space>
          <Space orientation="vertical" size={6} style={{ flex: 1, minWidth: 0 }} data-testid={`guide-element-${element.id}`}>
            <ElementValueView value={elementValue(version.guide, element.id)} />
            {element.findings.map((finding) => (
              <FindingLine key={`${finding.checkId}:${finding.path}`} finding={finding} />
            ))}
          </Space>
        </Flex>
      ))}
    </Card>
  ));
}

/** 检查链接: asks the server to open the guide's links now, then shows the new results. */
function CheckLinksButton({ itemId, checkedAt, onChecked }: { itemId: string; checkedAt: string | null; onChecked: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [isChecking, setIsChecking] = useState(false);

  async function handleCheck() {
    setIsChecking(true);
    try {
      const outcome = await guidesApi.checkLinks(itemId);
      void message.success(t("guide.linksChecked", { dead: outcome.deadLinks ?? 0 }));
      onChecked();
    } catch (error) {
      showError(error);
    } finally {
      setIsChecking(false);
    }
  }

  return (
    <Authorized perm={P.guideImport}>
      <Space>
        {checkedAt && <Typography.Text type="secondary">{t("guide.linksCheckedAt", { at: formatDateTime(checkedAt) })}</Typography.Text>}
        <Button icon={<LinkOutlined />} loading={isChecking} onClick={handleCheck} data-testid="guide-check-links">
          {t("guide.checkLinks")}
        </Button>
      </Space>
    </Authorized>
  );
}
