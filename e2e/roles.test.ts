/**
 * Real browser, real server: Debian Chromium driven by Playwright through sign-in as each role, the
 * guardian's consent flow, the teacher's roster, the admin tree and audit log. Screenshots (desktop and
 * 375 px phone) go to test-results/screens/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../shared/demo.js';
import { chromiumOrWarn, launchChromium, openPage as open, signIn as signInAt, startServer, viewports, type RunningServer } from './server.js';

const chromiumPath = chromiumOrWarn('');
const screens = 'test-results/screens';
let server: RunningServer;
let browser: Browser;
const { phone, desktop } = viewports;
const openPage = (options: object) => open(browser, options);
const signIn = (page: Page, username: string, password = DEMO_PASSWORD, expectSuccess = true) =>
  signInAt(page, server.url, username, password, expectSuccess);

describe.skipIf(!chromiumPath)('browser: every role signs in and sees their part', () => {
  beforeAll(async () => {
    mkdirSync(screens, { recursive: true });
    server = await startServer();
    console.log(`e2e: cold start of the real server to healthy in ${(server.coldStartMs / 1000).toFixed(1)} s`);
    browser = await launchChromium(chromiumPath!);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the login page is Chinese, lists the demo accounts and explains a wrong password', async () => {
    const { context, page, problems } = await openPage(phone);
    await page.goto(`${server.url}/login`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByText('parent1', { exact: false }).first().waitFor();
    await page.screenshot({ path: `${screens}/login-phone.png`, fullPage: true });
    await signIn(page, 'parent1', 'wrong-password-1', false);
    await page.getByText('用户名或密码错误').first().waitFor();
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await context.close();
  });

  it('parent1 sees only their child, and gives consent', async () => {
    for (const [name, options] of [['phone', phone], ['desktop', desktop]] as const) {
      const { context, page, problems } = await openPage(options);
      await signIn(page, 'parent1');
      await page.waitForURL(/\/children/);
      const me = await (await page.request.get(`${server.url}/api/v1/me`)).json();
      const child = me.children[0];
      await page.getByText(child.name).first().waitFor();
      await page.getByText(child.schoolName).first().waitFor();
      await page.screenshot({ path: `${screens}/parent1-children-${name}.png`, fullPage: true });
      if (name === 'phone') {
        await page.getByRole('button', { name: '阅读告知书并同意' }).click();
        await page.getByText('儿童个人信息处理告知书').first().waitFor();
        await page.screenshot({ path: `${screens}/parent1-consent-phone.png` });
        await page.getByRole('button', { name: '同意', exact: true }).click();
        await page.getByRole('button', { name: '撤回同意' }).waitFor();
        const after = await (await page.request.get(`${server.url}/api/v1/me`)).json();
        expect(after.children[0].profileConsent).toBe(true);
      }
      // Another family's child is not reachable, even by typing its address.
      const other = await page.request.get(`${server.url}/api/v1/students/00000000-0000-4000-8000-000000000000`);
      expect(other.status()).toBe(404);
      expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
      await context.close();
    }
  });

  it('teacher1 opens the class roster', async () => {
    for (const [name, options] of [['phone', phone], ['desktop', desktop]] as const) {
      const { context, page, problems } = await openPage(options);
      await signIn(page, 'teacher1');
      const me = await (await page.request.get(`${server.url}/api/v1/me`)).json();
      const klass = me.classes.find((c: { isHeadTeacher: boolean }) => c.isHeadTeacher);
      await page.goto(`${server.url}/classes/${klass.id}`);
      const roster = await (await page.request.get(`${server.url}/api/v1/classes/${klass.id}/students`)).json();
      await page.getByText(roster.items[0].name).first().waitFor();
      await page.screenshot({ path: `${screens}/teacher1-roster-${name}.png`, fullPage: true });
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('admins browse the organisation tree and the audit log', async () => {
    const { context, page, problems } = await openPage(desktop);
    await signIn(page, 'district1');
    await page.goto(`${server.url}/org`);
    await page.getByRole('tree').getByText('东城区').first().waitFor();
    await page.screenshot({ path: `${screens}/district1-org-desktop.png`, fullPage: true });
    await page.goto(`${server.url}/audit`);
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await page.screenshot({ path: `${screens}/district1-audit-desktop.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const username of ['parent2', 'teacher2', 'school1', 'city1', 'venue1', 'counselor1', 'volunteer1']) {
    it(`${username} signs in to their home page`, async () => {
      const { context, page, problems } = await openPage(desktop);
      await signIn(page, username);
      await page.getByRole('navigation', { name: '主导航' }).first().waitFor();
      await page.screenshot({ path: `${screens}/${username}-home-desktop.png`, fullPage: true });
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
