// Runs the integration suite against a real PostgreSQL (PostGIS required). Each test file gets its own
// database copied from a migrated, seeded template; all are dropped afterwards.
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
console.log(`PostgreSQL 集成测试：${url.replace(/:[^:@/]*@/, ':***@')}`);
const run = spawnSync('npx', ['vitest', 'run', 'server', 'shared', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(run.status ?? 1);
