export * from "./office-hours.ts";
export * from "./working-days.ts";
