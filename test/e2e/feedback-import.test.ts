import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { importFeedbackFile } from '../../src/modules/feedback/feedback-import';
import { FeedbackKind } from '../../src/modules/feedback/feedback.entity';

const ISSUES = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'feedback-github-issues', 'issues.jsonl');

const VOLUME = `query($from: DateTimeISO!, $to: DateTimeISO!) {
  feedbackVolume(from: $from, to: $to, interval: WEEK, groupBy: SOURCE, timeZone: "UTC") {
    total buckets { start total }
  }
}`;

/** Monday 00:00 UTC of the ISO week holding `t`. */
function weekStart(t: Date): Date {
  const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

describe('feedback import of the real GitHub issues export', () => {
  let app: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
  });
  afterAll(() => app.stop());

  it('imports all 1,500 issues once, and nothing new the second time', async () => {
    const progress: number[] = [];
    const first = await importFeedbackFile(ws.ctx, app.runtime.services, {
      file: ISSUES,
      format: 'jsonl',
      mapping: 'github-issues',
      onProgress: (p) => progress.push(p.read),
    });
    expect(first).toMatchObject({ read: 1500, created: 1500, duplicates: 0, errors: 0 });
    expect(progress).toEqual([500, 1000, 1500]);
    const again = await importFeedbackFile(ws.ctx, app.runtime.services, { file: ISSUES, format: 'jsonl', mapping: 'github-issues' });
    expect(again).toMatchObject({ read: 1500, created: 0, duplicates: 1500, errors: 0 });
  });

  it('maps labels to tags and keeps product in tags and metadata; long bodies are shortened, not refused', async () => {
    const res = await app.gql(
      `{ feedbackList(filter: { source: "github", text: "DevTools Bug" }, first: 1) {
          edges { node { kind source tags metadata externalId } } } }`,
      {},
      ws.keys.read,
    );
    const node = res.data!.feedbackList.edges[0].node;
    expect(node).toMatchObject({ kind: 'FEATURE', source: 'github', metadata: { product: 'facebook/react', label: 'bug' } });
    expect(node.tags).toEqual(['facebook/react', 'bug']);
    expect(node.externalId).toMatch(/^[0-9a-f]{40}$/);
    const long = await app.runtime.services.feedback.list(ws.ctx, { text: '[truncated]' }, 100);
    expect(long.totalCount).toBe(21); // 21 issues have title + body over 20,000 characters
    for (const e of long.edges) expect([...e.node.text].length).toBeLessThanOrEqual(20_000);
  });

  it('gives weekly volumes (UTC) equal to a count made from the file', async () => {
    const expected = new Map<string, number>();
    for (const line of fs.readFileSync(ISSUES, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const key = weekStart(new Date(JSON.parse(line).createdAt)).toISOString();
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const weeks = [...expected.keys()].sort();
    // The data spans more than 5 years (the per-request limit): ask for 4-year windows aligned on Mondays.
    const end = new Date(Date.parse(weeks[weeks.length - 1]) + 7 * 86400_000);
    const actual = new Map<string, number>();
    let total = 0;
    for (let from = new Date(weeks[0]); from < end; ) {
      const to = new Date(Math.min(end.getTime(), from.getTime() + 208 * 7 * 86400_000));
      const res = await app.gql(VOLUME, { from: from.toISOString(), to: to.toISOString() }, ws.keys.read);
      expect(res.errors).toBeUndefined();
      total += res.data!.feedbackVolume.total;
      for (const b of res.data!.feedbackVolume.buckets) {
        expect(new Date(b.start).getUTCDay()).toBe(1);
        if (b.total) actual.set(b.start, b.total);
      }
      from = to;
    }
    expect(total).toBe(1500);
    expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected].sort()));
  });

  it('imports CSV with a custom mapping, quoted multi-line fields and per-item errors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fb-import-'));
    const file = path.join(dir, 'survey.csv');
    fs.writeFileSync(
      file,
      [
        'id,when,type,comment,ces,account',
        '1,2026-01-05T10:00:00Z,ease,"Setup was hard:\nsteps, then more ""steps""",2,acct-1',
        '2,2026-01-06T10:00:00Z,feature,"Please add dark mode",,acct-2',
        '3,not a date,feature,"bad time",,acct-3',
        '4,2026-01-07T10:00:00Z,ease,"no score given",,acct-4',
        '',
      ].join('\r\n'),
    );
    const other = await app.workspace();
    const result = await importFeedbackFile(other.ctx, app.runtime.services, {
      file,
      format: 'csv',
      source: 'survey',
      mapping: {
        text: 'comment',
        occurredAt: 'when',
        externalId: 'id',
        kind: { field: 'type', map: { ease: FeedbackKind.EASE_OF_USE, feature: FeedbackKind.FEATURE } },
        effortScore: 'ces',
        externalAccountId: 'account',
      },
    });
    expect(result).toMatchObject({ read: 4, created: 2, duplicates: 0, errors: 2 });
    expect(result.errorSamples.map((e) => e.field)).toEqual(['occurredAt', 'effortScore']);
    const list = await app.runtime.services.feedback.list(other.ctx, { kind: FeedbackKind.EASE_OF_USE }, 10);
    expect(list.edges[0].node).toMatchObject({ text: 'Setup was hard:\nsteps, then more "steps"', effortScore: 2 });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
