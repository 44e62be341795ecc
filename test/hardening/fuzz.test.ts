import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { Prng } from './fuzz/prng';
import { hostileValue, ValueContext } from './fuzz/hostile-values';
import { loadSchemaModel, RootField, SchemaModel, selectionOf, typeSyntax } from './fuzz/schema-operations';

const SEED = Number(process.env.FUZZ_SEED ?? 20240601);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2000);
const CONCURRENCY = 8;

/** One generated HTTP request. */
interface FuzzRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  search?: string;
  /** Strings the request carried, which error messages may legitimately echo. */
  echoes: string[];
  label: string;
}

const SQL = /\b(SELECT|INSERT INTO|DELETE FROM|UPDATE\s+"?\w+"?\s+SET|WHERE\s+\w+\s*=|relation "|syntax error at or near|violates .* constraint|duplicate key value|invalid input syntax for type|QueryFailedError|EntityNotFound)\b/;
const STACK = /\n\s+at\s|\bat .+\(.+:\d+:\d+\)|[\w.-]+\.(ts|js):\d+|node_modules|\/work\/|\/src\//;

function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.slice(0, 5).forEach((v) => stringsIn(v, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => (out.push(k), stringsIn(v, out)));
  return out;
}

function keyFor(rng: Prng, ws: TestWorkspace, other: TestWorkspace): Record<string, string> {
  const key = rng.pick([ws.keys.admin, ws.keys.admin, ws.keys.read, ws.keys.ingest, ws.keys.search, other.keys.admin, 'hs_bogus000_' + 'x'.repeat(30), 'garbage', '']);
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** A root field called with hostile variables (sometimes missing or unknown arguments). */
function variablesCall(rng: Prng, model: SchemaModel, field: RootField, ctx: ValueContext): { query: string; variables: Record<string, unknown> } {
  const defs: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  field.args.forEach((a, i) => {
    if (a.type.kind !== 'NON_NULL' && rng.chance(0.3)) return;
    if (rng.chance(0.03)) return; // a required argument left out
    defs.push(`$v${i}: ${typeSyntax(a.type)}`);
    args.push(`${a.name}: $v${i}`);
    variables[`v${i}`] = hostileValue(rng, a.type, ctx);
  });
  if (rng.chance(0.05)) args.push(`unknownArg: "x"`);
  const sel = selectionOf(model, field.type);
  const call = `${field.name}${args.length ? `(${args.join(', ')})` : ''} ${sel}`;
  return { query: `${field.operation} Fuzz${defs.length ? `(${defs.join(', ')})` : ''} { ${call} }`, variables };
}

/** A request that is broken at the HTTP, JSON or GraphQL-document level. */
function malformed(
  rng: Prng,
  model: SchemaModel,
  ctx: ValueContext,
): Omit<FuzzRequest, 'headers' | 'echoes'> & { headers?: Record<string, string>; echoes?: string[] } {
  const json = { 'content-type': 'application/json' };
  const field = rng.pick(model.roots);
  switch (rng.int(14)) {
    case 0:
      return { method: 'POST', headers: json, body: '{"query": "{ workspace { id } }"', label: 'truncated JSON' };
    case 1:
      return { method: 'POST', headers: json, body: '{"query": "{ articles(first: 1) { totalCount } }", "variables": {"n": NaN, "m": Infinity}}', label: 'NaN in JSON' };
    case 2:
      return { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ workspace { id } }', label: 'text/plain body' };
    case 3:
      return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B%20workspace%20%7B%20id%20%7D%20%7D', label: 'form body' };
    case 4:
      return { method: 'POST', headers: json, body: JSON.stringify(Array.from({ length: 11 + rng.int(100) }, () => ({ query: '{ workspace { id } }' }))), label: 'batch over the limit' };
    case 5:
      return { method: 'POST', headers: json, body: JSON.stringify({ query: rng.pick([42, null, {}, [], true]) }), label: 'query not a string' };
    case 6:
      return { method: 'POST', headers: json, body: JSON.stringify({ query: '{ workspace { id } }', variables: rng.pick(['x', 3, [1]]) }), label: 'variables not an object' };
    case 7:
      return { method: 'POST', headers: json, body: JSON.stringify({ query: '{ workspace { id } } query B { features { id } }', operationName: rng.pick(['Nope', 7, '']) }), label: 'bad operationName' };
    case 8: {
      const depth = 20 + rng.int(500);
      return { method: 'POST', headers: json, body: JSON.stringify({ query: `{ ${'workspace { '.repeat(depth)}id${' }'.repeat(depth)} }` }), label: `nested ${depth}` };
    }
    case 9:
      return { method: 'POST', headers: json, body: JSON.stringify({ query: `{ ${field.name} { unknownField nope { deeper } } }` }), label: 'unknown fields' };
    case 10:
      return { method: 'POST', headers: json, body: JSON.stringify({ query: rng.pick(['{', '}}}', 'query {', 'mutation', '{ ... }', 'subscription { x }', '\u0000', '#']) }), label: 'syntax error' };
    case 11: {
      const { query, variables } = variablesCall(rng, model, field, ctx);
      const search = new URLSearchParams({ query, variables: JSON.stringify(variables).slice(0, 4000) }).toString();
      return {
        method: 'GET',
        headers: { 'apollo-require-preflight': '1', accept: 'application/json' },
        search,
        echoes: stringsIn(variables),
        label: `GET ${field.name}`,
      };
    }
    case 12:
      return { method: 'POST', headers: json, body: JSON.stringify({ query: `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: workspace { id }`).join(' ')} }` }), label: 'too many aliases' };
    default:
      return { method: 'POST', headers: json, body: 'null', label: 'null body' };
  }
}

function generate(i: number, model: SchemaModel, ctx: ValueContext, ws: TestWorkspace, other: TestWorkspace): FuzzRequest {
  const rng = new Prng(SEED + i * 7919);
  const auth = keyFor(rng, ws, other);
  if (rng.chance(0.15)) {
    const m = malformed(rng, model, ctx);
    return { ...m, headers: { ...auth, ...(m.headers ?? {}) }, echoes: m.echoes ?? stringsIn(m.body ?? ''), label: `#${i} ${m.label}` };
  }
  const field = rng.pick(model.roots);
  const { query, variables } = variablesCall(rng, model, field, { ...ctx, typed: rng.chance(0.6) });
  const body = JSON.stringify({ query, variables });
  return { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body, echoes: stringsIn(variables), label: `#${i} ${field.operation} ${field.name}` };
}

/** What is wrong with a response, or undefined when it is an acceptable answer to a bad request. */
function judge(req: FuzzRequest, status: number, text: string): string | undefined {
  if (status >= 500) return `HTTP ${status}: ${text.slice(0, 300)}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `HTTP ${status} with a non-JSON body: ${text.slice(0, 200)}`;
  }
  const results = Array.isArray(body) ? body : [body];
  for (const r of results as { errors?: { message: string; extensions?: { code?: string } }[] }[]) {
    for (const e of r.errors ?? []) {
      const code = e.extensions?.code;
      if (!code) return `error without extensions.code: ${e.message.slice(0, 200)}`;
      if (code === 'INTERNAL_SERVER_ERROR') return `INTERNAL_SERVER_ERROR: ${e.message.slice(0, 200)}`;
      let message = e.message;
      for (const s of req.echoes) {
        if (s.length >= 3) message = message.split(s).join('').split(JSON.stringify(s).slice(1, -1)).join('');
      }
      if (SQL.test(message)) return `SQL in message: ${message.slice(0, 300)}`;
      if (STACK.test(message)) return `stack or path in message: ${message.slice(0, 300)}`;
    }
  }
  return undefined;
}

describe(`fuzz: ${REQUESTS} malformed and hostile requests against every query and mutation (seed ${SEED})`, () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000000', RATE_LIMIT_BURST: '10000000' });
    ws = await app.workspace();
    other = await app.workspace();
  });
  afterAll(() => app.stop());

  it('never answers 5xx, INTERNAL_SERVER_ERROR, an error without a code, or a message leaking SQL, stacks or paths', async () => {
    const model = await loadSchemaModel(app.url, ws.keys.admin);
    expect(model.roots.length).toBeGreaterThan(10);
    // Another workspace's real ids, to be used where ids are expected.
    const foreignIds = [other.id];
    const feature = await app.gql('mutation { createFeature(key: "fuzz-other", name: "Other") { id } }', {}, other.keys.admin);
    if (feature.data) foreignIds.push(feature.data.createFeature.id);
    const article = await app.gql('mutation { createArticle(input: { title: "Other", body: "x" }) { id } }', {}, other.keys.admin);
    if (article.data) foreignIds.push(article.data.createArticle.id);
    const ctx: ValueContext = { ...model, foreignIds };

    const failures: string[] = [];
    const covered = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        const i = next++;
        const req = generate(i, model, ctx, ws, other);
        covered.add(req.label.replace(/^#\d+ /, ''));
        const res = await fetch(`${app.url}${req.search ? `?${req.search}` : ''}`, { method: req.method, headers: req.headers, body: req.body });
        const text = await res.text();
        if (process.env.FUZZ_LOG) console.log(res.status, req.label, text.slice(0, 160));
        const problem = judge(req, res.status, text);
        if (problem) failures.push(`${req.label} (FUZZ_SEED=${SEED}): ${problem}\n  request: ${(req.body ?? req.search ?? '').slice(0, 400)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    for (const root of model.roots) expect(covered).toContain(`${root.operation} ${root.name}`);
    if (failures.length) throw new Error(`${failures.length} bad answers, first ones:\n${failures.slice(0, 8).join('\n')}`);
  });
});

