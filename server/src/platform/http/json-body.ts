import { randomUUID } from "node:crypto";
import type { ErrorDetail } from "@kaoping/core";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors.ts";

type JsonPath = (string | number)[];

/** At most this many places are named; a body full of bad text needs no longer list. */
const MAX_DETAILS = 20;

/**
 * Byte ranges of a buffer that are not UTF-8 (RFC 3629: no overlong forms, no
 * encoded surrogates, nothing above U+10FFFF), each the maximal bad subpart a
 * decoder would turn into one "�".
 */
export function invalidUtf8Ranges(bytes: Uint8Array): [number, number][] {
  const ranges: [number, number][] = [];
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    // The second byte's range is narrower after these leads (overlongs, surrogates, > U+10FFFF).
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    let j = 1;
    while (need && j <= need) {
      const next = bytes[i + j];
      if (next === undefined || next < (j === 1 ? low : 0x80) || next > (j === 1 ? high : 0xbf)) break;
      j++;
    }
    if (need && j > need) {
      i += need + 1;
      continue;
    }
    ranges.push([i, i + j]);
    i += j;
  }
  return ranges;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where in a parsed JSON value a string (or key) passes `test`, as paths.
 * Walked with a stack of its own: a body nested thousands deep is the
 * schema's to refuse (“嵌套过深”), not a reason to overflow this one.
 */
function pathsWhere(root: unknown, test: (text: string) => boolean): JsonPath[] {
  const found: JsonPath[] = [];
  const stack: [unknown, JsonPath][] = [[root, []]];
  while (stack.length && found.length < MAX_DETAILS) {
    const [value, at] = stack.pop()!;
    if (typeof value === "string") {
      if (test(value)) found.push(at);
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) stack.push([value[index], [...at, index]]);
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value).reverse()) {
        if (test(key)) found.push([...at, key]);
        else stack.push([item, [...at, key]]);
      }
    }
  }
  return found;
}

const refused = (message: string, paths: JsonPath[], detail: string): AppError => {
  const details: ErrorDetail[] = (paths.length ? paths : [[]]).map((path) => ({ path: ["body", ...path], message: detail }));
  return new AppError("VALIDATION", `${message}：${details[0]!.path!.join(".")}`, details);
};

/**
 * Names the fields holding bytes that are not UTF-8: each bad run is replaced
 * by a marker the body cannot contain, and the parsed body is searched for it.
 */
function invalidUtf8Error(body: Buffer, ranges: [number, number][]): AppError {
  const marker = `kp-not-utf8-${randomUUID()}`;
  const pieces: Buffer[] = [];
  let from = 0;
  for (const [start, end] of ranges) {
    pieces.push(body.subarray(from, start), Buffer.from(marker));
    from = end;
  }
  pieces.push(body.subarray(from));
  let paths: JsonPath[] = [];
  try {
    paths = pathsWhere(JSON.parse(Buffer.concat(pieces).toString("utf8")), (text) => text.includes(marker));
  } catch {
    // Bad bytes outside any string: the body as a whole is named.
  }
  return refused("请求含有非 UTF-8 编码的字节", paths, "含有非 UTF-8 编码的字节，请以 UTF-8 提交");
}

/**
 * The JSON body parser of every route: Fastify's own (with its prototype
 * poisoning guards), after refusing bytes that are not UTF-8 and followed by
 * refusing strings with a lone surrogate (“\ud800”) — both would otherwise be
 * stored as “�”, silently changing what the user sent.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request: FastifyRequest, body: Buffer | string, done) => {
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    const ranges = invalidUtf8Ranges(bytes);
    if (ranges.length) return done(invalidUtf8Error(bytes, ranges), undefined);
    parse(request, bytes.toString("utf8"), (error, value) => {
      if (error) return done(error, undefined);
      const lone = pathsWhere(value, (text) => LONE_SURROGATE.test(text));
      if (lone.length)
        return done(refused("请求含有无效的 Unicode 字符（孤立代理项）", lone, "含有孤立的 UTF-16 代理项（如 \\ud800）"), undefined);
      done(null, value);
    });
  });
}
