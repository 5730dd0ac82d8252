export * from "./mapping.ts";
export * from "./model.ts";
export * from "./validate.ts";
