import http from 'node:http';
import https from 'node:https';

/** An error answered by Meilisearch (non-2xx), or a transport failure (status 0). */
export class MeiliHttpError extends Error {
  override name = 'MeiliHttpError';
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * The HTTP function handed to the `meilisearch` client. Node 20's global `fetch` adds about 45 ms per search on
 * loopback (measured, see DESIGN.md); `node:http` with a keep-alive agent does not. Resolves to the parsed JSON body
 * and throws {@link MeiliHttpError} on a non-2xx answer.
 */
export function meiliHttpClient(input: string | URL | Request, init?: RequestInit): Promise<unknown> {
  const url = input instanceof URL ? input : new URL(typeof input === 'string' ? input : input.url);
  const headers = plainHeaders(init?.headers);
  const body = typeof init?.body === 'string' ? init.body : undefined;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: init?.method ?? 'GET',
        headers,
        agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new MeiliHttpError(e.message, 0)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            parsed = text;
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(parsed);
          const p = parsed as { message?: string; code?: string } | undefined;
          reject(new MeiliHttpError(p?.message ?? `Meilisearch answered ${status}`, status, p?.code));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('Meilisearch request timed out')));
    req.on('error', (e) => reject(new MeiliHttpError(e.message, 0)));
    const signal = init?.signal;
    if (signal) {
      const onAbort = () => req.destroy(new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      req.once('close', () => signal.removeEventListener('abort', onAbort));
    }
    req.end(body);
  });
}

/**
 * The request headers as a plain object. The `meilisearch` client hands over a `Headers` instance (read directly) or
 * a plain object (copied); copying through `new Headers(...)` for every search cost measurable CPU on the search path.
 */
function plainHeaders(h: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (h instanceof Headers) {
    h.forEach((value, key) => (out[key] = value));
  } else if (Array.isArray(h)) {
    for (const [key, value] of h) out[key.toLowerCase()] = value;
  } else {
    for (const key of Object.keys(h)) out[key.toLowerCase()] = (h as Record<string, string>)[key];
  }
  return out;
}
