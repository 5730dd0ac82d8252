export * from "./cards.ts";
export * from "./complaints.ts";
export * from "./evaluate.ts";
export * from "./facts.ts";
export * from "./items.ts";
export * from "./keys.ts";
export * from "./orders.ts";
export * from "./rules.ts";
