import i18next, { type TFunction } from "i18next";
import { enUS } from "./en-US.ts";
import { zhCN } from "./zh-CN.ts";

/** Tests' translators over the app's own resources, without the browser's language detection. */
export async function testTranslator(lng: "zh-CN" | "en-US"): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { "zh-CN": { translation: zhCN }, "en-US": { translation: enUS } },
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  return instance.t;
}
