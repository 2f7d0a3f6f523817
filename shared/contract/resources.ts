/**
 * 教育新地图 — resources, taxonomy, search and the HSDS directory. Bookings are in ./bookings.ts.
 */
import { z } from 'zod';
import { defineEndpoint, fields } from './endpoint.js';

const tags = ['教育新地图'];

export const TAXONOMY_FACETS = ['domain', 'type', 'theme', 'age', 'price', 'access'] as const;
export type TaxonomyFacet = (typeof TAXONOMY_FACETS)[number];
export const taxonomyFacetLabels: Record<TaxonomyFacet, string> = {
  domain: '育人领域',
  type: '场所类型',
  theme: '文化主题',
  age: '适合年龄',
  price: '费用',
  access: '无障碍',
};

/** The 德智体美劳 scene chips on the map, in display order. */
export const SCENE_TERMS = ['domain:de', 'domain:zhi', 'domain:ti', 'domain:mei', 'domain:lao'] as const;

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const weekdayLabels: Record<Weekday, string> = {
  MO: '周一',
  TU: '周二',
  WE: '周三',
  TH: '周四',
  FR: '周五',
  SA: '周六',
  SU: '周日',
};

const hhmm = (label: string) => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `${label}必须是 HH:MM 格式` });

export const OpeningHoursSchema = z.object({
  days: z.array(z.enum(WEEKDAYS, { error: '星期必须是 MO…SU' })).min(1, { error: '至少开放一天' }),
  opens: hhmm('开门时间'),
  closes: hhmm('闭馆时间'),
});
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

export const TermSchema = z.object({
  id: z.string(),
  facet: z.enum(TAXONOMY_FACETS),
  label: z.string(),
  color: z.string().nullable(),
  ageMin: z.number().int().nullable(),
  ageMax: z.number().int().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  /** How many active resources carry the term. */
  resourceCount: z.number().int(),
});
export type Term = z.infer<typeof TermSchema>;

export const SlotSchema = z.object({
  id: z.string(),
  districtId: z.string(),
  resourceId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  available: z.number().int(),
  status: z.enum(['open', 'closed']),
});
export type Slot = z.infer<typeof SlotSchema>;

export const ResourceSummarySchema = z.object({
  id: z.string(),
  districtId: z.string(),
  districtName: z.string(),
  orgUnitId: z.string(),
  unitName: z.string(),
  name: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  terms: z.array(z.string()),
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  free: z.boolean(),
  /** Not re-verified for 6 months. */
  stale: z.boolean(),
  verifiedAt: z.string(),
});

