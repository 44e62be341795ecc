import { DataSource } from 'typeorm';
import { EaseOfUse, EaseOfUseArgs, EaseOfUseFigures } from './ease-of-use.types';
import { EASE_OF_USE_SQL, EFFORT_SCORES } from './ease-of-use.sql';
import { queryRows } from '../../core/db/query-rows';
import { RequestContext, workspaceOf } from '../../core/context/request-context';
import { checkPeriod } from '../../core/validation/period';

/** Lowest Customer Effort Score that counts as "easy". */
export const EASY_EFFORT_SCORE = 5;

interface GroupRow {
  grp: 'total' | 'feature' | 'milestone';
  feature_id: string | null;
  milestone_id: string | null;
  n: number;
  mean: number | null;
  easy: number;
  dist: number[];
}

/**
 * Computes ease of use (docs/metrics.md): over the EASE_OF_USE feedback with an effort score that occurred in
 * [from, to), the response count, mean Customer Effort Score, share of scores >= 5 and the count per score, overall,
 * per feature and per milestone. Aggregation happens in SQL, confined to the caller's workspace.
 */
export class EaseOfUseService {
  constructor(private readonly dataSource: DataSource) {}

  /** Ease of use over [from, to); BAD_USER_INPUT unless from < to. */
  async easeOfUse(ctx: RequestContext, args: EaseOfUseArgs): Promise<EaseOfUse> {
    const workspaceId = workspaceOf(ctx);
    checkPeriod(args.from, args.to);
    const f = args.filter ?? {};
    const rows = await queryRows<GroupRow>(this.dataSource, EASE_OF_USE_SQL, [
      workspaceId,
      args.from.toISOString(),
      args.to.toISOString(),
      f.featureId ?? null,
      f.milestoneId ?? null,
      f.source?.trim().toLowerCase() || null,
      EASY_EFFORT_SCORE,
    ]);
    return {
      from: args.from,
      to: args.to,
      ...figures(rows.find((r) => r.grp === 'total')!),
      byFeature: rows.filter((r) => r.grp === 'feature').map((r) => ({ featureId: r.feature_id, ...figures(r) })),
      byMilestone: rows.filter((r) => r.grp === 'milestone').map((r) => ({ milestoneId: r.milestone_id, ...figures(r) })),
    };
  }
}

/** The figures of one group row; mean and share null when it has no responses. */
function figures(r: GroupRow): EaseOfUseFigures {
  const responses = Number(r.n);
  const easy = Number(r.easy);
  return {
    responses,
    meanEffortScore: responses === 0 || r.mean == null ? null : Number(r.mean),
    easyResponses: easy,
    easyShare: responses === 0 ? null : easy / responses,
    distribution: EFFORT_SCORES.map((score, i) => ({ score, count: Number(r.dist?.[i] ?? 0) })),
  };
}
