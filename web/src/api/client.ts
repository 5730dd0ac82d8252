import type { ApiError, ErrorCode, ErrorDetail } from "@kaoping/core";

/** An API call that failed, carrying the server's `{code, message, details}` envelope. */
export class ApiRequestError extends Error implements ApiError {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];

  constructor(status: number, body: ApiError) {
    super(body.message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = body.code;
    if (body.details) this.details = body.details;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not treat a 401 as an expired session (login, the initial `me`). */
  isAuthProbe?: boolean;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;
let lastActivityAt = Date.now();

/** Keeps the CSRF token in memory only; it comes from login and `me`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what happens when any call answers 401 (the session expired). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** When this tab last talked to the server; the server's idle timer restarts on each call. */
export function getLastActivityAt(): number {
  return lastActivityAt;
}

/** Builds `/api/...?a=1` leaving out empty values. */
export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

async function send(method: string, path: string, options: RequestOptions, body?: BodyInit): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (!SAFE_METHODS.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  const init: RequestInit = { method, headers, credentials: "same-origin" };
  const payload = options.body !== undefined ? JSON.stringify(options.body) : body;
  if (payload !== undefined) init.body = payload;
  if (options.signal) init.signal = options.signal;
  lastActivityAt = Date.now();
  const response = await fetch(buildUrl(path, options.query), init);
  if (!response.ok) throw await toError(response, options);
  return response;
}

async function toError(response: Response, options: RequestOptions): Promise<ApiRequestError> {
  let body: ApiError = { code: "INTERNAL", message: `HTTP ${response.status} ${response.statusText}` };
  try {
    const json = (await response.json()) as Partial<ApiError>;
    if (typeof json.message === "string") body = { ...body, ...json } as ApiError;
  } catch {
    // Not JSON (a proxy error page): keep the generic message.
  }
  if (response.status === 401 && !options.isAuthProbe) unauthorizedHandler?.();
  return new ApiRequestError(response.status, body);
}

/** One JSON call. Errors become `ApiRequestError`; 401 also triggers the expired-session handler. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", path, query ? { query } : {}),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>("POST", path, { body: body ?? {}, query }),
  put: <T>(path: string, body: unknown, query?: Query) => request<T>("PUT", path, { body, query }),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, { body }),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

/** Posts a multipart form (fields in the order appended: the server reads text fields before files). */
export async function uploadForm<T>(path: string, form: FormData, query?: Query): Promise<T> {
  const response = await send("POST", path, query ? { query } : {}, form);
  return (await response.json()) as T;
}

/** Uploads a file as multipart field `file`. */
export function upload<T>(path: string, file: File, query?: Query): Promise<T> {
  const form = new FormData();
  form.append("file", file, file.name);
  return uploadForm<T>(path, form, query);
}

/** Downloads an attachment (e.g. an .xlsx export) and saves it under the server's file name. */
export async function download(path: string, query?: Query, fallbackName = "download.xlsx"): Promise<void> {
  const response = await send("GET", path, query ? { query } : {});
  const blob = await response.blob();
  const name = fileNameFrom(response.headers.get("content-disposition")) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads `filename*=UTF-8''…` (Chinese names) or `filename="…"` from Content-Disposition. */
export function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      return encoded.trim();
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/.exec(disposition)?.[1]?.trim() ?? null;
}