export const SearchHitSchema = ResourceSummarySchema.extend({
  /** Metres from the search point (or the child's school); null without a point. */
  distanceMeters: z.number().nullable(),
  score: z.number(),
  /** The parts of the score, so the ranking is explainable. */
  scoreParts: z.object({ text: z.number(), distance: z.number(), fit: z.number(), availability: z.number() }),
  /** Human reasons, e.g. ["距离 1.2 公里", "体育", "今天有余位"]. */
  reasons: z.array(z.string()),
  nextSlot: SlotSchema.nullable(),
  openNow: z.boolean().nullable(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

const lat = z.coerce
  .number({ error: '纬度必须是数字' })
  .min(-90, { error: '纬度必须在 -90 到 90 之间' })
  .max(90, { error: '纬度必须在 -90 到 90 之间' });
const lng = z.coerce
  .number({ error: '经度必须是数字' })
  .min(-180, { error: '经度必须在 -180 到 180 之间' })
  .max(180, { error: '经度必须在 -180 到 180 之间' });
export const MAX_RADIUS_METERS = 50_000;
const radius = z.coerce
  .number({ error: '半径必须是数字' })
  .int({ error: '半径必须是整数（米）' })
  .min(100, { error: '半径至少 100 米' })
  .max(MAX_RADIUS_METERS, { error: `半径最大 ${MAX_RADIUS_METERS / 1000} 公里` });
/** Query strings repeat a key for a list (?term=a&term=b) or send one value; accept both. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item).max(20).optional());

export const searchResources = defineEndpoint({
  method: 'GET',
  path: '/api/v1/resources/search',
  summary: '搜索与匹配教育资源（文本、标签、区、开放时间、余位日期、位置半径、孩子）',
  tags,
  query: z
    .object({
      q: z.string().trim().max(100, { error: '搜索词不能超过 100 个字符' }).optional(),
      term: listOf(z.string().regex(/^[a-z]+:[A-Za-z0-9_-]+$/, { error: '标签编号格式不正确' })),
      districtId: z
        .string()
        .regex(/^\d{6}$/, { error: '区代码必须是 6 位数字' })
        .optional(),
      openAt: z.iso.datetime({ offset: true, error: '开放时间必须是 ISO 8601 时间' }).optional(),
      date: fields.isoDate('日期').optional(),
      lat: lat.optional(),
      lng: lng.optional(),
      radius: radius.optional(),
      studentId: fields.uuid('孩子编号').optional(),
      /** Rank from the child's school instead of a point. */
      near: z.enum(['point', 'school'], { error: 'near 只能是 point 或 school' }).optional(),
      limit: z.coerce.number().int().min(1).max(100, { error: '每次最多 100 条' }).default(20),
    })
    .refine((v) => (v.lat === undefined) === (v.lng === undefined), {
      error: '纬度和经度必须同时提供',
      path: ['lat'],
    }),
  response: z.object({
    items: z.array(SearchHitSchema),
    /** Words the query was split into (jieba), shown as "按 … 搜索". */
    tokens: z.array(z.string()),
    /** True when the query matched nothing and the answer is sensible defaults instead. */
    fallback: z.boolean(),
    /** Where distances were measured from. */
    origin: z.object({ lat: z.number(), lng: z.number(), label: z.string() }).nullable(),
    formula: z.string(),
  }),
});

export const ScheduleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  rrule: z.string(),
  /** Readable form, e.g. "每周六、周日 09:30、14:00，90 分钟". */
  summary: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

export const ResourceDetailSchema = ResourceSummarySchema.extend({
  description: z.string(),
  phone: z.string().nullable(),
  keywords: z.array(z.string()),
  openingHours: OpeningHoursSchema,
  closures: z.array(z.string()),
  cancelBeforeMinutes: z.number().int(),
  status: z.enum(['active', 'suspended']),
  schedules: z.array(ScheduleSchema),
  allowed: z.object({ manage: z.boolean(), book: z.boolean() }),
});
export type ResourceDetail = z.infer<typeof ResourceDetailSchema>;

const resourceParams = z.object({ resourceId: fields.uuid('资源编号') });

export const getResource = defineEndpoint({
  method: 'GET',
  path: '/api/v1/resources/:resourceId',
  summary: '资源详情（含排期）',
  tags,
  params: resourceParams,
  response: ResourceDetailSchema,
});

export const listSlots = defineEndpoint({
  method: 'GET',
  path: '/api/v1/resources/:resourceId/slots',
  summary: '资源的可预约时段（默认今天起 14 天）',
  tags,
  params: resourceParams,
  query: z.object({
    from: fields.isoDate('开始日期').optional(),
    days: z.coerce.number().int().min(1).max(60).default(14),
  }),
  response: z.object({ items: z.array(SlotSchema) }),
});

export const listTerms = defineEndpoint({
  method: 'GET',
  path: '/api/v1/taxonomy',
  summary: '标签体系（育人领域、类型、主题、年龄、费用、无障碍）',
  tags,
  query: z.object({ includeInactive: z.coerce.boolean().default(false) }),
  response: z.object({ items: z.array(TermSchema), allowed: z.object({ edit: z.boolean() }) }),
});

const termBody = z.object({
  label: fields.text('名称', 30),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: '颜色必须是 #RRGGBB' })
    .nullable()
    .optional(),
  ageMin: z.number().int().min(0).max(18).nullable().optional(),
  ageMax: z.number().int().min(0).max(18).nullable().optional(),
  sortOrder: z.number().int().min(0).max(999).optional(),
  active: z.boolean().optional(),
});

