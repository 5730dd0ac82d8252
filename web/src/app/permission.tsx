import type { Permission } from "@kaoping/core";
import { type ReactNode, useCallback } from "react";
import { useAuth } from "./auth.tsx";

/** What a page or button needs: one permission, or any of several. */
export type PermissionRequirement = Permission | readonly Permission[];

/** Returns `can(perm)`: true when the session holds the permission (or any of the list). */
export function usePermission(): (required: PermissionRequirement | undefined) => boolean {
  const { session } = useAuth();
  return useCallback(
    (required) => {
      if (!required) return true;
      const held = session?.permissions ?? [];
      const wanted: readonly Permission[] = typeof required === "string" ? [required] : required;
      return wanted.some((perm) => held.includes(perm));
    },
    [session],
  );
}

/** Renders its children only with the permission; otherwise the fallback (nothing by default). */
export function Authorized({
  perm,
  children,
  fallback = null,
}: {
  /** Absent: any signed-in user. */
  perm: PermissionRequirement | undefined;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const can = usePermission();
  return <>{can(perm) ? children : fallback}</>;
}
