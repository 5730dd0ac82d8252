import { type ErrorDetail, LIMITS } from "@kaoping/core";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { fromZodIssues, validationFailure } from "./validation-messages.ts";

/** A file as the client sent it, before any route's own checks. */
export interface UploadedFile {
  fileName: string;
  buffer: Buffer;
}

export interface UploadOptions<F extends z.ZodType> {
  /** Largest file accepted (bytes); the app-wide Excel limit unless the route has its own. */
  maxBytes?: number;
  /** Most files in one request; 1 for imports. */
  maxFiles?: number;
  /** The form's text fields, validated like a JSON body; without a schema the form may have none. */
  fields?: F;
  /** Keep the names as sent, so a name with a path is refused rather than silently cut. */
  preservePath?: boolean;
}

/** A size as people read it in a message. */
export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** A file name as shown in a message: control characters made visible, long names shortened. */
export function shownName(fileName: string): string {
  const visible = fileName.replace(/\p{Cc}/gu, "�");
  return visible.length > 60 ? `${visible.slice(0, 57)}…` : visible;
}

export const badUpload = (message: string, detail = message) =>
  new AppError("BAD_FILE", message, [{ path: ["body", "file"], message: detail }]);

/**
 * The one way a route reads a multipart upload: its files and text fields,
 * each file capped at the route's size, all in memory. Whatever the multipart
 * parser throws — a missing or wrong boundary, a body cut off, too many parts —
 * is the client's doing and answers 4xx naming the body, never a 500.
 */
export async function readUpload<F extends z.ZodType = z.ZodType<Record<string, string>>>(
  request: FastifyRequest,
  options: UploadOptions<F> = {},
): Promise<{ fields: z.output<F>; files: UploadedFile[] }> {
  const maxBytes = options.maxBytes ?? LIMITS.importFileBytes;
  const maxFiles = options.maxFiles ?? 1;
  if (!request.isMultipart()) throw badUpload("请以 multipart/form-data 上传文件（字段名 file）", "不是 multipart/form-data 请求");
  const raw: Record<string, string> = {};
  const files: UploadedFile[] = [];
  const tooLarge = (fileName: string) =>
    new AppError("PAYLOAD_TOO_LARGE", `文件“${shownName(fileName)}”超过 ${megabytes(maxBytes)} 的大小限制`, [
      { path: ["body", "files", files.length], message: `超过 ${megabytes(maxBytes)}` },
    ]);
  try {
    const parts = request.parts({
      limits: { fileSize: maxBytes, files: maxFiles, fields: 10, fieldSize: 1024 },
      preservePath: options.preservePath ?? false,
    });
    for await (const part of parts) {
      if (part.type === "field") {
        raw[part.fieldname] = String(part.value);
        continue;
      }
      const buffer = await part.toBuffer();
      if (part.file.truncated) throw tooLarge(part.filename);
      files.push({ fileName: part.filename, buffer });
    }
  } catch (error) {
    throw uploadError(error, maxFiles, tooLarge);
  }
  if (!files.length) throw badUpload("没有收到文件（字段名 file）", "缺少文件");
  return { fields: parseFields(raw, options.fields), files };
}

/** Reads the one file of an import (Excel, JSON) under the route's limit. */
export async function readOneUpload(request: FastifyRequest, maxBytes?: number): Promise<UploadedFile> {
  return (await readUpload(request, { maxBytes })).files[0]!;
}

export function uploadError(error: unknown, maxFiles: number, tooLarge: (fileName: string) => AppError): AppError {
  if (error instanceof AppError) return error;
  const { code, part, message } = error as { code?: string; part?: { filename?: string }; message?: string };
  // The plugin stops a file at the size limit (throwFileSizeLimit), naming the part it cut.
  if (code === "FST_REQ_FILE_TOO_LARGE") return tooLarge(part?.filename ?? "");
  if (code === "FST_FILES_LIMIT") return new AppError("VALIDATION", `一次最多上传 ${maxFiles} 个文件`, [fileDetail(`最多 ${maxFiles} 个`)]);
  if (code === "FST_FIELDS_LIMIT" || code === "FST_PARTS_LIMIT") {
    return new AppError("VALIDATION", "表单字段过多", [{ path: ["body"], message: "表单字段过多" }]);
  }
  // Anything else the multipart parser throws is a malformed or cut-off upload.
  return badUpload("上传内容不完整或格式错误，请重新上传", `multipart 格式错误：${message ?? "无法解析"}`);
}

const fileDetail = (message: string): ErrorDetail => ({ path: ["body", "files"], message });

/** A form without declared fields takes none: an unknown field is refused like one in a JSON body. */
const NO_FIELDS = z.strictObject({});

export function parseFields<F extends z.ZodType>(raw: Record<string, string>, schema: F | undefined): z.output<F> {
  const parsed = (schema ?? NO_FIELDS).safeParse(raw);
  if (parsed.success) return parsed.data as z.output<F>;
  const { message, details } = validationFailure("body", fromZodIssues(parsed.error.issues));
  throw new AppError("VALIDATION", message, details);
}
