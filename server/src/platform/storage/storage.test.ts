import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sampleExe, samplePdf, samplePng, storedZip } from "../../modules/evidence/test-files.ts";
import { workbook } from "../../test/harness.ts";
import { createBlobStore, sha256Of } from "./blob-store.ts";
import { checkFileType, detectFileKind, zipEntryNames } from "./content-type.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempStore() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kaoping-blobs-"));
  dirs.push(dir);
  return { dir, store: createBlobStore(dir) };
}

describe("blob store", () => {
  it("stores by SHA-256 under ab/cd/, leaves no temporary file and reads back the bytes", async () => {
    const { dir, store } = await tempStore();
    const bytes = samplePdf("一");
    const sha = await store.put(bytes);
    expect(sha).toBe(sha256Of(bytes));
    const file = path.join(dir, sha.slice(0, 2), sha.slice(2, 4), sha);
    expect(await readFile(file)).toEqual(bytes);
    expect(await readdir(path.dirname(file))).toEqual([sha]);
    expect(await store.find(sha)).toEqual({ path: file, size: bytes.length });
    const chunks: Buffer[] = [];
    for await (const chunk of store.open(sha)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(bytes);
  });

  it("never overwrites an existing blob", async () => {
    const { dir, store } = await tempStore();
    const bytes = samplePdf("二");
    const sha = await store.put(bytes);
    const file = path.join(dir, sha.slice(0, 2), sha.slice(2, 4), sha);
    // Were the blob rewritten, the marker would be gone.
    await writeFile(file, "marker");
    expect(await store.put(bytes)).toBe(sha);
    expect(await readFile(file, "utf8")).toBe("marker");
  });

  it("answers null for an absent blob and refuses a path that is not a hash", async () => {
    const { store } = await tempStore();
    expect(await store.find("0".repeat(64))).toBeNull();
    await expect(store.find("../../etc/passwd")).rejects.toThrow(/not a SHA-256/);
  });
});

describe("content type by magic numbers", () => {
  it("recognises the accepted kinds by content", async () => {
    expect(await detectFileKind(samplePdf())).toBe("pdf");
    expect(await detectFileKind(samplePng())).toBe("png");
    expect(await detectFileKind(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]))).toBe("jpeg");
    expect(await detectFileKind(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]))).toBe(
      "ole",
    );
    expect(await detectFileKind(await workbook(["a"], [["1"]]))).toBe("xlsx");
    expect(await detectFileKind(storedZip({ "a.txt": "hello" }))).toBe("zip");
    expect(await detectFileKind(storedZip({ "OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<x/>" }))).toBe("ofd");
    expect(await detectFileKind(sampleExe())).toBeNull();
    expect(await detectFileKind(Buffer.from("just text"))).toBeNull();
  });

  it("lists a ZIP's entries from its central directory", () => {
    expect(zipEntryNames(storedZip({ "OFD.xml": "x", "Doc_0/Document.xml": "y" }))).toEqual(["OFD.xml", "Doc_0/Document.xml"]);
    expect(zipEntryNames(Buffer.from("not a zip at all, long enough to scan for a record"))).toEqual([]);
  });

  it("requires the extension to agree with the content", async () => {
    expect(await checkFileType("报告.PDF", samplePdf())).toEqual({ ok: true, kind: "pdf", mimeType: "application/pdf" });
    expect(await checkFileType("x.pdf", samplePng())).toEqual({ ok: false, message: "文件内容是 PNG 图片，与扩展名 .pdf 不符" });
    expect(await checkFileType("x", samplePdf())).toEqual({ ok: false, message: "文件内容是 PDF 文档，与扩展名（无）不符" });
    expect(await checkFileType("x.pdf", sampleExe())).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^不支持的文件类型（允许：PDF/),
    });
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    expect(await checkFileType("旧表.xls", ole)).toMatchObject({ ok: true, mimeType: "application/vnd.ms-excel" });
    expect(await checkFileType("旧文.doc", ole)).toMatchObject({ ok: true, mimeType: "application/msword" });
  });
});
