import { idSchema } from "@kaoping/core";
import type { FastifyReply } from "fastify";
import { z } from "zod";

export const idParams = z.object({ id: idSchema });

/** A code in a path (a source, an indicator): no spaces, slashes or control characters. */
export const codeParam = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\s/\\\p{Cc}]+$/u, "不能包含空格、斜杠或控制字符");

/** The body of a write that takes none (and of an upload, whose multipart body the route reads itself: null here). */
export const noBody = z.strictObject({}).nullish();

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Sends an .xlsx download with a Chinese file name (RFC 5987 filename*). */
export function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer) {
  return reply
    .header("content-type", XLSX)
    .header("content-disposition", `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}
