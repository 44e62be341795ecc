/** Command-line options of `npm run bench` and the data volumes they imply. */

/** Rows generated for the benchmark workspace. */
export interface BenchVolumes {
  feedback: number;
  helpEvents: number;
  articles: number;
  enhancements: number;
}

/** Parsed options of one bench run. */
export interface BenchOptions {
  /** Multiplier of the default volumes (1 = 1M feedback, 5M help events, 5k articles). */
  scale: number;
  quick: boolean;
  /** Run against the embedded PGlite instead of an external PostgreSQL. */
  embedded: boolean;
  /** Admin URL of the PostgreSQL server the bench creates its database on. */
  adminDatabaseUrl: string;
  volumes: BenchVolumes;
  /** Seconds each concurrent search run lasts. */
  loadSeconds: number;
  /** Timed repetitions of each metric query (after one warm-up). */
  metricRuns: number;
  /** Batches of 1,000 events sent through each ingestion path. */
  ingestBatches: number;
}

/** Default scale of `--quick`: 50k feedback, 250k help events. */
export const QUICK_SCALE = 0.05;

/** Full-scale volumes (scale 1). */
const FULL: BenchVolumes = { feedback: 1_000_000, helpEvents: 5_000_000, articles: 5_000, enhancements: 3_000 };

/** Parses `--quick`, `--scale <factor>` and `--embedded` (unknown arguments are refused). */
export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  let quick = false;
  let embedded = false;
  let scale: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--embedded') embedded = true;
    else if (a === '--scale') scale = Number(argv[++i]);
    else if (a.startsWith('--scale=')) scale = Number(a.slice('--scale='.length));
    else throw new Error(`unknown argument ${a} (use --quick, --scale <factor>, --embedded)`);
  }
  if (scale !== undefined && !(scale > 0 && scale <= 10)) throw new Error('--scale must be a number in (0, 10]');
  // PGlite runs one query at a time in this process: default to the quick volumes there.
  const s = scale ?? (quick || embedded ? QUICK_SCALE : 1);
  const small = quick || s < 0.2;
  return {
    scale: s,
    quick,
    embedded,
    adminDatabaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    volumes: {
      feedback: Math.round(FULL.feedback * s),
      helpEvents: Math.round(FULL.helpEvents * s),
      // articles scale too, but a workspace keeps enough of them for search to rank
      articles: Math.max(500, Math.round(FULL.articles * Math.min(1, s * 4))),
      enhancements: Math.max(200, Math.round(FULL.enhancements * s)),
    },
    loadSeconds: small ? 8 : 15,
    metricRuns: small ? 3 : 2,
    ingestBatches: small ? 10 : 20,
  };
}
