import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { apiTokens, users } from '../../db/schema/index.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../lib/logger.ts';
import { hashSecret } from './secrets.ts';
import { createApiToken, createUser } from './users.ts';

/**
 * First start. With CHARLENS_INIT_ADMIN_EMAIL/_PASSWORD (and CHARLENS_INIT_API_TOKEN) the admin and an
 * admin-scoped token with that exact value are created if absent. With no admin at all and no init
 * variables, a one-time setup secret is returned for the setup URL.
 */
export async function bootstrapAuth(
  database: Database,
  env: Pick<Env, 'initAdminEmail' | 'initAdminPassword' | 'initApiToken'>,
  logger: Logger,
): Promise<{ setupToken: string | null }> {
  const { db } = database;
  if (env.initAdminEmail && env.initAdminPassword) {
    const email = env.initAdminEmail.toLowerCase();
    let [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!admin) {
      admin = await createUser(database, { email, password: env.initAdminPassword, role: 'admin' }, null);
      logger.info('init.admin_created', { email });
    }
    if (env.initApiToken) {
      const [token] = await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.tokenHash, hashSecret(env.initApiToken)));
      if (!token) {
        await createApiToken(database, { userId: admin.id, name: 'init', scopes: ['admin'], secret: env.initApiToken });
        logger.info('init.token_created', { email });
      }
    }
  } else if (env.initApiToken) {
    throw new Error('CHARLENS_INIT_API_TOKEN needs CHARLENS_INIT_ADMIN_EMAIL and CHARLENS_INIT_ADMIN_PASSWORD to name its owner');
  }
  const [anyAdmin] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
  return { setupToken: anyAdmin ? null : randomBytes(18).toString('base64url') };
}
