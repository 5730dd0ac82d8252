import { type ErrorDetail, EVIDENCE_FILE_NAME_MAX } from "@kaoping/core";
import type { FastifyRequest } from "fastify";
import type { Config } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";
import { sha256Of } from "../../platform/storage/blob-store.ts";
import { checkFileType } from "../../platform/storage/content-type.ts";

export interface UploadedFile {
  fileName: string;
  buffer: Buffer;
}

/** A file that passed every check: nothing is written before all files of a request reach this. */
export interface InspectedFile extends UploadedFile {
  size: number;
  sha256: string;
  mimeType: string;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** A file name as shown in a message: control characters made visible, long names shortened. */
export function shownName(fileName: string): string {
  const visible = fileName.replace(/\p{Cc}/gu, "�");
  return visible.length > 60 ? `${visible.slice(0, 57)}…` : visible;
}

/**
 * Reads a multipart upload: its text fields and its files, each file capped
 * at the configured size. The limits are this route's own (the app-wide
 * multipart limits are for Excel imports); names are kept as sent
 * (`preservePath`), so a name with a path is refused rather than silently cut.
 */
export async function readEvidenceUpload(
  request: FastifyRequest,
  config: Config,
  maxFiles: number,
): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  if (!request.isMultipart()) throw new AppError("BAD_FILE", "请以 multipart/form-data 上传文件");
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  const tooLarge = (fileName: string) =>
    new AppError("PAYLOAD_TOO_LARGE", `文件“${shownName(fileName)}”超过 ${megabytes(config.evidenceMaxBytes)} 的大小限制`, [
      { path: ["body", "files", files.length], message: `超过 ${megabytes(config.evidenceMaxBytes)}` },
    ]);
  const parts = request.parts({
    limits: { fileSize: config.evidenceMaxBytes, files: maxFiles, fields: 10, fieldSize: 1024 },
    preservePath: true,
  });
  try {
    for await (const part of parts) {
      if (part.type === "field") {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const buffer = await part.toBuffer();
      if (part.file.truncated) throw tooLarge(part.filename);
      files.push({ fileName: part.filename, buffer });
    }
  } catch (error) {
    const { code, part } = error as { code?: string; part?: { filename?: string } };
    // The plugin stops a file at the size limit (throwFileSizeLimit), naming the part it cut.
    if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge(part?.filename ?? "");
    if (code === "FST_FILES_LIMIT") throw new AppError("VALIDATION", `一次最多上传 ${maxFiles} 个文件`);
    if (code === "FST_FIELDS_LIMIT" || code === "FST_PARTS_LIMIT") throw new AppError("VALIDATION", "表单字段过多");
    throw error;
  }
  return { fields, files };
}

/** Why a file name is refused, or null. Names come from the client and end up in headers and listings. */
export function fileNameProblem(fileName: string): string | null {
  if (!fileName.trim()) return "文件名为空";
  if (fileName.length > EVIDENCE_FILE_NAME_MAX) return `文件名超过 ${EVIDENCE_FILE_NAME_MAX} 个字符`;
  if (/[/\\]/.test(fileName) || fileName.includes("..")) return "文件名不能包含路径字符（/、\\、..）";
  if (/\p{Cc}/u.test(fileName)) return "文件名不能包含控制字符";
  return null;
}

/** Comparing names the way people read them: "报告.PDF" and "报告.pdf" are the same file. */
export const nameKey = (fileName: string) => fileName.normalize("NFC").toLowerCase();

/**
 * Checks every file before anything is written: name, emptiness, size, type
 * by content against the extension, and names repeated within the request.
 * All problems are reported at once, each naming its file.
 */
export async function inspectFiles(files: UploadedFile[], config: Config): Promise<InspectedFile[]> {
  if (!files.length) throw new AppError("BAD_FILE", "没有收到文件");
  const details: ErrorDetail[] = [];
  const problem = (index: number, fileName: string, message: string) =>
    details.push({ path: ["body", "files", index], message: `“${shownName(fileName)}”：${message}` });
  const seen = new Set<string>();
  const inspected: InspectedFile[] = [];
  for (const [index, file] of files.entries()) {
    const fileName = file.fileName.normalize("NFC").trim();
    if (file.buffer.length > config.evidenceMaxBytes) {
      throw new AppError("PAYLOAD_TOO_LARGE", `文件“${shownName(fileName)}”超过 ${megabytes(config.evidenceMaxBytes)} 的大小限制`);
    }
    // The raw name is judged: trimming first would hide a trailing control character.
    const nameIssue = fileNameProblem(file.fileName);
    if (nameIssue) {
      problem(index, fileName, nameIssue);
      continue;
    }
    if (seen.has(nameKey(fileName))) problem(index, fileName, "同一次上传中文件名重复");
    seen.add(nameKey(fileName));
    if (file.buffer.length === 0) {
      problem(index, fileName, "文件为空（0 字节）");
      continue;
    }
    const type = await checkFileType(fileName, file.buffer);
    if (!type.ok) {
      problem(index, fileName, type.message);
      continue;
    }
    inspected.push({ fileName, buffer: file.buffer, size: file.buffer.length, sha256: sha256Of(file.buffer), mimeType: type.mimeType });
  }
  if (details.length) {
    const more = details.length > 1 ? `（共 ${details.length} 个文件有问题，均未上传）` : "";
    throw new AppError("BAD_FILE", `${details[0]!.message}${more}`, details);
  }
  return inspected;
}
