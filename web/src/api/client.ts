import type { z } from 'zod';
import {
  buildPath,
  type Endpoint,
  type EndpointBody,
  type EndpointParams,
  type EndpointQuery,
  type EndpointResponse,
} from '../../../shared/contract/endpoint.js';
import { ProblemSchema, type Problem } from '../../../shared/problem.js';

/** One field-level message from a problem's `errors`, e.g. `{ path: 'body.name', message: '姓名不能为空' }`. */
export type FieldError = NonNullable<Problem['errors']>[number];

/**
 * The one error the web client throws: the server's problem+json (RFC 9457), or one made here
 * in the same shape for network failures, client-side validation and unexpected answers.
 * `message` is the Chinese `detail`, ready to show.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A Chinese sentence for any error, for toasts and alerts. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return '出了点问题，请稍后重试';
}

/** `{}` when every key of T is optional (or T is undefined), so the caller may leave it out. */
type Slot<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : Record<string, never> extends T
    ? { [P in K]?: T }
    : { [P in K]: T };

export type CallOptions<E extends Endpoint> = Slot<'params', EndpointParams<E>> &
  Slot<'query', EndpointQuery<E>> &
  Slot<'body', EndpointBody<E>> & {
    signal?: AbortSignal;
    /** Sent as `Idempotency-Key`: a retry with the same key returns the first answer (booking creation). */
    idempotencyKey?: string;
  };

type CallArgs<E extends Endpoint> =
  Record<string, never> extends Omit<CallOptions<E>, 'signal' | 'idempotencyKey'> ? [options?: CallOptions<E>] : [options: CallOptions<E>];

/** A problem+json object made on the client (network failures, validation, unexpected answers). */
export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `about:blank#${code.toLowerCase()}`,
    title: detail,
    status,
    detail,
    code,
    ...(errors && errors.length ? { errors } : {}),
  };
}

/** Checks a request part against its contract schema first, so bad input gets the same Chinese message without a round trip. */
function validate(where: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown): void {
  if (!schema || value === undefined) return;
  const result = schema.safeParse(value);
  if (result.success) return;
  const errors = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new ApiError(
    problem(400, 'VALIDATION_FAILED', `请求参数不符合要求：${errors.map((e) => e.message).join('；')}`, errors),
  );
}

function queryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    // Lists repeat the key (?term=a&term=b), as the server's query schemas expect.
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The problem+json of a failed response, or a Chinese fallback when the body is not one. */
export async function readProblem(response: Response): Promise<Problem> {
  const fallback = () =>
    response.status >= 500
      ? problem(response.status, 'INTERNAL', `服务器暂时无法处理请求（HTTP ${response.status}），请稍后重试`)
      : problem(response.status, 'HTTP_ERROR', `请求未成功（HTTP ${response.status}）`);
  try {
    const parsed = ProblemSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : fallback();
  } catch {
    return fallback();
  }
}

/**
 * Calls one endpoint of the shared contract: fills the path, sends JSON on the same origin with the
 * session cookie, and returns the response parsed by the endpoint's own schema. Throws `ApiError`.
 *
 * @example const me = await call(identityApi.getMe);
 * @example await call(studentsApi.updateStudent, { params: { studentId }, body: { name } });
 */
export async function call<E extends Endpoint>(endpoint: E, ...[options]: CallArgs<E>): Promise<EndpointResponse<E>> {
  const opts = (options ?? {}) as {
    params?: unknown;
    query?: unknown;
    body?: unknown;
    signal?: AbortSignal;
    idempotencyKey?: string;
  };
  validate('params', endpoint.params, opts.params);
  validate('query', endpoint.query, opts.query);
  validate('body', endpoint.body, opts.body);

  const url =
    buildPath(endpoint.path, opts.params as Record<string, string | number> | undefined) + queryString(opts.query);
  const hasBody = opts.body !== undefined;
  let response: Response;
  try {
    response = await fetch(url, {
      method: endpoint.method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
        ...(opts.idempotencyKey ? { 'Idempotency-Key': opts.idempotencyKey } : {}),
      },
      body: hasBody ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(problem(0, 'NETWORK', '网络连接失败，请检查网络后重试'));
  }

  if (!response.ok) throw new ApiError(await readProblem(response));
  if (response.status === 204 || endpoint.status === 204) return undefined as EndpointResponse<E>;

  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiError(problem(response.status, 'BAD_RESPONSE', '服务器返回的内容无法识别，请稍后重试'));
  }
  const parsed = endpoint.response.safeParse(json);
  if (!parsed.success) {
    console.error('response does not match the contract', endpoint.method, endpoint.path, parsed.error.issues);
    throw new ApiError(problem(response.status, 'BAD_RESPONSE', '服务器返回的数据与约定不符，请稍后重试'));
  }
  return parsed.data as EndpointResponse<E>;
}

/** Maps problem `errors` (`body.name`, `query.from`) to antd Form fields (`name`, `from`). */
export function formFieldErrors(error: unknown): { name: string; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<string, string[]>();
  for (const { path, message } of error.errors) {
    const name = path.replace(/^(body|query|params)\.?/, '');
    if (!name) continue;
    byField.set(name, [...(byField.get(name) ?? []), message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
