import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import { link, mkdir, open, stat, unlink } from "node:fs/promises";
import path from "node:path";

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Of(buffer: Buffer): string {
  return createHash("sha256").update(buffer).digest("hex");
}

/**
 * Content-addressed file storage: a blob lives at `<root>/ab/cd/<sha256>`.
 * A blob is never overwritten: the same bytes land on the same path, and a
 * write goes to a temporary file first, then is linked into place, so a
 * reader never sees a half-written blob and an existing one is kept as it is.
 */
export interface BlobStore {
  /** Stores the bytes (if not already there) and answers their SHA-256 in hex. */
  put(buffer: Buffer): Promise<string>;
  /** The blob's path, or null when it is absent. */
  find(sha256: string): Promise<{ path: string; size: number } | null>;
  open(sha256: string): fs.ReadStream;
}

export function createBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    // The hash comes from our own rows, but a path is never built from anything unchecked.
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  return {
    async put(buffer) {
      const sha256 = sha256Of(buffer);
      const target = pathOf(sha256);
      if (await exists(target)) return sha256;
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      const handle = await open(temp, "wx");
      try {
        await handle.writeFile(buffer);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        // link() refuses an existing target (unlike rename), so a concurrent writer's blob stays untouched.
        await link(temp, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      } finally {
        await unlink(temp).catch(() => {});
      }
      return sha256;
    },
    async find(sha256) {
      const target = pathOf(sha256);
      try {
        const info = await stat(target);
        return { path: target, size: info.size };
      } catch {
        return null;
      }
    },
    open: (sha256) => fs.createReadStream(pathOf(sha256)),
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
