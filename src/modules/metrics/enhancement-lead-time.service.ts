import { DataSource } from 'typeorm';
import { EnhancementDurationStats, EnhancementLeadTimeReport } from './enhancement-lead-time.types';
import { LEAD_TIME_REPORT_SQL } from './enhancement-lead-time.sql';
import { queryRows } from '../../core/db/query-rows';
import { RequestContext, workspaceOf } from '../../core/context/request-context';
import { checkPeriod } from '../../core/validation/period';

type StatsRow = Record<string, number | null>;
/** A row of LEAD_TIME_REPORT_SQL: 'shipped' rows (total, then per feature) and one 'open' row. */
type ReportRow = StatsRow & {
  kind: 'shipped' | 'open';
  is_total: boolean | null;
  feature_id: string | null;
  delivered: number | null;
  demand: number | null;
};

/**
 * Computes the enhancement lead-time report in one SQL statement (see `enhancement-lead-time.sql.ts` and docs/enhancements.md):
 * lead and cycle time of enhancements shipped in [from, to), overall and per feature, the age of those still
 * open, and the delivered-demand ratio. Confined to the caller's workspace.
 */
export class EnhancementLeadTimeService {
  constructor(private readonly dataSource: DataSource) {}

  /** The report for [from, to), optionally for one feature. */
  async report(ctx: RequestContext, from: Date, to: Date, featureId?: string | null): Promise<EnhancementLeadTimeReport> {
    checkPeriod(from, to);
    const params = [workspaceOf(ctx), from, to, featureId ?? null];
    const rows = await queryRows<ReportRow>(this.dataSource, LEAD_TIME_REPORT_SQL, params);
    const shipped = rows.filter((r) => r.kind === 'shipped');
    const open = rows.find((r) => r.kind === 'open')!;
    const total = shipped.find((r) => r.is_total)!;
    const delivered = Number(open.delivered ?? 0);
    const demand = Number(open.demand ?? 0);
    return {
      from,
      to,
      lead: statsOf(total, 'lead'),
      cycle: statsOf(total, 'cycle'),
      byFeature: shipped
        .filter((r) => !r.is_total)
        .map((r) => ({ featureId: r.feature_id, lead: statsOf(r, 'lead'), cycle: statsOf(r, 'cycle') })),
      openAge: statsOf(open, 'age'),
      deliveredFeedback: delivered,
      demandFeedback: demand,
      deliveredDemandRatio: demand === 0 ? null : delivered / demand,
    };
  }
}

/** Reads `<prefix>_count/_mean/_p50/_p90`; an empty set reports count 0 and null figures. */
function statsOf(row: StatsRow, prefix: string): EnhancementDurationStats {
  const count = Number(row[`${prefix}_count`] ?? 0);
  const num = (k: string) => (count === 0 || row[`${prefix}_${k}`] == null ? null : Number(row[`${prefix}_${k}`]));
  return { count, mean: num('mean'), p50: num('p50'), p90: num('p90') };
}
