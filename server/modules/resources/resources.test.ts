import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, resources, taxonomyTerms } from '../../db/schema.js';
import { createTestContext, loadFixtures, type TestContext } from '../../test/harness.js';
import { DEMO_VENUE_NAME } from './seed.js';
import { addDays } from './schedule.js';
import { extendSlotHorizon, todayInBeijing } from './service.js';

let ctx: TestContext;
let fx: Awaited<ReturnType<typeof loadFixtures>>;
let parent1: string;
let venue1: string;
let district1: string;
let city1: string;

beforeAll(async () => {
  ctx = await createTestContext();
  fx = await loadFixtures(ctx.db);
  [parent1, venue1, district1, city1] = await Promise.all([
    ctx.login('parent1'),
    ctx.login('venue1'),
    ctx.login('district1'),
    ctx.login('city1'),
  ]);
});
afterAll(() => ctx.close());

type Hit = {
  id: string;
  name: string;
  terms: string[];
  distanceMeters: number | null;
  reasons: string[];
  nextSlot: unknown;
  score: number;
};

async function search(query: string, cookie = parent1) {
  const res = await ctx.as(cookie, { method: 'GET', url: `/api/v1/resources/search?${query}` });
  return res;
}

describe('教育新地图: search and matching', () => {
  it('segments Chinese: 恐龙 finds the natural history museum, 天文 the planetarium', async () => {
    const dino = (await search(`q=${encodeURIComponent('恐龙')}`)).json();
    expect(dino.tokens).toContain('恐龙');
    expect(dino.items.slice(0, 3).map((h: Hit) => h.name)).toContain('北京自然博物馆');
    const stars = (await search(`q=${encodeURIComponent('天文')}`)).json();
    expect(stars.items.slice(0, 3).map((h: Hit) => h.name)).toContain('北京天文馆');
    expect(stars.fallback).toBe(false);
  });

  it('answers empty and nonsense queries with useful defaults, not errors', async () => {
    const empty = await search('');
    expect(empty.statusCode).toBe(200);
    expect(empty.json().items.length).toBeGreaterThan(5);
    const nonsense = (await search(`q=${encodeURIComponent('zqxjv 啊啊啊')}`)).json();
    expect(nonsense.fallback).toBe(true);
    expect(nonsense.items.length).toBeGreaterThan(0);
  });

  it('ranks near the child’s school with distance, reasons and the next free slot', async () => {
    const res = await search(`q=${encodeURIComponent('科技馆')}&studentId=${fx.parent1Child.id}&near=school`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.origin.label).toContain('附近');
    expect(body.formula).toContain('score');
    // A 科技馆 search prefers science centres over museums that merely mention 科技.
    expect(body.items.slice(0, 3).every((h: Hit) => h.terms.includes('type:science'))).toBe(true);
    expect(body.items[0].reasons.some((r: string) => r.includes('匹配“科技馆”'))).toBe(true);
    const hit = body.items.find((h: Hit) => h.name === DEMO_VENUE_NAME);
    expect(hit).toBeDefined();
    expect(hit.distanceMeters).toBeGreaterThan(0);
    expect(hit.reasons[0]).toMatch(/^距离 /);
    expect(hit.reasons.some((r: string) => r.includes('有余位'))).toBe(true);
    expect(hit.nextSlot.available).toBeGreaterThan(0);
    // The student was read for matching: audited, and a stranger cannot use someone else's child.
    const [audited] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'student.matchResources'), eq(auditEvents.studentId, fx.parent1Child.id)));
    expect(audited!.n).toBeGreaterThan(0);
    const stranger = await search(`studentId=${fx.parent1Child.id}`, await ctx.login('parent2'));
    expect(stranger.statusCode).toBe(404);
  });

  it('filters by facets (OR within a facet, AND across), district, radius and a free-slot date', async () => {
    const ti = (await search('term=domain:ti&limit=50')).json();
    expect(ti.items.length).toBeGreaterThan(0);
    expect(ti.items.every((h: Hit) => h.terms.includes('domain:ti'))).toBe(true);

    const both = (await search('term=domain:de&term=domain:mei&term=price:free&limit=50')).json();
    expect(
      both.items.every(
        (h: Hit) => (h.terms.includes('domain:de') || h.terms.includes('domain:mei')) && h.terms.includes('price:free'),
      ),
    ).toBe(true);

    const xicheng = (await search('districtId=110102&limit=50')).json();
    expect(xicheng.items.length).toBeGreaterThan(0);
    expect(xicheng.items.every((h: { districtId: string }) => h.districtId === '110102')).toBe(true);

    // Around 天安门 within 3 km: every hit inside, sorted sensibly.
    const near = (await search('lat=39.9087&lng=116.3975&radius=3000&limit=50')).json();
    expect(near.items.length).toBeGreaterThan(0);
    expect(near.items.every((h: Hit) => h.distanceMeters! <= 3000)).toBe(true);

    const tomorrow = addDays(todayInBeijing(), 1);
    const dated = (await search(`date=${tomorrow}&limit=20`)).json();
    for (const h of dated.items as { nextSlot: { startsAt: string } | null }[]) {
      expect(h.nextSlot).not.toBeNull();
    }
  });

  it('marks listings not verified for 6 months as stale', async () => {
    const [stale] = await ctx.db
      .select({ id: resources.id })
      .from(resources)
      .where(sql`${resources.verifiedAt} < now() - interval '183 days'`)
      .limit(1);
    expect(stale).toBeDefined();
    const res = await ctx.as(parent1, { method: 'GET', url: `/api/v1/resources/${stale!.id}` });
    expect(res.json().stale).toBe(true);
  });

  it('refuses bad input with Chinese problem+json', async () => {
    const cases: [string, string][] = [
      ['lat=95&lng=116.4', '纬度'],
      ['lat=39.9&lng=200', '经度'],
      ['lat=39.9', '同时提供'],
      ['lat=39.9&lng=116.4&radius=80000', '半径最大'],
      ['radius=2000', '缺少中心位置'],
      ['term=domain:nope', '未知标签'],
      ['term=DROP TABLE', '标签编号格式'],
      [`date=2020-01-01`, '不能早于今天'],
      ['near=school', '选择孩子'],
      ['limit=1000', '最多 100'],
    ];
    for (const [query, expected] of cases) {
      const res = await search(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json()), query).toContain(expected);
    }
  });
});

