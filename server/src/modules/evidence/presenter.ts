import type { EvidenceView } from "@kaoping/core";
import type { evidenceFiles } from "../../platform/db/schema.ts";

export type EvidenceRow = typeof evidenceFiles.$inferSelect;

/** An evidence row as the API shows it; `uploaderName` is the uploader's display name. */
export function presentEvidence(row: EvidenceRow, uploaderName: string | null): EvidenceView {
  return {
    id: row.id,
    fileName: row.fileName,
    size: row.size,
    mimeType: row.mimeType,
    sha256: row.sha256,
    revision: row.revision,
    previousId: row.previousId,
    current: row.supersededAt === null,
    uploadedBy: uploaderName ?? "系统",
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

/** What the audit log keeps of a file: enough to find the bytes again by hash. */
export const auditEvidence = (row: EvidenceRow, unitCode: string) => ({
  fileName: row.fileName,
  sha256: row.sha256,
  size: row.size,
  mimeType: row.mimeType,
  revision: row.revision,
  ownerType: row.ownerType,
  ownerId: row.ownerId,
  unitCode,
});
