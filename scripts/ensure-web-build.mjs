// Builds the web client when dist/web is missing or older than its sources, so `npm start` always serves
// the current UI without paying for a build on every start.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const built = 'dist/web/index.html';

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const sourcesChanged = () =>
  Math.max(newest('web'), newest('shared'), statSync('vite.config.ts').mtimeMs) > statSync(built).mtimeMs;

if (!existsSync(built) || sourcesChanged()) {
  console.log('正在构建前端（首次启动或前端代码有更新）…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
