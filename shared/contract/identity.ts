import { z } from 'zod';
import { ROLES, SCOPE_KINDS, FAMILY_RELATIONS } from './domain.js';
import { defineEndpoint, fields } from './endpoint.js';

const tags = ['账户'];

export const RoleScopeSchema = z.object({
  role: z.enum(ROLES),
  scopeKind: z.enum(SCOPE_KINDS).nullable(),
  districtId: z.string().nullable(),
  districtName: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  classId: z.string().nullable(),
  className: z.string().nullable(),
});
export type RoleScope = z.infer<typeof RoleScopeSchema>;

export const ChildSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.enum(FAMILY_RELATIONS),
  isPrimaryGuardian: z.boolean(),
  schoolName: z.string(),
  className: z.string(),
  gradeNumber: z.number().int(),
  districtName: z.string(),
  profileConsent: z.boolean(),
});

export const TeachingClassSchema = z.object({
  id: z.string(),
  name: z.string(),
  schoolName: z.string(),
  gradeNumber: z.number().int(),
  isHeadTeacher: z.boolean(),
  studentCount: z.number().int(),
});

export const MeSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    mobile: z.string().nullable(),
    mustChangePassword: z.boolean(),
  }),
  roles: z.array(RoleScopeSchema),
  /** Guardians: their children (ids usable with GET /students/:id). */
  children: z.array(ChildSummarySchema),
  /** Teachers: the classes they teach. */
  classes: z.array(TeachingClassSchema),
  /** Actions this user may take anywhere, for the navigation (the server still checks each record). */
  can: z.object({
    viewOrgTree: z.boolean(),
    searchAudit: z.boolean(),
    manageUsers: z.boolean(),
    searchStudents: z.boolean(),
    /** 资源单位: manage listings, schedules, today's bookings and check-in. */
    manageResources: z.boolean(),
    /** Book for one's own children. */
    bookResources: z.boolean(),
    onboardUnits: z.boolean(),
    editTaxonomy: z.boolean(),
  }),
});
export type Me = z.infer<typeof MeSchema>;

export const login = defineEndpoint({
  method: 'POST',
  path: '/api/v1/auth/login',
  summary: '用户名或手机号 + 密码登录，成功后下发会话 Cookie',
  tags,
  auth: false,
  body: z.object({
    username: fields.text('用户名', 64),
    password: z.string({ error: '密码必须是文本' }).min(1, { error: '密码不能为空' }).max(256, { error: '密码过长' }),
  }),
  response: MeSchema,
});

export const logout = defineEndpoint({
  method: 'POST',
  path: '/api/v1/auth/logout',
  summary: '退出登录并吊销当前会话',
  tags,
  auth: false,
  response: z.void(),
  status: 204,
});

export const getMe = defineEndpoint({
  method: 'GET',
  path: '/api/v1/me',
  summary: '当前用户、角色及其范围；家长另含其子女',
  tags,
  response: MeSchema,
});

export const SessionSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  idleExpiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const listMySessions = defineEndpoint({
  method: 'GET',
  path: '/api/v1/me/sessions',
  summary: '我的登录会话（设备）',
  tags,
  response: z.object({ items: z.array(SessionSchema) }),
});

export const revokeMySession = defineEndpoint({
  method: 'DELETE',
  path: '/api/v1/me/sessions/:sessionId',
  summary: '结束我的某个会话',
  tags,
  params: z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/, { error: '会话编号格式不正确' }) }),
  response: z.void(),
  status: 204,
});

const newPassword = z
  .string({ error: '新密码必须是文本' })
  .min(10, { error: '新密码至少 10 位' })
  .max(128, { error: '新密码不能超过 128 位' })
  .refine((v) => /[A-Za-z]/.test(v) && /[0-9]/.test(v), { error: '新密码需同时包含字母和数字' });

export const changeMyPassword = defineEndpoint({
  method: 'POST',
  path: '/api/v1/me/password',
  summary: '修改密码（其他会话随之失效）',
  tags,
  body: z.object({
    currentPassword: z.string({ error: '当前密码必须是文本' }).min(1, { error: '请输入当前密码' }).max(256),
    newPassword,
  }),
  response: z.void(),
  status: 204,
});

export const UserListItemSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  locked: z.boolean(),
});

export const listUsers = defineEndpoint({
  method: 'GET',
  path: '/api/v1/users',
  summary: '管理范围内的账户（管理员）',
  tags,
  query: z.object({
    q: z.string().trim().max(50, { error: '搜索词不能超过 50 个字符' }).optional(),
    page: fields.page,
    pageSize: fields.pageSize,
  }),
  response: z.object({ items: z.array(UserListItemSchema), total: z.number().int() }),
});

export const resetUserPassword = defineEndpoint({
  method: 'POST',
  path: '/api/v1/users/:userId/password-reset',
  summary: '管理员重置密码：生成一次性临时密码，用户下次登录须修改，其所有会话失效',
  tags,
  params: z.object({ userId: fields.uuid('用户编号') }),
  response: z.object({ temporaryPassword: z.string() }),
});

export const listDemoAccounts = defineEndpoint({
  method: 'GET',
  path: '/api/v1/demo-accounts',
  summary: '演示账户（仅当数据库载入了演示城市时返回）',
  tags,
  auth: false,
  response: z.object({
    password: z.string().nullable(),
    accounts: z.array(z.object({ username: z.string(), role: z.string(), label: z.string() })),
  }),
});
