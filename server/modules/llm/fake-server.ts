/**
 * A local OpenAI-compatible server for tests: answers /chat/completions (streaming or not) with a scripted
 * reply, or misbehaves on request (HTTP 500, a stall past the client's timeout, garbage). Never used in
 * production code paths.
 */
import { createServer, type Server } from 'node:http';

export type FakeMode = 'ok' | 'error' | 'stall' | 'garbage';

export interface FakeLlm {
  url: string;
  mode: FakeMode;
  reply: string;
  /** The last request body received, for asserting what was sent (grounding, system prompt). */
  lastRequest: { model: string; messages: { role: string; content: string }[]; stream?: boolean } | null;
  close(): Promise<void>;
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const state: FakeLlm = { url: '', mode: 'ok', reply: '这是模型的回答。', lastRequest: null, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.lastRequest = JSON.parse(body || '{}');
      if (state.mode === 'error') {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"boom"}');
        return;
      }
      if (state.mode === 'stall') return; // never answers; the client's timeout must fire
      if (state.mode === 'garbage') {
        res.writeHead(200, { 'content-type': 'text/event-stream' }).end('data: {not json\n\n');
        return;
      }
      if (state.lastRequest?.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const piece of state.reply.match(/.{1,4}/gsu) ?? []) {
          res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: piece } }] })}\n\n`);
        }
        res.end('data: [DONE]\n\n');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: state.reply } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  state.url = `http://127.0.0.1:${address.port}/v1`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
