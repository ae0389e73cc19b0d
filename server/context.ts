import type { Database } from '../db/client.ts';
import type { Role } from '../db/schema/index.ts';
import type { TokenScope } from './auth/users.ts';
import type { Limits } from './env.ts';
import type { FormatRegistry } from './ingest/formats/registry.ts';
import type { JudgeDeps } from './judge/deps.ts';
import type { Logger } from './lib/logger.ts';

/** Everything the app needs, handed to `createApp`; nothing is opened at import time. */
export interface AppDeps {
  database: Database;
  limits: Limits;
  logger: Logger;
  spoolDir?: string | undefined;
  /** The one-time secret of the first-start setup URL; null once an admin exists. */
  setup: { token: string | null };
  /** The built web app (dist/web); the API alone is served when absent. */
  webDir?: string | undefined;
  /** Secure cookies when the app is served over HTTPS. */
  secureCookies?: boolean;
  /** The import formats (server/ingest/formats/registry.ts); the built-in ones when absent. */
  formats?: FormatRegistry;
  /** The Claude judge (rubrics, API client, worker); judge routes answer 422 without it. */
  judge?: JudgeDeps;
}

export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  /** Session users have every right of their role; token users only their token's scopes. */
  via: 'session' | 'token';
  scopes: TokenScope[];
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    user: AuthUser;
  };
};
