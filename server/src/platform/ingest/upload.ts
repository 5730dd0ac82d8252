import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import { link, mkdir, unlink } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import { badUpload, megabytes, parseFields, shownName, uploadError } from "../http/upload.ts";

/** A bulk file received to the blob store: never held in memory, whatever its size. */
export interface ReceivedFile {
  fileName: string;
  sha256: string;
  size: number;
  storageKey: string;
}

/**
 * Streams a multipart upload's one file into the content-addressed blob store (`<root>/ab/cd/<sha256>`),
 * hashing as it goes; the form's fields are validated like a JSON body. The multipart parser's
 * refusals (cut-off body, too large) answer 4xx as with every other upload.
 */
export async function receiveBulkUpload<F extends z.ZodType>(
  request: FastifyRequest,
  options: { blobRoot: string; maxBytes: number; fields: F },
): Promise<{ fields: z.output<F>; file: ReceivedFile }> {
  if (!request.isMultipart()) throw badUpload("请以 multipart/form-data 上传文件（字段名 file）", "不是 multipart/form-data 请求");
  const raw: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  const tooLarge = (fileName: string) =>
    new AppError("PAYLOAD_TOO_LARGE", `文件“${shownName(fileName)}”超过 ${megabytes(options.maxBytes)} 的大小限制`, [
      { path: ["body", "files", 0], message: `超过 ${megabytes(options.maxBytes)}` },
    ]);
  const temp = path.join(options.blobRoot, "tmp", `${randomBytes(8).toString("hex")}.part`);
  try {
    await mkdir(path.dirname(temp), { recursive: true });
    const parts = request.parts({ limits: { fileSize: options.maxBytes, files: 1, fields: 10, fieldSize: 1024 } });
    for await (const part of parts) {
      if (part.type === "field") {
        raw[part.fieldname] = String(part.value);
        continue;
      }
      const hash = createHash("sha256");
      let size = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(part.file, tap, fs.createWriteStream(temp));
      if (part.file.truncated) throw tooLarge(part.filename);
      const sha256 = hash.digest("hex");
      const target = path.join(options.blobRoot, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
      await mkdir(path.dirname(target), { recursive: true });
      await link(temp, target).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
      });
      file = { fileName: part.filename, sha256, size, storageKey: `blob:${sha256}` };
    }
  } catch (error) {
    throw uploadError(error, 1, tooLarge);
  } finally {
    await unlink(temp).catch(() => {});
  }
  if (!file) throw badUpload("没有收到文件（字段名 file）", "缺少文件");
  return { fields: parseFields(raw, options.fields), file };
}
