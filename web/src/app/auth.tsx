import type { SessionView } from "@kaoping/core";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { authApi } from "../api/auth.ts";
import { ApiRequestError, onUnauthorized, setCsrfToken } from "../api/client.ts";
import { clearUnitTree } from "../components/use-unit-tree.ts";

/** Router state handed to the login page. */
export interface LoginState {
  from?: string;
  isExpired?: boolean;
}

interface AuthContextValue {
  session: SessionView | null;
  isLoading: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Re-reads the session (after a password change, or to keep it alive). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Holds the signed-in session; any 401 sends the user to the login page as “expired”. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionView | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const navigate = useNavigate();
  const location = useLocation();

  const applySession = useCallback((next: SessionView | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession((previous) => {
      if (previous?.user.id !== next?.user.id) clearUnitTree();
      return next;
    });
  }, []);

  /** Any 401 after sign-in: the server expired the session (idle timeout) or it was revoked. */
  const expire = useCallback(
    (from: string) => {
      applySession(null);
      const state: LoginState = { from, isExpired: true };
      navigate("/login", { replace: true, state });
    },
    [applySession, navigate],
  );

  useEffect(() => {
    authApi
      .me()
      .then(applySession)
      .catch(() => applySession(null))
      .finally(() => setIsLoading(false));
  }, [applySession]);

  const currentPath = location.pathname + location.search;
  useEffect(() => {
    onUnauthorized(() => expire(currentPath));
    return () => onUnauthorized(null);
  }, [expire, currentPath]);

  const refresh = useCallback(async () => {
    try {
      applySession(await authApi.me());
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) expire(currentPath);
      else throw error;
    }
  }, [applySession, expire, currentPath]);

  const login = useCallback(
    async (username: string, password: string) => applySession(await authApi.login(username, password)),
    [applySession],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      applySession(null);
      navigate("/login", { replace: true });
    }
  }, [applySession, navigate]);

  const value = useMemo(
    () => ({ session, isLoading, login, logout, refresh }),
    [session, isLoading, login, logout, refresh],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

/** The auth context; only inside `<AuthProvider>`. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}

/** The signed-in session; only on pages behind `<RequireAuth>`. */
export function useSession(): SessionView {
  const { session } = useAuth();
  if (!session) throw new Error("useSession without a session");
  return session;
}
