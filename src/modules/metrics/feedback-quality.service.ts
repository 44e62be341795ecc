import { DataSource } from 'typeorm';
import { FeedbackQuality, FeedbackQualityArgs, FeedbackQualityFeature } from './feedback-quality.types';
import { qualitySql } from './feedback-quality.sql';
import { ACTIONABLE_SCORE, QUALITY_WEIGHTS } from '../feedback/quality';
import { queryRows } from '../../core/db/query-rows';
import { RequestContext, workspaceOf } from '../../core/context/request-context';
import { checkPeriod } from '../../core/validation/period';

interface StatsRow {
  is_total: boolean;
  feature_id: string | null;
  n: number;
  mean: number | null;
  p50: number | null;
  actionable: number;
  /** Total row only: the ten histogram bars, the documented signals' counts and any other signal. */
  bars: number[] | null;
  signal_counts: number[] | null;
  other_signals: { name: string; n: number }[] | null;
}

const SIGNAL_NAMES = Object.keys(QUALITY_WEIGHTS);
const QUALITY_SQL = qualitySql(SIGNAL_NAMES);

/**
 * Computes the feedback quality aggregates (docs/metrics.md): count, mean and median of the stored 0-100 score,
 * a 10-bar histogram, the share of actionable items (score >= 60), how often each signal is present, and the same
 * figures per feature. Aggregation happens in SQL (one statement), confined to the caller's workspace.
 */
export class FeedbackQualityService {
  constructor(private readonly dataSource: DataSource) {}

  /** The quality aggregates over [from, to); BAD_USER_INPUT unless from < to. */
  async quality(ctx: RequestContext, args: FeedbackQualityArgs): Promise<FeedbackQuality> {
    const workspaceId = workspaceOf(ctx);
    checkPeriod(args.from, args.to);
    const f = args.filter ?? {};
    const params = [
      workspaceId,
      args.from.toISOString(),
      args.to.toISOString(),
      f.kind ?? null,
      f.featureId ?? null,
      f.milestoneId ?? null,
      f.source?.trim().toLowerCase() || null,
    ];
    const stats = await queryRows<StatsRow>(this.dataSource, QUALITY_SQL, [...params, ACTIONABLE_SCORE, SIGNAL_NAMES]);
    const totalRow = stats.find((r) => r.is_total)!;
    const signals = [
      ...SIGNAL_NAMES.map((name, i) => ({ name, n: Number(totalRow.signal_counts?.[i] ?? 0) })),
      ...(totalRow.other_signals ?? []),
    ];
    const total = figures(totalRow);
    return {
      from: args.from,
      to: args.to,
      count: total.count,
      mean: total.mean,
      p50: total.count === 0 || totalRow.p50 == null ? null : Number(totalRow.p50),
      actionableCount: total.actionableCount,
      actionableShare: total.actionableShare,
      histogram: (totalRow.bars ?? []).map((n, i) => ({ lower: i * 10, upper: i * 10 + 10, count: Number(n) })),
      signals: signals.map((s) => ({ name: s.name, count: s.n, share: ratio(s.n, total.count) })),
      byFeature: stats.filter((r) => !r.is_total).map((r) => ({ featureId: r.feature_id, ...figures(r) })),
    };
  }
}

/** `part / whole`, null when `whole` is 0. */
function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function figures(r: StatsRow): Omit<FeedbackQualityFeature, 'featureId'> & { actionableCount: number } {
  const count = Number(r.n);
  return {
    count,
    mean: count === 0 || r.mean == null ? null : Number(r.mean),
    actionableCount: Number(r.actionable),
    actionableShare: ratio(Number(r.actionable), count),
  };
}
