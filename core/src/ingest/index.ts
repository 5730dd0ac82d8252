export * from "./mapping.ts";
