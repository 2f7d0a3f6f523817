// `npm run bench:startup` — cold first start (initdb + PostGIS + migrations + demo city) and second start
// of the real server process, each timed until GET /healthz answers {"status":"ok"}.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dataDir = mkdtempSync(path.join(tmpdir(), 'gongyu-start-'));
const port = 3400 + Math.floor(Math.random() * 500);

async function timeToHealthy() {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok && (await res.json()).status === 'ok') break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const ms = Date.now() - started;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return ms;
}

const cold = await timeToHealthy();
const warm = await timeToHealthy();
rmSync(dataDir, { recursive: true, force: true });
console.log(`cold first start to healthy: ${(cold / 1000).toFixed(1)} s`);
console.log(`second start to healthy:     ${(warm / 1000).toFixed(1)} s`);
