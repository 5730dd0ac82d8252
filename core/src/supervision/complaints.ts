import { labelled } from "../labelled.ts";

/**
 * 效能投诉 / 媒体曝光 register: what the office learns outside the case data — a complaint about a
 * unit's efficiency (12345, 纪检监察, letters) or a media report — recorded per unit with its date
 * and what checking it found. Seed 004 四.4: “有效能投诉或媒体曝光的2件次以上的，该项不得分；1件次的，
 * 该项得分减半”. Only substantiated records count (属实): a complaint found unfounded costs nothing,
 * one still being checked is not yet counted (docs/supervision.md).
 */
export const COMPLAINT_KIND = labelled({ efficiency_complaint: "效能投诉", media_exposure: "媒体曝光" });
export type ComplaintKind = (typeof COMPLAINT_KIND.values)[number];

export const COMPLAINT_FINDING = labelled({ pending: "核查中", substantiated: "属实", unfounded: "不属实" });
export type ComplaintFinding = (typeof COMPLAINT_FINDING.values)[number];
