import { idSchema } from "@kaoping/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../errors.ts";

export const idParams = z.object({ id: idSchema });

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Sends an .xlsx download with a Chinese file name (RFC 5987 filename*). */
export function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer) {
  return reply
    .header("content-type", XLSX)
    .header("content-disposition", `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}

/** The one uploaded file of a multipart request, read into memory (size is capped by the multipart limits). */
export async function readUpload(request: FastifyRequest): Promise<{ buffer: Buffer; fileName: string }> {
  if (!request.isMultipart()) throw new AppError("BAD_FILE", "请以 multipart/form-data 上传文件（字段名 file）");
  const file = await request.file();
  if (!file) throw new AppError("BAD_FILE", "没有收到文件（字段名 file）");
  return { buffer: await file.toBuffer(), fileName: file.filename };
}

/**
 * One uploaded file with the form's text fields, under a size limit of the
 * route's own (guide exports are bigger than the app-wide Excel limit).
 */
export async function readUploadWithFields(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ buffer: Buffer; fileName: string; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError("BAD_FILE", "请以 multipart/form-data 上传文件（字段名 file）");
  const fields: Record<string, string> = {};
  let file: { buffer: Buffer; fileName: string } | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024 } })) {
      if (part.type === "field") fields[part.fieldname] = String(part.value);
      else file = { buffer: await part.toBuffer(), fileName: part.filename };
    }
  } catch (error) {
    if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
      throw new AppError("PAYLOAD_TOO_LARGE", `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 限制`, [
        { path: ["file"], message: `超过 ${Math.round(maxBytes / 1024 / 1024)} MB` },
      ]);
    }
    // Anything else the multipart parser throws is a malformed or cut-off upload, the client's doing.
    throw new AppError("BAD_FILE", `上传内容不完整或格式错误：${(error as Error).message}`);
  }
  if (!file) throw new AppError("BAD_FILE", "没有收到文件（字段名 file）");
  return { ...file, fields };
}
