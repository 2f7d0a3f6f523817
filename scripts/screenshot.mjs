#!/usr/bin/env node
/**
 * Screenshots of the web app for a human (or a model) to look at: logs in through the real login
 * page of a running server, then saves PNGs of each page at phone (375×812) and desktop (1366×900)
 * sizes into .tmp/screens/. Console errors, page errors and failed API calls are printed, and make
 * the script exit 1.
 *
 * Usage:
 *   node scripts/screenshot.mjs [--base http://localhost:3000] [--user parent1] [--password …]
 *                               [--paths /children,/students/:child] [--out .tmp/screens]
 *                               [--ask 孩子写作业拖拉怎么办] [--play homework-dawdling]
 *   BASE_URL, DEMO_PASSWORD and CHROMIUM_PATH may be set instead.
 *
 * Path placeholders, filled from GET /api/v1/me after login:
 *   :child  the first child's id (guardians)     :class  the first class's id (teachers)
 * `--paths` defaults to the pages in the user's navigation.
 * `--ask` also asks 京小帮 that question and saves the streamed answer (assistant-answer);
 * `--play` also plays that scenario to the end — choices, then one line of free text — and saves the
 * player mid-way (scenario-turn) and the report (scenario-report).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const base = option('base', process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const user = option('user', 'parent1');
const password = option('password', process.env.DEMO_PASSWORD ?? 'Gongyu2026');
const out = resolve(option('out', '.tmp/screens'));
const pathsOption = option('paths', '');
const askOption = option('ask', '');
const playOption = option('play', '');
const viewports = [
  { name: 'phone', width: 375, height: 812, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: 'desktop', width: 1366, height: 900, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});

const problems = [];
const slug = (path) =>
  path
    .replace(/^\//, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/-+$/, '') || 'home';

/** Waits until the page shows content: no loading status left and the network is quiet. */
async function settle(page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  // Lazy chunks start after the first render: give them a moment to show their loading state.
  await page.waitForTimeout(250);
  await page.waitForLoadState('networkidle').catch(() => {});
  await page
    .waitForFunction(
      () =>
        !document.querySelector('#boot') &&
        !document.querySelector('.gy-loading, .gy-page-loading, .ant-spin-spinning, .ant-skeleton, .gy-skeleton'),
      null,
      {
        timeout: 10_000,
      },
    )
    .catch(() => problems.push(`${page.url()}: still loading after 10 s`));
  await page.waitForTimeout(300);
}

