import fs from "node:fs";
import type { FastifyReply } from "fastify";

/** RFC 5987: an ASCII fallback for old clients, the real (Chinese) name in filename*. */
export function contentDisposition(fileName: string, type: "attachment" | "inline" = "attachment"): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A stored file as a download: its recorded type and name, never sniffed by the browser. */
export function sendStoredFile(reply: FastifyReply, file: { fileName: string; mimeType: string }, blob: { path: string; size: number }) {
  return reply
    .header("content-type", file.mimeType)
    .header("content-length", blob.size)
    .header("content-disposition", contentDisposition(file.fileName))
    .header("x-content-type-options", "nosniff")
    .send(fs.createReadStream(blob.path));
}
