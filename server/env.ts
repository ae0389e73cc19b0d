import { z } from 'zod';
import { DEFAULT_READ_WORKERS } from '../db/read-pool.ts';
import { priceOverridesSchema } from './judge/prices.ts';

export const DEFAULT_LABEL_LEASE_MS = 10 * 60 * 1000;

/** Upload limits; every one is explicit and configurable, and each breach is a 413 naming the limit. */
export interface Limits {
  /** Largest request body after decompression, in bytes. */
  maxBodyBytes: number;
  /** Largest single NDJSON line, in bytes. */
  maxLineBytes: number;
  maxMessagesPerTranscript: number;
  /** Most entries in an uploaded archive (an Inspect `.eval` zip). */
  maxArchiveEntries: number;
  /** Most files in one multipart import. */
  maxImportFiles: number;
  /**
   * Compressed input may expand at most this many times (past `ratioFreeBytes`): a 510 KB gzip of 500 MiB is a
   * bomb, refused after a few MB of work instead of after all of it.
   */
  maxCompressionRatio: number;
  /** Output below this many bytes is never refused for its ratio (small files compress very well). */
  ratioFreeBytes: number;
  /** Inflating one request's bodies may take at most this long, in milliseconds. */
  maxInflateMs: number;
}

export interface Env {
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  host: string;
  port: number;
  anthropicApiKey: string | undefined;
  initAdminEmail: string | undefined;
  initAdminPassword: string | undefined;
  initApiToken: string | undefined;
  limits: Limits;
  /** Where uploads are spooled while they are validated; the OS temp dir by default. */
  spoolDir: string | undefined;
  /** Worker threads that run reads of a database file, each with its own connection (0: reads on the main thread). */
  readWorkers: number;
  /** How long a labeler holds an item without saving or renewing (the page renews every 2 minutes). */
  labelLeaseMs: number;
  /** The SDK's base URL (tests point it at the fake Messages API); the SDK's default when unset. */
  anthropicBaseUrl: string | undefined;
  judge: JudgeEnv;
  security: SecurityEnv;
}

/** How sessions are protected (README "Security"). */
export interface SecurityEnv {
  secureCookies: boolean;
  trustProxy: boolean;
  /** The public origin behind a proxy (CHARLENS_PUBLIC_URL): cookie-authenticated changes may come from it. */
  trustedOrigins: string[];
  sessionPolicy: { ttlMs: number; idleMs: number };
}

/** The judge's settings; every one has a default in server/judge/worker.ts or server/judge/prices.ts. */
export interface JudgeEnv {
  model: string | undefined;
  concurrency: number | undefined;
  leaseMs: number | undefined;
  batchPollMs: number | undefined;
  /** Price rows (USD per million tokens) that replace or add to the built-in table. */
  prices: Record<string, { input: number; output: number; cacheWrite: number; cacheRead: number }>;
  rubricsDir: string | undefined;
}

export const defaultLimits: Limits = {
  maxBodyBytes: 512 * 1024 * 1024,
  maxLineBytes: 16 * 1024 * 1024,
  maxMessagesPerTranscript: 20_000,
  maxArchiveEntries: 100_000,
  maxImportFiles: 100,
  maxCompressionRatio: 100,
  ratioFreeBytes: 8 * 1024 * 1024,
  maxInflateMs: 60_000,
};

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));
const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : Number(v)))
    .pipe(z.number().int().positive());

const nonNegativeInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : Number(v)))
    .pipe(z.number().int().min(0));

const optionalInt = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : Number(v)))
  .pipe(z.number().int().positive().optional());

