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
