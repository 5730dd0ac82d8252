import type { EvidenceCatalogue, EvidenceView, UNIT_EVIDENCE_OWNER_TYPES } from "@kaoping/core";
import { api, download, uploadForm } from "./client.ts";

/** What a unit's upload belongs to: a self-assessment (by indicator code), a responsibility or an appeal (by id). */
export type UnitEvidenceOwnerType = (typeof UNIT_EVIDENCE_OWNER_TYPES)[number];

const unitBase = (campaignId: string, unitId: string) => `/api/campaigns/${campaignId}/units/${unitId}`;

export const evidenceApi = {
  upload: (options: { campaignId: string; unitId: string; ownerType: UnitEvidenceOwnerType; ownerKey: string; files: File[] }) => {
    const form = new FormData();
    form.append("ownerType", options.ownerType);
    form.append("ownerKey", options.ownerKey);
    for (const file of options.files) form.append("files", file, file.name);
    return uploadForm<EvidenceView[]>(`${unitBase(options.campaignId, options.unitId)}/evidence`, form);
  },
  /** A new revision of one file; the old one stays. */
  uploadRevision: (evidenceId: string, file: File) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return uploadForm<EvidenceView>(`/api/evidence/${evidenceId}/revisions`, form);
  },
  downloadUrl: (evidenceId: string) => `/api/evidence/${evidenceId}/download`,
  catalogue: (campaignId: string, unitId: string) => api.get<EvidenceCatalogue>(`${unitBase(campaignId, unitId)}/evidence`),
  catalogueHtmlUrl: (campaignId: string, unitId: string) => `${unitBase(campaignId, unitId)}/evidence/catalogue.html`,
  downloadCatalogue: (campaignId: string, unitId: string, unitName: string) =>
    download(`${unitBase(campaignId, unitId)}/evidence/catalogue.xlsx`, undefined, `${unitName}-佐证材料目录清单.xlsx`),
};
