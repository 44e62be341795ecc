import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../src/app/services';
import type { RequestContext } from '../src/core/context/request-context';
import { FeedbackKind } from '../src/modules/feedback/feedback.entity';
import { EnhancementStatus } from '../src/modules/enhancements/enhancement.entity';
import { importArticlesFolder } from '../src/modules/articles/article-import';
import { ArticleStatus } from '../src/modules/articles/article.entity';
import { seedHelpEvents } from './help-events';

const DAY = 86_400_000;
const here = (file: string) => path.join(__dirname, file);

interface CatalogSeed {
  features: { key: string; name: string; parent?: string }[];
  milestones: { key: string; name: string }[];
}

interface FeedbackSeed {
  externalId: string;
  kind: keyof typeof FeedbackKind;
  text: string;
  daysAgo: number;
  account: string;
  user: string;
  source: string;
  rating?: number;
  effortScore?: number;
  featureKey?: string;
  milestoneKey?: string;
}

interface EnhancementSeed {
  title: string;
  featureKey: string;
  createdDaysAgo: number;
  /** [status, days ago] in order. */
  history: [keyof typeof EnhancementStatus, number][];
  feedback: string[];
}

/** What the demo seed wrote. */
export interface DemoCounts {
  features: number;
  articles: number;
  feedback: number;
  enhancements: number;
  helpEvents: number;
}

/**
 * Fills a workspace with the demo product's content from `seeds/`: the feature catalogue and milestones, the help
 * articles (published and indexed), feedback, enhancements with their status histories, and four weeks of
 * help-center activity ending at `now`. All through the services an integration would use.
 */
export async function seedDemoContent(ctx: RequestContext, services: Services, flushIndex: () => Promise<unknown>, now = new Date()): Promise<DemoCounts> {
  const catalog = JSON.parse(fs.readFileSync(here('catalog.json'), 'utf8')) as CatalogSeed;
  const featureIds = new Map<string, string>();
  for (const f of catalog.features) {
    const created = await services.catalog.createFeature(ctx, f.key, f.name, f.parent ? featureIds.get(f.parent) : undefined);
    featureIds.set(f.key, created.id);
  }
  for (const m of catalog.milestones) await services.catalog.createMilestone(ctx, m.key, m.name);

  const articles = await importArticlesFolder(ctx, services, {
    folder: here('articles'),
    locale: 'en',
    status: ArticleStatus.PUBLISHED,
  });
  await flushIndex();

  const feedbackSeeds = fs
    .readFileSync(here('feedback.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as FeedbackSeed);
  const results = await services.feedback.submitBatch(
    ctx,
    feedbackSeeds.map((f) => ({
      kind: FeedbackKind[f.kind],
      text: f.text,
      rating: f.rating ?? null,
      effortScore: f.effortScore ?? null,
      source: f.source,
      externalId: f.externalId,
      externalAccountId: f.account,
      externalUserId: f.user,
      occurredAt: new Date(now.getTime() - f.daysAgo * DAY),
      featureKey: f.featureKey ?? null,
      milestoneKey: f.milestoneKey ?? null,
    })),
  );
  const feedbackIds = new Map<string, string>();
  results.forEach((r, i) => {
    if (!r.feedback) throw new Error(`demo feedback ${feedbackSeeds[i].externalId} was refused: ${r.error?.message}`);
    feedbackIds.set(feedbackSeeds[i].externalId, r.feedback.id);
  });

  const enhancementSeeds = JSON.parse(fs.readFileSync(here('enhancements.json'), 'utf8')) as EnhancementSeed[];
  for (const e of enhancementSeeds) {
    const created = await services.enhancements.create(ctx, {
      title: e.title,
      featureId: featureIds.get(e.featureKey),
      at: new Date(now.getTime() - e.createdDaysAgo * DAY),
      actor: 'demo seed',
    });
    await services.enhancements.linkFeedback(ctx, created.id, e.feedback.map((x) => feedbackIds.get(x)!));
    for (const [status, daysAgo] of e.history) {
      await services.enhancements.setStatus(ctx, created.id, EnhancementStatus[status], {
        at: new Date(now.getTime() - daysAgo * DAY),
        actor: 'demo seed',
      });
    }
  }

  const helpEvents = await seedHelpEvents(services, ctx.principal!.workspaceId, now);
  return {
    features: featureIds.size,
    articles: articles.created + articles.updated + articles.unchanged,
    feedback: feedbackIds.size,
    enhancements: enhancementSeeds.length,
    helpEvents,
  };
}
