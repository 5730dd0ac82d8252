import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { systemSettings } from "../db/schema.ts";

/**
 * A secret of this installation, made once and kept in system_settings: stable across restarts
 * and processes (hashes keyed with it must compare), never sent to a client, and not in the code.
 * The guides' fault reports key reporters' IP hashes with one; the case ingest keys applicants' hashes.
 */
export async function installationSecret(tx: Db | Tx, key: string): Promise<string> {
  await tx
    .insert(systemSettings)
    .values({ key, value: randomBytes(32).toString("hex") })
    .onConflictDoNothing();
  const [row] = await tx.select({ value: systemSettings.value }).from(systemSettings).where(eq(systemSettings.key, key));
  return String(row!.value);
}
