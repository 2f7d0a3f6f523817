import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, gt, inArray } from 'drizzle-orm';
import { auditEvents, orgUnits, resources, resourceSchedules, slots } from '../../../db/schema.js';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { exportDirectory } from './export.js';
import { CSV_COLUMNS, csvField, escapeFormula, parseCsv, unescapeFormula } from './format.js';

let ctx: TestContext;
let district1: string;
beforeAll(async () => {
  ctx = await createTestContext();
  district1 = await ctx.login('district1');
});
afterAll(() => ctx.close());

const DONGCHENG = '110101';
const HEADER = CSV_COLUMNS.join(',');

const importAs = (
  cookie: string,
  payload: { districtId: string; format: 'json' | 'csv'; content: string; dryRun?: boolean },
) => ctx.as(cookie, { method: 'POST', url: '/api/v1/directory/import', payload });
const exportAs = (cookie: string, format: 'json' | 'csv', districtId = DONGCHENG) =>
  ctx.as(cookie, { method: 'GET', url: `/api/v1/directory/export?format=${format}&districtId=${districtId}` });

async function countResources(districtId = DONGCHENG) {
  const [row] = await ctx.db.select({ n: count() }).from(resources).where(eq(resources.districtId, districtId));
  return row!.n;
}
async function countUnits(districtId = DONGCHENG) {
  const [row] = await ctx.db.select({ n: count() }).from(orgUnits).where(eq(orgUnits.districtId, districtId));
  return row!.n;
}
async function findByName(name: string) {
  return ctx.db.select().from(resources).where(eq(resources.name, name));
}

/** One services.csv row from named values (the rest empty). */
function csvLine(values: Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>): string {
  return CSV_COLUMNS.map((c) => csvField(values[c] ?? '')).join(',');
}

const validRow = {
  organization_name: '共育测试科学工作室',
  service_name: '周末科学小实验',
  description: '动手做实验',
  district_id: DONGCHENG,
  address: '东城区测试路1号',
  latitude: 39.93,
  longitude: 116.41,
  terms: 'domain:kexue|type:study',
  minimum_age: 6,
  maximum_age: 12,
  schedule_rrules: 'FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=10;BYMINUTE=0',
  schedule_capacity: 20,
  schedule_duration_minutes: 60,
};

function hsdsDoc(service: Record<string, unknown>, organization = '共育测试航模俱乐部') {
  return JSON.stringify({ hsds_version: '3.0', organizations: [{ name: organization, services: [service] }] });
}

const aeromodelling = {
  name: '青少年航模飞行体验课',
  description: '在老师指导下组装橡筋动力模型飞机并试飞，了解升力与重心的原理。',
  status: 'active',
  phone: [{ number: '010-64000000' }],
  attributes: [{ taxonomy_term: { id: 'domain:kexue' } }, { taxonomy_term: { id: 'type:study' } }],
  eligibility: { minimum_age: 8, maximum_age: 15 },
  schedules: [
    {
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=10;BYMINUTE=0',
      capacity: 20,
      duration_minutes: 90,
      x_gongyu: { name: '航模体验', description: '组装并试飞一架模型飞机' },
    },
  ],
  service_at_locations: [
    {
      location: {
        name: '航模俱乐部',
        latitude: 39.9288,
        longitude: 116.4166,
        addresses: [{ address_1: '东城区测试胡同8号' }],
      },
    },
  ],
  x_gongyu: { keywords: ['航模', '模型飞机'], district_id: DONGCHENG },
};

