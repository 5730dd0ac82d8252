/**
 * Column widths of the supervision lists, in px. QA measured the list beside the unit tree at
 * 1366×768 at 844 px wide: every column a reader needs must fit in it without scrolling sideways
 * (long text is cut, whole in a tooltip). Wider screens share the rest among the columns.
 */
export const LIST_WIDTH_AT_1366 = 844;

/** A cell's left and right padding in a middle-size table: its content has the column's width less this. */
export const CELL_PADDING = 16;
export const cellWidth = (columnWidth: number) => columnWidth - CELL_PADDING;

/**
 * 预警台账: 预警时间 (date over time), 单位, 办件编号, 规则, 预警等级, 预警说明, and the fixed 督办
 * column; the explanation gets what the others leave.
 */
export const WARNING_WIDTHS = {
  at: 100,
  unitName: 112,
  caseNo: 132,
  rule: 96,
  severity: 80,
  explanation: 208,
  order: 112,
} as const;

/** 督办单: the number (over its case), 单位, 规则, 状态, 督办时间, 反馈期限, 催办次数 (its header whole). */
export const ORDER_WIDTHS = {
  orderNo: 128,
  unit: 100,
  rule: 100,
  status: 120,
  issuedAt: 160,
  dueAt: 160,
  urgeCount: 72,
} as const;

export const totalWidth = (widths: Record<string, number>) => Object.values(widths).reduce((sum, w) => sum + w, 0);
