import { AppError } from "../errors.ts";

/** Most rows one list export writes: past it the caller narrows the filters rather than wait for a file nobody opens. */
export const EXPORT_MAX = 50_000;

type Paging = { page: number; pageSize: number };

/**
 * Every row of a filtered list, for its export: the list's own query (so the file holds what the page
 * shows), one page of EXPORT_MAX rows; past that, a refusal naming the count.
 */
export async function exportRows<Q extends Paging, R>(
  query: Omit<Q, keyof Paging>,
  list: (query: Q) => Promise<{ total: number; rows: R[] }>,
): Promise<R[]> {
  const result = await list({ ...query, page: 1, pageSize: EXPORT_MAX } as Q);
  if (result.total > EXPORT_MAX)
    throw new AppError("VALIDATION", `共 ${result.total} 条，超过一次导出的上限 ${EXPORT_MAX} 条，请缩小筛选范围（单位、日期）后再导出`, [
      { path: ["query"], message: `超过 ${EXPORT_MAX} 条` },
    ]);
  return result.rows;
}
