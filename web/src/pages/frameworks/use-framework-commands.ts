import type { FrameworkSummary } from "@kaoping/core";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { frameworksApi } from "../../api/frameworks.ts";
import { useShowError } from "../../components/feedback.ts";

/** The editor's address of a framework version. */
export const frameworkPath = (id: string) => `/assess/frameworks/${id}`;

/**
 * The status commands shared by the list and the editor: each shows its outcome
 * and calls `onDone`; a new version or year opens the new draft in the editor.
 */
export function useFrameworkCommands(onDone: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();

  async function run<T>(action: () => Promise<T>, successKey: string): Promise<T | null> {
    try {
      const result = await action();
      void message.success(t(successKey));
      onDone();
      return result;
    } catch (error) {
      showError(error);
      return null;
    }
  }

  return {
    publish: (framework: FrameworkSummary) => run(() => frameworksApi.publish(framework.id), "framework.published"),
    archive: (framework: FrameworkSummary) => run(() => frameworksApi.archive(framework.id), "framework.archived"),
    remove: (framework: FrameworkSummary) => run(() => frameworksApi.remove(framework.id), "common.deleted"),
    exportXlsx: (framework: FrameworkSummary) => frameworksApi.exportXlsx(framework).catch(showError),
    /** 新版本 (no year) or 复制到新年度: the draft copy opens in the editor. */
    newVersion: async (framework: FrameworkSummary, year?: number) => {
      const created = await run(() => frameworksApi.newVersion(framework.id, year), "framework.versionCreated");
      if (created) navigate(frameworkPath(created.id));
      return created;
    },
  };
}
