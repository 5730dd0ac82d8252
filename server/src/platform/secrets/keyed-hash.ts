import { createHmac } from "node:crypto";

/** The installation secret personal identities are hashed with (the one the guides' fault reports use). */
export const PERSONAL_HASH_SECRET_KEY = "guides.faultReportSalt";

/**
 * HMAC-SHA256 of a person's identity with the installation's secret, per purpose: the same person
 * is recognised again (de-duplication, one rating per rater) without the identity being kept, and a
 * hash cannot be reversed by trying every phone number without the secret (个人信息保护法).
 */
export function keyedHash(secret: string, purpose: string, identity: string): string {
  return createHmac("sha256", secret).update(`${purpose}\u0000${identity}`).digest("hex");
}
