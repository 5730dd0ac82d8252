import type { ErrorDetail } from "@kaoping/core";
import { App, type FormInstance } from "antd";
import { useCallback } from "react";
import { ApiRequestError } from "../api/client.ts";

/** The parts of a request a detail's path may start with (the server names the query string `querystring`). */
const LOCATIONS = new Set(["body", "query", "querystring", "params", "headers"]);

/** A detail's field path without the request part it came from: `["body", "code"]` → `["code"]`. */
function fieldPath(path: (string | number)[] | undefined): (string | number)[] {
  if (!path?.length) return [];
  return LOCATIONS.has(String(path[0])) ? path.slice(1) : path;
}

/**
 * A detail as a user reads it, naming where once: `第 3 行：「受理时间」不能为空` for a file's row (the
 * column only when the message does not name it), `caseNo 不能超过 64 个字符` for a field. Null for a
 * detail meant for programs only (a path outside the request, such as a permission's code).
 */
function detailText(detail: ErrorDetail): string | null {
  if (detail.row !== undefined) {
    const column = detail.column && !detail.message.includes(detail.column) ? `「${detail.column}」` : "";
    return `第 ${detail.row} 行${column}：${detail.message}`;
  }
  if (!detail.path?.length) return detail.message;
  if (!LOCATIONS.has(String(detail.path[0]))) return null;
  const path = fieldPath(detail.path);
  const last = path[path.length - 1];
  return path.length && !detail.message.includes(`“${last}”`) ? `${path.join(".")} ${detail.message}` : detail.message;
}

/** Whether the message says a detail already: its text, and the row or field it is about. */
function alreadySaid(message: string, detail: ErrorDetail): boolean {
  // A refusal that names its field by its own message (a 409 on 有效期): the field's key would only repeat it in English.
  if (message === detail.message) return true;
  if (!message.includes(detail.message)) return false;
  if (detail.row !== undefined) return message.includes(`第 ${detail.row} 行`);
  const path = fieldPath(detail.path);
  return !path.length || message.includes(path.join("."));
}

/**
 * The text to show for a failed call: the server's message, then up to three details it does not
 * already say (the server's message names the first field or row already).
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiRequestError) {
    const shown = new Set<string>();
    const details: string[] = [];
    for (const detail of error.details ?? []) {
      if (details.length === 3) break;
      if (!detail.message || alreadySaid(error.message, detail)) continue;
      const text = detailText(detail);
      if (text && !shown.has(text)) {
        shown.add(text);
        details.push(text);
      }
    }
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
export function applyFieldErrors(form: FormInstance, error: unknown, aliases: Readonly<Record<string, string>> = {}): boolean {
  if (!(error instanceof ApiRequestError) || !error.details) return false;
  const known = new Set([...Object.keys(form.getFieldsValue() as object), ...Object.keys(form.getFieldsValue(true) as object)]);
  // A field the form shows under another name (validFrom and validTo in one date range).
  const aliased = (path: (string | number)[]) => (path.length && aliases[String(path[0])] ? [aliases[String(path[0])]!] : path);
  const fields = error.details
    .map((detail) => ({ name: aliased(fieldPath(detail.path)), errors: [detail.message] }))
    .filter((field) => field.name.length > 0 && known.has(String(field.name[0])));
  form.setFields(fields);
  return fields.length > 0;
}

/** Spreads a `data-testid` into props objects that are not JSX attributes (e.g. `okButtonProps`). */
export function testId(id: string): Record<string, string> {
  return { "data-testid": id };
}
