import shuangyashan2017 from "./shuangyashan-2017.json" with { type: "json" };

/**
 * The seeds' frameworks, transcribed as built-in templates (each JSON's
 * `source` names the document). Typed as unknown: callers parse them with
 * frameworkSchema, so a bad template fails loudly instead of scoring wrongly.
 */
export const BUILTIN_FRAMEWORKS: readonly unknown[] = [shuangyashan2017];
