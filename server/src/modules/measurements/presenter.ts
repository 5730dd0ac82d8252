import type { MeasurementView } from "@kaoping/core";
import type { CampaignUnitRow } from "../campaigns/policy.ts";
import { nameOf } from "../findings/presenter.ts";
import type { MeasurementRow } from "./commands.ts";

export interface MeasurementLookups {
  units: Map<string, CampaignUnitRow>;
  factLabels: Map<string, string>;
  userNames: Map<string, string>;
}

export function presentMeasurement(row: MeasurementRow, lookups: MeasurementLookups): MeasurementView {
  const unit = lookups.units.get(row.unitId);
  return {
    unitId: row.unitId,
    unitCode: unit?.code ?? "",
    unitName: unit?.name ?? "",
    fact: row.fact,
    factLabel: lookups.factLabels.get(row.fact) ?? row.fact,
    value: row.value,
    note: row.note,
    updatedBy: nameOf(lookups.userNames, row.updatedBy),
    updatedAt: row.updatedAt.toISOString(),
  };
}
