import { App, type FormInstance } from "antd";
import { useCallback } from "react";
import { ApiRequestError } from "../api/client.ts";

const LOCATIONS = new Set(["body", "query", "params"]);

/** A detail's field path without the request part it came from: `["body", "code"]` → `["code"]`. */
function fieldPath(path: (string | number)[] | undefined): (string | number)[] {
  if (!path?.length) return [];
  return LOCATIONS.has(String(path[0])) ? path.slice(1) : path;
}

/** The text to show for a failed call: the server's message and its first details. */
export function errorText(error: unknown): string {
  if (error instanceof ApiRequestError) {
    const details = (error.details ?? []).slice(0, 3).map((detail) => {
      const path = fieldPath(detail.path);
      return path.length ? `${path.join(".")}: ${detail.message}` : detail.message;
    });
    return details.length ? `${error.message}（${details.join("；")}）` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Shows a failed call as a toast. A 401 is left alone: the app is already on its way to the login page. */
export function useShowError(): (error: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiRequestError && error.status === 401) return;
      void message.error(errorText(error));
    },
    [message],
  );
}

/** Puts a 400's field errors (`details[].path`) on the form fields they name; true when any matched. */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiRequestError) || !error.details) return false;
  const known = new Set([...Object.keys(form.getFieldsValue() as object), ...Object.keys(form.getFieldsValue(true) as object)]);
  const fields = error.details
    .map((detail) => ({ name: fieldPath(detail.path), errors: [detail.message] }))
    .filter((field) => field.name.length > 0 && known.has(String(field.name[0])));
  form.setFields(fields);
  return fields.length > 0;
}

/** Spreads a `data-testid` into props objects that are not JSX attributes (e.g. `okButtonProps`). */
export function testId(id: string): Record<string, string> {
  return { "data-testid": id };
}
