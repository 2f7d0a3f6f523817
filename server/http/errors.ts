import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Problem } from '../../shared/problem.js';

/** Every error the API can answer, mapped to its HTTP status in this one place (Documenso AppError). */
const errorStatus = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CROSS_SITE_REQUEST: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CONSENT_REQUIRED: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

const titles: Record<ErrorCode, string> = {
  BAD_REQUEST: '请求有误',
  VALIDATION_FAILED: '输入校验失败',
  UNAUTHENTICATED: '未登录',
  FORBIDDEN: '无权操作',
  CROSS_SITE_REQUEST: '跨站请求被拒绝',
  NOT_FOUND: '未找到',
  CONFLICT: '数据冲突',
  CONSENT_REQUIRED: '需要监护人同意',
  PAYLOAD_TOO_LARGE: '请求体过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  ACCOUNT_LOCKED: '账户已锁定',
  TOO_MANY_REQUESTS: '请求过于频繁',
  INTERNAL: '服务器内部错误',
  SERVICE_UNAVAILABLE: '服务暂不可用',
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly fieldErrors?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

/** The answer for a record the actor may not see: identical to a missing one, so existence is not revealed. */
export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或您无权访问`);

export function toProblem(code: ErrorCode, detail: string, errors?: Problem['errors']): Problem {
  return {
    type: `https://gongyu.example/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[code],
    status: errorStatus[code],
    detail,
    code,
    ...(errors && errors.length ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers?: Record<string, string>) {
  if (headers) void reply.headers(headers);
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** Maps Fastify's own errors (body parser, limits) to Chinese problems; anything unknown is a 500 without a stack. */
function problemFromError(err: FastifyError, request: FastifyRequest): Problem {
  if (err instanceof AppError) return toProblem(err.code, err.detail, err.fieldErrors);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const errors = err.validation.map((v) => ({
      path: [where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
      message: v.message ?? '格式不正确',
    }));
    return toProblem('VALIDATION_FAILED', `请求参数不符合要求：${errors.map((e) => `${e.path} ${e.message}`).join('；')}`, errors);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return toProblem('PAYLOAD_TOO_LARGE', '请求体超过 1 MB 上限，请缩小后重试');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return toProblem('UNSUPPORTED_MEDIA_TYPE', '只接受 application/json 格式的请求体');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return toProblem('BAD_REQUEST', '请求体为空，请提供 JSON 内容');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return toProblem('BAD_REQUEST', '请求体不是合法的 JSON');
  }
  if (err instanceof SyntaxError || err.statusCode === 400) {
    return toProblem('BAD_REQUEST', '请求体不是合法的 JSON');
  }
  if (err.statusCode === 429) return toProblem('TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return { ...toProblem('BAD_REQUEST', '请求有误'), status: err.statusCode };
  }
  request.log.error({ err }, 'unhandled error');
  return toProblem('INTERNAL', '服务器开小差了，请稍后重试；问题已记录');
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const problem = problemFromError(err, request);
    return sendProblem(reply, problem, err instanceof AppError ? err.headers : undefined);
  });
}
