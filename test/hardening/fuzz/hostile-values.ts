import { Prng } from './prng';

/** Introspected type reference (`kind`, `name`, `ofType`). */
export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

/** What the generator knows about the schema's input types and the ids of another workspace. */
export interface ValueContext {
  inputFields: Map<string, { name: string; type: TypeRef }[]>;
  enumValues: Map<string, string[]>;
  foreignIds: string[];
  /** Well-typed mode: every value has the right GraphQL type (so resolvers run) and only its content is hostile. */
  typed?: boolean;
}

const VALID_DATES = ['2024-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2100-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z'];
const VALID_UUIDS = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff', '123e4567-e89b-12d3-a456-426614174000'];

export const HOSTILE_STRINGS = [
  '',
  ' ',
  '" OR workspaceId != "x',
  '\\" OR workspaceId EXISTS OR \\"',
  "' OR '1'='1",
  "'; DROP TABLE feedback; --",
  '1; SELECT pg_sleep(5)',
  ') UNION SELECT secret_hash FROM api_key --',
  '%',
  '_',
  '\\',
  '\u0000',
  '\ud800',
  '😀'.repeat(50),
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '${process.env}',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '2024-02-30T00:00:00Z',
  '2024-13-01',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '9999-12-31T23:59:59Z',
  'yesterday',
  'Mars/Olympus_Mons',
  'eyJpZCI6IjEnIE9SIDE9MSJ9',
  'Y3Vyc29y',
  'a'.repeat(10_000),
];

const NUMBERS = [0, -1, 1, 2, 7, 99, 100, 101, 1000, 1001, 2 ** 31, -(2 ** 31) - 1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER];

function unwrap(t: TypeRef): TypeRef {
  return t.kind === 'NON_NULL' ? unwrap(t.ofType!) : t;
}

/** Any JSON value at all, of a random kind (the "wrong type" case). */
export function wrongTypeValue(rng: Prng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 4 : 7)) {
    case 0:
      return rng.pick(HOSTILE_STRINGS);
    case 1:
      return rng.pick(NUMBERS);
    case 2:
      return rng.chance(0.5);
    case 3:
      return null;
    case 4:
      return Array.from({ length: rng.int(4) }, () => wrongTypeValue(rng, depth + 1));
    case 5:
      return { [rng.pick(['id', 'where', '__proto__', 'constructor', 'x'])]: wrongTypeValue(rng, depth + 1) };
    default:
      return { nested: { deeper: { deepest: wrongTypeValue(rng, depth + 3) } } };
  }
}

/**
 * A value for `type` that is plausible in shape but hostile in content, or (sometimes) of the wrong type entirely:
 * huge strings, injection fragments, other workspaces' ids, invalid UUIDs and dates, out-of-range numbers,
 * lists over the batch limit, unknown input fields.
 */
export function hostileValue(rng: Prng, type: TypeRef, ctx: ValueContext, depth = 0): unknown {
  if (!ctx.typed && rng.chance(0.08)) return wrongTypeValue(rng);
  if (type.kind !== 'NON_NULL' && rng.chance(0.1)) return null;
  const t = unwrap(type);
  if (t.kind === 'LIST') {
    const n = depth === 0 && rng.chance(0.05) ? 1001 + rng.int(50) : rng.int(4);
    const item = hostileValue(rng, t.ofType!, ctx, depth + 1);
    // One generated item repeated keeps 1,001-item lists cheap to build.
    return Array.from({ length: n }, (_, i) => (i < 3 ? hostileValue(rng, t.ofType!, ctx, depth + 1) : item));
  }
  if (t.kind === 'ENUM') return ctx.typed || rng.chance(0.8) ? rng.pick(ctx.enumValues.get(t.name!) ?? ['X']) : rng.pick(HOSTILE_STRINGS);
  if (t.kind === 'INPUT_OBJECT') {
    const out: Record<string, unknown> = {};
    for (const f of ctx.inputFields.get(t.name!) ?? []) {
      if (f.type.kind === 'NON_NULL' || rng.chance(0.6)) out[f.name] = hostileValue(rng, f.type, ctx, depth + 1);
    }
    if (!ctx.typed && rng.chance(0.05)) out[rng.pick(['unknownField', 'workspaceId', '__typename'])] = rng.pick(HOSTILE_STRINGS);
    return out;
  }
  return scalarValue(rng, t.name!, ctx);
}

function scalarValue(rng: Prng, name: string, ctx: ValueContext): unknown {
  if (rng.chance(0.01) && (!ctx.typed || name === 'String')) return 'x'.repeat(1024 * 1024);
  switch (name) {
    case 'Int':
      return ctx.typed ? rng.pick(NUMBERS.filter((n) => Number.isInteger(n) && Math.abs(n) < 2 ** 31)) : rng.pick(NUMBERS);
    case 'Float':
      return rng.pick(NUMBERS);
    case 'Boolean':
      return rng.chance(0.5);
    case 'UUID':
      if (ctx.typed) return rng.chance(0.5) && ctx.foreignIds.length ? rng.pick(ctx.foreignIds) : rng.pick(VALID_UUIDS);
      return rng.chance(0.4) && ctx.foreignIds.length ? rng.pick(ctx.foreignIds) : rng.pick(HOSTILE_STRINGS);
    case 'ID':
      return rng.chance(0.4) && ctx.foreignIds.length ? rng.pick(ctx.foreignIds) : rng.pick(HOSTILE_STRINGS);
    case 'DateTimeISO':
    case 'DateTime':
      if (ctx.typed) return rng.pick(VALID_DATES);
      return rng.pick(['2024-01-01T00:00:00Z', '2100-01-01T00:00:00Z', ...HOSTILE_STRINGS.slice(26, 33), rng.pick(HOSTILE_STRINGS)]);
    case 'JSONObject':
    case 'JSON':
      return rng.chance(0.5) ? { big: 'y'.repeat(20_000) } : wrongTypeValue(rng);
    default:
      return rng.pick(HOSTILE_STRINGS);
  }
}
