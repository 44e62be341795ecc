import { DataSource } from 'typeorm';
import { EnhancementDurationStats, EnhancementLeadTimeReport } from './enhancement-lead-time.types';
import { OPEN_AND_DEMAND_SQL, SHIPPED_STATS_SQL } from './enhancement-lead-time.sql';
import { queryRows } from '../../core/db/query-rows';
import { RequestContext, workspaceOf } from '../../core/context/request-context';
import { checkPeriod } from '../../core/validation/period';

type StatsRow = Record<string, number | null>;
type ShippedRow = StatsRow & { is_total: boolean; feature_id: string | null };
type OpenRow = StatsRow & { delivered: number; demand: number };

/**
 * Computes the enhancement lead-time report in SQL (see `enhancement-lead-time.sql.ts` and docs/enhancements.md):
 * lead and cycle time of enhancements shipped in [from, to), overall and per feature, the age of those still
 * open, and the delivered-demand ratio. Confined to the caller's workspace.
 */
export class EnhancementLeadTimeService {
  constructor(private readonly dataSource: DataSource) {}

  /** The report for [from, to), optionally for one feature. */
  async report(ctx: RequestContext, from: Date, to: Date, featureId?: string | null): Promise<EnhancementLeadTimeReport> {
    checkPeriod(from, to);
    const params = [workspaceOf(ctx), from, to, featureId ?? null];
    const shipped = await queryRows<ShippedRow>(this.dataSource, SHIPPED_STATS_SQL, params);
    const [open] = await queryRows<OpenRow>(this.dataSource, OPEN_AND_DEMAND_SQL, params);
    const total = shipped.find((r) => r.is_total)!;
    return {
      from,
      to,
      lead: statsOf(total, 'lead'),
      cycle: statsOf(total, 'cycle'),
      byFeature: shipped
        .filter((r) => !r.is_total)
        .map((r) => ({ featureId: r.feature_id, lead: statsOf(r, 'lead'), cycle: statsOf(r, 'cycle') })),
      openAge: statsOf(open, 'age'),
      deliveredFeedback: open.delivered,
      demandFeedback: open.demand,
      deliveredDemandRatio: open.demand === 0 ? null : open.delivered / open.demand,
    };
  }
}

/** Reads `<prefix>_count/_mean/_p50/_p90`; an empty set reports count 0 and null figures. */
function statsOf(row: StatsRow, prefix: string): EnhancementDurationStats {
  const count = Number(row[`${prefix}_count`] ?? 0);
  const num = (k: string) => (count === 0 || row[`${prefix}_${k}`] == null ? null : Number(row[`${prefix}_${k}`]));
  return { count, mean: num('mean'), p50: num('p50'), p90: num('p90') };
}
