/**
 * Real browser, real server: parent1 asks 京小帮 about phone addiction (cited answer, working action
 * buttons), asks a crisis question (safety response with the counsellor option, case in counselor1's
 * queue), and completes one scenario rehearsal with its feedback report. Screenshots in test-results/screens/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumOrWarn, launchChromium, openPage, signIn, startServer, viewports, type RunningServer } from './server.js';

const chromiumPath = chromiumOrWarn('京小帮');
const screens = 'test-results/screens';
let server: RunningServer;
let browser: Browser;
const { phone, desktop } = viewports;

async function signedIn(username: string, options: object) {
  const opened = await openPage(browser, options);
  await signIn(opened.page, server.url, username);
  return opened;
}

async function ask(page: Page, question: string) {
  const input = page.getByPlaceholder(/说说孩子的情况/);
  await input.fill(question);
  await page.getByRole('button', { name: '发送', exact: true }).click();
}

describe.skipIf(!chromiumPath)('browser: 京小帮 and scenario training', () => {
  beforeAll(async () => {
    mkdirSync(screens, { recursive: true });
    server = await startServer();
    browser = await launchChromium(chromiumPath!);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('parent1 gets a cited answer about phone addiction whose actions work', async () => {
    const { context, page, problems } = await signedIn('parent1', phone);
    await page.goto(`${server.url}/assistant`);
    await ask(page, '孩子天天抱着手机刷短视频，一收手机就发脾气，怎么办？');
    const answer = page.getByRole('article', { name: '京小帮的回答' }).last();
    await answer.getByText('可以这样说').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${screens}/assistant-answer-phone.png`, fullPage: true });

    // A citation opens the article it cites.
    const citation = answer.getByRole('button', { name: /^来源/ }).first();
    const citedTitle = (await citation.getAttribute('aria-label'))!.replace(/^来源 \d+：/, '');
    await citation.click();
    await page.getByRole('dialog').getByText(citedTitle).first().waitFor();
    await page.screenshot({ path: `${screens}/assistant-article-phone.png` });
    await page.keyboard.press('Escape');

    // The counsellor action sends a real request into the district queue.
    await answer.getByRole('button', { name: /咨询师/ }).first().click();
    await page.getByRole('dialog').waitFor();
    await page.screenshot({ path: `${screens}/assistant-counselor-phone.png` });
    await page.keyboard.press('Escape');

    // The scenario action leads to a rehearsal that exists.
    const scenario = answer.getByRole('link', { name: /情景练习/ }).or(answer.getByRole('button', { name: /情景练习/ })).first();
    await scenario.click();
    await page.waitForURL(/\/scenarios\/[a-z-]+/);
    await page.getByRole('button', { name: /开始/ }).first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a crisis question gets the safety response with the counsellor option, and the counsellor sees the case', async () => {
    const { context, page, problems } = await signedIn('parent1', phone);
    await page.goto(`${server.url}/assistant`);
    await ask(page, '女儿最近把心爱的东西都送人了，还说活着没意思');
    const safety = page.getByRole('alert').or(page.getByRole('region', { name: '安全提示' })).first();
    await safety.getByText('12355').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => safety.getByText('010-82951332').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: /马上联系咨询师/ }).first().waitFor();
    await page.screenshot({ path: `${screens}/assistant-crisis-phone.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();

    const counselor = await signedIn('counselor1', desktop);
    await counselor.page.goto(`${server.url}/crisis-cases`);
    await counselor.page.getByText('女儿最近把心爱的东西都送人了').first().waitFor();
    await counselor.page.screenshot({ path: `${screens}/counselor1-crisis-queue-desktop.png`, fullPage: true });
    expect(counselor.problems).toEqual([]);
    await counselor.context.close();
  });

  it('parent1 completes a scenario and sees the feedback report', async () => {
    const { context, page, problems } = await signedIn('parent1', phone);
    await page.goto(`${server.url}/scenarios/homework-dawdling`);
    await page.getByRole('button', { name: /开始/ }).first().click();
    await page.waitForURL(/\/scenario-sessions\//);
    await page.screenshot({ path: `${screens}/scenario-start-phone.png`, fullPage: true });
    const report = page.getByRole('heading', { name: /练习报告/ });
    for (let turn = 0; turn < 10 && !(await report.isVisible()); turn++) {
      const choices = page.getByRole('list', { name: '可选的回答' }).getByRole('button');
      await choices.first().waitFor();
      const answered = page.waitForResponse((r) => r.url().includes('/turns') && r.request().method() === 'POST');
      await choices.first().click();
      expect((await answered).status()).toBe(200);
      await page.waitForTimeout(200);
    }
    await report.waitFor();
    await page.screenshot({ path: `${screens}/scenario-report-phone.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