export const createTerm = defineEndpoint({
  method: 'POST',
  path: '/api/v1/taxonomy',
  summary: '新增标签（市、区管理员）',
  tags,
  body: termBody.extend({
    facet: z.enum(TAXONOMY_FACETS, { error: '标签维度不正确' }),
    code: z.string().regex(/^[A-Za-z0-9_-]{1,30}$/, { error: '标签代码只能包含字母、数字、- 和 _' }),
  }),
  response: TermSchema,
  status: 201,
});

export const updateTerm = defineEndpoint({
  method: 'PATCH',
  path: '/api/v1/taxonomy/:termId',
  summary: '修改标签名称、颜色、顺序或停用（市、区管理员）',
  tags,
  params: z.object({ termId: z.string().regex(/^[a-z]+:[A-Za-z0-9_-]+$/, { error: '标签编号格式不正确' }) }),
  body: termBody.partial(),
  response: TermSchema,
});

/** What a resource unit's staff may write. */
export const ResourceInputSchema = z.object({
  name: fields.text('资源名称', 60),
  description: fields.text('简介', 600),
  address: fields.text('地址', 120),
  lat: lat,
  lng: lng,
  phone: z
    .string()
    .regex(/^[0-9-]{7,20}$/, { error: '电话只能包含数字和 -' })
    .nullable()
    .optional(),
  terms: z.array(z.string()).min(1, { error: '至少选择一个标签' }).max(20),
  keywords: z.array(fields.text('关键词', 20)).max(12).default([]),
  ageMin: z.number().int().min(0).max(18),
  ageMax: z.number().int().min(0).max(18),
  openingHours: OpeningHoursSchema,
  closures: z.array(fields.isoDate('闭馆日期')).max(100).default([]),
  cancelBeforeMinutes: z.number().int().min(0).max(10080).default(120),
});
export type ResourceInput = z.input<typeof ResourceInputSchema>;

export const listManagedResources = defineEndpoint({
  method: 'GET',
  path: '/api/v1/venue/resources',
  summary: '本单位管理的资源（资源单位工作人员、区管理员）',
  tags,
  response: z.object({
    items: z.array(ResourceSummarySchema.extend({ status: z.enum(['active', 'suspended']) })),
    units: z.array(z.object({ id: z.string(), districtId: z.string(), name: z.string() })),
  }),
});

export const createResource = defineEndpoint({
  method: 'POST',
  path: '/api/v1/venue/units/:unitId/resources',
  summary: '为资源单位新增资源',
  tags,
  params: z.object({ unitId: fields.uuid('单位编号') }),
  body: ResourceInputSchema,
  response: ResourceDetailSchema,
  status: 201,
});

export const updateResource = defineEndpoint({
  method: 'PATCH',
  path: '/api/v1/resources/:resourceId',
  summary: '修改资源信息（同时视为已核实）',
  tags,
  params: resourceParams,
  body: ResourceInputSchema.partial().extend({ status: z.enum(['active', 'suspended']).optional() }),
  response: ResourceDetailSchema,
});

export const verifyResource = defineEndpoint({
  method: 'POST',
  path: '/api/v1/resources/:resourceId/verify',
  summary: '确认资源信息仍然准确（重置“待核实”）',
  tags,
  params: resourceParams,
  response: ResourceDetailSchema,
});

export const ScheduleInputSchema = z.object({
  name: fields.text('活动名称', 60),
  description: fields.text('活动说明', 300).optional(),
  days: z.array(z.enum(WEEKDAYS, { error: '星期必须是 MO…SU' })).min(1, { error: '至少选择一天' }),
  times: z.array(hhmm('开始时间')).min(1, { error: '至少一个开始时间' }).max(12),
  durationMinutes: z.number().int().min(15, { error: '时长至少 15 分钟' }).max(720),
  capacity: z.number().int().min(1, { error: '名额至少 1 个' }).max(10000),
  validFrom: fields.isoDate('生效日期'),
  validTo: fields.isoDate('结束日期').nullable().optional(),
});

