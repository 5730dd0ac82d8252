import { DatePicker, Space } from "antd";
import type { Dayjs } from "dayjs";

/** A card's period filter: its label and a required date range (a report's or a board's extra). */
export function RangeFilter({
  label,
  value,
  onChange,
}: {
  label: string;
  value: [Dayjs, Dayjs];
  onChange: (range: [Dayjs, Dayjs]) => void;
}) {
  return (
    <Space>
      {label}
      <DatePicker.RangePicker
        value={value}
        allowClear={false}
        onChange={(range) => range?.[0] && range[1] && onChange([range[0], range[1]])}
        aria-label={label}
      />
    </Space>
  );
}
