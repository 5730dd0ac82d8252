import { randomBytes, randomInt, scrypt, timingSafeEqual } from "node:crypto";
import { checkPasswordComplexity } from "@kaoping/core";

const KEY_LENGTH = 64;
/** N=2^15 per OWASP's scrypt guidance; r=8, p=1. maxmem must allow 128·N·r bytes. */
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { ...params, maxmem: PARAMS.maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, parameters stored so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await derive(password, Buffer.from(salt, "base64"), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A one-time password that passes the complexity policy for each of `usernames`: 16 chars, all four
 * classes, and drawn again if it happens to contain one of the names (a 3-letter demo name is in
 * about one password in 2 000: the demo's shared password once failed a start that way).
 */
export function generatePassword(usernames: readonly string[]): string {
  for (;;) {
    const password = drawPassword();
    if (usernames.every((username) => !checkPasswordComplexity(password, username).length)) return password;
  }
}

function drawPassword(): string {
  const sets = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "!@#%^*-_+="];
  const all = sets.join("");
  const chars = sets.map((set) => set.charAt(randomInt(set.length)));
  while (chars.length < 16) chars.push(all.charAt(randomInt(all.length)));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
