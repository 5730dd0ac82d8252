import { Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { shortNumber } from "./rating-format.ts";

/**
 * A long number (评价编号 `KP-<uuid>`, 差评编号 `CP-KP-<uuid>`) kept narrow in a table: shortened
 * (shortNumber), the whole number in the tooltip and a copy button. `render` wraps the short text
 * (e.g. a link that opens the review); without it the text is plain.
 */
export function LongNumber({ value, render }: { value: string; render?: (short: string) => ReactNode }) {
  const { t } = useTranslation();
  const short = shortNumber(value);
  return (
    <span style={{ whiteSpace: "nowrap" }} data-number={value}>
      <Tooltip title={value}>{render ? render(short) : <span>{short}</span>}</Tooltip>
      <Typography.Text
        copyable={{ text: value, tooltips: [t("ratings.copyNumber"), t("ratings.copied")] }}
        style={{ marginInlineStart: 4 }}
      />
    </span>
  );
}
