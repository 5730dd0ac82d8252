export * from "./facts.ts";
export * from "./model.ts";
