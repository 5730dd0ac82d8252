export * from "./diff.ts";
export * from "./facts.ts";
export * from "./lifecycle.ts";
export * from "./measured.ts";
export * from "./provisional.ts";
export * from "./terms.ts";