describe('CSV helpers', () => {
  it('parses RFC 4180: quotes, doubled quotes, embedded line breaks, BOM, CRLF and blank lines', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"line1\r\nline2",\r\n3,plain,end';
    expect(parseCsv(text)).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['1', 'x, y', 'say "hi"'] },
      { row: 4, cells: ['2', 'line1\r\nline2', ''] },
      { row: 5, cells: ['3', 'plain', 'end'] },
    ]);
    expect(parseCsv('a\rb\n')).toEqual([
      { row: 1, cells: ['a'] },
      { row: 2, cells: ['b'] },
    ]);
    expect(() => parseCsv('a,"open\nb')).toThrow('引号没有闭合');
  });

  it('quotes only what needs it and neutralises formulas reversibly', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('=HYPERLINK("u","x")')).toBe(`"'=HYPERLINK(""u"",""x"")"`);
    for (const v of ['=1+2', '+86', '-5', '@cmd', "'=already", "it's", 'normal']) {
      expect(unescapeFormula(escapeFormula(v))).toBe(v);
    }
    expect(escapeFormula("it's")).toBe("it's");
  });
});

describe('HSDS export', () => {
  it('exports 东城 as an HSDS 3.0 JSON document with locations, schedules and taxonomy', async () => {
    const res = await exportAs(district1, 'json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toContain('attachment');
    const doc = JSON.parse(res.body);
    expect(doc.hsds_version).toBe('3.0');
    expect(Number.isNaN(Date.parse(doc.generated_at))).toBe(false);
    const services = doc.organizations.flatMap((o: { services: unknown[] }) => o.services);
    expect(services.length).toBe(await countResources());
    const museum = services.find((s: { name: string }) => s.name === '中国国家博物馆');
    expect(museum).toBeTruthy();
    expect(museum.status).toBe('active');
    expect(museum.x_gongyu.district_id).toBe(DONGCHENG);
    const location = museum.service_at_locations[0].location;
    expect(location.latitude).toBeCloseTo(39.905, 3);
    expect(location.longitude).toBeCloseTo(116.3953, 3);
    expect(location.addresses[0]).toMatchObject({
      address_1: '东城区东长安街16号',
      city: '北京市',
      region: '东城区',
      country: 'CN',
    });
    expect(museum.attributes).toContainEqual({ taxonomy_term: { id: 'domain:de', term: '德育', taxonomy: 'domain' } });
    expect(museum.eligibility).toEqual({ minimum_age: 6, maximum_age: 18 });
    expect(museum.schedules.length).toBeGreaterThan(0);
    expect(museum.schedules[0]).toMatchObject({ freq: 'WEEKLY', capacity: 40, duration_minutes: 120 });
    expect(museum.schedules[0].rrule).toMatch(/^FREQ=WEEKLY;BYDAY=WE,SA,SU;/);
    expect(Number.isNaN(Date.parse(museum.last_verified_at))).toBe(false);
    // Ordered by unit name, then resource name.
    const names = doc.organizations.map((o: { name: string }) => o.name);
    expect(names).toEqual([...names].sort());
  });

  it('exports services.csv with a BOM, the documented header and one row per resource', async () => {
    const res = await exportAs(district1, 'csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="gongyu-directory-110101\.csv"$/);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(res.body);
    expect(rows[0]!.cells.join(',')).toBe(HEADER);
    expect(rows.length - 1).toBe(await countResources());
    const museum = rows.find((r) => r.cells[3] === '中国国家博物馆')!;
    expect(museum.cells[CSV_COLUMNS.indexOf('latitude')]).toBe('39.905');
    expect(museum.cells[CSV_COLUMNS.indexOf('terms')]).toContain('domain:de|');
  });

  it('exports the whole city when no district is given (function level)', async () => {
    const all = JSON.parse(await exportDirectory(ctx.db, undefined, 'json'));
    const districtsSeen = new Set(
      all.organizations.flatMap((o: { services: { x_gongyu: { district_id: string } }[] }) =>
        o.services.map((s) => s.x_gongyu.district_id),
      ),
    );
    expect([...districtsSeen]).toEqual(expect.arrayContaining(['110101', '110102', '110105']));
    // Ordered by district first.
    const order = all.organizations.map((o: { x_gongyu: { district_id: string } }) => o.x_gongyu.district_id);
    expect(order).toEqual([...order].sort());
  });
});

describe('HSDS import', () => {
  it('round-trips the CSV export: every row updates, nothing is created, schedules and slots are kept', async () => {
    const before = await countResources();
    const schedulesBefore = (
      await ctx.db
        .select({ id: resourceSchedules.id })
        .from(resourceSchedules)
        .where(eq(resourceSchedules.districtId, DONGCHENG))
    )
      .map((s) => s.id)
      .sort();
    const csv = (await exportAs(district1, 'csv')).body;
    const res = await importAs(district1, { districtId: DONGCHENG, format: 'csv', content: csv });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 0, updated: before, errors: [], dryRun: false });
    expect(await countResources()).toBe(before);
    const schedulesAfter = (
      await ctx.db
        .select({ id: resourceSchedules.id })
        .from(resourceSchedules)
        .where(eq(resourceSchedules.districtId, DONGCHENG))
    )
      .map((s) => s.id)
      .sort();
    expect(schedulesAfter).toEqual(schedulesBefore);
    // Re-exporting gives the same rows apart from the verification time.
    const again = parseCsv((await exportAs(district1, 'csv')).body).map((r) => r.cells.slice(0, -1).join(','));
    expect(again).toEqual(parseCsv(csv).map((r) => r.cells.slice(0, -1).join(',')));
    const [audit] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'directory.import'), eq(auditEvents.districtId, DONGCHENG)))
      .orderBy(auditEvents.id);
    expect(audit?.detail).toMatchObject({ format: 'csv', created: 0, updated: before, schedulesReplaced: 0 });
  });

  it('round-trips the JSON export too', async () => {
    const before = await countResources();
    const json = (await exportAs(district1, 'json')).body;
    const res = await importAs(district1, { districtId: DONGCHENG, format: 'json', content: json });
    expect(res.json()).toEqual({ created: 0, updated: before, errors: [], dryRun: false });
    expect(await countResources()).toBe(before);
  });

  it('creates a new service from HSDS JSON, with its unit, schedule and slots; search then finds it', async () => {
    const res = await importAs(district1, { districtId: DONGCHENG, format: 'json', content: hsdsDoc(aeromodelling) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 1, updated: 0, errors: [], dryRun: false });
    const [row] = await findByName(aeromodelling.name);
    expect(row).toBeTruthy();
    expect(row!.districtId).toBe(DONGCHENG);
    expect(row!.terms).toEqual(['domain:kexue', 'type:study', 'price:free']);
    expect(row!.keywords).toEqual(['航模', '模型飞机']);
    expect([row!.ageMin, row!.ageMax, row!.phone]).toEqual([8, 15, '010-64000000']);
    const [unit] = await ctx.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.districtId, DONGCHENG), eq(orgUnits.id, row!.orgUnitId)));
    expect(unit).toMatchObject({ kind: 'resourceUnit', name: '共育测试航模俱乐部' });

    const search = await ctx.as(district1, {
      method: 'GET',
      url: `/api/v1/resources/search?q=${encodeURIComponent('航模')}`,
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((i: { id: string }) => i.id)).toContain(row!.id);

    const detail = (await ctx.as(district1, { method: 'GET', url: `/api/v1/resources/${row!.id}` })).json();
    expect(detail.schedules).toHaveLength(1);
    expect(detail.schedules[0]).toMatchObject({ name: '航模体验', capacity: 20, durationMinutes: 90 });
    const slotList = (
      await ctx.as(district1, { method: 'GET', url: `/api/v1/resources/${row!.id}/slots?days=14` })
    ).json();
    expect(slotList.items.length).toBeGreaterThanOrEqual(12);
  });

  it('updating a service by id replaces its schedules and drops their unbooked future slots', async () => {
    const [row] = await findByName(aeromodelling.name);
    const [oldSchedule] = await ctx.db
      .select()
      .from(resourceSchedules)
      .where(eq(resourceSchedules.resourceId, row!.id));
    // One future session already has a seat taken: it must survive the replacement.
    const [held] = await ctx.db
      .select()
      .from(slots)
      .where(and(eq(slots.scheduleId, oldSchedule!.id), gt(slots.startsAt, new Date())))
      .orderBy(slots.startsAt)
      .limit(1);
    await ctx.db
      .update(slots)
      .set({ taken: 1 })
      .where(and(eq(slots.districtId, DONGCHENG), eq(slots.id, held!.id)));
    const changed = {
      ...aeromodelling,
      id: row!.id,
      description: '改为周末下午上课。',
      schedules: [{ rrule: 'FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=15;BYMINUTE=30', capacity: 12, duration_minutes: 60 }],
    };
    const res = await importAs(district1, { districtId: DONGCHENG, format: 'json', content: hsdsDoc(changed) });
    expect(res.json()).toEqual({ created: 0, updated: 1, errors: [], dryRun: false });
    const [after] = await findByName(aeromodelling.name);
    expect(after!.id).toBe(row!.id);
    expect(after!.description).toBe('改为周末下午上课。');
    const schedules = await ctx.db.select().from(resourceSchedules).where(eq(resourceSchedules.resourceId, row!.id));
    expect(schedules.map((s) => [s.rrule, s.capacity, s.durationMinutes])).toEqual([
      ['FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=15;BYMINUTE=30', 12, 60],
    ]);
    // Without a programme name in the file, the old one is kept.
    expect(schedules[0]!.name).toBe('航模体验');
    const [orphans] = await ctx.db.select({ n: count() }).from(slots).where(eq(slots.scheduleId, oldSchedule!.id));
    expect(orphans!.n).toBe(0);
    const [kept] = await ctx.db
      .select()
      .from(slots)
      .where(and(eq(slots.districtId, DONGCHENG), eq(slots.id, held!.id)));
    expect(kept).toMatchObject({ taken: 1, scheduleId: null });
    const fresh = await ctx.db.select().from(slots).where(eq(slots.scheduleId, schedules[0]!.id));
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((s) => s.capacity === 12)).toBe(true);
  });

  it('reports a bad latitude, an unknown term and a foreign district by row, and writes nothing', async () => {
    const resourcesBefore = await countResources();
    const unitsBefore = await countUnits();
    const csv = [
      HEADER,
      csvLine({ ...validRow, service_name: '纬度错误的资源', latitude: 95 }),
      csvLine({ ...validRow, service_name: '标签错误的资源', terms: 'domain:zhi|type:nonexistent' }),
      csvLine({ ...validRow, service_name: '别区的资源', district_id: '110102' }),
      csvLine({ ...validRow, service_name: '本来没问题的资源' }),
    ].join('\r\n');
    const res = await importAs(district1, { districtId: DONGCHENG, format: 'csv', content: csv });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4]);
    expect(body.errors[0].message).toMatch(/^第 2 行：纬度超出范围/);
    expect(body.errors[1].message).toBe('第 3 行：未知标签：type:nonexistent');
    expect(body.errors[2].message).toMatch(/^第 4 行：不属于所选区/);
    // The count the import would have had; nothing written at all.
    expect(body.created).toBe(1);
    expect(body.dryRun).toBe(false);
    expect(await countResources()).toBe(resourcesBefore);
    expect(await countUnits()).toBe(unitsBefore);
    expect(await findByName('本来没问题的资源')).toEqual([]);
  });

  it('gives specific Chinese messages for the other rules', async () => {
    const csv = [
      HEADER,
      csvLine({ ...validRow, latitude: 31.23, longitude: 121.47 }),
      csvLine({ ...validRow, terms: 'type:museum' }),
      csvLine({ ...validRow, minimum_age: 12, maximum_age: 6 }),
      csvLine({ ...validRow, schedule_rrules: 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0' }),
      csvLine({ ...validRow, schedule_capacity: 0, schedule_duration_minutes: 5 }),
      csvLine({ ...validRow, service_name: '<b>标题</b>' }),
      csvLine({ ...validRow, description: '长'.repeat(601) }),
      csvLine({ ...validRow, address: '' }),
      csvLine({ ...validRow, minimum_age: 19 }),
    ].join('\n');
    const body = (await importAs(district1, { districtId: DONGCHENG, format: 'csv', content: csv })).json();
    const messages = body.errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual([
      expect.stringMatching(/^第 2 行：坐标（纬度 31.23，经度 121.47）不在北京市范围内/),
      expect.stringMatching(/^第 3 行：至少需要一个育人领域标签/),
      '第 4 行：最小年龄（12）不能大于最大年龄（6）',
      expect.stringMatching(/^第 5 行：排期规则“FREQ=DAILY;BYHOUR=9;BYMINUTE=0”无效：只支持 FREQ=WEEKLY/),
      '第 6 行：排期名额必须是 1–10000 人之间的整数（现为 0）',
      '第 6 行：排期每场时长必须是 15–720 分钟之间的整数（现为 5）',
      '第 7 行：资源名称不能包含 < 或 > 字符',
      expect.stringMatching(/^第 8 行：简介不能超过 600 个字符/),
      '第 9 行：地址不能为空',
      '第 10 行：最小年龄必须是 0–18 岁之间的整数（现为 19）',
    ]);
    expect(body.created + body.updated).toBe(0);
  });

  it('numbers JSON errors by service across the document', async () => {
    const doc = JSON.stringify({
      organizations: [
        { name: '共育测试甲', services: [aeromodelling] },
        {
          name: '共育测试乙',
          services: [{ ...aeromodelling, attributes: [{ taxonomy_term: { id: 'domain:nope' } }] }],
        },
      ],
    });
    const body = (
      await importAs(district1, { districtId: DONGCHENG, format: 'json', content: doc, dryRun: true })
    ).json();
    expect(body.errors).toEqual([{ row: 2, message: '第 2 个服务：未知标签：domain:nope' }]);
    expect(body.created).toBe(1);
  });

  it('refuses duplicate service ids and files that are not HSDS', async () => {
    const [row] = await findByName('中国国家博物馆');
    const csv = (await exportAs(district1, 'csv')).body.trimEnd();
    const museumLine = csv.split('\r\n').find((l) => l.includes(row!.id))!;
    const dup = await importAs(district1, {
      districtId: DONGCHENG,
      format: 'csv',
      content: `${HEADER}\r\n${museumLine}\r\n${museumLine}`,
    });
    expect(dup.json().errors).toEqual([
      { row: 3, message: `第 3 行：服务编号 ${row!.id} 与第 2 行重复，同一资源只能出现一次` },
    ]);

    const notJson = await importAs(district1, {
      districtId: DONGCHENG,
      format: 'json',
      content: '{"organizations": [',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().detail).toContain('文件不是合法的 JSON');
    const badHeader = await importAs(district1, {
      districtId: DONGCHENG,
      format: 'csv',
      content: 'name,lat\n故宫,39.9',
    });
    expect(badHeader.statusCode).toBe(400);
    expect(badHeader.json().detail).toContain('CSV 表头缺少列');
  });

  it('dryRun validates and counts but writes nothing', async () => {
    const resourcesBefore = await countResources();
    const unitsBefore = await countUnits();
    const service = { ...aeromodelling, name: '只检查不写入的资源' };
    const res = await importAs(district1, {
      districtId: DONGCHENG,
      format: 'json',
      content: hsdsDoc(service, '只检查的单位'),
      dryRun: true,
    });
    expect(res.json()).toEqual({ created: 1, updated: 0, errors: [], dryRun: true });
    expect(await countResources()).toBe(resourcesBefore);
    expect(await countUnits()).toBe(unitsBefore);
    expect(await findByName('只检查不写入的资源')).toEqual([]);
  });

  it('keeps formula-like cells inert in CSV and round-trips them exactly', async () => {
    const nasty = '=HYPERLINK("http://evil.example","点我")';
    const csv = [
      HEADER,
      csvLine({
        ...validRow,
        organization_name: '@共育公式测试馆',
        service_name: '+加号科学实验课',
        description: nasty,
        keywords: '-减号|@周末',
      }),
    ].join('\r\n');
    const created = (await importAs(district1, { districtId: DONGCHENG, format: 'csv', content: csv })).json();
    expect(created).toEqual({ created: 1, updated: 0, errors: [], dryRun: false });

    const exported = (await exportAs(district1, 'csv')).body;
    const rows = parseCsv(exported);
    for (const r of rows) for (const cell of r.cells) expect(cell).not.toMatch(/^[=+\-@]/);
    const line = rows.find((r) => r.cells[3] === "'+加号科学实验课")!;
    expect(line.cells[1]).toBe("'@共育公式测试馆");
    expect(line.cells[4]).toBe(`'${nasty}`);
    expect(exported).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);

    const again = (await importAs(district1, { districtId: DONGCHENG, format: 'csv', content: exported })).json();
    expect(again.errors).toEqual([]);
    expect(again.created).toBe(0);
    const [row] = await findByName('+加号科学实验课');
    expect(row!.description).toBe(nasty);
    expect(row!.keywords).toEqual(['-减号', '@周末']);
    const [unit] = await ctx.db.select().from(orgUnits).where(eq(orgUnits.id, row!.orgUnitId));
    expect(unit!.name).toBe('@共育公式测试馆');
    // JSON carries the text as it is: no spreadsheet is involved.
    const json = JSON.parse((await exportAs(district1, 'json')).body);
    const service = json.organizations
      .flatMap((o: { services: { name: string; description: string }[] }) => o.services)
      .find((s: { name: string }) => s.name === '+加号科学实验课');
    expect(service.description).toBe(nasty);
  });

  it('refuses more than 2,000 records in one import', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 2001; i++) lines.push(csvLine({ ...validRow, service_name: `批量资源${i}` }));
    const before = await countResources();
    const body = (
      await importAs(district1, { districtId: DONGCHENG, format: 'csv', content: lines.join('\n'), dryRun: false })
    ).json();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ row: 2002 });
    expect(body.errors[0].message).toContain('单次最多导入 2000 条');
    expect(await countResources()).toBe(before);
  });
});