export const createSchedule = defineEndpoint({
  method: 'POST',
  path: '/api/v1/resources/:resourceId/schedules',
  summary: '新增每周排期（生成未来 28 天的时段）；开始时间的分钟不同会拆成多条 RRULE',
  tags,
  params: resourceParams,
  body: ScheduleInputSchema,
  response: z.object({ schedules: z.array(ScheduleSchema), slotsCreated: z.number().int() }),
  status: 201,
});

export const deleteSchedule = defineEndpoint({
  method: 'DELETE',
  path: '/api/v1/resources/:resourceId/schedules/:scheduleId',
  summary: '删除排期（未被预约的未来时段一并删除）',
  tags,
  params: resourceParams.extend({ scheduleId: fields.uuid('排期编号') }),
  response: z.void(),
  status: 204,
});

export const setSlotStatus = defineEndpoint({
  method: 'PATCH',
  path: '/api/v1/slots/:slotId',
  summary: '开放或关闭一个时段（关闭不影响已有预约）',
  tags,
  params: z.object({ slotId: fields.uuid('时段编号') }),
  body: z.object({ status: z.enum(['open', 'closed'], { error: '状态只能是 open 或 closed' }) }),
  response: SlotSchema,
});

export const onboardUnit = defineEndpoint({
  method: 'POST',
  path: '/api/v1/venue/units',
  summary: '区管理员接入资源单位并开通工作人员账号',
  tags,
  body: z.object({
    districtId: z.string().regex(/^\d{6}$/, { error: '区代码必须是 6 位数字' }),
    name: fields.text('单位名称', 60),
    address: fields.text('地址', 120),
    lat,
    lng,
    staffUsername: z
      .string()
      .regex(/^[a-z][a-z0-9_]{3,31}$/, { error: '用户名须以小写字母开头，4–32 位字母数字或下划线' }),
    staffDisplayName: fields.personName('工作人员姓名'),
  }),
  response: z.object({
    unit: z.object({ id: z.string(), districtId: z.string(), name: z.string() }),
    staff: z.object({ username: z.string(), oneTimePassword: z.string() }),
  }),
  status: 201,
});

export const HSDS_FORMATS = ['json', 'csv'] as const;

export const exportDirectory = defineEndpoint({
  method: 'GET',
  path: '/api/v1/directory/export',
  summary: '按 Open Referral HSDS 导出资源目录（JSON 或 CSV）',
  tags,
  query: z.object({
    format: z.enum(HSDS_FORMATS, { error: '格式只能是 json 或 csv' }).default('json'),
    districtId: z
      .string()
      .regex(/^\d{6}$/, { error: '区代码必须是 6 位数字' })
      .optional(),
  }),
  response: z.unknown(),
});

export const importDirectory = defineEndpoint({
  method: 'POST',
  path: '/api/v1/directory/import',
  summary: '导入 HSDS 资源目录（JSON 或 services.csv 格式，按区）',
  tags,
  body: z.object({
    districtId: z.string().regex(/^\d{6}$/, { error: '区代码必须是 6 位数字' }),
    format: z.enum(HSDS_FORMATS, { error: '格式只能是 json 或 csv' }),
    content: z.string().min(1, { error: '内容不能为空' }).max(900_000, { error: '文件过大' }),
    /** Check only: report what would change, write nothing. */
    dryRun: z.boolean().default(false),
  }),
  response: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
    dryRun: z.boolean(),
  }),
});

export const mapConfig = defineEndpoint({
  method: 'GET',
  path: '/api/v1/map/config',
  summary: '地图底图设置：未配置 MAP_TILE_URL 时使用内置离线区界底图',
  tags,
  response: z.object({
    /** XYZ tile template such as https://tiles.example.cn/{z}/{x}/{y}.png, or null for the offline base map. */
    tileUrl: z.string().nullable(),
    attribution: z.string().nullable(),
    /** The city centre and zoom to open on. */
    center: z.object({ lat: z.number(), lng: z.number() }),
    zoom: z.number().int(),
  }),
});
