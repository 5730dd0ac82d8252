/**
 * Password complexity per 等保2.0 level 3 practice: at least 8 characters
 * (we ask 10) and at least three of four character classes, not containing
 * the username.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export function checkPasswordComplexity(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`密码至少${PASSWORD_MIN_LENGTH}位`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`密码最多${PASSWORD_MAX_LENGTH}位`);
  // NUL, line breaks and other control characters cannot be typed at a login form; they count as nothing.
  if (/\p{Cc}/u.test(password)) problems.push("密码不能包含控制字符（如 NUL、换行）");
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9\p{Cc}]/u].filter((re) => re.test(password));
  if (classes.length < 3) problems.push("密码须包含大写字母、小写字母、数字、特殊字符中的至少三类");
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push("密码不能包含用户名");
  }
  return problems;
}
