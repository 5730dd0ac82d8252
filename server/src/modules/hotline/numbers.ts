import type { PhoneKind, PhoneNumber } from "@kaoping/core";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { selectRows } from "../../platform/db/rows.ts";
import { serviceGuides, serviceItems } from "../../platform/db/schema.ts";
import { unitSubtreeCondition } from "../cases/rollup-query.ts";

/** A guide may list several numbers in one field: 0571-1234567、0571-7654321. */
const SEPARATOR = /[、,，;；/]|\s{2,}/;
/** At least 7 digits once the separators of a number (-, spaces, brackets) are gone: else not a number to ring. */
const isDialable = (phone: string) => phone.replace(/[\s\-—()（）]/g, "").replace(/\D/g, "").length >= 7;

/**
 * The numbers the guide registry publishes for the units (each with its subtree; none given: every
 * unit): from each item's newest guide (online first), its 咨询电话 and 监督电话, one entry per unit,
 * number and kind — the first guide that publishes it stands for it.
 */
export async function publishedNumbers(db: Db | Tx, unitIds: string[] | null): Promise<PhoneNumber[]> {
  const rows = await selectRows<{
    unit_id: string;
    item_id: string;
    item_code: string;
    guide_id: string;
    consultation: string | null;
    supervision: string | null;
  }>(
    db,
    sql`select distinct on (g.item_id) i.unit_id, g.item_id, i.code as item_code, g.id as guide_id,
          g.guide->>'consultationPhone' as consultation, g.guide->>'supervisionPhone' as supervision
        from ${serviceGuides} g join ${serviceItems} i on i.id = g.item_id
        where ${unitIds ? unitSubtreeCondition(sql`i.unit_id`, unitIds) : sql`true`}
        order by g.item_id, (g.channel = 'online') desc, g.created_at desc, g.version desc`,
  );
  const seen = new Set<string>();
  const numbers: PhoneNumber[] = [];
  for (const row of rows.sort((a, b) => a.item_code.localeCompare(b.item_code))) {
    for (const kind of ["consultation", "supervision"] as PhoneKind[]) {
      for (const phone of (row[kind] ?? "").split(SEPARATOR).map((p) => p.trim())) {
        const key = `${row.unit_id}|${phone}|${kind}`;
        if (!isDialable(phone) || seen.has(key)) continue;
        seen.add(key);
        numbers.push({ unitId: row.unit_id, phone, kind, itemId: row.item_id, itemCode: row.item_code, guideId: row.guide_id });
      }
    }
  }
  return numbers;
}
