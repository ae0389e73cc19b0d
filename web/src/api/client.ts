import { hc } from 'hono/client';
// Type-only: the web bundle never contains server code, only the shapes of its routes.
import type { AppType } from '../../../server/app.ts';
import { apiQuery, type ListFilters } from '../lib/list-query.ts';

/**
 * The only module that talks to the server. Every call either resolves with the typed body of a
 * successful response or throws an `ApiRequestError` built from the server's `{ error: { code, message } }`.
 */

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// Cookies carry the browser session; `include` also covers a web app served from another origin later.
export const api = hc<AppType>(window.location.origin, { init: { credentials: 'include' } }).api.v1;

type Unauthorized = () => void;
const unauthorizedListeners = new Set<Unauthorized>();

/** Called when the server says the session is gone (expired, signed out elsewhere), so the app can send the user to sign in. */
export function onUnauthorized(listener: Unauthorized): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

interface ResponseLike<T> {
  ok: boolean;
  status: number;
  json(): Promise<T>;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string; details?: unknown } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error && typeof error.message === 'string';
}

/** For the other modules of api/ (judge.ts): one response-to-error path for every call. */
export async function call<T>(send: () => Promise<ResponseLike<T>>, options: { signalUnauthorized?: boolean } = {}): Promise<T> {
  let response: ResponseLike<T>;
  try {
    response = await send();
  } catch (err) {
    throw new ApiRequestError(0, 'network', `Could not reach the charlens server (${err instanceof Error ? err.message : String(err)})`);
  }
  if (response.ok) return response.json();
  const body: unknown = await response.json().catch(() => null);
  const error = isErrorBody(body)
    ? new ApiRequestError(response.status, body.error.code, body.error.message, body.error.details)
    : new ApiRequestError(response.status, 'http_error', `The server answered with HTTP ${response.status}`);
  if (response.status === 401 && options.signalUnauthorized !== false) for (const listener of unauthorizedListeners) listener();
  throw error;
}

export function getHealth() {
  return call(() => api.health.$get());
}

/** The signed-in user, or null when nobody is. */
export async function getMe() {
  try {
    return (await call(() => api.auth.me.$get(), { signalUnauthorized: false })).user;
  } catch (err) {
    if (err instanceof ApiRequestError && err.status === 401) return null;
    throw err;
  }
}

export async function login(email: string, password: string) {
  return (await call(() => api.auth.login.$post({ json: { email, password } }), { signalUnauthorized: false })).user;
}

export async function logout() {
  await call(() => api.auth.logout.$post(), { signalUnauthorized: false });
}

export async function completeSetup(token: string, email: string, password: string) {
  return (await call(() => api.auth.setup.$post({ json: { token, email, password } }), { signalUnauthorized: false })).user;
}

export const PAGE_SIZE = 100;

/** One keyset page of the list: the rows after `cursor` (the last id of the page before). */
export function listTranscripts(filters: ListFilters, cursor?: string, limit = PAGE_SIZE) {
  return call(() => api.transcripts.$get({ query: { ...apiQuery(filters), cursor, limit: String(limit) } }));
}

export function getTranscript(id: string) {
  return call(() => api.transcripts[':id'].$get({ param: { id } }));
}

/**
 * A transcript asked for while the route is still resolving (the router's preload runs in parallel with the
 * sign-in check, not after it), handed to the page when it asks within a few seconds.
 */
const PREFETCH_FRESH_MS = 10_000;
const prefetched = new Map<string, { at: number; promise: ReturnType<typeof getTranscript> }>();

export function prefetchTranscript(id: string): void {
  const hit = prefetched.get(id);
  if (hit && Date.now() - hit.at < PREFETCH_FRESH_MS) return;
  const promise = getTranscript(id);
  // The page reports a failure when it asks; an unused prefetch must not surface as an unhandled rejection.
  promise.catch(() => undefined);
  prefetched.set(id, { at: Date.now(), promise });
}

export function loadTranscript(id: string): ReturnType<typeof getTranscript> {
  const hit = prefetched.get(id);
  prefetched.delete(id);
  return hit && Date.now() - hit.at < PREFETCH_FRESH_MS ? hit.promise : getTranscript(id);
}

export async function listModels() {
  return (await call(() => api.models.$get())).items;
}

export function getScenario(id: string) {
  return call(() => api.scenarios[':id'].$get({ param: { id } }));
}

export async function listTraits() {
  return (await call(() => api.traits.$get())).items;
}

export async function listImportFormats() {
  return (await call(() => api.imports.formats.$get())).items;
}

/** Trait summaries per model version (GET /stats/traits): mean over scenarios with its CI, n, spread. */
export async function traitSummaries(query: { trait?: string; models?: string; source?: 'judge' | 'human' | 'import' } = {}) {
  return call(() => api.stats.traits.$get({ query }));
}

export interface ComparisonQuery {
  trait?: string | undefined;
  /** Either side is this model version. */
  model?: string | undefined;
  /** Scenario key or id. */
  scenario?: string | undefined;
  /** Either side is this transcript. */
  transcript?: string | undefined;
  source?: 'judge' | 'human' | 'import' | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** Pairwise verdicts (imported, judged, labeled), newest first, a keyset page at a time. */
export function listComparisons(query: ComparisonQuery) {
  return call(() => api.comparisons.$get({ query: { ...query, limit: query.limit === undefined ? undefined : String(query.limit) } }));
}

export function loadDemoData() {
  return call(() => api.demo.$post());
}

export type User = NonNullable<Awaited<ReturnType<typeof getMe>>>;
export type TranscriptPage = Awaited<ReturnType<typeof listTranscripts>>;
export type TranscriptRow = TranscriptPage['items'][number];
export type Transcript = Awaited<ReturnType<typeof getTranscript>>;
export type Message = Transcript['messages'][number];
export type Score = Transcript['scores'][number];
export type Model = Awaited<ReturnType<typeof listModels>>[number];
export type TraitSummary = Awaited<ReturnType<typeof traitSummaries>>['items'][number];
export type ImportFormatInfo = Awaited<ReturnType<typeof listImportFormats>>[number];
export type Trait = Awaited<ReturnType<typeof listTraits>>[number];
export type Scenario = Awaited<ReturnType<typeof getScenario>>;
export type ComparisonPage = Awaited<ReturnType<typeof listComparisons>>;
export type Comparison = ComparisonPage['items'][number];
export type RowTraitValue = TranscriptRow['traitValues'][number];
export type TraitValue = Transcript['traitValues'][number];
