import type Anthropic from '@anthropic-ai/sdk';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of the Anthropic Messages API over real HTTP, for driving the real SDK through `baseURL`.
 * Shapes follow the SDK's types (Message, Usage, MessageBatch, MessageBatchIndividualResponse, ErrorResponse).
 * Every request is logged; faults are scripted; answers come from a replaceable responder.
 */

export type MessagesRequest = Anthropic.MessageCreateParamsNonStreaming;

/** What the responder wants the fake to answer. */
export type FakeReply =
  | { kind: 'tool'; input: unknown; name?: string }
  | { kind: 'text'; text: string }
  | { kind: 'error'; status: number; retryAfterMs?: number; message?: string };

export interface RequestContext {
  /** The `x-charlens-job` header (sync) or the batch request's custom_id. */
  jobKey: string | undefined;
  /** How many requests for this job key came before this one (0 for the first). */
  attempt: number;
  /** 'sync' for POST /v1/messages, 'batch' inside a batch. */
  via: 'sync' | 'batch';
}

export type Responder = (request: MessagesRequest, ctx: RequestContext) => FakeReply;

export interface LogEntry {
  at: number;
  method: string;
  path: string;
  status: number;
  jobKey?: string | undefined;
  model?: string | undefined;
  /** Batch creation: the custom ids submitted. */
  customIds?: string[];
  /** Message requests: the parsed body, for assertions on prompt shape. */
  body?: MessagesRequest;
}

export type Fault = { status: 429 | 500 | 529; retryAfterMs?: number } | { delayMs: number };
export type BatchOutcome = 'succeeded' | 'errored' | 'expired';

interface FakeBatch {
  id: string;
  createdAt: number;
  requests: { custom_id: string; params: MessagesRequest }[];
  results: Anthropic.Messages.MessageBatchIndividualResponse[] | null;
}

export interface FakeAnthropic {
  url: string;
  log: LogEntry[];
  /** Replace to script answers; sees the whole request. */
  responder: Responder;
  /** Added to every successful messages response. */
  latencyMs: number;
  /** Faults applied, in order, to the next POST /v1/messages requests. */
  faults: Fault[];
  /** How each batch entry ends; default succeeded. */
  batchOutcome: (customId: string, attempt: number) => BatchOutcome;
  /** A batch ends this long after creation. */
  batchProcessingMs: number;
  /** Log entries of paid message requests (status 200), sync and batch, with their job key. */
  paidRequests(): { jobKey: string | undefined; via: 'sync' | 'batch'; at: number }[];
  close(): Promise<void>;
}

const approxTokens = (s: string) => Math.ceil(s.length / 4);

function systemText(system: MessagesRequest['system']): string {
  if (!system) return '';
  return typeof system === 'string' ? system : system.map((b) => b.text).join('\n');
}

function userText(request: MessagesRequest): string {
  return request.messages
    .map((m) => (typeof m.content === 'string' ? m.content : m.content.map((b) => ('text' in b && typeof b.text === 'string' ? b.text : JSON.stringify(b))).join('\n')))
    .join('\n');
}

