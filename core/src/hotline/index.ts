export * from "./facts.ts";
export * from "./metrics.ts";
export * from "./model.ts";
export * from "./sampling.ts";
