import fs from 'node:fs';

/** Resident set sizes in MB: this process (server and load generator) and its Meilisearch child. */
export interface RssSample {
  processMb: number;
  meilisearchMb: number | null;
}

/** RSS of the first child process named meilisearch, from /proc (null where /proc is unavailable). */
function meilisearchRssMb(): number | null {
  try {
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!/^Name:\s*meilisearch/m.test(status) || !new RegExp(`^PPid:\\s*${process.pid}$`, 'm').test(status)) continue;
      const kb = /^VmRSS:\s*(\d+)/m.exec(status);
      return kb ? Math.round(Number(kb[1]) / 1024) : null;
    }
  } catch {
    // not Linux: leave it out
  }
  return null;
}

/** One sample now. */
export function sampleRss(): RssSample {
  return { processMb: Math.round(process.memoryUsage().rss / 1048576), meilisearchMb: meilisearchRssMb() };
}

/** Samples every `everyMs` while `fn` runs and returns its result with the peak sample. */
export async function withPeakRss<T>(fn: () => Promise<T>, everyMs = 250): Promise<{ result: T; peak: RssSample }> {
  const peak: RssSample = sampleRss();
  const timer = setInterval(() => {
    const s = sampleRss();
    peak.processMb = Math.max(peak.processMb, s.processMb);
    if (s.meilisearchMb !== null) peak.meilisearchMb = Math.max(peak.meilisearchMb ?? 0, s.meilisearchMb);
  }, everyMs);
  try {
    return { result: await fn(), peak };
  } finally {
    clearInterval(timer);
  }
}
