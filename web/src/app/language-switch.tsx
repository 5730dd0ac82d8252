import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { LANGUAGES, type Language, setLanguage } from "../i18n/index.ts";

/** 中文 / English. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      data-testid="language-switch"
      value={i18n.language as Language}
      options={LANGUAGES.map((lang) => ({ value: lang.code, label: lang.label }))}
      onChange={(lang) => void setLanguage(lang)}
    />
  );
}
