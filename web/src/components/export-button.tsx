import { ExportOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useShowError } from "./feedback.ts";

/** 导出 in a list's toolbar: the rows the filters show, as the server writes them (.xlsx); busy while it does. */
export function ExportButton({ onExport, testId }: { onExport: () => Promise<void>; testId: string }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [isBusy, setIsBusy] = useState(false);
  const run = () => {
    setIsBusy(true);
    onExport()
      .catch(showError)
      .finally(() => setIsBusy(false));
  };
  return (
    <Button icon={<ExportOutlined />} loading={isBusy} onClick={run} data-testid={testId}>
      {t("common.export")}
    </Button>
  );
}
