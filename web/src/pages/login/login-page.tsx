import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { type LoginState, useAuth } from "../../app/auth.tsx";
import { PublicPage } from "../../app/public-page.tsx";
import { errorText } from "../../components/feedback.ts";

interface LoginValues {
  username: string;
  password: string;
}

/** 登录: the server's message is shown as is (remaining attempts, locked, rate limited). */
export function LoginPage() {
  const { t } = useTranslation();
  const { session, isLoading, isExpired, login } = useAuth();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  if (!isLoading && session) return <Navigate to={state.from ?? "/"} replace />;

  async function handleFinish(values: LoginValues) {
    setIsSubmitting(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(state.from ?? "/", { replace: true });
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <PublicPage title={t("a11y.page.login")}>
      <Card title={t("auth.loginTitle")} style={{ width: 380, maxWidth: "100%" }}>
        {isExpired && !error && (
          <Alert type="warning" showIcon title={t("auth.expired")} style={{ marginBottom: 16 }} data-testid="login-expired" />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginValues> onFinish={handleFinish} size="large" autoComplete="on">
          <Form.Item name="username" rules={[{ required: true, message: t("common.required", { label: t("auth.username") }) }]}>
            <Input
              prefix={<UserOutlined />}
              placeholder={t("auth.username")}
              aria-label={t("auth.username")}
              autoComplete="username"
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: t("common.required", { label: t("auth.password") }) }]}>
            <Input.Password
              prefix={<LockOutlined />}
              placeholder={t("auth.password")}
              aria-label={t("auth.password")}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isSubmitting} data-testid="login-submit">
            {t("auth.login")}
          </Button>
        </Form>
      </Card>
      <Link to="/report-guide" style={{ marginTop: 16 }} data-testid="login-report-guide">
        {t("guide.reportLink")}
      </Link>
    </PublicPage>
  );
}
