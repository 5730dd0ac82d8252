import type { AttachmentView } from "@kaoping/core";
import type { UploadFile } from "antd";

/** The ids of the files uploaded so far, and whether one is still on its way (the step must wait for it). */
export interface PickedAttachments {
  ids: string[];
  isUploading: boolean;
}

export const noAttachments: PickedAttachments = { ids: [], isUploading: false };

/** What the form sends from the files picked: the uploaded ones' ids, once none is still uploading. */
export function pickedOf(files: UploadFile<AttachmentView>[]): PickedAttachments {
  return {
    ids: files.flatMap((file) => (file.status === "done" && file.response ? [file.response.id] : [])),
    isUploading: files.some((file) => file.status === "uploading"),
  };
}
