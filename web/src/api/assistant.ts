import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import * as assistantApi from '../../../shared/contract/assistant.js';
import type { AskResponse } from '../../../shared/contract/assistant.js';
import type { EndpointBody } from '../../../shared/contract/endpoint.js';
import { ApiError, call, problem, readProblem } from './client.js';
import { queryKeys } from './keys.js';

export type { AskResponse };
export type AskBody = EndpointBody<typeof assistantApi.ask>;
/** Everything about an answer except its text: what the `meta` event carries. */
export type AskMeta = Omit<AskResponse, 'answer'>;
export type Conversation = z.infer<typeof assistantApi.ConversationSchema>;
export type Message = z.infer<typeof assistantApi.MessageSchema>;
export type Citation = z.infer<typeof assistantApi.CitationSchema>;
export type AssistantAction = z.infer<typeof assistantApi.AssistantActionSchema>;
export type Article = z.infer<typeof assistantApi.ArticleSchema>;

export function useConversations() {
  return useQuery({
    queryKey: queryKeys.conversations,
    queryFn: ({ signal }) => call(assistantApi.listConversations, { signal }),
  });
}

export function conversationQuery(conversationId: string) {
  return {
    queryKey: queryKeys.conversation(conversationId),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      call(assistantApi.getConversation, { params: { conversationId }, signal }),
    staleTime: 5 * 60_000,
  };
}

export function useConversation(conversationId: string | null) {
  return useQuery({ ...conversationQuery(conversationId ?? ''), enabled: conversationId !== null });
}

/** One knowledge-base article (the citations of an answer open it). */
export function useArticle(slug: string | null) {
  return useQuery({
    queryKey: queryKeys.article(slug ?? ''),
    queryFn: ({ signal }) => call(assistantApi.getArticle, { params: { slug: slug ?? '' }, signal }),
    enabled: slug !== null,
    staleTime: 10 * 60_000,
  });
}

/** The events of POST /api/v1/assistant/stream, in order: meta (again after a model failure), delta…, done — or error. */
export type StreamEvent =
  | { event: 'meta'; data: AskMeta }
  | { event: 'delta'; data: { text: string } }
  | { event: 'done'; data: AskResponse }
  | { event: 'error'; data: { detail: string } };

const MetaSchema = assistantApi.AskResponseSchema.omit({ answer: true });
const DeltaSchema = z.object({ text: z.string() });
const ErrorSchema = z.object({ detail: z.string() });

function badStream(): ApiError {
  return new ApiError(problem(200, 'BAD_RESPONSE', '回答的内容无法识别，请稍后重试'));
}

/** One `event: …\ndata: …` block of a server-sent event stream; comments and unknown events give null. */
function parseBlock(block: string): StreamEvent | null {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  let json: unknown;
  try {
    json = JSON.parse(data.join('\n'));
  } catch {
    throw badStream();
  }
  const parse = <T>(schema: z.ZodType<T>): T => {
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      console.error('stream event does not match the contract', name, parsed.error.issues);
      throw badStream();
    }
    return parsed.data;
  };
  switch (name) {
    case 'meta':
      return { event: 'meta', data: parse(MetaSchema) };
    case 'delta':
      return { event: 'delta', data: parse(DeltaSchema) };
    case 'done':
      return { event: 'done', data: parse(assistantApi.AskResponseSchema) };
    case 'error':
      return { event: 'error', data: parse(ErrorSchema) };
    default:
      return null;
  }
}

/**
 * Asks 京小帮 and yields the answer as it is written: POST /api/v1/assistant/stream with the body of
 * /ask, read as server-sent events from the fetch body (EventSource cannot POST). Failures before the
 * stream (400, 404, 429 …) throw `ApiError` with the server's Chinese `detail`, like `call`.
 */
export async function* streamAsk(body: AskBody, signal?: AbortSignal): AsyncGenerator<StreamEvent> {
  const checked = assistantApi.AskBodySchema.safeParse(body);
  if (!checked.success) {
    const errors = checked.error.issues.map((i) => ({
      path: ['body', ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    throw new ApiError(problem(400, 'VALIDATION_FAILED', errors.map((e) => e.message).join('；'), errors));
  }
  let response: Response;
  try {
    response = await fetch('/api/v1/assistant/stream', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json' },
      body: JSON.stringify(checked.data),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(problem(0, 'NETWORK', '网络连接失败，请检查网络后重试'));
  }
  if (!response.ok) throw new ApiError(await readProblem(response));
  if (!response.body) throw badStream();

  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') throw error;
        throw new ApiError(problem(0, 'NETWORK', '网络中断了，回答没有接收完整，请重试'));
      }
      buffer += decoder.decode(chunk.value, { stream: !chunk.done }).replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event) yield event;
      }
      if (chunk.done) break;
    }
    const last = buffer.trim() ? parseBlock(buffer.trim()) : null;
    if (last) yield last;
  } finally {
    reader.releaseLock();
  }
}