/** The messages of the transcript(s) in a judge prompt: `<message index="i" role="r">text</message>`. */
export function promptMessages(prompt: string): { index: number; role: string; text: string }[] {
  return [...prompt.matchAll(/<message index="(\d+)" role="(\w+)">\n([\s\S]*?)\n<\/message>/g)].map((m) => ({
    index: Number(m[1]),
    role: m[2] ?? '',
    text: m[3] ?? '',
  }));
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The default judge: a score derived from a hash of the transcript (stable across orders and retries), the
 * first 40 characters of the last assistant message as a real quote; pairwise, the transcript with the
 * smaller hash wins in both orders.
 */
export const defaultResponder: Responder = (request) => {
  const tool = request.tools?.[0];
  const name = tool && 'name' in tool ? tool.name : 'record_judgment';
  const prompt = userText({ ...request, messages: request.messages.slice(0, 1) });
  if (name === 'record_comparison') {
    const [one = '', two = ''] = prompt.split(/<transcript number="2">/);
    const winner = digest(one.replace(/<transcript number="1">/, ''))[0]! <= digest(two)[0]! ? 1 : 2;
    const first = promptMessages(one).at(-1);
    return { kind: 'tool', name, input: { reasoning: 'Compared both.', evidence: first ? [{ transcript: 1, message_index: first.index, quote: first.text.slice(0, 40) }] : [], winner } };
  }
  const schema = tool && 'input_schema' in tool ? tool.input_schema : undefined;
  const scoreSchema = schema?.properties && typeof schema.properties === 'object' ? Reflect.get(schema.properties, 'score') : undefined;
  const min = Number(Reflect.get(scoreSchema ?? {}, 'minimum') ?? 1);
  const max = Number(Reflect.get(scoreSchema ?? {}, 'maximum') ?? 5);
  const messages = promptMessages(prompt);
  // A categorical rubric lists its categories (and null) as an enum: the hash picks one of them.
  const categories = (Reflect.get(scoreSchema ?? {}, 'enum') as unknown[] | undefined)?.filter((c) => c !== null);
  const score = categories?.length ? categories[digest(prompt)[0]! % categories.length] : min + (digest(prompt)[0]! % (max - min + 1));
  if (schema?.properties && Reflect.has(Object(schema.properties), 'turns')) {
    const turns = messages
      .filter((m) => m.role === 'assistant')
      .map((m) => ({ message_index: m.index, evidence: [{ quote: m.text.slice(0, 40) }], score, not_applicable_reason: null }));
    return { kind: 'tool', name, input: { reasoning: 'Each assistant turn, as quoted.', turns } };
  }
  const last = messages.filter((m) => m.role === 'assistant').at(-1) ?? messages.at(-1);
  return {
    kind: 'tool',
    name,
    input: { reasoning: 'The assistant behaved as the quoted text shows.', evidence: last ? [{ message_index: last.index, quote: last.text.slice(0, 40) }] : [], score, not_applicable_reason: null },
  };
};

/** Mirrors the real API: these models answer a forced tool_choice with a 400. */
const NO_FORCED_TOOL = new Set(['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-fable-5-1']);

export async function startFakeAnthropic(options: { latencyMs?: number; responder?: Responder } = {}): Promise<FakeAnthropic> {
  const log: LogEntry[] = [];
  const attempts = new Map<string, number>();
  const batches = new Map<string, FakeBatch>();
  const cacheSeen = new Map<string, number>();
  const paid: { jobKey: string | undefined; via: 'sync' | 'batch'; at: number }[] = [];
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}_${(++counter).toString(36).padStart(8, '0')}`;

  const fake: FakeAnthropic = {
    url: '',
    log,
    responder: options.responder ?? defaultResponder,
    latencyMs: options.latencyMs ?? 0,
    faults: [],
    batchOutcome: () => 'succeeded',
    batchProcessingMs: 0,
    paidRequests: () => [...paid],
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  type Answer = { status: 200; body: Anthropic.Message } | { status: number; body: ReturnType<typeof apiError>; retryAfterMs?: number };
  function answer(request: MessagesRequest, jobKey: string | undefined, via: 'sync' | 'batch'): Answer {
    const attempt = jobKey === undefined ? 0 : (attempts.get(jobKey) ?? 0);
    if (jobKey !== undefined) attempts.set(jobKey, attempt + 1);
    if (request.tool_choice?.type === 'tool' && NO_FORCED_TOOL.has(request.model)) {
      return { status: 400, body: apiError('invalid_request_error', `tool_choice type "tool" is not supported with ${request.model}`) };
    }
    const reply = fake.responder(request, { jobKey, attempt, via });
    if (reply.kind === 'error') {
      const type = reply.status === 429 ? 'rate_limit_error' : reply.status === 529 ? 'overloaded_error' : reply.status === 400 ? 'invalid_request_error' : 'api_error';
      return { status: reply.status, body: apiError(type, reply.message ?? 'scripted error'), ...(reply.retryAfterMs === undefined ? {} : { retryAfterMs: reply.retryAfterMs }) };
    }
    // Prompt caching: the system prompt (up to its cache_control breakpoint) is written once, then read for 5 minutes.
    const system = systemText(request.system);
    const systemTokens = approxTokens(system) + approxTokens(JSON.stringify(request.tools ?? []));
    const cached = Array.isArray(request.system) && request.system.some((b) => b.cache_control);
    const cacheKey = `${request.model}\u0000${system}`;
    const hit = cached && (cacheSeen.get(cacheKey) ?? 0) > Date.now() - 5 * 60_000;
    if (cached) cacheSeen.set(cacheKey, Date.now());
    const content: Anthropic.ContentBlock[] =
      reply.kind === 'tool'
        ? [{ type: 'tool_use', id: nextId('toolu'), name: reply.name ?? firstToolName(request), input: reply.input, caller: { type: 'direct' } }]
        : [{ type: 'text', text: reply.text, citations: null }];
    const output = approxTokens(JSON.stringify(content));
    const usage: Anthropic.Usage = {
      input_tokens: approxTokens(userText(request)) + (cached ? 0 : systemTokens),
      output_tokens: output,
      cache_creation_input_tokens: cached && !hit ? systemTokens : 0,
      cache_read_input_tokens: cached && hit ? systemTokens : 0,
      cache_creation: { ephemeral_5m_input_tokens: cached && !hit ? systemTokens : 0, ephemeral_1h_input_tokens: 0 },
      server_tool_use: null,
      service_tier: via === 'batch' ? 'batch' : 'standard',
      inference_geo: null,
      output_tokens_details: null,
      speed: null,
    };
    paid.push({ jobKey, via, at: Date.now() });
    return {
      status: 200 as const,
      body: {
        id: nextId('msg'),
        type: 'message',
        role: 'assistant',
        model: request.model,
        content,
        stop_reason: reply.kind === 'tool' ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        stop_details: null,
        container: null,
        diagnostics: null,
        usage,
      },
    };
  }

  function batchView(batch: FakeBatch): Anthropic.Messages.MessageBatch {
    const ended = Date.now() >= batch.createdAt + fake.batchProcessingMs;
    if (ended && !batch.results) {
      batch.results = batch.requests.map((r) => {
        const attempt = attempts.get(`batch:${r.custom_id}`) ?? 0;
        attempts.set(`batch:${r.custom_id}`, attempt + 1);
        const outcome = fake.batchOutcome(r.custom_id, attempt);
        if (outcome === 'expired') return { custom_id: r.custom_id, result: { type: 'expired' } };
        if (outcome === 'errored') return { custom_id: r.custom_id, result: { type: 'errored', error: { type: 'error', error: { type: 'api_error', message: 'scripted batch error' }, request_id: null } } };
        const out = answer(r.params, r.custom_id, 'batch');
        if (out.status !== 200 || !('content' in out.body)) return { custom_id: r.custom_id, result: { type: 'errored', error: { type: 'error', error: { type: 'api_error', message: 'errored' }, request_id: null } } };
        return { custom_id: r.custom_id, result: { type: 'succeeded', message: out.body } };
      });
    }
    const results = batch.results ?? [];
    const count = (type: string) => results.filter((r) => r.result.type === type).length;
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: ended ? 'ended' : 'in_progress',
      request_counts: { processing: ended ? 0 : batch.requests.length, succeeded: count('succeeded'), errored: count('errored'), expired: count('expired'), canceled: 0 },
      created_at: new Date(batch.createdAt).toISOString(),
      expires_at: new Date(batch.createdAt + 24 * 3600_000).toISOString(),
      ended_at: ended ? new Date().toISOString() : null,
      archived_at: null,
      cancel_initiated_at: null,
      results_url: ended ? `${fake.url}/v1/messages/batches/${batch.id}/results` : null,
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const raw = await readBody(req);
    const jobKeyHeader = req.headers['x-charlens-job'];
    const jobKey = typeof jobKeyHeader === 'string' ? jobKeyHeader : undefined;
    const entry: LogEntry = { at: Date.now(), method, path, status: 0, jobKey };
    log.push(entry);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': nextId('req'), ...headers });
      res.end(JSON.stringify(body));
    };

    if (method === 'POST' && path === '/v1/messages') {
      const request: MessagesRequest = JSON.parse(raw);
      entry.model = request.model;
      entry.body = request;
      const fault = fake.faults.shift();
      if (fault && 'delayMs' in fault) await sleep(fault.delayMs);
      else if (fault) {
        const headers: Record<string, string> = fault.retryAfterMs === undefined ? {} : { 'retry-after-ms': String(fault.retryAfterMs) };
        const type = fault.status === 429 ? 'rate_limit_error' : fault.status === 529 ? 'overloaded_error' : 'api_error';
        return send(fault.status, apiError(type, `scripted ${fault.status}`), headers);
      }
      if (fake.latencyMs) await sleep(fake.latencyMs);
      const out = answer(request, jobKey, 'sync');
      const retryAfterMs = 'retryAfterMs' in out ? out.retryAfterMs : undefined;
      return send(out.status, out.body, retryAfterMs === undefined ? {} : { 'retry-after-ms': String(retryAfterMs) });
    }
    if (method === 'POST' && path === '/v1/messages/count_tokens') {
      const request: MessagesRequest = JSON.parse(raw);
      return send(200, { input_tokens: approxTokens(systemText(request.system)) + approxTokens(JSON.stringify(request.tools ?? [])) + approxTokens(userText(request)) });
    }
    if (method === 'POST' && path === '/v1/messages/batches') {
      const body: { requests: { custom_id: string; params: MessagesRequest }[] } = JSON.parse(raw);
      entry.customIds = body.requests.map((r) => r.custom_id);
      const batch: FakeBatch = { id: nextId('msgbatch'), createdAt: Date.now(), requests: body.requests, results: null };
      batches.set(batch.id, batch);
      return send(200, batchView(batch));
    }
    const batchMatch = /^\/v1\/messages\/batches\/([^/]+)(\/results)?$/.exec(path);
    if (method === 'GET' && batchMatch) {
      const batch = batches.get(batchMatch[1] ?? '');
      if (!batch) return send(404, apiError('not_found_error', 'no such batch'));
      const view = batchView(batch);
      if (!batchMatch[2]) return send(200, view);
      if (view.processing_status !== 'ended') return send(400, apiError('invalid_request_error', 'batch has not ended'));
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'application/binary' });
      // Streamed one line at a time, as the real results endpoint does.
      for (const line of batch.results ?? []) if (!res.destroyed) res.write(JSON.stringify(line) + '\n');
      res.end();
      return;
    }
    send(404, apiError('not_found_error', `no route ${method} ${path}`));
  }

  const server = createServer((req, res) => {
    // A client that died mid-request (the crash test SIGKILLs one) must not take the fake down with it.
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    handle(req, res).catch((err: unknown) => {
      if (res.destroyed) return;
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(apiError('api_error', err instanceof Error ? err.message : String(err))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address: AddressInfo | string | null = server.address();
  fake.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return fake;
}

function firstToolName(request: MessagesRequest): string {
  const tool = request.tools?.[0];
  return tool && 'name' in tool ? tool.name : 'record_judgment';
}

function apiError(type: string, message: string) {
  return { type: 'error', error: { type, message }, request_id: null };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
