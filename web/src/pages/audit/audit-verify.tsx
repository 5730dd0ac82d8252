import { SafetyCertificateOutlined } from "@ant-design/icons";
import type { AuditVerifyResult } from "@kaoping/core";
import { Alert, Button, Flex } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { auditApi } from "../../api/audit.ts";
import { useShowError } from "../../components/feedback.ts";

/** 校验审计链: recomputes the hash chain on the server and names the first bad record. */
export function AuditVerify() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [isVerifying, setIsVerifying] = useState(false);

  async function handleVerify() {
    setIsVerifying(true);
    try {
      setResult(await auditApi.verify());
    } catch (error) {
      showError(error);
    } finally {
      setIsVerifying(false);
    }
  }

  return (
    <Flex gap={12} align="center" wrap>
      <Button icon={<SafetyCertificateOutlined />} loading={isVerifying} onClick={handleVerify} data-testid="audit-verify">
        {t("audit.verify")}
      </Button>
      {result && (
        <Alert
          showIcon
          style={{ padding: "4px 12px" }}
          data-testid="audit-verify-result"
          type={result.ok ? "success" : "error"}
          title={
            result.ok
              ? t("audit.verifyOk", { checked: result.checked, algorithm: result.algorithm })
              : t("audit.verifyBad", {
                  seq: result.firstBad?.seq ?? "?",
                  problem: result.firstBad?.problem ?? "",
                  checked: result.checked,
                  algorithm: result.algorithm,
                })
          }
        />
      )}
    </Flex>
  );
}
