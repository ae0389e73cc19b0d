import { z, type ZodType } from 'zod';
import { createUserBody } from './routes/users.ts';
import { loginBody, setupBody } from './routes/auth.ts';
import { createTokenBody } from './routes/tokens.ts';
import { batchQuery, listQuery } from './routes/transcripts.ts';
import { scenarioListQuery } from './routes/scenarios.ts';
import { jobsQuery, resumeBody } from './routes/judge.ts';
import { runBody } from './judge/runs.ts';

interface Operation {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  public?: boolean;
  query?: z.ZodObject;
  body?: ZodType;
  bodyType?: string;
}

/**
 * Every route of the API, with the same zod schemas its validators use. tests/server/openapi.test.ts checks
 * that this list and the app's routes are the same set, so the document cannot drift from the code.
 */
export const operations: Operation[] = [
  { method: 'get', path: '/api/v1/health', summary: 'Liveness; says whether first-start setup is pending', public: true },
  { method: 'get', path: '/api/v1/openapi.json', summary: 'This document' },
  { method: 'post', path: '/api/v1/auth/login', summary: 'Sign in; sets the session cookie', body: loginBody, public: true },
  { method: 'post', path: '/api/v1/auth/logout', summary: 'End the session', public: true },
  { method: 'post', path: '/api/v1/auth/setup', summary: 'Create the first admin with the one-time setup token', body: setupBody, public: true },
  { method: 'get', path: '/api/v1/auth/me', summary: 'Who is signed in' },
  { method: 'post', path: '/api/v1/users', summary: 'Add a user (admin)', body: createUserBody },
  { method: 'get', path: '/api/v1/tokens', summary: "The caller's active API tokens" },
  { method: 'post', path: '/api/v1/tokens', summary: 'Create an API token; the secret is returned once', body: createTokenBody },
  { method: 'delete', path: '/api/v1/tokens/{id}', summary: 'Revoke an API token' },
  {
    method: 'post',
    path: '/api/v1/transcripts/batch',
    summary: 'Upload NDJSON transcripts (gzip accepted); atomic unless atomic=false',
    query: batchQuery,
    bodyType: 'application/x-ndjson',
  },
  {
    method: 'post',
    path: '/api/v1/imports',
    summary: 'Import eval files (multipart "file", one or more; "format" auto|native|inspect|spiral|mtbench|hh-rlhf|openai|anthropic; "model")',
    bodyType: 'multipart/form-data',
  },
  { method: 'get', path: '/api/v1/transcripts', summary: 'List transcripts (filters, full-text q, keyset pagination)', query: listQuery },
  { method: 'get', path: '/api/v1/transcripts/{id}', summary: 'One transcript with messages and scores' },
  { method: 'get', path: '/api/v1/models', summary: 'Model versions with transcript counts' },
  { method: 'get', path: '/api/v1/scenarios', summary: 'Scenarios with transcript and model counts', query: scenarioListQuery },
  { method: 'get', path: '/api/v1/scenarios/{id}', summary: 'A scenario and its transcripts across models' },
  { method: 'post', path: '/api/v1/demo', summary: 'Load the demo data set (idempotent)' },
  { method: 'get', path: '/api/v1/traits', summary: 'Every trait (rubric and imported) with its current rubric version' },
  { method: 'get', path: '/api/v1/rubrics/{trait}', summary: "A trait's rubric versions, newest first" },
  { method: 'post', path: '/api/v1/judge/estimate', summary: 'Requests, tokens and cost of a judge run, without starting it', body: runBody },
  { method: 'post', path: '/api/v1/judge/runs', summary: 'Start a judge run; returns its id and estimate', body: runBody },
  { method: 'get', path: '/api/v1/judge/runs', summary: 'The latest judge runs' },
  { method: 'get', path: '/api/v1/judge/runs/{id}', summary: 'A judge run: status, job counts, cost, tokens' },
  { method: 'get', path: '/api/v1/judge/runs/{id}/events', summary: 'Live progress of a judge run (server-sent events)' },
  { method: 'get', path: '/api/v1/judge/runs/{id}/jobs', summary: "A run's jobs for audit: status, usage, cost, raw response", query: jobsQuery },
  { method: 'get', path: '/api/v1/judge/runs/{id}/jobs/{jobId}', summary: 'One job for audit: the prompt sent, raw response, usage, cost' },
  { method: 'post', path: '/api/v1/judge/runs/{id}/cancel', summary: 'Cancel a judge run (paid work in flight is still recorded)' },
  { method: 'post', path: '/api/v1/judge/runs/{id}/resume', summary: 'Resume a cancelled or budget-stopped run, optionally with a new budget', body: resumeBody },
];

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: !schema.safeParse(undefined).success,
        schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
      })),
    ];
    const entry: Record<string, unknown> = {
      summary: op.summary,
      parameters,
      responses: {
        '200': { description: 'Success', content: { 'application/json': {} } },
        '4XX': { description: 'A problem with the request', content: { 'application/json': { schema: errorSchema } } },
      },
    };
    if (op.public) entry['security'] = [];
    if (op.body) {
      entry['requestBody'] = { required: true, content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) } } };
    } else if (op.bodyType) {
      entry['requestBody'] = { required: true, content: { [op.bodyType]: { schema: { type: 'string' } } } };
    }
    (paths[op.path] ??= {})[op.method] = entry;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'charlens API', version: '1' },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'charlens_session' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