try {
  for (const viewport of viewports) {
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      deviceScaleFactor: viewport.deviceScaleFactor,
      isMobile: viewport.isMobile,
      hasTouch: viewport.hasTouch,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      // The browser logs the expected 401 of GET /api/v1/me before login as a failed resource.
      if (/status of 401/.test(message.text()) && message.location().url.endsWith('/api/v1/me')) return;
      problems.push(`[${viewport.name}] console.${message.type()}: ${message.text()} ${message.location().url ?? ''}`);
    });
    page.on('pageerror', (error) => problems.push(`[${viewport.name}] page error: ${error.message}`));
    page.on('response', (response) => {
      const url = response.url();
      // 401 from /me before login is the expected "not signed in" answer.
      if (
        url.includes('/api/') &&
        response.status() >= 400 &&
        !(response.status() === 401 && url.endsWith('/api/v1/me'))
      ) {
        problems.push(
          `[${viewport.name}] ${response.request().method()} ${url.replace(base, '')} → ${response.status()}`,
        );
      }
    });

    const shot = async (name) => {
      const file = join(out, `${user}-${name}-${viewport.width}x${viewport.height}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`saved ${file}`);
    };

    await page.goto(`${base}/login`);
    await settle(page);
    await shot('login');

    await page.fill('#login-username', user);
    await page.fill('#login-password', password);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 });
    await settle(page);
    await shot(`landing-${slug(new URL(page.url()).pathname)}`);

    const me = await page.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).json());
    let paths = pathsOption ? pathsOption.split(',') : [];
    if (!pathsOption) {
      // The same pages the navigation offers (shell/nav.tsx), plus a record page and a 404.
      const roles = new Set((me.roles ?? []).map((r) => r.role));
      if (me.children?.length || roles.has('guardian')) paths.push('/children');
      if (me.classes?.length || roles.has('teacher') || roles.has('headTeacher')) paths.push('/classes');
      if (me.can?.searchStudents) paths.push('/students');
      if (me.can?.viewOrgTree) paths.push('/org');
      if (me.can?.searchAudit) paths.push('/audit');
      if (me.can?.manageUsers) paths.push('/users');
      if (roles.has('counselor') || roles.has('districtAdmin')) paths.push('/crisis-cases');
      if (roles.has('cityAdmin') || roles.has('districtAdmin')) paths.push('/kb');
      paths.push('/assistant');
      if (me.children?.length || roles.has('guardian')) paths.push('/scenarios', '/scenarios/progress');
      paths.push('/account');
      if (me.children?.length) paths.push('/students/:child');
      if (me.classes?.length) paths.push('/classes/:class');
      paths.push('/no-such-page');
    }
    for (const raw of paths) {
      if (raw.includes(':child') && !me.children?.[0]) continue;
      if (raw.includes(':class') && !me.classes?.[0]) continue;
      const path = raw.replace(':child', me.children?.[0]?.id ?? '').replace(':class', me.classes?.[0]?.id ?? '');
      await page.goto(`${base}${path}`);
      await settle(page);
      await shot(slug(raw));
    }
    if (askOption) {
      // 京小帮: a new conversation, the question sent with Enter (desktop) or the send button (phone).
      await page.goto(`${base}/assistant`);
      await settle(page);
      await page.getByLabel('您的问题').fill(askOption);
      await page.getByRole('button', { name: '发送' }).click();
      await page
        .waitForFunction(
          () => !document.querySelector('.gy-typing, .gy-caret') && /[?&]c=/.test(location.search),
          null,
          {
            timeout: 30_000,
          },
        )
        .catch(() => problems.push(`[${viewport.name}] 京小帮: no finished answer after 30 s`));
      await settle(page);
      await shot('assistant-answer');
    }
    if (playOption) {
      // 情景训练: start, answer with the first choice until the end (one turn in free text), then the report.
      await page.goto(`${base}/scenarios/${playOption}`);
      await settle(page);
      await page.getByRole('button', { name: /开始练习|重新开始练习/ }).click();
      await page.waitForURL(/\/scenario-sessions\//, { timeout: 15_000 });
      await settle(page);
      for (let turn = 0; turn < 12; turn++) {
        const choices = page.locator('.gy-sc-choice');
        if ((await choices.count()) === 0) break;
        const answered = page.waitForResponse((r) => r.url().includes('/turns') && r.request().method() === 'POST');
        if (turn === 1) {
          await page.getByLabel('或者，自己说').fill('听起来你真的很烦，我们一起想想办法好吗？');
          await page.getByRole('button', { name: '说出口' }).click();
        } else {
          await choices.first().click();
        }
        await answered;
        await page.waitForTimeout(300);
        if (turn === 1) await shot('scenario-turn');
      }
      await settle(page);
      await shot('scenario-report');
    }
    if (viewport.isMobile) {
      // The phone navigation sheet.
      await page.goto(`${base}/`);
      await settle(page);
      const menuButton = page.getByRole('button', { name: '打开导航菜单' });
      if (await menuButton.count()) {
        await menuButton.click();
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(out, `${user}-nav-sheet-${viewport.width}x${viewport.height}.png`) });
        console.log(`saved ${join(out, `${user}-nav-sheet-${viewport.width}x${viewport.height}.png`)}`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}

if (problems.length) {
  // 404 for /no-such-page is a page, not an API call, so it is not listed here.
  console.error(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('\nno console errors, page errors or failed API calls.');
