import { type Framework, type FrameworkView, PERMISSIONS as P, type ValidationReport } from "@kaoping/core";
import { App } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { frameworksApi } from "../../../api/frameworks.ts";
import { usePermission } from "../../../app/permission.tsx";
import { useShowError } from "../../../components/feedback.ts";
import type { IndicatorPath } from "./indicator-tree-ops.ts";

const VALIDATE_DELAY_MS = 600;
const EMPTY_REPORT: ValidationReport = { errors: [], warnings: [] };

export interface FrameworkEditor {
  view: FrameworkView | null;
  /** The definition being edited (unsaved changes included). */
  definition: Framework | null;
  isDirty: boolean;
  isSaving: boolean;
  /** Published / archived versions and users without 编辑指标体系 see no edit controls. */
  isReadOnly: boolean;
  validation: ValidationReport;
  isValidating: boolean;
  selected: IndicatorPath | null;
  select: (path: IndicatorPath | null) => void;
  /** Applies an edit to the definition (drafts only). */
  change: (update: (definition: Framework) => Framework) => void;
  /** PUT the definition; true when saved. */
  save: () => Promise<boolean>;
  reload: () => Promise<void>;
}

/** Loads one framework version and keeps its edits, selection and live validation. */
export function useFrameworkEditor(id: string): FrameworkEditor {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const can = usePermission();
  const [view, setView] = useState<FrameworkView | null>(null);
  const [definition, setDefinition] = useState<Framework | null>(null);
  const [isDirty, setIsDirty] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [selected, setSelected] = useState<IndicatorPath | null>(null);
  const isReadOnly = !view || view.status !== "draft" || !can(P.frameworkManage);

  const reload = useCallback(async () => {
    try {
      const loaded = await frameworksApi.get(id);
      setView(loaded);
      setDefinition(loaded.definition as Framework);
      setIsDirty(false);
      setSelected((current) => current ?? [0]);
    } catch (error) {
      showError(error);
    }
  }, [id, showError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const { validation, isValidating } = useLiveValidation(definition, isDirty, view?.validation ?? EMPTY_REPORT);

  const change = useCallback(
    (update: (current: Framework) => Framework) => {
      if (isReadOnly) return;
      setDefinition((current) => (current ? update(current) : current));
      setIsDirty(true);
    },
    [isReadOnly],
  );

  async function save(): Promise<boolean> {
    if (!view || !definition) return false;
    setIsSaving(true);
    try {
      const saved = await frameworksApi.update(view.id, definition);
      setView({ ...view, ...saved, definition });
      setIsDirty(false);
      void message.success(t("common.saved"));
      return true;
    } catch (error) {
      showError(error);
      return false;
    } finally {
      setIsSaving(false);
    }
  }

  return { view, definition, isDirty, isSaving, isReadOnly, validation, isValidating, selected, select: setSelected, change, save, reload };
}

/** The server's report for the loaded version, then POST /validate a moment after each edit. */
function useLiveValidation(definition: Framework | null, isDirty: boolean, loaded: ValidationReport) {
  const [report, setReport] = useState<ValidationReport | null>(null);
  const [isValidating, setIsValidating] = useState(false);
  const controller = useRef<AbortController | null>(null);

  // A reload brings the server's own report; edits since then are validated live.
  const [previousLoaded, setPreviousLoaded] = useState(loaded);
  if (loaded !== previousLoaded) {
    setPreviousLoaded(loaded);
    setReport(null);
  }

  useEffect(() => {
    if (!definition || !isDirty) return;
    const timer = setTimeout(() => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setIsValidating(true);
      frameworksApi
        .validate(definition, current.signal)
        .then((next) => setReport(next))
        .catch(() => {
          // Aborted by a newer edit, or offline: keep the last report.
        })
        .finally(() => {
          if (controller.current === current) setIsValidating(false);
        });
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [definition, isDirty]);

  return { validation: report ?? loaded, isValidating };
}
