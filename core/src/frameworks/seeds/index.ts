import changning2019 from "./changning-2019.json" with { type: "json" };
import gongshu2021 from "./gongshu-2021.json" with { type: "json" };
import guideAccuracy from "./guide-accuracy.json" with { type: "json" };
import shanghai2021 from "./shanghai-2021.json" with { type: "json" };
import shuangyashan2017 from "./shuangyashan-2017.json" with { type: "json" };

/**
 * The seeds' frameworks, transcribed as built-in templates (each JSON's
 * `source` names the document). Typed as unknown: callers parse them with
 * frameworkSchema, so a bad template fails loudly instead of scoring wrongly.
 */
export const BUILTIN_FRAMEWORKS: readonly unknown[] = [gongshu2021, shuangyashan2017, changning2019, shanghai2021, guideAccuracy];
