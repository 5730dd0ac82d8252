import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { enUS } from "./en-US.ts";
import { zhCN } from "./zh-CN.ts";

export const LANGUAGES = [
  { code: "zh-CN", label: "中文" },
  { code: "en-US", label: "English" },
] as const;
export type Language = (typeof LANGUAGES)[number]["code"];

const STORAGE_KEY = "kaoping.lang";

function storedLanguage(): Language {
  const value = localStorage.getItem(STORAGE_KEY);
  return LANGUAGES.some((lang) => lang.code === value) ? (value as Language) : "zh-CN";
}

function applyLanguage(lang: Language): void {
  dayjs.locale(lang === "zh-CN" ? "zh-cn" : "en");
  document.documentElement.lang = lang;
}

/** Switches the UI language and remembers the choice. */
export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  applyLanguage(lang);
  await i18n.changeLanguage(lang);
}

const initial = storedLanguage();
applyLanguage(initial);

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN }, "en-US": { translation: enUS } },
  lng: initial,
  fallbackLng: "zh-CN",
  // Permission codes such as "system:unit:read" are keys: ":" must not split namespaces.
  nsSeparator: false,
  interpolation: { escapeValue: false },
});

export default i18n;
