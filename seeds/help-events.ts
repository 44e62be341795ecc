import crypto from 'node:crypto';
import type { Services } from '../src/app/services';
import { HelpEvent, HelpEventType } from '../src/modules/help-events/help-event.entity';
import { pick, seededRandom } from './random';
import { normalizeQuery } from '../src/modules/help-events/normalize-query';

/** What visitors of the demo help center type, with how often (weight). Some match nothing on purpose. */
const QUERIES: [string, number][] = [
  ['import trello', 8],
  ['csv import', 5],
  ['invoice', 7],
  ['vat number', 3],
  ['slack notifications', 6],
  ['automation rule not running', 5],
  ['reset password', 6],
  ['sso okta', 3],
  ['timeline dependencies', 4],
  ['offline android', 3],
  ['export data', 3],
  ['quiet hours', 2],
  ['jira import', 4],
  ['gantt chart', 2],
  ['api rate limit', 3],
  ['delete workspace', 2],
  ['two factor authentication', 3],
];
const CHANNELS: [string, number][] = [
  ['portal', 6],
  ['in_app', 3],
  ['bot', 1],
];

function weighted<T>(rand: () => number, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

/**
 * Writes `days` days of help-center activity before `until` for the workspace: sessions that search (sometimes
 * typing as-you-go), click results, read, vote, and sometimes contact support. Hits come from the real search
 * index, so the figures agree with what search returns. Deterministic for a given index and `until`.
 */
export async function seedHelpEvents(services: Services, workspaceId: string, until: Date, days = 28): Promise<number> {
  const rand = seededRandom(20261203);
  const hitsByQuery = new Map<string, string[]>();
  const hitsFor = async (q: string) => {
    if (!hitsByQuery.has(q)) {
      const res = await services.search.search({ workspaceId, query: q, offset: 0, limit: 10 });
      hitsByQuery.set(q, res.hits.map((h) => h.id));
    }
    return hitsByQuery.get(q)!;
  };
  const rows: Partial<HelpEvent>[] = [];
  const start = until.getTime() - days * 86_400_000;
  const sessions = days * 18;
  for (let s = 0; s < sessions; s++) {
    const sessionId = `demo-${s}`;
    const channel = weighted(rand, CHANNELS);
    let t = start + rand() * (until.getTime() - start - 3_600_000);
    const at = () => new Date(t);
    const query = weighted(rand, QUERIES);
    const hits = await hitsFor(query);
    if (rand() < 0.3 && query.length > 6) {
      const prefix = query.slice(0, Math.ceil(query.length / 2));
      rows.push(search(workspaceId, sessionId, channel, at(), prefix, await hitsFor(prefix)));
      t += 4000;
    }
    const searchEvent = search(workspaceId, sessionId, channel, at(), query, hits);
    rows.push(searchEvent);
    t += 5000 + rand() * 20_000;
    const clicks = hits.length > 0 && rand() < 0.7;
    let helped = false;
    if (clicks) {
      const position = rand() < 0.7 ? 1 : Math.min(hits.length, 2 + Math.floor(rand() * 3));
      const articleId = hits[position - 1];
      rows.push({ ...base(workspaceId, sessionId, channel, at(), HelpEventType.SEARCH_CLICK), searchId: searchEvent.id, articleId, position });
      t += 1000;
      rows.push({ ...base(workspaceId, sessionId, channel, at(), HelpEventType.ARTICLE_VIEW), searchId: searchEvent.id, articleId });
      t += 30_000 + rand() * 120_000;
      if (rand() < 0.45) {
        helped = rand() < 0.7;
        rows.push({
          ...base(workspaceId, sessionId, channel, at(), HelpEventType.ARTICLE_VOTE),
          articleId,
          searchId: searchEvent.id,
          helpful: helped,
          reason: helped ? null : pick(rand, ['outdated', 'did not answer my question', 'too complicated']),
        });
      }
    }
    const contactChance = hits.length === 0 ? 0.5 : clicks ? (helped ? 0.02 : 0.15) : 0.3;
    if (rand() < contactChance) {
      t += 60_000 + rand() * 20 * 60_000;
      rows.push(base(workspaceId, sessionId, channel, at(), HelpEventType.SUPPORT_CONTACT));
    }
  }
  const repo = services.dataSource.getRepository(HelpEvent);
  for (let i = 0; i < rows.length; i += 500) await repo.insert(rows.slice(i, i + 500));
  return rows.length;
}

function base(workspaceId: string, sessionId: string, channel: string, occurredAt: Date, type: HelpEventType) {
  return { id: crypto.randomUUID(), workspaceId, sessionId, channel, occurredAt, type };
}

function search(workspaceId: string, sessionId: string, channel: string, at: Date, query: string, hits: string[]) {
  return {
    ...base(workspaceId, sessionId, channel, at, HelpEventType.SEARCH),
    query,
    normalizedQuery: normalizeQuery(query),
    locale: 'en',
    hitCount: hits.length,
    hitIds: hits,
  };
}
