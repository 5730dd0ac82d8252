import { bulletinPublishProblem } from "@kaoping/core";
import type { Dayjs } from "dayjs";

/**
 * 月度通报's month picker: only a month that has ended (and none before 2000) can be chosen — the
 * server refuses to publish any other (bulletinPublishProblem). A running month's preview stays
 * allowed by the API (preview.html?month=), only not offered here.
 */
export const isBulletinMonthDisabled = (month: Dayjs, today: Dayjs): boolean =>
  bulletinPublishProblem(month.format("YYYY-MM"), today.format("YYYY-MM-DD")) !== null;
