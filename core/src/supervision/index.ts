export * from "./evaluate.ts";
export * from "./rules.ts";
