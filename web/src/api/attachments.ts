import type { AttachmentView } from "@kaoping/core";
import { uploadForm } from "./client.ts";

/** 附件 for a step's form: uploaded as picked, cited by id when the step is sent. */
export const attachmentsApi = {
  upload: async (file: File): Promise<AttachmentView> => {
    const form = new FormData();
    form.append("files", file, file.name);
    return (await uploadForm<AttachmentView[]>("/api/attachments", form))[0]!;
  },
};
