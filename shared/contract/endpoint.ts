import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

// Validation messages in Chinese on both sides of the wire.
z.config(zhCN());

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * One API operation: the single contract the server registers and the web client calls.
 * `response` is the 2xx body schema (z.void() for 204); the server also validates what it sends.
 */
export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: 200 | 201 | 204;
  /** false for the few routes anyone may call (login, health). */
  auth?: boolean;
}

export function defineEndpoint<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodType,
>(endpoint: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return endpoint;
}

export type EndpointParams<E> = E extends Endpoint<infer P, z.ZodType, z.ZodType, z.ZodType> ? z.input<P> : never;
export type EndpointQuery<E> = E extends Endpoint<z.ZodType, infer Q, z.ZodType, z.ZodType> ? z.input<Q> : never;
export type EndpointBody<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
export type EndpointResponse<E> = E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.output<R> : never;

/** Fills `:name` segments of a path. */
export function buildPath(path: string, params?: Record<string, string | number>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** Reusable field schemas with Chinese messages. */
export const fields = {
  uuid: (label: string) => z.uuid({ error: `${label}格式不正确` }),
  /** Free text from people: trimmed, no control characters, bounded. */
  text: (label: string, max: number) =>
    z
      .string({ error: `${label}必须是文本` })
      .trim()
      .min(1, { error: `${label}不能为空` })
      .max(max, { error: `${label}不能超过 ${max} 个字符` })
      // eslint-disable-next-line no-control-regex
      .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), { error: `${label}含有非法控制字符` })
      // Markup never belongs in our plain-text fields; refusing it keeps stored text safe in every renderer.
      .refine((v) => !/[<>]/.test(v), { error: `${label}不能包含 < 或 > 字符` }),
  /** A person's name in any script: letters, marks, spaces and the name punctuation · ' - . */
  personName: (label: string) =>
    z
      .string({ error: `${label}必须是文本` })
      .trim()
      .min(1, { error: `${label}不能为空` })
      .max(50, { error: `${label}不能超过 50 个字符` })
      .regex(/^[\p{L}\p{M}][\p{L}\p{M}\s·•'.-]*$/u, { error: `${label}只能包含文字、空格和 · ' - . 等姓名用字符` }),
  isoDate: (label: string) => z.iso.date({ error: `${label}必须是 YYYY-MM-DD 格式的日期` }),
  page: z.coerce.number({ error: '页码必须是数字' }).int().min(1, { error: '页码从 1 开始' }).max(10_000).default(1),
  pageSize: z.coerce
    .number({ error: '每页条数必须是数字' })
    .int()
    .min(1, { error: '每页至少 1 条' })
    .max(100, { error: '每页最多 100 条' })
    .default(20),
};
