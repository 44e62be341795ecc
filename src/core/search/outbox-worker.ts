import { logger } from '../logging/logger';
import { OutboxItem, SearchOutboxStore } from './outbox';

/** Applies a batch of outbox items to the search index; throws when the index could not take them. */
export type OutboxHandler = (items: OutboxItem[]) => Promise<void>;

/**
 * Drains the search outbox in the background: claims a batch, hands it to the handler, acknowledges it, repeats;
 * sleeps when there is nothing to do. `flush()` drains everything due now (used at shutdown and by tests).
 */
export class OutboxWorker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly store: SearchOutboxStore,
    private readonly handler: OutboxHandler,
    private readonly idleMs = 250,
    private readonly batchSize = 200,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Wakes the worker now (after a write) instead of at the next idle tick. */
  poke(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  /** Processes due rows until none are left; returns how many were applied. */
  async flush(): Promise<number> {
    while (this.running) await this.running;
    let applied = 0;
    for (;;) {
      const n = await this.runOnce();
      if (n <= 0) return applied;
      applied += n;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await this.running;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    const n = await this.runOnce();
    if (!this.stopped) this.schedule(n > 0 ? 0 : this.idleMs);
  }

  /** One batch: the number applied, 0 when idle, -1 when the batch failed and was put back. */
  private runOnce(): Promise<number> {
    const run = (async () => {
      let items: OutboxItem[] = [];
      try {
        items = await this.store.claim(this.batchSize);
        if (items.length === 0) return 0;
        await this.handler(items);
        await this.store.ack(items.map((i) => i.id));
        return items.length;
      } catch (err) {
        logger.warn({ err: (err as Error).message, items: items.length }, 'search outbox batch failed; will retry');
        if (items.length) await this.store.retryLater(items, (err as Error).message).catch(() => undefined);
        return -1;
      }
    })();
    this.running = run.then(() => undefined);
    return run.finally(() => {
      this.running = undefined;
    });
  }
}