describe('教育新地图: resource units manage their listings', () => {
  it('venue1 manages 中国科学技术馆: edit re-verifies, schedules make slots, slots close; others are refused', async () => {
    const managed = (await ctx.as(venue1, { method: 'GET', url: '/api/v1/venue/resources' })).json();
    const cstm = managed.items.find((r: { name: string }) => r.name === DEMO_VENUE_NAME);
    expect(cstm).toBeDefined();

    const patched = await ctx.as(venue1, {
      method: 'PATCH',
      url: `/api/v1/resources/${cstm.id}`,
      payload: { keywords: ['科学', '机器人', '航天', '编程'] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().keywords).toContain('编程');
    const coding = (await search(`q=${encodeURIComponent('编程')}`)).json();
    expect(coding.items[0].name).toBe(DEMO_VENUE_NAME);

    const schedule = await ctx.as(venue1, {
      method: 'POST',
      url: `/api/v1/resources/${cstm.id}/schedules`,
      payload: {
        name: '周三晚间天文观测',
        description: '在馆外平台用望远镜看月亮和行星。',
        days: ['WE'],
        times: ['19:00', '20:30'],
        durationMinutes: 60,
        capacity: 20,
        validFrom: todayInBeijing(),
      },
    });
    expect(schedule.statusCode).toBe(201);
    expect(schedule.json().schedules.map((s: { rrule: string }) => s.rrule)).toEqual([
      'FREQ=WEEKLY;BYDAY=WE;BYHOUR=19;BYMINUTE=0',
      'FREQ=WEEKLY;BYDAY=WE;BYHOUR=20;BYMINUTE=30',
    ]);
    expect(schedule.json().slotsCreated).toBeGreaterThanOrEqual(6);

    const slotsRes = (
      await ctx.as(venue1, { method: 'GET', url: `/api/v1/resources/${cstm.id}/slots?days=28` })
    ).json();
    const evening = slotsRes.items.find((s: { startsAt: string }) => s.startsAt.endsWith('T11:00:00.000Z'));
    expect(evening).toBeDefined();
    const closed = await ctx.as(venue1, {
      method: 'PATCH',
      url: `/api/v1/slots/${evening.id}`,
      payload: { status: 'closed' },
    });
    expect(closed.json().status).toBe('closed');
    const familyView = (
      await ctx.as(parent1, { method: 'GET', url: `/api/v1/resources/${cstm.id}/slots?days=28` })
    ).json();
    expect(familyView.items.some((s: { id: string }) => s.id === evening.id)).toBe(false);

    // A parent and another district's admin cannot edit it; bad schedules are refused.
    expect(
      (await ctx.as(parent1, { method: 'PATCH', url: `/api/v1/resources/${cstm.id}`, payload: { name: '改名' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await ctx.as(district1, { method: 'PATCH', url: `/api/v1/resources/${cstm.id}`, payload: { name: '改名' } }))
        .statusCode,
    ).toBe(403);
    const badSchedule = await ctx.as(venue1, {
      method: 'POST',
      url: `/api/v1/resources/${cstm.id}/schedules`,
      payload: { name: 'x', days: ['XX'], times: ['25:00'], durationMinutes: 5, capacity: 0, validFrom: 'tomorrow' },
    });
    expect(badSchedule.statusCode).toBe(400);
    expect(badSchedule.json().errors.length).toBeGreaterThanOrEqual(4);
    const unknownTerm = await ctx.as(venue1, {
      method: 'PATCH',
      url: `/api/v1/resources/${cstm.id}`,
      payload: { terms: ['domain:zhi', 'type:moon'] },
    });
    expect(unknownTerm.statusCode).toBe(400);
    expect(unknownTerm.json().detail).toContain('type:moon');
  });

  it('district admins onboard resource units; staff then list resources for their unit only', async () => {
    const res = await ctx.as(district1, {
      method: 'POST',
      url: '/api/v1/venue/units',
      payload: {
        districtId: '110101',
        name: '东城区测试少年宫',
        address: '东城区测试路1号',
        lat: 39.93,
        lng: 116.41,
        staffUsername: 'testpalace1',
        staffDisplayName: '王老师',
      },
    });
    expect(res.statusCode).toBe(201);
    const otp: string = res.json().staff.oneTimePassword;
    const staff = await ctx.login('testpalace1', otp);
    const mine = (await ctx.as(staff, { method: 'GET', url: '/api/v1/venue/resources' })).json();
    expect(mine.units.map((u: { name: string }) => u.name)).toEqual(['东城区测试少年宫']);
    expect(mine.items).toEqual([]);

    const foreign = await ctx.as(district1, {
      method: 'POST',
      url: '/api/v1/venue/units',
      payload: {
        districtId: '110102',
        name: '西城区某馆',
        address: '西城区',
        lat: 39.91,
        lng: 116.36,
        staffUsername: 'foreignstaff',
        staffDisplayName: '李老师',
      },
    });
    expect(foreign.statusCode).toBe(403);
    const parentTry = await ctx.as(parent1, {
      method: 'POST',
      url: '/api/v1/venue/units',
      payload: {
        districtId: '110101',
        name: '家长的馆',
        address: '东城区',
        lat: 39.91,
        lng: 116.36,
        staffUsername: 'parentstaff',
        staffDisplayName: '张老师',
      },
    });
    expect(parentTry.statusCode).toBe(403);
  });

  it('admins edit the taxonomy; a retired tag is refused in searches', async () => {
    const terms = (await ctx.as(parent1, { method: 'GET', url: '/api/v1/taxonomy' })).json();
    expect(terms.allowed.edit).toBe(false);
    expect(terms.items.find((t: { id: string }) => t.id === 'domain:ti').resourceCount).toBeGreaterThan(0);

    const created = await ctx.as(city1, {
      method: 'POST',
      url: '/api/v1/taxonomy',
      payload: { facet: 'type', code: 'planetarium', label: '天文馆' },
    });
    expect(created.statusCode).toBe(201);
    const relabel = await ctx.as(city1, {
      method: 'PATCH',
      url: '/api/v1/taxonomy/type:planetarium',
      payload: { label: '天文馆/星空馆' },
    });
    expect(relabel.json().label).toBe('天文馆/星空馆');
    const retire = await ctx.as(city1, {
      method: 'PATCH',
      url: '/api/v1/taxonomy/type:planetarium',
      payload: { active: false },
    });
    expect(retire.json().active).toBe(false);
    expect((await search('term=type:planetarium')).statusCode).toBe(400);
    const [row] = await ctx.db.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, 'type:planetarium'));
    expect(row!.active).toBe(false);

    expect(
      (await ctx.as(parent1, { method: 'PATCH', url: '/api/v1/taxonomy/domain:ti', payload: { label: 'x' } }))
        .statusCode,
    ).toBe(403);
    const dup = await ctx.as(city1, {
      method: 'POST',
      url: '/api/v1/taxonomy',
      payload: { facet: 'domain', code: 'ti', label: '体育' },
    });
    expect(dup.statusCode).toBe(409);
  });
});

describe('slot horizon', () => {
  it('materialises 28 days once; a restart the same day does nothing', async () => {
    await extendSlotHorizon(ctx.db);
    expect(await extendSlotHorizon(ctx.db)).toBe(0);
  });
});

describe('一键就近预约', () => {
  it('holds the nearest matching slot for the child and refuses what cannot be matched', async () => {
    const res = await ctx.as(parent1, {
      method: 'POST',
      url: '/api/v1/resources/nearest-booking',
      payload: { studentId: fx.parent1Child.id, need: '科技馆' },
    });
    expect(res.statusCode).toBe(201);
    const { hit, booking } = res.json();
    expect(booking.status).toBe('held');
    expect(booking.resource.id).toBe(hit.id);
    expect(hit.nextSlot.id).toBe(booking.slot.id);
    await ctx.as(parent1, { method: 'POST', url: `/api/v1/bookings/${booking.id}/cancel`, payload: {} });

    const nothing = await ctx.as(parent1, {
      method: 'POST',
      url: '/api/v1/resources/nearest-booking',
      payload: { studentId: fx.parent1Child.id, need: 'zqxjv' },
    });
    expect(nothing.statusCode).toBe(404);
    expect(nothing.json().detail).toContain('没有符合需求');
    const badPoint = await ctx.as(parent1, {
      method: 'POST',
      url: '/api/v1/resources/nearest-booking',
      payload: { studentId: fx.parent1Child.id, lat: 120, lng: 116 },
    });
    expect(badPoint.statusCode).toBe(400);
  });
});
