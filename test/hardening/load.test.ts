import { startTestApp, TestApp } from '../support/test-app';
import { runLoad } from '../../bench/load-driver';
import { prepareLoadWorkspace } from '../../bench/load-fixture';

/** The short load run of `npm test`; `bench/load.ts` is the long one (200 clients, 60 s). */
describe('short load: 50 concurrent clients for 5 s of searches, metric queries and event batches', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('answers every request without an error', async () => {
    const target = await prepareLoadWorkspace(app.runtime, app.url);
    const report = await runLoad(target, 50, 5000);
    expect(report.errorSamples).toEqual([]);
    expect(report.errors).toBe(0);
    expect(report.byKind.search).toBeGreaterThan(0);
    expect(report.byKind.metrics).toBeGreaterThan(0);
    expect(report.byKind.events).toBeGreaterThan(0);
  });
});
