import { z } from 'zod';
import { defineEndpoint, fields } from './endpoint.js';

export const AuditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRoles: z.string(),
  action: z.string(),
  outcome: z.enum(['allowed', 'denied']),
  recordType: z.string(),
  recordId: z.string().nullable(),
  studentId: z.string().nullable(),
  districtId: z.string().nullable(),
  purpose: z.string(),
  ip: z.string().nullable(),
});

export const searchAudit = defineEndpoint({
  method: 'GET',
  path: '/api/v1/audit-events',
  summary: '检索管理范围内的审计日志（学校/区/市管理员）',
  tags: ['审计'],
  query: z
    .object({
      studentId: fields.uuid('学生编号').optional(),
      actorUserId: fields.uuid('操作人编号').optional(),
      action: z.string().trim().max(64, { error: '操作类型过长' }).optional(),
      outcome: z.enum(['allowed', 'denied'], { error: '结果只能是 allowed 或 denied' }).optional(),
      from: z.iso.datetime({ offset: true, error: '开始时间格式不正确' }).optional(),
      to: z.iso.datetime({ offset: true, error: '结束时间格式不正确' }).optional(),
      page: fields.page,
      pageSize: fields.pageSize,
    })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { error: '开始时间不能晚于结束时间', path: ['from'] }),
  response: z.object({ items: z.array(AuditEventSchema), total: z.number().int() }),
});
