import { ApiRequestError } from "../api/client.ts";

/** What the server asks the user to acknowledge before a command runs (409 CONFIRMATION_REQUIRED). */
export interface Acknowledgement {
  message: string;
  /** The items it names (未填 indicators …); the body field it asks for is not one of them. */
  items: string[];
}

/** The acknowledgement a failed call asks for, or null when it failed for another reason. */
export function acknowledgementOf(error: unknown): Acknowledgement | null {
  if (!(error instanceof ApiRequestError) || error.code !== "CONFIRMATION_REQUIRED") return null;
  const items = (error.details ?? []).filter((detail) => detail.path?.[0] !== "body").map((detail) => detail.message);
  return { message: error.message, items };
}

/**
 * Runs a command; when the server asks for an acknowledgement, asks the user
 * (`ask`) and, on their yes, runs it again acknowledged. Null when the user
 * declined. `acknowledged` starts true when the user has already seen the
 * warning (from the view) and said yes.
 */
export async function runAcknowledged<T>(
  call: (acknowledged: boolean) => Promise<T>,
  ask: (acknowledgement: Acknowledgement) => Promise<boolean>,
  acknowledged = false,
): Promise<T | null> {
  try {
    return await call(acknowledged);
  } catch (error) {
    const acknowledgement = acknowledged ? null : acknowledgementOf(error);
    if (!acknowledgement) throw error;
    return (await ask(acknowledgement)) ? call(true) : null;
  }
}
