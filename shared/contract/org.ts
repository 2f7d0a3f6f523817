import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';

const tags = ['组织'];

/** A node reference: `city`, `district:110105`, `unit:<uuid>`, `grade:<uuid>`, `class:<uuid>`. */
export const NodeRefSchema = z
  .string()
  .regex(/^(city|district:\d{6}|(unit|grade|class):[0-9a-f-]{36})$/, { error: '组织节点编号格式不正确' });

export const OrgNodeSchema = z.object({
  ref: z.string(),
  kind: z.enum(['city', 'district', 'school', 'resourceUnit', 'consultationRoom', 'grade', 'class']),
  name: z.string(),
  /** e.g. 小学 for a school, GB/T 2260 code for a district */
  note: z.string().nullable(),
  hasChildren: z.boolean(),
  studentCount: z.number().int().nullable(),
});
export type OrgNode = z.infer<typeof OrgNodeSchema>;

export const listOrgNodes = defineEndpoint({
  method: 'GET',
  path: '/api/v1/org/nodes',
  summary: '组织架构：不带 parent 时返回本人可见的根节点，带 parent 时返回其下一级',
  tags,
  query: z.object({ parent: NodeRefSchema.optional() }),
  response: z.object({ items: z.array(OrgNodeSchema) }),
});
