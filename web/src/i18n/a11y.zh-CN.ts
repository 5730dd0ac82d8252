/**
 * Chinese strings of accessibility (docs/accessibility.md): the skip link, the
 * titles of pages without a menu item, chart data tables, scrollable regions.
 */
export const a11yZhCN = {
  skipToContent: "跳到主要内容",
  mainMenu: "主菜单",
  page: {
    home: "首页",
    login: "登录",
    reportGuide: "办事指南找茬",
    rate: "政务服务评价",
    frameworkEditor: "指标体系编辑",
    campaignDetail: "考核详情",
    unitWorkspace: "单位考评工作台",
    guideDetail: "办事指南详情",
    notFound: "页面不存在",
  },
  chart: {
    showTable: "显示数据表",
    hideTable: "隐藏数据表",
    noData: "暂无数据",
  },
  scrollTable: "{{name}}（可用方向键左右滚动）",
  table: "数据表",
  scrollPanel: "{{name}}（可用方向键上下滚动）",
  panel: "抽屉内容",
};
