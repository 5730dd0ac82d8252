export * from "./evaluate.ts";
export * from "./orders.ts";
export * from "./rules.ts";
