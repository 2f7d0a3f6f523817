import { z } from 'zod';
import { FAMILY_RELATIONS } from './domain.js';
import { defineEndpoint, fields } from './endpoint.js';

const tags = ['学生'];

/** Actions the current user may take on this record, so the UI never guesses (Outline `policies`). */
export const StudentActionsSchema = z.object({ update: z.boolean(), manageConsent: z.boolean() });

export const StudentSchema = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  studentNo: z.string(),
  districtId: z.string(),
  districtName: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  classId: z.string(),
  className: z.string(),
  gradeNumber: z.number().int(),
  guardians: z.array(
    z.object({
      userId: z.string(),
      displayName: z.string(),
      relation: z.enum(FAMILY_RELATIONS),
      isPrimary: z.boolean(),
      /** Staff see the number to contact the family; other guardians see it masked. */
      mobile: z.string().nullable(),
    }),
  ),
  profileConsent: z.object({
    granted: z.boolean(),
    policyVersion: z.number().int(),
    decidedAt: z.string().nullable(),
  }),
  allowed: StudentActionsSchema,
});
export type Student = z.infer<typeof StudentSchema>;

const studentIdParams = z.object({ studentId: fields.uuid('学生编号') });
const purpose = fields.text('访问目的', 100).optional().describe('访问目的，写入审计日志');

export const getStudent = defineEndpoint({
  method: 'GET',
  path: '/api/v1/students/:studentId',
  summary: '读取一名学生的档案（每次读取写入审计日志）',
  tags,
  params: studentIdParams,
  query: z.object({ purpose }),
  response: StudentSchema,
});

export const updateStudent = defineEndpoint({
  method: 'PATCH',
  path: '/api/v1/students/:studentId',
  summary: '更正学生基本信息（班主任、学校及区管理员）',
  tags,
  params: studentIdParams,
  body: z
    .object({
      name: fields.personName('姓名').optional(),
      gender: z.enum(['male', 'female'], { error: '性别只能是 male 或 female' }).optional(),
      birthDate: fields.isoDate('出生日期').optional(),
    })
    .strict()
    .refine((b) => Object.keys(b).length > 0, { error: '请至少提供一项要修改的信息' }),
  response: StudentSchema,
});

export const StudentRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  studentNo: z.string(),
  birthDate: z.string(),
  schoolName: z.string(),
  className: z.string(),
  gradeNumber: z.number().int(),
  districtName: z.string(),
});

export const searchStudents = defineEndpoint({
  method: 'GET',
  path: '/api/v1/students',
  summary: '在本人权限范围内查找学生（列表在 SQL 中按范围过滤）',
  tags,
  query: z.object({
    q: z.string().trim().max(50, { error: '搜索词不能超过 50 个字符' }).optional(),
    classId: fields.uuid('班级编号').optional(),
    schoolId: fields.uuid('学校编号').optional(),
    page: fields.page,
    pageSize: fields.pageSize,
  }),
  response: z.object({ items: z.array(StudentRowSchema), total: z.number().int() }),
});

export const listClassRoster = defineEndpoint({
  method: 'GET',
  path: '/api/v1/classes/:classId/students',
  summary: '班级花名册（任课教师、班主任及上级管理员）',
  tags,
  params: z.object({ classId: fields.uuid('班级编号') }),
  response: z.object({
    class: z.object({ id: z.string(), name: z.string(), schoolName: z.string(), gradeNumber: z.number().int() }),
    items: z.array(StudentRowSchema.extend({ primaryGuardianName: z.string().nullable(), profileConsent: z.boolean() })),
  }),
});

export const ConsentRecordSchema = z.object({
  id: z.string(),
  decision: z.enum(['granted', 'withdrawn']),
  policyVersion: z.number().int(),
  decidedAt: z.string(),
  guardianName: z.string(),
});

export const consentPolicy = defineEndpoint({
  method: 'GET',
  path: '/api/v1/consent-policy',
  summary: '当前的儿童个人信息处理告知书（版本与全文）',
  tags,
  response: z.object({ purpose: z.string(), version: z.number().int(), title: z.string(), paragraphs: z.array(z.string()) }),
});

export const listConsents = defineEndpoint({
  method: 'GET',
  path: '/api/v1/students/:studentId/consents',
  summary: '该学生的监护人同意记录（最新在前）',
  tags,
  params: studentIdParams,
  response: z.object({ current: StudentSchema.shape.profileConsent, history: z.array(ConsentRecordSchema) }),
});

export const decideConsent = defineEndpoint({
  method: 'POST',
  path: '/api/v1/students/:studentId/consents',
  summary: '监护人同意或撤回对子女个人信息的处理',
  tags,
  params: studentIdParams,
  body: z.object({
    decision: z.enum(['granted', 'withdrawn'], { error: '决定只能是 granted（同意）或 withdrawn（撤回）' }),
    policyVersion: z.number({ error: '告知书版本必须是数字' }).int().positive(),
  }),
  response: z.object({ current: StudentSchema.shape.profileConsent, history: z.array(ConsentRecordSchema) }),
  status: 201,
});
