import type { AppealStatus, FindingStatus } from "@kaoping/core";
import { Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { reviewApi } from "../../api/review.ts";
import { TEXT_COLORS } from "../../app/theme.ts";

const FINDING_COLORS: Record<FindingStatus, string> = { draft: "blue", confirmed: "green", overturned: "orange", withdrawn: "default" };
const APPEAL_COLORS: Record<AppealStatus, string> = { pending: "gold", upheld: "default", overturned: "green" };

export function FindingStatusTag({ status }: { status: FindingStatus }) {
  const { t } = useTranslation();
  return <Tag color={FINDING_COLORS[status]}>{t(`review.findingStatus.${status}`)}</Tag>;
}

export function AppealStatusTag({ status }: { status: AppealStatus | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  return <Tag color={APPEAL_COLORS[status]}>{t(`review.appealStatus.${status}`)}</Tag>;
}

/** ★★☆ style stars, or an em dash. */
export function starsText(stars: number | null): string {
  return stars ? "★".repeat(stars) : "—";
}

/** A signed delta in red (lost) or green (gained). */
export function DeltaText({ delta }: { delta: string }) {
  const isLoss = delta.startsWith("-");
  const isZero = /^[+-]?0(\.0+)?$/.test(delta);
  const text = isLoss || isZero || delta.startsWith("+") ? delta : `+${delta}`;
  return <span style={{ color: isZero ? undefined : isLoss ? TEXT_COLORS.loss : TEXT_COLORS.gain, fontWeight: 600 }}>{text}</span>;
}

/** A unit as name over code. */
export function UnitCell({ code, name }: { code: string; name: string }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {code}
      </Typography.Text>
    </Space>
  );
}

/** Evidence files as download links (the server checks the caller may see the unit). */
export function EvidenceLinks({ files }: { files: { id: string; fileName: string }[] }) {
  if (!files.length) return <>—</>;
  return (
    <Space orientation="vertical" size={0}>
      {files.map((file) => (
        <Typography.Link key={file.id} href={reviewApi.evidenceUrl(file.id)} target="_blank" rel="noopener" data-testid="evidence-link">
          {file.fileName}
        </Typography.Link>
      ))}
    </Space>
  );
}
