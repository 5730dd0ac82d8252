/**
 * The kinds of bad input the matrix sends, each built from a route's valid
 * request (the authorization matrix's) by breaking one thing.
 */
import type { RegisteredRoute } from "../../platform/http/types.ts";
import type { Req } from "../matrix/types.ts";
import { objectKeys } from "./schema-walk.ts";

export const BAD_INPUT_KINDS = {
  json: "a body that is not JSON",
  "unknown-field": "a field the route does not know, beside valid ones and alone",
  "wrong-type": "each top-level field with a value of the wrong type",
  "long-string": "each text field (up to four) 100 000 characters long",
  "bad-utf8": "bytes that are not UTF-8 inside a text field",
  "lone-surrogate": "a lone UTF-16 surrogate (\\ud800) inside a text field",
  multipart: "an upload without boundary, with a wrong one, cut off, empty, or not multipart",
  params: "each path parameter with a NUL character and over-long",
  query: "each query parameter over-long and repeated",
} as const;
export type BadInputKind = keyof typeof BAD_INPUT_KINDS;

/** A bad request and where its error must point (a prefix of one detail's path). */
export interface Variant {
  label: string;
  req: Req;
  where: (string | number)[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const UNKNOWN = "bogus_field";

export const isUpload = (req: Req) => (req.headers?.["content-type"] ?? "").startsWith("multipart/");
const jsonBody = (req: Req): Json | undefined => (isUpload(req) ? undefined : (req.payload as Json | undefined));

/** The kinds that fit a route, from its schemas and its valid request. */
export function kindsFor(route: RegisteredRoute, valid: Req): BadInputKind[] {
  const kinds: BadInputKind[] = [];
  if (WRITES.has(route.method)) kinds.push("json", "unknown-field");
  const body = jsonBody(valid);
  if (body && typeof body === "object" && !Array.isArray(body) && Object.keys(body).length) kinds.push("wrong-type");
  if (body !== undefined && stringLeaves(body).length) kinds.push("long-string");
  if (WRITES.has(route.method) && !isUpload(valid)) kinds.push("bad-utf8", "lone-surrogate");
  if (isUpload(valid)) kinds.push("multipart");
  if (route.url.includes("/:")) kinds.push("params");
  if (objectKeys(route.schema.querystring).length) kinds.push("query");
  return kinds;
}

/** Paths to the string values of a JSON value, depth first. */
function stringLeaves(value: Json, at: Path = []): Path[] {
  if (typeof value === "string") return [at];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, [...at, index]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...at, key]));
  return [];
}

function setAt(value: Json, path: Path, replacement: Json): Json {
  if (!path.length) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  copy[head!] = setAt(copy[head!]!, rest, replacement);
  return copy as Json;
}

const asJson = (req: Req, payload: string | Buffer): Req => ({
  method: req.method,
  url: req.url,
  payload,
  headers: { "content-type": "application/json" },
});

function wrongTypeOf(value: Json): Json {
  if (typeof value === "string") return 12345;
  if (typeof value === "number") return "不是数字";
  if (typeof value === "boolean") return "是";
  if (Array.isArray(value)) return "不是列表";
  return value === null ? 12345 : "不是对象";
}

/** Where text goes bad: the first text field of the body, or a new one when it has none. */
function textTarget(body: Json | undefined): { body: Json; path: Path } {
  const base: Json = body && typeof body === "object" && !Array.isArray(body) ? body : {};
  const [first] = stringLeaves(base);
  return first ? { body: base, path: first } : { body: { ...base, note: "说明" }, path: ["note"] };
}

function multipartVariants(valid: Req): Variant[] {
  const payload = valid.payload as Buffer;
  const type = valid.headers!["content-type"]!;
  const boundary = type.split("boundary=")[1]!;
  const with_ = (label: string, body: Buffer | string, contentType: string): Variant => ({
    label,
    req: { method: valid.method, url: valid.url, payload: body, headers: { "content-type": contentType } },
    where: ["body"],
  });
  return [
    with_("multipart without boundary", payload, "multipart/form-data"),
    with_("multipart with a wrong boundary", payload, "multipart/form-data; boundary=not-the-boundary"),
    with_("multipart cut off", payload.subarray(0, Math.floor(payload.length * 0.6)), type),
    with_("multipart with no part", `--${boundary}--\r\n`, type),
    with_("JSON instead of multipart", "{}", "application/json"),
  ];
}

