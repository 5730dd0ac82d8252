import { type ApiSession, unitIdByCode } from "./api.ts";

/** A finding on a unit, by the framework's rule term. */
export interface FindingSpec {
  unitCode: string;
  indicatorCode: string;
  ruleId: string;
  count: number;
  description: string;
}

export interface CampaignSpec {
  frameworkId: string;
  name: string;
  year: number;
  unitCodes: string[];
  /** Recorded and confirmed during review. */
  findings: FindingSpec[];
}

/** A yyyy-mm-dd date some days back (a phase that opened in the past). */
export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * A campaign taken through its whole lifecycle on the API — created, reporting,
 * review with confirmed findings, appeal, published as version 1 — for stories
 * about what a published campaign shows.
 */
export async function publishCampaign(api: ApiSession, spec: CampaignSpec): Promise<{ id: string; unitIds: Map<string, string> }> {
  const unitIds = new Map<string, string>();
  for (const code of spec.unitCodes) unitIds.set(code, await unitIdByCode(api, code));
  const { id } = await api.post<{ id: string }>("/api/campaigns", {
    frameworkId: spec.frameworkId,
    name: spec.name,
    year: spec.year,
    phases: { reportingOpens: daysAgo(30), reportingCloses: "2099-12-30", appealCloses: "2099-12-31" },
    units: [...unitIds.values()].map((unitId) => ({ unitId })),
  });
  const transition = (to: string) => api.post(`/api/campaigns/${id}/transition`, { to });
  await transition("reporting");
  await transition("reviewing");
  for (const { unitCode, ...finding } of spec.findings) {
    const created = await api.post<{ id: string }>(`/api/campaigns/${id}/findings`, { ...finding, unitId: unitIds.get(unitCode) });
    await api.post(`/api/campaigns/${id}/findings/${created.id}/confirm`);
  }
  await transition("appeal");
  // Stories publish the result as it stands, 暂定 or not (the confirmation is a story of its own).
  await api.post(`/api/campaigns/${id}/publish`, { confirmPending: true });
  return { id, unitIds };
}

/**
 * A campaign of one framework over the given units, taken to review (reporting closed to nobody):
 * its scores read the facts the system fills, for stories about a score trace.
 */
export async function openCampaignInReview(
  api: ApiSession,
  spec: { frameworkId: string; name: string; year: number; unitIds: string[] },
): Promise<string> {
  const { id } = await api.post<{ id: string }>("/api/campaigns", {
    frameworkId: spec.frameworkId,
    name: spec.name,
    year: spec.year,
    phases: { reportingOpens: daysAgo(30), reportingCloses: "2099-12-30", appealCloses: "2099-12-31" },
    units: spec.unitIds.map((unitId) => ({ unitId })),
  });
  await api.post(`/api/campaigns/${id}/transition`, { to: "reporting" });
  await api.post(`/api/campaigns/${id}/transition`, { to: "reviewing" });
  return id;
}
