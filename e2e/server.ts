/** Starts the real server process (built web client, fresh embedded database) for browser tests. */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../shared/demo.js';

export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

export interface RunningServer {
  url: string;
  coldStartMs: number;
  stop(): Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  execSync('node scripts/ensure-web-build.mjs', { stdio: 'inherit' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongyu-e2e-'));
  const port = 3600 + Math.floor(Math.random() * 1000);
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://localhost:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    coldStartMs: Date.now() - started,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fails loudly in CI (E2E_REQUIRED=1) and warns loudly elsewhere when Chromium is missing. */
export function chromiumOrWarn(suite: string): string | undefined {
  const path = findChromium();
  if (!path) {
    const message = `未找到 Chromium（/usr/bin/chromium 或 CHROMIUM_PATH）：${suite}浏览器测试已跳过！ BROWSER TESTS SKIPPED`;
    if (process.env.E2E_REQUIRED === '1') throw new Error(`${message}（E2E_REQUIRED=1，视为失败）`);
    console.warn(`\n${'!'.repeat(80)}\n${message}\n${'!'.repeat(80)}\n`);
  }
  return path;
}

export const viewports = {
  phone: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1366, height: 900 } },
};

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** A zh-CN page that records console errors and uncaught exceptions (a 401 before sign-in is expected). */
export async function openPage(browser: Browser, options: object): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ ...options, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // The app asks /api/v1/me once to learn whether someone is signed in; before sign-in that is a 401.
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, problems };
}

/** Signs in through the login form; waits to leave /login unless a failure is expected. */
export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD, expectSuccess = true) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  if (expectSuccess) await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