const envSchema = z.object({
  DATABASE_URL: z.string().default('file:./data/charlens.db'),
  DATABASE_AUTH_TOKEN: optional,
  HOST: z.string().default('127.0.0.1'),
  PORT: positiveInt(8787).pipe(z.number().max(65535)),
  ANTHROPIC_API_KEY: optional,
  CHARLENS_INIT_ADMIN_EMAIL: optional.pipe(z.email().optional()),
  CHARLENS_INIT_ADMIN_PASSWORD: optional,
  CHARLENS_INIT_API_TOKEN: optional,
  CHARLENS_SECURE_COOKIES: z.enum(['true', 'false', '']).optional(),
  CHARLENS_TRUST_PROXY: z.enum(['true', 'false', '']).optional(),
  CHARLENS_PUBLIC_URL: optional.pipe(z.url().optional()),
  CHARLENS_SESSION_DAYS: positiveInt(7),
  CHARLENS_SESSION_IDLE_HOURS: positiveInt(12),
  CHARLENS_LABEL_LEASE_SECONDS: positiveInt(DEFAULT_LABEL_LEASE_MS / 1000),
  CHARLENS_MAX_BODY_BYTES: positiveInt(defaultLimits.maxBodyBytes),
  CHARLENS_MAX_LINE_BYTES: positiveInt(defaultLimits.maxLineBytes),
  CHARLENS_MAX_MESSAGES: positiveInt(defaultLimits.maxMessagesPerTranscript),
  CHARLENS_MAX_ARCHIVE_ENTRIES: positiveInt(defaultLimits.maxArchiveEntries),
  CHARLENS_MAX_IMPORT_FILES: positiveInt(defaultLimits.maxImportFiles),
  CHARLENS_MAX_COMPRESSION_RATIO: positiveInt(defaultLimits.maxCompressionRatio),
  CHARLENS_MAX_INFLATE_SECONDS: positiveInt(defaultLimits.maxInflateMs / 1000),
  CHARLENS_SPOOL_DIR: optional,
  CHARLENS_READ_WORKERS: nonNegativeInt(DEFAULT_READ_WORKERS).pipe(z.number().max(64)),
  ANTHROPIC_BASE_URL: optional.pipe(z.url().optional()),
  CHARLENS_JUDGE_MODEL: optional,
  CHARLENS_JUDGE_CONCURRENCY: optionalInt,
  CHARLENS_JUDGE_LEASE_MS: optionalInt,
  CHARLENS_JUDGE_BATCH_POLL_MS: optionalInt,
  CHARLENS_JUDGE_PRICES: optional
    .transform((v, ctx) => {
      if (v === undefined) return {};
      try {
        const parsed: unknown = JSON.parse(v);
        return parsed;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON: {"model": {"input": 2, "output": 10, "cacheWrite": 2.5, "cacheRead": 0.1}}' });
        return z.NEVER;
      }
    })
    .pipe(priceOverridesSchema),
  CHARLENS_RUBRICS_DIR: optional,
});

/** The only reader of process.env. Throws one error naming every bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (Boolean(e.CHARLENS_INIT_ADMIN_EMAIL) !== Boolean(e.CHARLENS_INIT_ADMIN_PASSWORD)) {
    throw new Error('Invalid configuration: set both CHARLENS_INIT_ADMIN_EMAIL and CHARLENS_INIT_ADMIN_PASSWORD, or neither');
  }
  return {
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    host: e.HOST,
    port: e.PORT,
    anthropicApiKey: e.ANTHROPIC_API_KEY,
    initAdminEmail: e.CHARLENS_INIT_ADMIN_EMAIL,
    initAdminPassword: e.CHARLENS_INIT_ADMIN_PASSWORD,
    initApiToken: e.CHARLENS_INIT_API_TOKEN,
    limits: {
      maxBodyBytes: e.CHARLENS_MAX_BODY_BYTES,
      maxLineBytes: e.CHARLENS_MAX_LINE_BYTES,
      maxMessagesPerTranscript: e.CHARLENS_MAX_MESSAGES,
      maxArchiveEntries: e.CHARLENS_MAX_ARCHIVE_ENTRIES,
      maxImportFiles: e.CHARLENS_MAX_IMPORT_FILES,
      maxCompressionRatio: e.CHARLENS_MAX_COMPRESSION_RATIO,
      ratioFreeBytes: defaultLimits.ratioFreeBytes,
      maxInflateMs: e.CHARLENS_MAX_INFLATE_SECONDS * 1000,
    },
    spoolDir: e.CHARLENS_SPOOL_DIR,
    readWorkers: e.CHARLENS_READ_WORKERS,
    labelLeaseMs: e.CHARLENS_LABEL_LEASE_SECONDS * 1000,
    anthropicBaseUrl: e.ANTHROPIC_BASE_URL,
    judge: {
      model: e.CHARLENS_JUDGE_MODEL,
      concurrency: e.CHARLENS_JUDGE_CONCURRENCY,
      leaseMs: e.CHARLENS_JUDGE_LEASE_MS,
      batchPollMs: e.CHARLENS_JUDGE_BATCH_POLL_MS,
      prices: e.CHARLENS_JUDGE_PRICES,
      rubricsDir: e.CHARLENS_RUBRICS_DIR,
    },
    security: {
      secureCookies: e.CHARLENS_SECURE_COOKIES === 'true',
      trustProxy: e.CHARLENS_TRUST_PROXY === 'true',
      trustedOrigins: e.CHARLENS_PUBLIC_URL ? [new URL(e.CHARLENS_PUBLIC_URL).origin] : [],
      sessionPolicy: { ttlMs: e.CHARLENS_SESSION_DAYS * 24 * 3600 * 1000, idleMs: e.CHARLENS_SESSION_IDLE_HOURS * 3600 * 1000 },
    },
  };
}

export interface CliEnv {
  url: string | undefined;
  token: string | undefined;
}

/** What the remote CLI commands read when `--url` / `--token` are not given. */
export function readCliEnv(source: NodeJS.ProcessEnv = process.env): CliEnv {
  return { url: source['CHARLENS_URL'] || undefined, token: source['CHARLENS_TOKEN'] || undefined };
}
