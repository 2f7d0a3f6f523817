/**
 * Times the demo-city seed on a fresh in-memory PGlite (not a test; run by hand):
 *   node --import tsx server/modules/demo/seed-timing.ts [demo|test]
 */
import { openPglite, pgliteHandle } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { describeDemoCity, seedDemoCity, type CitySize } from './seed.js';

const sizes: CitySize[] =
  process.argv[2] === 'test' || process.argv[2] === 'demo' ? [process.argv[2]] : ['test', 'demo'];

for (const size of sizes) {
  const handle = pgliteHandle(await openPglite({}));
  try {
    await migrateDatabase(handle);
    const started = performance.now();
    const summary = await seedDemoCity(handle.db, size);
    const seconds = (performance.now() - started) / 1000;
    console.log(`[${size}] seeded in ${seconds.toFixed(2)} s`);
    console.log(`[${size}] ${describeDemoCity(summary)}`);
    console.log(`[${size}] ${JSON.stringify(summary)}`);
  } finally {
    await handle.close();
  }
}
