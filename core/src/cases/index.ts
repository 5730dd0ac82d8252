export * from "./clock.ts";
export * from "./facts.ts";
export * from "./mapping.ts";
export * from "./metrics.ts";
export * from "./model.ts";
export * from "./validate.ts";
