/** Anything the `meilisearch` client returns for an enqueued task. */
export interface Enqueued {
  waitTask(opts: { timeout: number; interval?: number }): Promise<{ status: string; error?: { message: string } | null }>;
}

/**
 * Waits until Meilisearch has applied a task and throws a readable error unless it succeeded or `timeoutMs` passed.
 * The deadline is kept here rather than by the client: the client's own task timeout leaves one abort listener behind
 * per poll (meilisearch-js 0.56), which floods the log with MaxListenersExceededWarning on long tasks.
 */
export async function waitApplied(enqueued: Enqueued, what: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Meilisearch ${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const task = await Promise.race([enqueued.waitTask({ timeout: 0, interval: 50 }), deadline]);
    if (task.status !== 'succeeded') throw new Error(`Meilisearch ${what} failed: ${task.error?.message ?? task.status}`);
  } finally {
    clearTimeout(timer);
  }
}
