export * from "./checker.ts";
export * from "./codes.ts";
export * from "./elements.ts";
export * from "./model.ts";
export * from "./provincial.ts";
export { hasMojibake, isPlaceholder, isUrl } from "./text.ts";
