import { isRouteErrorResponse } from "react-router";

/**
 * The small print of the error screen (RouteErrorPage): what went wrong, in the words the
 * error itself gives, for the user to read out to support. Never throws.
 */
export function routeErrorMessage(error: unknown): string {
  if (isRouteErrorResponse(error)) {
    const head = `${error.status} ${error.statusText}`.trim();
    return typeof error.data === "string" && error.data ? `${head}: ${error.data}` : head;
  }
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
