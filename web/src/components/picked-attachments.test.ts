import type { AttachmentView } from "@kaoping/core";
import type { UploadFile } from "antd";
import { describe, expect, it } from "vitest";
import { pickedOf } from "./picked-attachments.ts";

const row = (id: string): AttachmentView => ({ id, fileName: `${id}.pdf`, size: 1, mimeType: "application/pdf", uploadedAt: "" });
const file = (uid: string, status: UploadFile["status"], response?: AttachmentView): UploadFile<AttachmentView> => ({
  uid,
  name: `${uid}.pdf`,
  status,
  response,
});

describe("pickedOf", () => {
  it("cites the uploaded files only, and holds the step while one is still uploading", () => {
    const files = [file("a", "done", row("A")), file("b", "error"), file("c", "uploading"), file("d", "removed", row("D"))];
    expect(pickedOf(files)).toEqual({ ids: ["A"], isUploading: true });
    expect(pickedOf(files.filter((f) => f.status !== "uploading"))).toEqual({ ids: ["A"], isUploading: false });
    expect(pickedOf([])).toEqual({ ids: [], isUploading: false });
  });
});
