import { type ErrorDetail, EVIDENCE_FILE_NAME_MAX } from "@kaoping/core";
import type { Config } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";
import { megabytes, shownName, type UploadedFile } from "../../platform/http/upload.ts";
import { sha256Of } from "../../platform/storage/blob-store.ts";
import { checkFileType } from "../../platform/storage/content-type.ts";

/** A file that passed every check: nothing is written before all files of a request reach this. */
export interface InspectedFile extends UploadedFile {
  size: number;
  sha256: string;
  mimeType: string;
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
