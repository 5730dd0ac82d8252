import { CloseCircleFilled, WarningFilled } from "@ant-design/icons";
import type { ValidationIssue, ValidationReport } from "@kaoping/core";
import { Collapse, Flex, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TEXT_COLORS } from "../../../app/theme.ts";

interface ValidationPanelProps {
  report: ValidationReport;
  /** How an issue's place reads (an indicator code instead of a schema path). */
  placeOf: (issue: ValidationIssue) => string;
  isValidating: boolean;
  /** A click on an issue: select the indicator, the facts or the framework fields it is about. */
  onPick: (issue: ValidationIssue) => void;
}

/** 校验: errors (red, they block publication) and warnings (orange, the source's own inconsistencies). */
export function ValidationPanel({ report, placeOf, isValidating, onPick }: ValidationPanelProps) {
  const { t } = useTranslation();
  const { errors, warnings } = report;
  const isClean = errors.length === 0 && warnings.length === 0;
  const [isOpen, setIsOpen] = useState(errors.length > 0);
  // New errors open the panel; the user may close it again.
  const [previousErrors, setPreviousErrors] = useState(errors.length);
  if (errors.length !== previousErrors) {
    setPreviousErrors(errors.length);
    if (errors.length > previousErrors) setIsOpen(true);
  }

  const header = (
    <Flex gap={12} align="center">
      <strong>{t("framework.validation")}</strong>
      <Typography.Text type={errors.length ? "danger" : "secondary"} data-testid="validation-error-count">
        <CloseCircleFilled /> {t("framework.errorCount", { count: errors.length })}
      </Typography.Text>
      <Typography.Text type={warnings.length ? "warning" : "secondary"} data-testid="validation-warning-count">
        <WarningFilled /> {t("framework.warningCount", { count: warnings.length })}
      </Typography.Text>
      {isValidating && <Spin size="small" />}
    </Flex>
  );

  const body = isClean ? (
    <Typography.Text type="success">{t("framework.validationClean")}</Typography.Text>
  ) : (
    <div style={{ maxHeight: 220, overflow: "auto" }}>
      {withKeys(errors).map(({ key, issue }) => (
        <IssueLine key={key} issue={issue} place={placeOf(issue)} level="error" onPick={onPick} />
      ))}
      {withKeys(warnings).map(({ key, issue }) => (
        <IssueLine key={key} issue={issue} place={placeOf(issue)} level="warning" onPick={onPick} />
      ))}
    </div>
  );

  return (
    <Collapse
      data-testid="validation-panel"
      size="small"
      activeKey={isOpen ? ["issues"] : []}
      onChange={(keys) => setIsOpen(keys.length > 0)}
      items={[{ key: "issues", label: header, children: body }]}
    />
  );
}

/** Stable React keys for issues that may repeat word for word (a code duplicated three times). */
function withKeys(issues: ValidationIssue[]): { key: string; issue: ValidationIssue }[] {
  const seen = new Map<string, number>();
  return issues.map((issue) => {
    const base = `${issue.at}|${issue.code}|${issue.message}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { key: `${base}|${n}`, issue };
  });
}

function IssueLine({
  issue,
  place,
  level,
  onPick,
}: {
  issue: ValidationIssue;
  place: string;
  level: "error" | "warning";
  onPick: (issue: ValidationIssue) => void;
}) {
  const isError = level === "error";
  return (
    <button
      type="button"
      className="kp-issue"
      data-testid={`validation-${level}`}
      data-at={issue.at}
      onClick={() => onPick(issue)}
      style={{ color: isError ? TEXT_COLORS.loss : TEXT_COLORS.warning }}
    >
      {isError ? <CloseCircleFilled /> : <WarningFilled />}
      {place ? (
        <Typography.Text code style={{ marginInline: 6 }}>
          {place}
        </Typography.Text>
      ) : (
        <span style={{ marginInline: 3 }} />
      )}
      <span>{issue.message}</span>
    </button>
  );
}