/** A multipart body with one more text field, put before the first part. */
function withExtraField(valid: Req): Req {
  const type = valid.headers!["content-type"]!;
  const boundary = type.split("boundary=")[1]!;
  const field = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${UNKNOWN}"\r\n\r\nx\r\n`);
  return { ...valid, payload: Buffer.concat([field, valid.payload as Buffer]) };
}

function paramVariants(route: RegisteredRoute, valid: Req): Variant[] {
  const routeSegments = route.url.split("/");
  const [path, query] = valid.url.split("?");
  const segments = path!.split("/");
  return routeSegments.flatMap((segment, index) => {
    if (!segment.startsWith(":")) return [];
    const name = segment.slice(1);
    const url = (value: string) => {
      const copy = [...segments];
      copy[index] = value;
      return `${copy.join("/")}${query ? `?${query}` : ""}`;
    };
    return [
      { label: `param ${name} with a NUL`, req: { ...valid, url: url("a%00b") }, where: ["params", name] },
      { label: `param ${name} over-long`, req: { ...valid, url: url("x".repeat(90)) }, where: ["params", name] },
    ];
  });
}

function queryVariants(route: RegisteredRoute, valid: Req): Variant[] {
  const [path, query] = valid.url.split("?");
  return objectKeys(route.schema.querystring).flatMap((key) => {
    const url = (add: string) => {
      const params = new URLSearchParams(query ?? "");
      params.delete(key);
      return `${path}?${params.toString()}${params.size ? "&" : ""}${add}`;
    };
    return [
      { label: `query ${key} over-long`, req: { ...valid, url: url(`${key}=${"x".repeat(5000)}`) }, where: ["querystring", key] },
      { label: `query ${key} repeated`, req: { ...valid, url: url(`${key}=1&${key}=2`) }, where: ["querystring", key] },
    ];
  });
}

/** Every bad request of `kind` for a route, from its valid request. */
export function variantsOf(kind: BadInputKind, route: RegisteredRoute, valid: Req): Variant[] {
  const body = jsonBody(valid);
  switch (kind) {
    case "json":
      return [{ label: "not JSON", req: asJson(valid, '{"name": "未闭合'), where: ["body"] }];
    case "unknown-field": {
      const alone: Variant = {
        label: "only an unknown field",
        req: asJson(valid, JSON.stringify({ [UNKNOWN]: 1 })),
        where: ["body", UNKNOWN],
      };
      if (isUpload(valid)) return [{ label: "an unknown form field", req: withExtraField(valid), where: ["body", UNKNOWN] }, alone];
      const beside = body && typeof body === "object" && !Array.isArray(body) ? body : {};
      return [
        {
          label: "an unknown field beside valid ones",
          req: asJson(valid, JSON.stringify({ ...beside, [UNKNOWN]: 1 })),
          where: ["body", UNKNOWN],
        },
        alone,
      ];
    }
    case "wrong-type":
      return Object.entries(body as Record<string, Json>).map(([key, value]) => ({
        label: `${key} of the wrong type`,
        req: asJson(valid, JSON.stringify({ ...(body as object), [key]: wrongTypeOf(value) })),
        where: ["body", key],
      }));
    case "long-string":
      return stringLeaves(body!)
        .slice(0, 4)
        .map((path) => ({
          label: `${path.join(".")} over-long`,
          req: asJson(valid, JSON.stringify(setAt(body!, path, "长".repeat(100_000)))),
          where: ["body", ...path],
        }));
    case "bad-utf8": {
      const target = textTarget(body);
      const marker = "@@NOT-UTF8@@";
      const text = JSON.stringify(setAt(target.body, target.path, `前${marker}后`));
      const [before, after] = text.split(marker);
      const payload = Buffer.concat([Buffer.from(before!), Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from(after!)]);
      return [{ label: `${target.path.join(".")} not UTF-8`, req: asJson(valid, payload), where: ["body", ...target.path] }];
    }
    case "lone-surrogate": {
      const target = textTarget(body);
      const payload = JSON.stringify(setAt(target.body, target.path, "前\ud800后"));
      return [{ label: `${target.path.join(".")} with a lone surrogate`, req: asJson(valid, payload), where: ["body", ...target.path] }];
    }
    case "multipart":
      return multipartVariants(valid);
    case "params":
      return paramVariants(route, valid);
    case "query":
      return queryVariants(route, valid);
  }
}
