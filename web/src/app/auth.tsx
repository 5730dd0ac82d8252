import type { SessionView } from "@kaoping/core";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { authApi } from "../api/auth.ts";
import { ApiRequestError, onUnauthorized, setCsrfToken } from "../api/client.ts";
import { clearUnitTree } from "../components/use-unit-tree.ts";

/** Router state handed to the login page: where to return after signing in. */
export interface LoginState {
  from?: string;
}

interface AuthContextValue {
  session: SessionView | null;
  isLoading: boolean;
  /** The last session ended because the server answered 401 (idle timeout, revoked). */
  isExpired: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Re-reads the session (after a password change, or to keep it alive). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * Holds the signed-in session and its CSRF token. Any 401 ends the session as
 * “expired”; the protected routes then redirect to the login page, which says so.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionView | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [isExpired, setIsExpired] = useState(false);
  const navigate = useNavigate();

  const applySession = useCallback((next: SessionView | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession((previous) => {
      if (previous?.user.id !== next?.user.id) clearUnitTree();
      return next;
    });
    if (next) setIsExpired(false);
  }, []);

  const expire = useCallback(() => {
    setIsExpired(true);
    applySession(null);
  }, [applySession]);

  useEffect(() => {
    authApi
      .me()
      .then(applySession)
      .catch(() => applySession(null))
      .finally(() => setIsLoading(false));
  }, [applySession]);

  useEffect(() => {
    onUnauthorized(expire);
    return () => onUnauthorized(null);
  }, [expire]);

  const refresh = useCallback(async () => {
    try {
      applySession(await authApi.me());
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) expire();
      else throw error;
    }
  }, [applySession, expire]);

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
    () => ({ session, isLoading, isExpired, login, logout, refresh }),
    [session, isLoading, isExpired, login, logout, refresh],
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
