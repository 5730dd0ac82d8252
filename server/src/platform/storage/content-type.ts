import { fileTypeFromBuffer } from "file-type";

/**
 * File types recognised by their content (magic numbers, and for ZIP-based
 * formats the entries inside), never by their name: a name only has to agree
 * with what the content is.
 */
export type FileKind = "pdf" | "ofd" | "docx" | "xlsx" | "pptx" | "ole" | "jpeg" | "png" | "zip";

interface KindInfo {
  label: string;
  /** Extension → MIME type; the first is the kind's usual one. */
  extensions: Record<string, string>;
}

const KINDS: Record<FileKind, KindInfo> = {
  pdf: { label: "PDF 文档", extensions: { pdf: "application/pdf" } },
  ofd: { label: "OFD 版式文档", extensions: { ofd: "application/ofd" } },
  docx: { label: "Word 文档", extensions: { docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" } },
  xlsx: { label: "Excel 表格", extensions: { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } },
  pptx: { label: "PowerPoint 演示文稿", extensions: { pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation" } },
  // Word, Excel and PowerPoint 97-2003 share one container (OLE compound file); the name tells them apart.
  ole: {
    label: "Office 97-2003 文档",
    extensions: { doc: "application/msword", xls: "application/vnd.ms-excel", ppt: "application/vnd.ms-powerpoint" },
  },
  jpeg: { label: "JPEG 图片", extensions: { jpg: "image/jpeg", jpeg: "image/jpeg" } },
  png: { label: "PNG 图片", extensions: { png: "image/png" } },
  zip: { label: "ZIP 压缩包", extensions: { zip: "application/zip" } },
};

export const ALLOWED_TYPES_TEXT = "PDF、OFD、Word、Excel、PowerPoint、JPEG/PNG 图片、ZIP";

const FROM_FILE_TYPE: Record<string, FileKind> = {
  pdf: "pdf",
  docx: "docx",
  xlsx: "xlsx",
  pptx: "pptx",
  cfb: "ole",
  jpg: "jpeg",
  png: "png",
  zip: "zip",
};

/** What the bytes are, or null for anything not accepted. */
export async function detectFileKind(buffer: Buffer): Promise<FileKind | null> {
  const detected = await fileTypeFromBuffer(buffer);
  const kind = detected ? FROM_FILE_TYPE[detected.ext] : undefined;
  if (!kind) return null;
  // OFD (GB/T 33190) is a ZIP package with OFD.xml at its root.
  if (kind === "zip" && zipEntryNames(buffer).includes("OFD.xml")) return "ofd";
  return kind;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : "";
}

export type TypeCheck = { ok: true; kind: FileKind; mimeType: string } | { ok: false; message: string };

/** The file's kind by content, and whether its name's extension agrees. */
export async function checkFileType(fileName: string, buffer: Buffer): Promise<TypeCheck> {
  const kind = await detectFileKind(buffer);
  if (!kind) return { ok: false, message: `不支持的文件类型（允许：${ALLOWED_TYPES_TEXT}）` };
  const extension = extensionOf(fileName);
  const mimeType = KINDS[kind].extensions[extension];
  if (!mimeType) {
    return { ok: false, message: `文件内容是 ${KINDS[kind].label}，与扩展名${extension ? ` .${extension} ` : "（无）"}不符` };
  }
  return { ok: true, kind, mimeType };
}

const EOCD = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;

/** The entry names of a ZIP archive, read from its central directory ([] when it cannot be read). */
export function zipEntryNames(buffer: Buffer): string[] {
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  const floor = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= floor; i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count && offset + 46 <= buffer.length; n++) {
    if (buffer.readUInt32LE(offset) !== CENTRAL_ENTRY) break;
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    names.push(buffer.toString("utf8", offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
