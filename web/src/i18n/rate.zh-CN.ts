/**
 * Chinese strings of the public rating page (/rate, no login). The levels and tags are the
 * domain's own words and come from @kaoping/core.
 */
export const rateZhCN = {
  /** The page's h1: the name the public knows the scheme by (not the platform's). */
  heading: "政务服务“好差评”",
  title: "评价本次办事服务",
  intro: "请输入办件编号和验证码（见办结通知或办件结果上的评价码），对本次办事服务进行评价。",
  caseNo: "办件编号",
  caseNoRequired: "请填写办件编号",
  code: "验证码",
  codeHint: "8 位字母或数字，不区分大小写",
  codeRequired: "请填写验证码",
  codeInvalid: "验证码应为 8 位字母或数字，请对照办结通知或办件结果上的评价码",
  find: "查询办件",
  item: "办理事项",
  unit: "办理单位",
  completedAt: "办结时间",
  firstRating: "您的评价",
  defaultRating: "系统默认评价",
  defaultRatingNote: "您未在评价期内主动评价，系统按规定自动给出了此评价，并非您本人所评。",
  changeCase: "评价其他办件",
  level: "总体评价",
  levelRequired: "请选择评价等级",
  tags: "评价标签（可多选）",
  content: "意见建议（选填）",
  contentPlaceholder: "请描述您的办事体验；差评请写明具体问题，便于核实整改",
  privacy: "本页不收集姓名、电话等个人信息。",
  submit: "提交评价",
  followUpTitle: "追评",
  followUpIntro: "您的差评已由办理单位整改完成，欢迎对整改结果再次评价（每件限追评一次）。",
  submitFollowUp: "提交追评",
  thanks: "评价成功",
  staffLogin: "工作人员登录",
};
