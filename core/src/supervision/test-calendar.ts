/** For the supervision tests: 2024's 清明 (4 and 5 April off, Sunday 7 April worked) and China-time instants. */
import { makeWorkCalendar } from "../calendar/working-days.ts";

export const QINGMING_2024 = makeWorkCalendar(
  [
    { date: "2024-04-04", kind: "holiday" },
    { date: "2024-04-05", kind: "holiday" },
    { date: "2024-04-07", kind: "workday" },
  ],
  [2024],
);

/** An instant in China Standard Time. */
export const cst = (text: string) => new Date(`${text}+08:00`);
