import type { Database } from '../db/client.ts';
import type { Role } from '../db/schema/index.ts';
import type { TokenScope } from './auth/access.ts';
import type { Limits } from './env.ts';
import type { FormatRegistry } from './ingest/formats/registry.ts';
import type { JudgeDeps } from './judge/deps.ts';
import type { LoginLimiter } from './auth/rate-limit.ts';
import type { Logger } from './lib/logger.ts';

/** Everything the app needs, handed to `createApp`; nothing is opened at import time. */
export interface AppDeps extends Required<AppSecurity> {
  database: Database;
  limits: Limits;
  logger: Logger;
  spoolDir?: string | undefined;
  /** The one-time secret of the first-start setup URL; null once an admin exists. */
  setup: { token: string | null };
  /** The built web app (dist/web); the API alone is served when absent. */
  webDir?: string | undefined;
  /** The import formats (server/ingest/formats/registry.ts); the built-in ones when absent. */
  formats?: FormatRegistry;
  /** The Claude judge (rubrics, API client, worker); judge routes answer 422 without it. */
  judge?: JudgeDeps;
  /** How long a labeler's claim on an item lasts without a renewal (labeling/work.ts has the default). */
  labelLeaseMs?: number;
}

/** How the app protects sessions; `createApp` fills in what is not given. */
export interface AppSecurity {
  /** Secure cookies always (behind a TLS proxy that does not say so); else when the request is HTTPS. */
  secureCookies?: boolean;
  /** Honour X-Forwarded-For and X-Forwarded-Proto (set only behind a proxy that sets them). */
  trustProxy?: boolean;
  /** Origins besides the request's own that may make cookie-authenticated changes (a proxy's public URL). */
  trustedOrigins?: readonly string[];
  /** Session lifetime and idle timeout. */
  sessionPolicy?: { ttlMs: number; idleMs: number };
  /** Failed-login throttling, per address and per account. */
  loginLimiter?: LoginLimiter;
}

/** What `createApp` is given: everything but the security settings, which have defaults. */
export type AppOptions = Omit<AppDeps, keyof AppSecurity> & AppSecurity;

export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  /** Session users have their role's scopes; token users their token's, capped at the role's. */
  via: 'session' | 'token';
  scopes: TokenScope[];
  /** The session or token the request came with. */
  sessionId?: string;
  tokenId?: string;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    user: AuthUser;
  };
};