describe('HSDS endpoints are admin tools', () => {
  it('a district admin cannot import into another district', async () => {
    const before = await countResources('110102');
    const res = await importAs(district1, {
      districtId: '110102',
      format: 'json',
      content: hsdsDoc({ ...aeromodelling, x_gongyu: {} }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toBe('只能导入本区的资源目录');
    expect(await countResources('110102')).toBe(before);
  });

  it('a district admin exports their district; a parent may not export or import', async () => {
    const ok = await exportAs(district1, 'csv');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/csv');
    expect(ok.headers['content-disposition']).toContain('attachment');
    const other = await exportAs(district1, 'csv', '110102');
    expect(other.statusCode).toBe(403);

    const parent = await ctx.login('parent1');
    const denied = await exportAs(parent, 'csv');
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toContain('application/problem+json');
    const deniedImport = await importAs(parent, {
      districtId: DONGCHENG,
      format: 'json',
      content: hsdsDoc(aeromodelling),
    });
    expect(deniedImport.statusCode).toBe(403);
  });

  it('the city admin may export the whole city', async () => {
    const city = await ctx.login('city1');
    const res = await ctx.as(city, { method: 'GET', url: '/api/v1/directory/export?format=json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('gongyu-directory-beijing.json');
    // Every exported service is a stored resource.
    const ids = JSON.parse(res.body).organizations.flatMap((o: { services: { id: string }[] }) =>
      o.services.map((s) => s.id),
    );
    const [found] = await ctx.db.select({ n: count() }).from(resources).where(inArray(resources.id, ids));
    expect(found!.n).toBe(ids.length);
  });
});
