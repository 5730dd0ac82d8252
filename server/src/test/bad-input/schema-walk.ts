/**
 * Reading zod schemas the way the bad-input matrix needs: where a write body
 * accepts unknown fields, and which keys a query string has.
 */
import type { z } from "zod";

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
};

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Wrappers that hold one schema: optional, nullable, default, readonly, catch … */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional", "success"]);

/**
 * Paths to the objects in `schema` that let unknown keys through (neither
 * `.strict()` nor a declared catchall). `depth` limits how far in: 0 is the
 * body itself.
 */
export function looseObjects(schema: unknown, depth = Number.POSITIVE_INFINITY, at = "body", seen = new Set<unknown>()): string[] {
  if (!schema || seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const inner = (child: unknown, where = at) => looseObjects(child, depth, where, seen);
  if (WRAPPERS.has(def.type)) return inner(def.innerType);
  switch (def.type) {
    case "object": {
      const loose = def.catchall === undefined ? [at] : [];
      if (depth <= 0) return loose;
      return [...loose, ...Object.entries(def.shape ?? {}).flatMap(([key, child]) => looseObjects(child, depth - 1, `${at}.${key}`, seen))];
    }
    case "array":
      return inner(def.element, `${at}[]`);
    case "union":
      return (def.options ?? []).flatMap((option) => inner(option));
    case "pipe":
      return inner(def.in);
    case "record":
      return inner(def.valueType, `${at}{}`);
    case "intersection":
      return [...inner(def.left), ...inner(def.right)];
    case "tuple":
      return (def.items ?? []).flatMap((item, index) => inner(item, `${at}[${index}]`));
    case "lazy":
      return inner(def.getter?.());
    default:
      return [];
  }
}

/** The keys of an object schema (through wrappers and pipes), or none. */
export function objectKeys(schema: unknown): string[] {
  if (!schema) return [];
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return objectKeys(def.innerType);
  if (def.type === "pipe") return objectKeys(def.in);
  return def.type === "object" ? Object.keys(def.shape ?? {}) : [];
}
