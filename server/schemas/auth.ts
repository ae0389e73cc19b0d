import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../auth/users.ts';
import { storedString } from '../lib/text.ts';
import { idSchema, isoTime, roleSchema } from './common.ts';

const email = z.email().max(320).describe('Compared case-insensitively');
const newPassword = z.string().min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`).max(1000);

export const loginBody = z.object({ email, password: z.string().min(1).max(1000) }).meta({ examples: [{ email: 'you@example.com', password: 'correct horse battery' }] });
export const setupBody = z.object({
  token: z.string().min(1).max(200).describe('The one-time secret of the setup link the server printed'),
  email,
  password: newPassword,
});
export const createUserBody = z.object({ email, password: newPassword, role: roleSchema });

export const publicUserSchema = z.object({ id: idSchema, email: z.string(), role: roleSchema }).meta({ id: 'User' });
export const userEnvelope = z.object({ user: publicUserSchema });
export const meSchema = z.object({
  user: publicUserSchema,
  via: z.enum(['session', 'token']).describe('How this request was authenticated'),
});

export const tokenScopeSchema = z.enum(['read', 'write', 'admin']).describe('read: read routes; write: uploads, imports, judge runs; admin: everything');
export const createTokenBody = z.object({
  name: storedString({ max: 100, trim: true }).describe('A label for the token, e.g. the script that uses it'),
  scopes: z.array(tokenScopeSchema).min(1).default(['read', 'write']),
}).meta({ examples: [{ name: 'nightly-eval-upload', scopes: ['write'] }] });
export const createdTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  token: z.string().describe('The secret: shown only in this answer; send it as Authorization: Bearer <token>'),
  scopes: z.array(tokenScopeSchema),
});
export const tokenListSchema = z.object({
  items: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      scopes: z.array(z.string()),
      createdAt: isoTime,
      lastUsedAt: isoTime.nullable().describe('Last use, to within 10 minutes; null if never used'),
    }),
  ),
});

export const healthSchema = z.object({
  status: z.literal('ok'),
  needsSetup: z.boolean().describe('True until the first admin exists: the web app shows the setup page'),
});
