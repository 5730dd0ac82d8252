import { type Framework, SOURCE_LEVELS } from "@kaoping/core";

export interface FactOption {
  value: string;
  label: string;
}

/**
 * The declared facts as AutoComplete options ("key — label"); with `withLevels`,
 * a fact counted per source level also offers `key@district`, `key@city` …
 */
export function factOptions(framework: Framework, withLevels = false): FactOption[] {
  return framework.facts.flatMap((fact) => {
    const own = { value: fact.key, label: `${fact.key} — ${fact.label}` };
    if (!withLevels || !fact.byLevel) return [own];
    return [own, ...SOURCE_LEVELS.map((level) => ({ value: `${fact.key}@${level}`, label: `${fact.key}@${level} — ${fact.label}` }))];
  });
}

/** AutoComplete's filter: the typed text anywhere in the key or label. */
export function filterFactOption(input: string, option?: FactOption): boolean {
  return (option?.label ?? "").toLowerCase().includes(input.trim().toLowerCase());
}
