import { z } from 'zod';
import { AGE_BANDS, KB_TOPICS } from './domain.js';
import { defineEndpoint, fields } from './endpoint.js';

const tags = ['京小帮'];

export const CitationSchema = z.object({ id: z.string(), slug: z.string(), title: z.string() });

/** Something the parent can do next from an answer. */
export const AssistantActionSchema = z.object({
  kind: z.enum(['counselor', 'article', 'hotline', 'alertHeadTeacher', 'scenario', 'resources']),
  label: z.string(),
  /** article slug, scenario slug, hotline number, crisis case id or a map query (`term=domain:ti`), by kind */
  target: z.string().nullable(),
});

export const AnswerSectionsSchema = z.object({
  likely: z.string(),
  whatToSay: z.array(z.string()),
  thisWeek: z.array(z.string()),
  seekHelp: z.string(),
});

export const AskResponseSchema = z.object({
  conversationId: z.string(),
  crisis: z.boolean(),
  crisisCategories: z.array(z.string()),
  /** The whole answer as plain text (what the check scripts read). */
  answer: z.string(),
  /** Structured parts of an offline answer (null for crisis and LLM answers). */
  sections: AnswerSectionsSchema.nullable(),
  citations: z.array(CitationSchema),
  actions: z.array(AssistantActionSchema),
  /** offline = composed from articles; llm = model answer grounded in them; safety = fixed crisis response */
  source: z.enum(['offline', 'llm', 'safety']),
  /** When a crisis opened a follow-up case in the district's counsellor queue. */
  crisisCaseId: z.string().nullable(),
  personalisedFor: z.string().nullable(),
});
export type AskResponse = z.infer<typeof AskResponseSchema>;

export const AskBodySchema = z.object({
  question: z
    .string({ error: '问题必须是文本' })
    .trim()
    .min(2, { error: '请把问题写得具体一些（至少 2 个字）' })
    .max(1000, { error: '问题不能超过 1000 个字，请精简后再问' }),
  studentId: fields.uuid('学生编号').optional(),
  conversationId: fields.uuid('会话编号').optional(),
});

export const ask = defineEndpoint({
  method: 'POST',
  path: '/api/v1/assistant/ask',
  summary: '向京小帮提问（先做危机识别；离线回答引用知识库文章；配置模型时由模型基于同样的检索结果回答）',
  tags,
  body: AskBodySchema,
  response: AskResponseSchema,
});

export const ConversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  studentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listConversations = defineEndpoint({
  method: 'GET',
  path: '/api/v1/assistant/conversations',
  summary: '我的京小帮会话',
  tags,
  response: z.object({ items: z.array(ConversationSchema) }),
});

export const MessageSchema = z.object({
  id: z.number().int(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  crisis: z.boolean(),
  citations: z.array(CitationSchema),
  source: z.string(),
  /** What the answer offered when it was given (empty for questions and for answers stored before 2026-12-02). */
  actions: z.array(AssistantActionSchema),
  crisisCategories: z.array(z.string()),
  crisisCaseId: z.string().nullable(),
  personalisedFor: z.string().nullable(),
  createdAt: z.string(),
});

const conversationParams = z.object({ conversationId: fields.uuid('会话编号') });

export const getConversation = defineEndpoint({
  method: 'GET',
  path: '/api/v1/assistant/conversations/:conversationId',
  summary: '一次会话的全部消息（仅本人）',
  tags,
  params: conversationParams,
  response: ConversationSchema.extend({ messages: z.array(MessageSchema) }),
});

export const deleteConversation = defineEndpoint({
  method: 'DELETE',
  path: '/api/v1/assistant/conversations/:conversationId',
  summary: '删除一次会话',
  tags,
  params: conversationParams,
  response: z.void(),
  status: 204,
});

export const deleteAllConversations = defineEndpoint({
  method: 'DELETE',
  path: '/api/v1/assistant/conversations',
  summary: '删除我的全部会话',
  tags,
  response: z.void(),
  status: 204,
});

export const CrisisCaseSchema = z.object({
  id: z.string(),
  districtId: z.string(),
  categories: z.array(z.string()),
  excerpt: z.string(),
  status: z.enum(['open', 'seen', 'contacted', 'closed']),
  guardianName: z.string(),
  guardianMobile: z.string().nullable(),
  studentName: z.string().nullable(),
  schoolName: z.string().nullable(),
  alertHeadTeacher: z.boolean(),
  createdAt: z.string(),
  seenAt: z.string().nullable(),
  contactedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  handledByName: z.string().nullable(),
  note: z.string().nullable(),
});

export const listCrisisCases = defineEndpoint({
  method: 'GET',
  path: '/api/v1/crisis-cases',
  summary: '危机跟进队列（本区咨询师）',
  tags: ['危机跟进'],
  query: z.object({
    status: z.enum(['open', 'seen', 'contacted', 'closed'], { error: '状态只能是 open、seen、contacted 或 closed' }).optional(),
  }),
  response: z.object({ items: z.array(CrisisCaseSchema) }),
});

export const advanceCrisisCase = defineEndpoint({
  method: 'POST',
  path: '/api/v1/crisis-cases/:caseId/status',
  summary: '推进危机个案：已查看 → 已联系 → 已结案（只能向前）',
  tags: ['危机跟进'],
  params: z.object({ caseId: fields.uuid('个案编号') }),
  body: z.object({
    status: z.enum(['seen', 'contacted', 'closed'], { error: '状态只能是 seen、contacted 或 closed' }),
    note: fields.text('处理记录', 2000).optional(),
  }),
  response: CrisisCaseSchema,
});

export const ArticleSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  ageBands: z.array(z.enum(AGE_BANDS)),
  topics: z.array(z.enum(KB_TOPICS)),
  summary: z.string(),
  understanding: z.string(),
  whatToSay: z.array(z.string()),
  thisWeek: z.array(z.string()),
  seekHelp: z.string(),
  references: z.array(z.string()),
  keywords: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const listArticles = defineEndpoint({
  method: 'GET',
  path: '/api/v1/kb/articles',
  summary: '知识库文章列表（可按关键词检索）',
  tags: ['知识库'],
  query: z.object({ q: z.string().trim().max(100, { error: '搜索词不能超过 100 个字符' }).optional() }),
  response: z.object({
    items: z.array(ArticleSchema.pick({ id: true, slug: true, title: true, ageBands: true, topics: true, summary: true, version: true, updatedAt: true })),
  }),
});

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{3,80}$/, { error: '文章标识格式不正确' }) });

