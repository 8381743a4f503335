// A plain predicate made once from a zod/mini schema, for the records of the state file: zod's
// safeParse cost 6-10 µs a record (most of a second of a start with 100,000), this under 2 µs.
// For data JSON.parse made, it answers what safeParse's `success` would (test/unit/record-check
// compares them); a schema with a part it does not know is left to safeParse whole.
import type * as z from 'zod/mini';

type Check = (value: unknown) => boolean;

/** The parts of a zod schema's definition read here (zod's own, not part of its typed API). */
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  innerType?: Schema;
  element?: Schema;
  items?: Schema[];
  rest?: Schema | null;
  keyType?: Schema;
  valueType?: Schema;
  options?: Schema[];
  discriminator?: string;
  entries?: Record<string, unknown>;
  values?: unknown[];
  checks?: Array<{ _zod: { def: { check?: string; minimum?: number } } }>;
}
interface Schema {
  _zod: { def: Def; optin?: string };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** What zod calls a plain object, for values JSON.parse made. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/** Thrown while compiling: a part of the schema this file does not check itself. */
class Unknown extends Error {}

function compile(schema: Schema): Check {
  const def = schema._zod.def;
  if (def.checks?.length && def.type !== 'array') throw new Unknown(def.type);
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'unknown':
      return () => true;
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => values.has(v);
    }
    case 'literal': {
      const values = new Set(def.values);
      return (v) => values.has(v);
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return (v) => v === null || inner(v);
    }
    case 'optional': {
      const inner = compile(def.innerType!);
      return (v) => v === undefined || inner(v);
    }
    case 'array':
      return arrayCheck(def);
    case 'tuple': {
      if (def.rest) throw new Unknown('tuple rest');
      const items = def.items!.map(compile);
      return (v) => Array.isArray(v) && v.length === items.length && items.every((item, i) => item(v[i]));
    }
    case 'record': {
      if (def.keyType!._zod.def.type !== 'string' || def.keyType!._zod.def.checks?.length) throw new Unknown('record key');
      const value = compile(def.valueType!);
      return (v) => isPlainObject(v) && Object.keys(v).every((key) => value(v[key]));
    }
    case 'object':
      return objectCheck(def);
    case 'union':
      return unionCheck(def);
    default:
      throw new Unknown(def.type);
  }
}

function arrayCheck(def: Def): Check {
  let minimum = 0;
  for (const check of def.checks ?? []) {
    const { check: kind, minimum: min } = check._zod.def;
    if (kind !== 'min_length' || typeof min !== 'number') throw new Unknown(`array check ${kind}`);
    minimum = Math.max(minimum, min);
  }
  const element = compile(def.element!);
  return (v) => Array.isArray(v) && v.length >= minimum && v.every(element);
}

function objectCheck(def: Def): Check {
  if (def.catchall) throw new Unknown('catchall');
  const keys = Object.keys(def.shape!);
  const checks = keys.map((key) => compile(def.shape![key]!));
  // An optional field may be absent; every other one must be there (and pass its check).
  const optional = keys.map((key) => def.shape![key]!._zod.optin === 'optional');
  return (v) => {
    if (!isObject(v)) return false;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (!(optional[i] && !(key in v)) && !checks[i]!(v[key])) return false;
    }
    return true;
  };
}

/** A discriminated union (the records' `kind`): the option its discriminator names. */
function unionCheck(def: Def): Check {
  const discriminator = def.discriminator;
  if (!discriminator) throw new Unknown('union without a discriminator');
  const byValue = new Map<unknown, Check>();
  for (const option of def.options!) {
    const field = option._zod.def.shape?.[discriminator]?._zod.def;
    if (field?.type !== 'literal' || !field.values) throw new Unknown('discriminator');
    const check = compile(option);
    for (const value of field.values) byValue.set(value, check);
  }
  return (v) => isObject(v) && (byValue.get(v[discriminator])?.(v) ?? false);
}

/** A check of values JSON.parse made that answers what `schema.safeParse(value).success` would. */
export function checkFor(schema: z.ZodMiniType): Check {
  try {
    return compile(schema as unknown as Schema);
  } catch (error) {
    if (!(error instanceof Unknown)) throw error;
    return (value) => schema.safeParse(value).success;
  }
}
