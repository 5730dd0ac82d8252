/** Strings of System › Audit log added with its labels and export (the older ones are in zh-CN.ts's `audit`). */
export const auditZhCN = {
  exportXlsx: "导出",
  entityIdTip: "对象 ID：{{id}}",
  actionCode: "操作代码",
};
