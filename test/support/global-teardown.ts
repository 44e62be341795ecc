/** Stops what `global-setup.ts` started, in reverse order. */
export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __helpscopeStops?: (() => Promise<void>)[] }).__helpscopeStops ?? [];
  for (const stop of stops.reverse()) await stop();
}