export const getArticle = defineEndpoint({
  method: 'GET',
  path: '/api/v1/kb/articles/:slug',
  summary: '一篇知识库文章',
  tags: ['知识库'],
  params: slugParams,
  response: ArticleSchema,
});

const lines = (label: string) => z.array(fields.text(label, 300)).min(1, { error: `${label}至少一条` }).max(8, { error: `${label}最多 8 条` });

export const updateArticle = defineEndpoint({
  method: 'PUT',
  path: '/api/v1/kb/articles/:slug',
  summary: '编辑文章（市、区管理员）；保存为新版本，旧版本保留',
  tags: ['知识库'],
  params: slugParams,
  body: z.object({
    title: fields.text('标题', 40),
    ageBands: z.array(z.enum(AGE_BANDS, { error: '年龄段不正确' })).min(1, { error: '至少选择一个年龄段' }),
    topics: z.array(z.enum(KB_TOPICS, { error: '主题不正确' })).min(1, { error: '至少选择一个主题' }),
    summary: fields.text('摘要', 600),
    understanding: fields.text('原因分析', 1200),
    whatToSay: lines('“可以这样说”'),
    thisWeek: lines('“本周可以做”'),
    seekHelp: fields.text('何时寻求帮助', 600),
    references: z.array(fields.text('依据', 200)).max(8),
    keywords: z.array(fields.text('关键词', 20)).max(20),
    /** Optimistic locking: the version the editor started from. */
    baseVersion: z.number().int().positive(),
  }),
  response: ArticleSchema,
});

export const listArticleVersions = defineEndpoint({
  method: 'GET',
  path: '/api/v1/kb/articles/:slug/versions',
  summary: '文章的历史版本',
  tags: ['知识库'],
  params: slugParams,
  response: z.object({
    items: z.array(z.object({ version: z.number().int(), title: z.string(), editedAt: z.string(), editedByName: z.string().nullable() })),
  }),
});

export const agreeAlertHeadTeacher = defineEndpoint({
  method: 'POST',
  path: '/api/v1/crisis-cases/:caseId/alert-head-teacher',
  summary: '监护人同意把情况告知班主任（仅本人发起的个案）',
  tags: ['危机跟进'],
  params: z.object({ caseId: fields.uuid('个案编号') }),
  response: z.void(),
  status: 204,
});

export const requestCounselor = defineEndpoint({
  method: 'POST',
  path: '/api/v1/assistant/counselor-requests',
  summary: '请求共育咨询室的咨询师联系我（进入本区咨询师跟进队列）',
  tags,
  body: z.object({
    conversationId: fields.uuid('会话编号').optional(),
    studentId: fields.uuid('学生编号').optional(),
    note: fields.text('想咨询的问题', 500),
  }),
  response: z.object({ caseId: z.string(), districtId: z.string(), message: z.string() }),
  status: 201,
});
