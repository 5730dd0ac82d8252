export * from "./metrics.ts";
export * from "./model.ts";
