/**
 * Setup through the HTTP API, as a signed-in user: the session cookie and the
 * x-csrf-token the login answered with, on plain fetch. For arranging data a
 * story does not exercise in the browser, and for reading the numbers it asserts.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    where: string,
  ) {
    super(`${where} → ${status}: ${body.slice(0, 500)}`);
  }
}

export class ApiSession {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async login(baseUrl: string, username: string, password: string): Promise<ApiSession> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    const text = await res.text();
    if (!res.ok) throw new ApiError(res.status, text, `login ${username}`);
    const cookie = res.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    return new ApiSession(baseUrl, cookie, (JSON.parse(text) as { csrfToken: string }).csrfToken);
  }

  /** The raw answer (for bytes: PDFs, workbooks). */
  fetch(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== "GET") headers["x-csrf-token"] = this.csrfToken;
    if (body !== undefined) headers["content-type"] = "application/json";
    return fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /** JSON in, JSON out; anything but 2xx throws with the server's answer. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetch(method, path, body);
    const text = await res.text();
    if (!res.ok) throw new ApiError(res.status, text, `${method} ${path}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.json<T>("GET", path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.json<T>("POST", path, body);
  }
}

export interface Paged<T> {
  total: number;
  rows: T[];
}

/** The id of the unit with exactly this code. */
export async function unitIdByCode(api: ApiSession, code: string): Promise<string> {
  const page = await api.get<Paged<{ id: string; code: string }>>(`/api/units?q=${encodeURIComponent(code)}&page=1&pageSize=50`);
  const unit = page.rows.find((row) => row.code === code);
  if (!unit) throw new Error(`unit ${code} not found`);
  return unit.id;
}

export interface UserSpec {
  username: string;
  displayName: string;
  unitCode: string;
  roleCodes: string[];
  password: string;
}

/**
 * A user who can sign in with `password` straight away: created with a
 * temporary password (new users must change it), which the user then changes,
 * so the browser does not stop at the forced change-password dialog.
 */
export async function createUser(admin: ApiSession, spec: UserSpec): Promise<string> {
  const temporary = `Tmp-${spec.password}`;
  const unitId = await unitIdByCode(admin, spec.unitCode);
  const user = await admin.post<{ id: string }>("/api/users", {
    username: spec.username,
    displayName: spec.displayName,
    unitId,
    roleCodes: spec.roleCodes,
    password: temporary,
  });
  const own = await ApiSession.login(admin.baseUrl, spec.username, temporary);
  await own.post("/api/auth/password", { currentPassword: temporary, newPassword: spec.password });
  return user.id;
}

export interface FrameworkSummary {
  id: string;
  name: string;
  version: number;
  year: number;
}

/** A framework copied from a built-in template and published. */
export async function publishTemplate(admin: ApiSession, templateCode: string): Promise<FrameworkSummary> {
  const draft = await admin.post<FrameworkSummary>("/api/frameworks/from-template", { templateCode });
  return admin.post<FrameworkSummary>(`/api/frameworks/${draft.id}/publish`);
}

export interface ScoreRow {
  unitCode: string;
  total: string;
  rank: number | null;
}

/** The scoreboard's rows by unit code. */
export async function scoresByCode(api: ApiSession, campaignId: string): Promise<Map<string, ScoreRow>> {
  const board = await api.get<{ units: ScoreRow[] }>(`/api/campaigns/${campaignId}/scores`);
  return new Map(board.units.map((unit) => [unit.unitCode, unit]));
}
