export * from "./facts.ts";
export * from "./loop.ts";
export * from "./mapping.ts";
export * from "./metrics.ts";
export * from "./model.ts";
export * from "./public.ts";
export * from "./validate.ts";
