/**
 * Real browser, real server: parent1 opens 教育新地图, searches 科技馆 near the child's school, books a slot
 * for the child, sees it under 我的预约, cancels and rebooks; venue1 checks them in with the code.
 * Screenshots in test-results/screens/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  chromiumOrWarn,
  launchChromium,
  openPage,
  signIn,
  startServer,
  viewports,
  type RunningServer,
} from './server.js';

const chromiumPath = chromiumOrWarn('教育新地图');
const screens = 'test-results/screens';
const VENUE = '中国科学技术馆';
let server: RunningServer;
let browser: Browser;
const { phone, desktop } = viewports;

async function signedIn(username: string, options: object) {
  const opened = await openPage(browser, options);
  await signIn(opened.page, server.url, username);
  return opened;
}

/** Beijing wall-clock "HH:MM" `minutes` from now, and today's weekday code. */
function laterToday(minutes: number) {
  const beijing = new Date(Date.now() + 8 * 3_600_000 + minutes * 60_000);
  const day = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][beijing.getUTCDay()]!;
  const hhmm = `${String(beijing.getUTCHours()).padStart(2, '0')}:${String(Math.floor(beijing.getUTCMinutes() / 5) * 5).padStart(2, '0')}`;
  return { day, hhmm, date: beijing.toISOString().slice(0, 10) };
}

/**
 * venue1 adds a session later today through the API (as its staff would in 资源管理), so check-in is
 * possible, and shortens its cancellation window to 30 minutes so the family can still cancel it.
 */
async function addSessionToday(page: Page) {
  const { day, hhmm, date } = laterToday(45);
  const result = await page.evaluate(
    async ({ day, hhmm, date, venue }) => {
      const list = await (await fetch('/api/v1/venue/resources')).json();
      const id = list.items.find((r: { name: string }) => r.name === venue).id;
      const patched = await fetch(`/api/v1/resources/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ cancelBeforeMinutes: 30 }),
      });
      if (!patched.ok) return patched.status;
      const res = await fetch(`/api/v1/resources/${id}/schedules`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          name: '今日加场：科学小实验',
          description: '测试加场',
          days: [day],
          times: [hhmm],
          durationMinutes: 60,
          capacity: 20,
          validFrom: date,
          validTo: date,
        }),
      });
      return res.status;
    },
    { day, hhmm, date, venue: VENUE },
  );
  expect(result).toBe(201);
}

async function bookFirstSlot(page: Page) {
  const slot = page.getByRole('button', { name: /^预约 / }).first();
  await slot.waitFor();
  await slot.click();
  await page.getByRole('button', { name: '确认预约' }).click();
  await page
    .getByText(/已预约|预约成功/)
    .first()
    .waitFor({ timeout: 15_000 });
}

describe.skipIf(!chromiumPath)('browser: 教育新地图 and booking', () => {
  let venueContext: BrowserContext | undefined;
  beforeAll(async () => {
    mkdirSync(screens, { recursive: true });
    server = await startServer();
    browser = await launchChromium(chromiumPath!);
  }, 300_000);
  afterAll(async () => {
    await venueContext?.close();
    await browser?.close();
    await server?.stop();
  });

  it('parent1 finds 科技馆 near the school, books, cancels, rebooks; venue1 checks the child in', async () => {
    const venue = await signedIn('venue1', desktop);
    venueContext = venue.context;
    await addSessionToday(venue.page);

    const { context, page, problems } = await signedIn('parent1', phone);
    await page.goto(`${server.url}/map`);
    await page.getByRole('button', { name: '孩子学校附近' }).click();
    const search = page.getByRole('searchbox', { name: '搜索教育资源' }).or(page.getByLabel('搜索教育资源')).first();
    await search.fill('科技馆');
    await search.press('Enter');
    const card = page.getByRole('article', { name: VENUE }).first();
    await card.waitFor({ timeout: 20_000 });
    await expect.poll(() => card.getByText(/公里|米/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${screens}/map-search-phone.png`, fullPage: true });

    await card.getByRole('link', { name: '查看详情' }).click();
    await page.waitForURL(/\/resources\//);
    await page.getByRole('heading', { name: VENUE }).first().waitFor();
    await page.screenshot({ path: `${screens}/resource-page-phone.png`, fullPage: true });
    const resourceUrl = page.url();

    await bookFirstSlot(page);
    await page.screenshot({ path: `${screens}/booking-confirmed-phone.png`, fullPage: true });

    await page.goto(`${server.url}/bookings`);
    const booking = page.getByRole('article', { name: VENUE }).first();
    await booking.waitFor();
    await booking.getByTestId('check-in-code').waitFor();
    await page.screenshot({ path: `${screens}/my-bookings-phone.png`, fullPage: true });

    // Cancel, then book again.
    await booking.getByRole('button', { name: '取消预约' }).click();
    await page.getByRole('button', { name: '确认取消' }).click();
    await page.getByText('已取消').first().waitFor({ timeout: 15_000 });
    await page.goto(resourceUrl);
    await bookFirstSlot(page);
    await page.goto(`${server.url}/bookings`);
    const rebooked = page.getByRole('article', { name: VENUE }).first();
    const code = (await rebooked.getByTestId('check-in-code').first().textContent())!.replace(/\s/g, '');
    expect(code).toMatch(/^[A-Z2-9]{8}$/);

    // venue1 checks the child in with the code.
    await venue.page.goto(`${server.url}/venue`);
    await venue.page.getByLabel('签到码').fill(code);
    await venue.page.getByRole('button', { name: '签到', exact: true }).click();
    await venue.page
      .getByText(/签到成功|已签到/)
      .first()
      .waitFor({ timeout: 15_000 });
    await venue.page.screenshot({ path: `${screens}/venue-check-in-desktop.png`, fullPage: true });

    await page.reload();
    await page.getByText('已签到').first().waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
    expect(venue.problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('the map renders the offline base map and clustered markers on a desktop', async () => {
    const { context, page, problems } = await signedIn('parent1', desktop);
    await page.goto(`${server.url}/map`);
    await page.locator('.leaflet-container').first().waitFor({ timeout: 20_000 });
    // District polygons from the bundled GeoJSON, and at least one marker or cluster.
    await expect
      .poll(() => page.locator('.leaflet-overlay-pane path').count(), { timeout: 20_000 })
      .toBeGreaterThan(10);
    await expect.poll(() => page.locator('.leaflet-marker-icon').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${screens}/map-desktop.png` });
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
