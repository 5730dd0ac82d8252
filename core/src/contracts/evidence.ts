import { z } from "zod";
import type { EvidenceView } from "./campaigns.ts";

/**
 * 佐证材料: files attached to a self-assessment, a responsibility (责任分解),
 * an appeal or (by reviewers) a finding. Stored by SHA-256, recognised by
 * content; a new upload of a file is a new revision, never an overwrite.
 */

export const EVIDENCE_OWNER_TYPES = ["self_assessment", "responsibility", "appeal", "finding"] as const;
export type EvidenceOwnerType = (typeof EVIDENCE_OWNER_TYPES)[number];
export const EVIDENCE_OWNER_LABELS: Record<EvidenceOwnerType, string> = {
  self_assessment: "自查报告",
  responsibility: "责任分解",
  appeal: "申诉",
  finding: "问题台账",
};

/** The owners a unit uploads to (findings' evidence is the reviewers'). */
export const UNIT_EVIDENCE_OWNER_TYPES = ["self_assessment", "responsibility", "appeal"] as const;

/** The multipart fields of an upload beside its files. */
export const evidenceUploadFieldsSchema = z.strictObject({
  ownerType: z.enum(UNIT_EVIDENCE_OWNER_TYPES),
  /** The indicator code (self_assessment), responsibility id or appeal id. */
  ownerKey: z.string().trim().min(1).max(64),
});

/** What the upload accepts, for the web's file picker and messages. */
export const EVIDENCE_EXTENSIONS = [
  ".pdf",
  ".ofd",
  ".doc",
  ".docx",
  ".xls",
  ".xlsx",
  ".ppt",
  ".pptx",
  ".jpg",
  ".jpeg",
  ".png",
  ".zip",
] as const;
export const EVIDENCE_FILE_NAME_MAX = 200;

/** One current file with its earlier revisions (newest first). */
export interface CatalogueFile extends EvidenceView {
  ownerType: EvidenceOwnerType;
  revisions: EvidenceView[];
}

export interface CatalogueIndicator {
  indicatorCode: string;
  indicatorName: string;
  /** 一级 / 二级 names above it. */
  path: string[];
  files: CatalogueFile[];
}

/** 佐证材料目录清单 of one unit: per indicator in framework order, the current files. */
export interface EvidenceCatalogue {
  campaignId: string;
  campaignName: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  fileCount: number;
  totalBytes: number;
  indicators: CatalogueIndicator[];
}
