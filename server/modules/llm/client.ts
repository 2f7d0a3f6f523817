/**
 * The only way Gongyu talks to a language model: any OpenAI-compatible `/chat/completions` endpoint,
 * configured by LLM_BASE_URL, LLM_API_KEY and LLM_MODEL. Everything works without one; callers fall back
 * to their offline path whenever this throws (not configured, timeout, HTTP error, malformed stream).
 */
import type { AppConfig } from '../../config.js';

export interface LlmConfig {
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Whole-request timeout; a model that stalls must never leave a parent with a blank answer. */
  timeoutMs: number;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export class LlmUnavailableError extends Error {}

/** The model settings from the app config, or null when no model is configured (offline mode). */
export function llmConfigFrom(config: AppConfig): LlmConfig | null {
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) return null;
  return {
    baseUrl: config.LLM_BASE_URL.replace(/\/+$/, ''),
    apiKey: config.LLM_API_KEY || undefined,
    model: config.LLM_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
  };
}

function request(config: LlmConfig, messages: ChatMessage[], stream: boolean, signal: AbortSignal) {
  return fetch(`${config.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
    },
    body: JSON.stringify({ model: config.model, messages, stream, temperature: 0.4 }),
    signal,
  });
}

/** One non-streaming completion; resolves to the text or throws LlmUnavailableError. */
export async function complete(config: LlmConfig, messages: ChatMessage[]): Promise<string> {
  const signal = AbortSignal.timeout(config.timeoutMs);
  try {
    const res = await request(config, messages, false, signal);
    if (!res.ok) throw new LlmUnavailableError(`LLM HTTP ${res.status}`);
    const body = (await res.json()) as { choices?: { message?: { content?: string } }[] };
    const text = body.choices?.[0]?.message?.content?.trim();
    if (!text) throw new LlmUnavailableError('LLM returned no text');
    return text;
  } catch (error) {
    throw error instanceof LlmUnavailableError ? error : new LlmUnavailableError(String(error));
  }
}

/**
 * Streams a completion as text deltas (server-sent events from the endpoint). Throws LlmUnavailableError
 * on timeout, HTTP error or a stream that ends without any text.
 */
export async function* streamCompletion(config: LlmConfig, messages: ChatMessage[]): AsyncGenerator<string> {
  const signal = AbortSignal.timeout(config.timeoutMs);
  let res: Response;
  try {
    res = await request(config, messages, true, signal);
  } catch (error) {
    throw new LlmUnavailableError(String(error));
  }
  if (!res.ok || !res.body) throw new LlmUnavailableError(`LLM HTTP ${res.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  let produced = false;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') {
          if (!produced) throw new LlmUnavailableError('LLM stream ended without text');
          return;
        }
        const delta = (JSON.parse(data) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content;
        if (delta) {
          produced = true;
          yield delta;
        }
      }
    }
  } catch (error) {
    throw error instanceof LlmUnavailableError ? error : new LlmUnavailableError(String(error));
  }
  if (!produced) throw new LlmUnavailableError('LLM stream ended without text');
}
