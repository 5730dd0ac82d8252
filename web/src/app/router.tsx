import { Spin } from "antd";
import { lazy, type ReactNode, Suspense } from "react";
import { createBrowserRouter, Navigate, Outlet, useLocation } from "react-router";
import { LoginPage } from "../pages/login/login-page.tsx";
import { AuthProvider, type LoginState, useAuth } from "./auth.tsx";
import { ChangePasswordModal } from "./change-password-modal.tsx";
import { BasicLayout } from "./layout.tsx";
import { Authorized } from "./permission.tsx";
import { ForbiddenPage, NotFoundPage, RouteErrorPage } from "./result-pages.tsx";
import { APP_ROUTES } from "./routes.tsx";

// The home chart pulls in ECharts: load it after sign-in, not with the login page.
const HomePage = lazy(() => import("../pages/home/home-page.tsx").then((m) => ({ default: m.HomePage })));
// 办事指南找茬: public, no login and no app shell.
const ReportGuidePage = lazy(() => import("../pages/guides/report-guide-page.tsx").then((m) => ({ default: m.ReportGuidePage })));
// 好差评: the applicant's rating page, public (no login, no app shell), opened from the link or QR code on a result.
const RatePage = lazy(() => import("../pages/ratings/rate-page.tsx").then((m) => ({ default: m.RatePage })));

function FullPageSpin() {
  return <Spin size="large" style={{ display: "block", margin: "30vh auto" }} />;
}

/** Pages behind sign-in; a user who must change the password sees only that dialog. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { session, isLoading } = useAuth();
  const location = useLocation();
  if (isLoading) return <FullPageSpin />;
  if (!session) {
    const state: LoginState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  if (session.user.mustChangePassword) return <ChangePasswordModal open isForced onClose={() => {}} />;
  return children;
}

/**
 * The public pages (/report-guide, /rate) sit outside the AuthProvider: they ask for no staff session
 * (no GET /api/auth/me answering 401 on every visit of an applicant). The login page and the signed-in
 * app share one AuthProvider, so signing in carries the session into the app.
 */
export const router = createBrowserRouter([
  {
    element: <Outlet />,
    // Our error screen, not React Router's developer one: for what fails outside the app shell.
    errorElement: <RouteErrorPage />,
    children: [
      {
        path: "/report-guide",
        element: (
          <Suspense fallback={<FullPageSpin />}>
            <ReportGuidePage />
          </Suspense>
        ),
      },
      {
        path: "/rate",
        element: (
          <Suspense fallback={<FullPageSpin />}>
            <RatePage />
          </Suspense>
        ),
      },
      {
        element: (
          <AuthProvider>
            <Outlet />
          </AuthProvider>
        ),
        children: [
          { path: "/login", element: <LoginPage /> },
          {
            element: (
              <RequireAuth>
                <BasicLayout />
              </RequireAuth>
            ),
            children: [
              {
                // A page that fails shows the error screen inside the shell: the menu stays to go elsewhere.
                errorElement: <RouteErrorPage />,
                children: [
                  { index: true, element: <HomePage /> },
                  ...APP_ROUTES.map(({ path, perm, Page }) => ({
                    path,
                    element: (
                      <Authorized perm={perm} fallback={<ForbiddenPage />}>
                        <Suspense fallback={<FullPageSpin />}>
                          <Page />
                        </Suspense>
                      </Authorized>
                    ),
                  })),
                  { path: "*", element: <NotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
]);
