import http from 'node:http';

/** The bench's own keep-alive agent (the server's Meilisearch client has another one: they must not share sockets). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

/** Status and parsed body of one request. */
export interface JsonResponse<T> {
  status: number;
  body: T;
}

/**
 * POSTs JSON over `node:http` with a keep-alive agent: the same transport the server uses towards Meilisearch, so the
 * GraphQL and direct-Meilisearch latencies are measured alike.
 */
export function postJson<T = unknown>(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T });
          } catch (e) {
            reject(e as Error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A GraphQL answer. */
export interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs one GraphQL operation with `key`; throws on a non-200 status or any GraphQL error. */
export async function graphql<T = Record<string, unknown>>(url: string, key: string, query: string, variables?: unknown): Promise<T> {
  const res = await postJson<GraphQLBody<T>>(url, { query, variables }, { authorization: `Bearer ${key}` });
  if (res.status !== 200 || res.body.errors?.length) {
    throw new Error(`GraphQL HTTP ${res.status}: ${res.body.errors?.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
  }
  return res.body.data!;
}
